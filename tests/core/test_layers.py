"""Layer construction, canonical text, parameter counts and output shapes (hand-worked)."""

from __future__ import annotations

import pytest

from quizcnn.core import LAYER_NAMES, LayerError, make_layer


def L(name, *args, **kwargs):
    return make_layer(name, list(args), kwargs)


def test_resnet_stem_conv():
    conv = L("Conv2d", 3, 64, kernel_size=7, stride=2, padding=3, bias=False)
    assert conv.kind == "Conv2d"
    assert conv.params() == 64 * 3 * 7 * 7 == 9408
    assert (
        conv.text()
        == "Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)"
    )
    # (224 + 6 - 7) // 2 + 1 = 112
    assert conv.output_shape((3, 224, 224)) == (64, 112, 112)


def test_alexnet_torchvision_conv1():
    conv = L("Conv2d", 3, 64, 11, 4, 2)
    # (224 + 4 - 11) // 4 + 1 = 217 // 4 + 1 = 55
    assert conv.output_shape((3, 224, 224)) == (64, 55, 55)
    assert conv.params() == 64 * 3 * 121 + 64


def test_non_square_everything():
    conv = L("Conv2d", 2, 4, (3, 5), stride=(1, 2), padding=(0, 2), dilation=(2, 1))
    # H: (10 - 2*2 - 1) // 1 + 1 = 6 ; W: (9 + 4 - 4 - 1) // 2 + 1 = 5
    assert conv.output_shape((2, 10, 9)) == (4, 6, 5)
    assert conv.params() == 4 * 2 * 15 + 4


