"""The core against tables PyTorch measured (data/golden/*.json, made by tools/make_golden.py).

No torch needed here: the JSON holds what torch 2.13 reported for random layers and stacks
(output shapes, sum of p.numel(), FlopCounterMode totals, gradient boxes of single outputs with
all-positive weights) and the configurations it rejected.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizcnn.core import LayerError, analyze, rf_box

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden"


def load(name: str) -> list[dict]:
    doc = json.loads((GOLDEN / name).read_text())
    assert doc["count"] == len(doc["cases"]) > 0
    return doc["cases"]


LAYERS = load("layers.json")
STACKS = load("stacks.json")
INVALID = load("invalid.json")


def _ids(cases):
    return [f"{i}:{' | '.join(c['layers'])[:60]}" for i, c in enumerate(cases)]


@pytest.mark.parametrize("case", LAYERS, ids=_ids(LAYERS))
def test_layer_shapes_params_flops(case):
    report = analyze(tuple(case["input"]), case["layers"])
    assert [list(r.output) for r in report.layers] == case["outputs"]
    assert report.params == case["params"]
    assert report.flops == case["flops"]
    assert report.macs * 2 == report.flops


@pytest.mark.parametrize("case", STACKS, ids=_ids(STACKS))
def test_stack(case):
    shape = tuple(case["input"])
    report = analyze(shape, case["layers"])
    assert [list(r.output) for r in report.layers] == case["outputs"]
    assert report.params == case["params"]
    assert report.flops == case["flops"]
    spatial = shape[1:]
    rf = report.rf
    has_transposed = any(t.startswith("ConvTranspose") for t in case["layers"])
    if has_transposed:
        assert rf is None and report.rf_note  # not one number per axis: said, not guessed
    else:
        assert rf is not None
    for probe in case["probes"]:
        pos = tuple(probe["position"])
        want = None if probe["box"] is None else tuple(tuple(b) for b in probe["box"])
        # torch's gradient shows only real pixels: the core's clipped box must match exactly
        assert rf_box(shape, case["layers"], pos, clip=True) == want, pos
        if rf is None or want is None:
            continue
        span = rf.span(pos)
        assert rf_box(shape, case["layers"], pos) == span
        if probe["interior"]:  # a field well inside the input: torch saw all of it
            assert span == want, pos
        clipped = tuple(
            (max(lo, 0), min(hi, n - 1)) for (lo, hi), n in zip(span, spatial, strict=True)
        )
        # the gradient's box lies inside the clipped recurrence box
        assert all(
            c_lo <= w_lo and w_hi <= c_hi
            for (c_lo, c_hi), (w_lo, w_hi) in zip(clipped, want, strict=True)
        ), pos
        if case["dense"]:
            # no holes (dilation 1, kernel >= stride): the left edge is exact even when it is
            # clipped. (Not the right edge: a floor-mode layer may drop the last input pixels,
            # which a later layer's right padding still covers in the recurrence's coordinates.)
            assert [c[0] for c in clipped] == [w[0] for w in want], pos


@pytest.mark.parametrize("case", INVALID, ids=_ids(INVALID))
def test_invalid_rejected(case):
    with pytest.raises(LayerError) as info:
        analyze(tuple(case["input"]), case["layers"])
    text = str(info.value)
    assert "\n" not in text and info.value.rule


def test_golden_counts():
    assert len(LAYERS) >= 400 and len(STACKS) >= 200 and len(INVALID) >= 300
    assert sum(any(t.startswith("ConvTranspose") for t in c["layers"]) for c in STACKS) >= 20
    assert sum(c["dense"] for c in STACKS) >= 40
    interior = [p for c in STACKS for p in c["probes"] if p["interior"]]
    assert len(interior) >= 300


def test_negative_padding_rejected_even_where_torch_crops():
    """torch 2.13 accepts padding=-1 with a non-zeros padding_mode (F.pad crops); the project's
    rule rejects negative padding everywhere, so the core must refuse these."""
    doc = json.loads((GOLDEN / "invalid.json").read_text())
    for case in doc["stricter_than_torch"]:
        with pytest.raises(LayerError):
            analyze(tuple(case["input"]), case["layers"])


def _repr_is_faithful(case) -> bool:
    # torch's AvgPool repr prints only kernel_size, stride and padding: ceil_mode is lost
    return not ("AvgPool" in case["layers"][0] and "ceil_mode=True" in case["layers"][0])


REPR_CASES = [c for c in LAYERS if "torch_repr" in c and _repr_is_faithful(c)]


@pytest.mark.parametrize("case", REPR_CASES, ids=_ids(REPR_CASES))
def test_torch_print_text_parses_to_the_same_layer(case):
    """What print(model) shows for the layer (torch's own repr) gives the same numbers."""
    report = analyze(tuple(case["input"]), [case["torch_repr"]])
    assert [list(r.output) for r in report.layers] == case["outputs"]
    assert report.params == case["params"]
    assert report.flops == case["flops"]


def test_repr_cases_cover_most_layers():
    assert len(REPR_CASES) >= 350
