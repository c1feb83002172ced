"""Upsample, PixelShuffle/Unshuffle and the padding layers: hand examples whose numbers were
measured with torch 2.13 (CPU) when they were written, rules PyTorch enforces, and receptive
fields through them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizcnn.core import LayerError, analyze, make_layer, rf_back_to_front, rf_box
from quizcnn.core.parse import parse_layer, parse_layers

# (input, layer text, output) as torch 2.13 printed them; params and FlopCounterMode FLOPs were 0
TORCH_SHAPES = [
    ((3, 7, 9), "nn.Upsample(scale_factor=1.7, mode='bilinear')", (3, 11, 15)),
    ((3, 7, 9), "nn.Upsample(scale_factor=(2, 0.5))", (3, 14, 4)),
    ((3, 10), "nn.Upsample(size=25, mode='linear', align_corners=True)", (3, 25)),
    ((2, 3, 5, 6), "nn.Upsample(scale_factor=1.3, mode='trilinear')", (2, 3, 6, 7)),
    ((2, 3, 5, 6), "nn.Upsample(scale_factor=2.5, mode='nearest-exact')", (2, 7, 12, 15)),
    ((3, 13, 13), "nn.Upsample(scale_factor=0.3, mode='area')", (3, 3, 3)),
    ((3, 11), "nn.Upsample(scale_factor=0.3333333333333333, recompute_scale_factor=True)", (3, 3)),
    ((3, 7, 9), "nn.UpsamplingBilinear2d(scale_factor=2)", (3, 14, 18)),
    ((3, 7, 9), "nn.UpsamplingNearest2d(size=(4, 20))", (3, 4, 20)),
    ((18, 5, 7), "nn.PixelShuffle(3)", (2, 15, 21)),
    ((3, 8, 12), "nn.PixelUnshuffle(4)", (48, 2, 3)),
    ((3, 7, 9), "nn.ZeroPad2d((1, 2, -3, 4))", (3, 8, 12)),
    ((3, 9), "nn.ConstantPad1d((-2, 5), 1.5)", (3, 12)),
    ((3, 7, 9), "nn.ReflectionPad2d((8, 8, 6, 6))", (3, 19, 25)),
    ((3, 7, 9), "nn.ReplicationPad2d((20, -8, 0, 1))", (3, 8, 21)),
    ((3, 7, 9), "nn.CircularPad2d((9, 0, -6, 7))", (3, 8, 18)),
]


@pytest.mark.parametrize(("shape", "text", "out"), TORCH_SHAPES)
def test_shapes_measured_with_torch(shape, text, out):
    report = analyze(shape, [text])
    assert report.output == out
    assert (report.params, report.macs, report.flops) == (0, 0, 0)


def test_float_arithmetic_in_an_argument_is_refused():
    with pytest.raises(LayerError, match="whole numbers only"):
        parse_layer("nn.Upsample(scale_factor=2 * 1.5)")
    with pytest.raises(LayerError, match="'/' is not computed"):
        parse_layer("nn.Upsample(scale_factor=1 / 3)")


# print(model) of torch 2.13 for a small decoder (align_corners is not shown for Upsample)
PRINTED = """\
Sequential(
  (0): Conv2d(3, 12, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (1): PixelShuffle(upscale_factor=2)
  (2): ReflectionPad2d((1, 1, 1, 1))
  (3): Upsample(scale_factor=2.0, mode='bilinear')
  (4): ConstantPad2d(padding=(0, 1, 0, 1), value=0.0)
  (5): UpsamplingNearest2d(scale_factor=2.0, mode='nearest')
  (6): AvgPool2d(kernel_size=2, stride=2, padding=0)
)
"""


def test_print_model_text_reads_back():
    layers = parse_layers(PRINTED)
    assert [layer.kind for layer in layers][1:6] == [
        "PixelShuffle",
        "ReflectionPad2d",
        "Upsample",
        "ConstantPad2d",
        "UpsamplingNearest2d",
    ]
    report = analyze((3, 8, 8), layers)
    # 8 -> shuffle 16 -> pad 18 -> x2 36 -> pad 37 -> x2 74 -> pool 37
    assert report.output == (3, 37, 37)
    assert report.params == 12 * 3 * 9 + 12


def test_print_model_flatten_goes_after_a_resampling_layer():
    text = (
        "Net(\n  (conv): Conv2d(1, 4, kernel_size=(1, 1), stride=(1, 1))\n"
        "  (ps): PixelShuffle(upscale_factor=2)\n"
        "  (fc): Linear(in_features=16, out_features=2, bias=True)\n)\n"
    )
    kinds = [layer.kind for layer in parse_layers(text)]
    assert kinds == ["Conv2d", "PixelShuffle", "Flatten", "Linear"]
    assert analyze((1, 2, 2), parse_layers(text)).output == (2,)


@pytest.mark.parametrize(
    ("shape", "text", "rule"),
    [
        ((3, 7, 9), "ReflectionPad2d((0, 0, 7, 0))", "reflect-padding-too-large"),
        ((3, 7, 9), "CircularPad2d((10, 0, 0, 0))", "circular-padding-too-large"),
        ((3, 5), "ZeroPad1d((-3, -2))", "output-too-small"),
        ((3, 5), "ReplicationPad1d((-6, 1))", "output-too-small"),
        ((3, 5), "ZeroPad2d(1)", "input-rank"),
        ((6, 3, 3), "PixelShuffle(2)", "shuffle-channels"),
        ((3, 5, 6), "PixelUnshuffle(2)", "unshuffle-size"),
        ((3, 4, 5), "PixelUnshuffle(2)", "unshuffle-size"),
        ((8, 3), "PixelShuffle(2)", "input-rank"),
        ((3, 7), "Upsample(scale_factor=2, mode='bilinear')", "input-rank"),
        ((3, 7, 7), "Upsample(size=(4, 4, 4))", "tuple-length"),
        ((3, 7, 7), "Upsample(scale_factor=0.1)", "output-too-small"),
    ],
)
def test_input_rules(shape, text, rule):
    with pytest.raises(LayerError) as info:
        analyze(shape, [text])
    assert info.value.rule == rule and info.value.index == 0


@pytest.mark.parametrize(
    ("name", "args", "kwargs", "rule"),
    [
        ("Upsample", [], {}, "size-or-scale"),
        ("Upsample", [4], {"scale_factor": 2}, "size-or-scale"),
        ("Upsample", [], {"scale_factor": 2, "align_corners": True}, "align-corners-mode"),
        ("Upsample", [4], {"recompute_scale_factor": True}, "recompute-with-size"),
        ("Upsample", [], {"scale_factor": -2}, "positive"),
        ("Upsample", [], {"scale_factor": 2, "mode": "cubic"}, "bad-choice"),
        ("Upsample", [0], {}, "positive"),
        ("UpsamplingNearest2d", [], {"scale_factor": 2, "mode": "bilinear"}, "unknown-argument"),
        ("PixelShuffle", [0], {}, "positive"),
        ("PixelShuffle", [2.0], {}, "int-type"),
        ("ZeroPad2d", [(1, 2, 3)], {}, "pad-pairs"),
        ("ZeroPad1d", [(1, 2, 3, 4)], {}, "tuple-length"),
        ("ZeroPad2d", [1.5], {}, "int-type"),
        ("ConstantPad1d", [2], {}, "missing-argument"),
    ],
)
def test_constructor_rules(name, args, kwargs, rule):
    with pytest.raises(LayerError) as info:
        make_layer(name, args, kwargs)
    assert info.value.rule == rule


def test_scale_factor_zero_counts_as_not_given_as_in_pytorch():
    # nn.Upsample stores float(s) if s else None, so size=5 with scale_factor=0 works
    assert analyze((4, 7, 9), ["Upsample(size=5, scale_factor=0)"]).output == (4, 5, 5)


def test_pad_tuple_order_is_last_axis_first():
    pad = make_layer("ZeroPad2d", [(1, 2, 3, 4)], {})
    assert (pad.pads(0), pad.pads(1)) == ((3, 4), (1, 2))  # H gets (top, bottom)
    assert make_layer("ZeroPad2d", [(1, 2)], {}).output_shape((3, 5, 5)) == (3, 5, 8)


# --- receptive fields ----------------------------------------------------------------------


def test_padding_moves_the_start_only():
    report = analyze((1, 20, 20), ["ZeroPad2d((1, 0, 2, 0))", "Conv2d(1, 1, 3, stride=2)"])
    assert report.rf.size == (3, 3) and report.rf.jump == (2, 2)
    assert report.rf.start == (-2, -1)  # (H, W): top 2, left 1
    crop = analyze((1, 20), ["Conv1d(1, 1, 3, stride=2)", "ConstantPad1d((-2, 0), 0.0)"])
    assert crop.rf.start == (4,) and crop.rf.size == (3,)
    steps = rf_back_to_front(["ZeroPad1d(3)", "Conv1d(1, 1, 5)"])
    assert steps[-1].r_in == 5 and steps[-1].x_in == -3


def test_pixel_unshuffle_is_a_window():
    report = analyze((1, 8, 8), ["PixelUnshuffle(2)", "Conv2d(4, 1, 3)"])
    assert report.rf.size == (6, 6) and report.rf.jump == (2, 2) and report.rf.start == (0, 0)


@pytest.mark.parametrize(
    "layer",
    ["PixelShuffle(2)", "Upsample(scale_factor=2)", "Upsample(scale_factor=1.5, mode='bilinear')"],
)
def test_field_after_resampling_is_explained(layer):
    row = analyze((4, 8, 8), ["Conv2d(4, 4, 3)", layer, "ReLU()"]).layers[2]
    assert row.rf is None
    assert "fraction of a pixel" in row.rf_note and "rf_box" not in row.rf_note
    with pytest.raises(LayerError):
        rf_back_to_front([layer])


# nearest index maps measured with torch 2.13 (2-d input, the axis under test first)
NEAREST_2D = [
    (5, {"scale_factor": (1.7, 1.0)}, [0, 0, 1, 1, 2, 2, 3, 4]),
    (4, {"scale_factor": (2.5, 1.0)}, [0, 0, 0, 1, 1, 2, 2, 2, 3, 3]),
    (4, {"scale_factor": (2.5, 1.0), "mode": "nearest-exact"}, [0, 0, 1, 1, 1, 2, 2, 3, 3, 3]),
    (10, {"size": (4, 2)}, [0, 2, 5, 7]),
    (3, {"scale_factor": (1.05, 1.0)}, [0, 1, 2]),  # the 2-d kernel copies when out == n
]


@pytest.mark.parametrize(("n", "kwargs", "expected"), NEAREST_2D)
def test_rf_box_through_nearest_upsampling_matches_torch(n, kwargs, expected):
    layer = make_layer("Upsample", [], kwargs)
    out = analyze((1, n, 2), [layer]).output
    got = [rf_box((1, n, 2), [layer], (o, 0))[0] for o in range(out[1])]
    assert got == [(i, i) for i in expected]


def test_rf_box_nearest_1d_has_no_copy_shortcut():
    # torch 2.13, 1-d input of 5 with scale_factor=1.05: [0, 0, 1, 2, 3] (2-d would copy)
    got = [rf_box((1, 5), ["Upsample(scale_factor=1.05)"], (o,))[0] for o in range(5)]
    assert got == [(i, i) for i in [0, 0, 1, 2, 3]]


def test_rf_box_through_a_decoder_by_hand():
    layers = [
        "Conv2d(3, 12, 3, padding=1)",
        "PixelShuffle(2)",
        "ZeroPad2d((1, 0, 2, 0))",
        "Upsample(scale_factor=2)",
        "Conv2d(3, 3, 3)",
    ]
    # output (0, 0): conv taps 0..2 -> upsample copies 0..1 -> pad (top 2, left 1):
    # H -2..-1, W -1..0 -> shuffle (// 2): H -1, W -1..0 -> conv with padding 1
    assert rf_box((3, 8, 8), layers, (0, 0)) == ((-2, 0), (-2, 1))
    assert analyze((3, 8, 8), layers).layers[-1].rf is None


def test_rf_box_refuses_interpolating_modes_and_rounding_boundaries():
    with pytest.raises(LayerError) as info:
        rf_box((1, 8, 8), ["Upsample(scale_factor=2, mode='bilinear')"], (3, 3))
    assert info.value.rule == "rf-box-interpolation" and info.value.index == 0
    # 1-d nearest-exact, 2 -> 55: output 27 sits exactly on 1.0, where float32 decides
    with pytest.raises(LayerError) as info:
        rf_box((1, 2), ["Upsample(size=55, mode='nearest-exact')"], (27,))
    assert info.value.rule == "rf-box-rounding"
    assert rf_box((1, 2), ["Upsample(size=55, mode='nearest-exact')"], (26,)) == ((0, 0),)


def test_area_mode_is_an_adaptive_pool():
    report = analyze((1, 12), ["Upsample(scale_factor=0.25, mode='area')"])
    assert report.output == (1, 3) and report.rf.size == (4,) and report.rf.jump == (4,)


# --- tables measured with torch 2.13 (tests/core/golden_resample.json) ------------------------

_GOLDEN = json.loads((Path(__file__).parent / "golden_resample.json").read_text())


def _tuples(value):
    return tuple(value) if isinstance(value, list) else value


@pytest.mark.parametrize("case", _GOLDEN["shapes"], ids=lambda c: f"{c['layer'][0]}{c['input']}")
def test_golden_shapes_and_refusals(case):
    name, args, kwargs = case["layer"]
    try:
        layer = make_layer(
            name, [_tuples(a) for a in args], {k: _tuples(v) for k, v in kwargs.items()}
        )
        out = list(analyze(tuple(case["input"]), [layer]).output)
    except LayerError:
        out = None
    assert out == case["output"]


def test_golden_nearest_source_pixels():
    """Which input pixel each nearest / nearest-exact output copies, as torch computed it; the
    core may decline (rf-box-rounding) only for nearest-exact off the 2-d kernel."""
    declined = compared = 0
    for case in _GOLDEN["nearest"]:
        kwargs = {k: _tuples(v) for k, v in case["kwargs"].items()}
        shape = tuple(case["input"])
        layer = make_layer("Upsample", [], kwargs)
        assert list(analyze(shape, [layer]).output) == case["output"]
        rest = (0,) * (len(shape) - 2)
        for o, src in enumerate(case["source"]):
            try:
                box = rf_box(shape, [layer], (o, *rest))
            except LayerError as err:
                assert err.rule == "rf-box-rounding"
                assert kwargs["mode"] == "nearest-exact" and len(shape) != 3
                declined += 1
                continue
            compared += 1
            assert box[0] == (src, src), (case, o)
    assert compared > 20 * declined


def test_note_changes_when_a_later_layer_ends_the_per_position_field():
    layers = ["PixelShuffle(2)", "ReLU()", "Upsample(scale_factor=2, mode='bilinear')", "Flatten()"]
    notes = [row.rf_note for row in analyze((4, 4, 4), layers).layers]
    assert "can still be computed exactly" in notes[0] and notes[1] == notes[0]
    assert "does not trace 'bilinear'" in notes[2]
    assert "Flatten merges" in notes[3]
    rf_box((4, 4, 4), layers[:2], (3, 3))  # still exact before the bilinear layer