@pytest.mark.parametrize("k", [2, 3, 4, 5])
@pytest.mark.parametrize("d", [1, 2, 3])
def test_same_padding_keeps_size_and_puts_extra_right(k, d):
    conv = L("Conv1d", 1, 1, k, padding="same", dilation=d)
    assert conv.output_shape((1, 9)) == (1, 9)
    total = d * (k - 1)
    assert conv.pads(0) == (total // 2, total - total // 2)
    assert conv.padding == (total // 2,)


def test_even_kernel_same_padding_asymmetric():
    conv = L("Conv2d", 1, 1, 4, padding="same")
    assert conv.pads(0) == (1, 2)
    assert conv.text() == "Conv2d(1, 1, kernel_size=(4, 4), stride=(1, 1), padding='same')"


def test_valid_padding_is_zero():
    conv = L("Conv2d", 1, 1, 3, padding="valid")
    assert conv.output_shape((1, 5, 5)) == (1, 3, 3)


def test_grouped_and_depthwise_params():
    assert L("Conv2d", 32, 64, 3, groups=4, bias=False).params() == 64 * 8 * 9
    assert L("Conv2d", 32, 32, 3, groups=32).params() == 32 * 9 + 32


def test_conv3d_and_conv1d():
    c3 = L("Conv3d", 3, 8, (3, 3, 3), padding=1)
    assert c3.output_shape((3, 16, 32, 32)) == (8, 16, 32, 32)
    assert c3.params() == 8 * 3 * 27 + 8
    c1 = L("Conv1d", 4, 4, 5, stride=2)
    assert c1.output_shape((4, 20)) == (4, 8)


def test_transposed_conv_doubles():
    up = L("ConvTranspose2d", 16, 8, 4, stride=2, padding=1)
    # (28 - 1) * 2 - 2 + 3 + 1 = 56
    assert up.output_shape((16, 28, 28)) == (8, 56, 56)
    assert up.params() == 16 * 8 * 16 + 8
    assert up.macs((16, 28, 28), (8, 56, 56)) == 16 * 28 * 28 * 8 * 16


def test_transposed_output_padding_and_dilation():
    up = L("ConvTranspose2d", 4, 4, 3, stride=2, padding=1, output_padding=1)
    assert up.output_shape((4, 7, 7)) == (4, 14, 14)
    dil = L("ConvTranspose1d", 2, 2, 3, dilation=3, output_padding=2)
    # (4 - 1) * 1 + 3 * 2 + 2 + 1 = 12
    assert dil.output_shape((2, 4)) == (2, 12)
    grouped = L("ConvTranspose2d", 8, 4, 2, groups=2, bias=False)
    assert grouped.params() == 8 * 2 * 4


@pytest.mark.parametrize(
    ("n", "k", "s", "p", "ceil", "expected"),
    [
        (6, 3, 2, 1, False, 3),  # (6 + 2 - 3) // 2 + 1 = 3
        (6, 3, 2, 1, True, 4),  # ceil(5/2) + 1 = 4, (4-1)*2 = 6 < 6 + 1: kept
        (5, 2, 2, 0, True, 3),  # ceil(3/2) + 1 = 3; (3-1)*2 = 4 < 5: kept
        (5, 2, 2, 1, True, 3),  # ceil(5/2) + 1 = 4; (4-1)*2 = 6 >= 5 + 1: dropped
        (112, 3, 2, 1, False, 56),
        (1, 3, 3, 0, True, 1),  # window starts inside the input, PyTorch gives 1
    ],
)
def test_maxpool_ceil_mode(n, k, s, p, ceil, expected):
    pool = L("MaxPool1d", k, s, p, ceil_mode=ceil)
    assert pool.output_shape((3, n)) == (3, expected)


def test_pool_defaults_and_dilation():
    pool = L("MaxPool2d", 2)
    assert pool.stride == (2, 2)
    assert pool.output_shape((8, 7, 7)) == (8, 3, 3)
    dil = L("MaxPool2d", 3, stride=1, dilation=2)
    assert dil.output_shape((1, 9, 9)) == (1, 5, 5)
    assert L("AvgPool2d", (2, 3), stride=(2, 1)).output_shape((1, 8, 8)) == (1, 4, 6)
    assert L("AvgPool1d", 3, 2, 1, True).output_shape((1, 6)) == (1, 4)


def test_adaptive_pool_keeps_none_axis():
    pool = L("AdaptiveAvgPool2d", (None, 7))
    assert pool.output_shape((5, 9, 10)) == (5, 9, 7)
    assert L("AdaptiveAvgPool2d", 1).output_shape((512, 7, 7)) == (512, 1, 1)
    assert L("AdaptiveMaxPool1d", 3).output_shape((2, 10)) == (2, 3)


def test_linear_flatten_and_norms():
    flat = L("Flatten")
    assert flat.output_shape((512, 7, 7)) == (25088,)
    assert L("Flatten", 2).output_shape((3, 4, 5)) == (3, 20)
    assert L("Flatten", 1, 2).output_shape((3, 4, 5)) == (12, 5)
    fc = L("Linear", 25088, 4096)
    assert fc.params() == 25088 * 4096 + 4096
    assert fc.output_shape((25088,)) == (4096,)
    assert fc.macs((25088,), (4096,)) == 25088 * 4096
    assert L("Linear", 5, 2).output_shape((3, 4, 5)) == (3, 4, 2)
    assert L("BatchNorm2d", 64).params() == 128
    assert L("BatchNorm2d", 64, affine=False).params() == 0
    assert L("BatchNorm1d", 10).output_shape((10,)) == (10,)
    assert L("GroupNorm", 4, 64).params() == 128
    assert L("InstanceNorm2d", 64).params() == 0  # torch's default: affine=False
    assert L("InstanceNorm2d", 64, affine=True).params() == 128
    assert L("InstanceNorm2d", 64).output_shape((3, 5, 5)) == (3, 5, 5)  # C unused then
    assert L("LayerNorm", [64, 7, 7]).params() == 2 * 64 * 49
    assert L("LayerNorm", 7, elementwise_affine=False).params() == 0
    assert L("LayerNorm", 7, bias=False).output_shape((64, 7, 7)) == (64, 7, 7)
    assert L("LocalResponseNorm", 5, alpha=1e-4, beta=0.75, k=2.0).params() == 0
    assert L("PReLU", 16).params() == 16
    assert L("PReLU").params() == 1


@pytest.mark.parametrize("name", sorted(LAYER_NAMES))
def test_canonical_text_round_trips_through_make_layer(name):
    """text() is a constructor call: rebuilding from its own arguments gives the same layer."""
    import ast

    samples = {
        "Linear": [4, 3],
        "Flatten": [],
        "GroupNorm": [2, 4],
        "LayerNorm": [(4, 5)],
        "LocalResponseNorm": [3],
        "Threshold": [0.1, 0.0],
    }
    if name.startswith(("Conv", "ConvTranspose")):
        args = [4, 8, 3]
    elif "Pool" in name and "Adaptive" not in name:
        args = [3]
    elif "Adaptive" in name:
        args = [2]
    elif name.startswith(("BatchNorm", "InstanceNorm")):
        args = [4]
    elif "Pad" in name:
        args = [(1, -2) * int(name[-2])] + ([0.5] if name.startswith("Constant") else [])
    elif name.startswith("Upsampl"):
        args = [None, 2]
    elif name.startswith("Pixel"):
        args = [2]
    else:
        args = samples.get(name, [])
    layer = make_layer(name, args, {})
    call = ast.parse(layer.text(), mode="eval").body
    assert isinstance(call, ast.Call)
    assert call.func.id == name
    pos = [ast.literal_eval(a) for a in call.args]
    kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    assert make_layer(name, pos, kw) == layer


def test_torch_2_13_norm_bias_keyword():
    # torch 2.13: BatchNorm/GroupNorm(..., *, bias=True); bias=False keeps only the weight
    assert L("BatchNorm2d", 4, bias=False).params() == 4
    assert L("BatchNorm2d", 4, affine=False, bias=True).params() == 0
    assert L("GroupNorm", 2, 4, bias=False).params() == 4
    with pytest.raises(LayerError):  # keyword-only: not an 8th positional argument
        make_layer("BatchNorm2d", [4, 1e-5, 0.1, True, True, None, None, False], {})
    text = L("BatchNorm2d", 64).text()
    assert text == (
        "BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"
    )


def test_hardtanh_deprecated_names():
    assert L("Hardtanh", min_value=-2.0).text() == "Hardtanh(min_val=-2.0, max_val=1.0)"


def test_canonical_text_parses_back_with_parse_layer():
    from quizcnn.core import parse

    layers = [
        L("Conv2d", 3, 64, 7, 2, 3, bias=False),
        L("Conv2d", 8, 8, (3, 5), padding="same", dilation=(2, 1), groups=4),
        L("Conv1d", 2, 4, 3, padding="valid", padding_mode="reflect"),
        L("ConvTranspose2d", 8, 4, 4, 2, 1, output_padding=1, groups=2, dilation=2),
        L("MaxPool2d", 3, 2, 1, ceil_mode=True, return_indices=True),
        L("AvgPool2d", (2, 3), count_include_pad=False, divisor_override=5),
        L("AdaptiveAvgPool2d", (None, 7)),
        L("AdaptiveMaxPool2d", 3, return_indices=True),
        L("BatchNorm2d", 64, momentum=None, bias=False),
        L("GroupNorm", 2, 8, eps=1e-3),
        L("LocalResponseNorm", 5, alpha=1e-4, beta=0.75, k=2.0),
        L("Linear", 9216, 4096, bias=False),
        L("Flatten", 2, -1),
        L("LeakyReLU", 0.2, True),
        L("Dropout", 0.3),
        L("GELU", approximate="tanh"),
        L("Softmax", dim=1),
        L("Identity"),
        L("Upsample", scale_factor=(2, 1.5), mode="bilinear", align_corners=True),
        L("Upsample", (4, 5), recompute_scale_factor=False),
        L("UpsamplingNearest2d", 7),
        L("UpsamplingBilinear2d", scale_factor=2),
        L("PixelShuffle", 3),
        L("PixelUnshuffle", downscale_factor=2),
        L("ZeroPad2d", (1, 2, -3, 4)),
        L("ConstantPad1d", 2, -1.5),
        L("ReflectionPad2d", 1),
        L("ReplicationPad1d", (0, 3)),
        L("CircularPad2d", (1, 1, 0, 2)),
        L("ZeroPad3d", (1, 1)),
    ]
    for layer in layers:
        assert parse.parse_layer(layer.text()) == layer, layer.text()


def test_norm_texts_are_what_torch_prints():
    """print(model) of torch 2.13 (recorded): our canonical text is the same string, so a
    pasted model reads back as the same layers."""
    from quizcnn.core.layers import make_layer as L

    assert L("InstanceNorm2d", [8], {}).text() == (
        "InstanceNorm2d(8, eps=1e-05, momentum=0.1, affine=False, bias=False, "
        "track_running_stats=False)")
    assert L("InstanceNorm2d", [8], {"affine": True}).text() == (
        "InstanceNorm2d(8, eps=1e-05, momentum=0.1, affine=True, bias=True, "
        "track_running_stats=False)")
    assert L("BatchNorm2d", [8], {"affine": False}).text() == (
        "BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=False, bias=False, "
        "track_running_stats=True)")
    assert L("LayerNorm", [5], {}).text() == (
        "LayerNorm((5,), eps=1e-05, elementwise_affine=True, bias=True)")
    assert L("LayerNorm", [(4, 5)], {"elementwise_affine": False}).text() == (
        "LayerNorm((4, 5), eps=1e-05, elementwise_affine=False, bias=False)")
