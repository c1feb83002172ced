"""Receptive fields from the core against the input pixels that actually influence an output.

The oracle runs a backward pass (the transpose of each layer) from one output pixel with
all-positive weights, so nothing cancels; a max-pool is probed through a sum over the same
windows (its own gradient reaches only the argmax). Boxes are compared, not sets: a dilated
kernel or a stride larger than the kernel leaves holes inside the field.
"""

from __future__ import annotations

import itertools

import oracle
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import OracleError, Spec

from quizcnn.core import analyze, make_layer, rf_back_to_front, rf_box


def _axis(nd, lo, hi):
    return st.tuples(*[st.integers(lo, hi)] * nd)


@st.composite
def window_layer(draw, nd, c, allow_transposed):
    kinds = ["Conv", "Conv", "MaxPool", "AvgPool"] + (
        ["ConvTranspose"] * 2 if allow_transposed else []
    )
    kind = draw(st.sampled_from(kinds))
    if draw(st.integers(0, 9)) == 0:  # an adaptive pool: uniform windows or not
        size = tuple(draw(st.integers(1, 5)) for _ in range(nd))
        return Spec(f"AdaptiveAvgPool{nd}d", (size if nd > 1 else size[0],)), c
    if kind == "Conv":
        cout = draw(st.integers(1, 2))
        kw = {"stride": draw(_axis(nd, 1, 3)), "dilation": draw(_axis(nd, 1, 3))}
        kw["padding"] = draw(st.one_of(_axis(nd, 0, 3), st.just("same")))
        if kw["padding"] == "same":
            kw["stride"] = 1
        return Spec(f"Conv{nd}d", (c, cout, draw(_axis(nd, 1, 4))), kw), cout
    if kind == "ConvTranspose":
        cout = draw(st.integers(1, 2))
        s, d = draw(_axis(nd, 1, 3)), draw(_axis(nd, 1, 2))
        op = tuple(draw(st.integers(0, max(a, b) - 1)) for a, b in zip(s, d, strict=True))
        kw = {"stride": s, "dilation": d, "padding": draw(_axis(nd, 0, 2)), "output_padding": op}
        return Spec(f"ConvTranspose{nd}d", (c, cout, draw(_axis(nd, 1, 4))), kw), cout
    k = draw(_axis(nd, 1, 4))
    kw = {
        "stride": draw(_axis(nd, 1, 3)),
        "padding": tuple(draw(st.integers(0, v // 2)) for v in k),
        "ceil_mode": draw(st.booleans()),
    }
    if kind == "MaxPool":
        kw["dilation"] = draw(_axis(nd, 1, 2))
    return Spec(f"{kind}{nd}d", (k,), kw), c


@st.composite
def stack_case(draw, allow_transposed=False):
    nd = draw(st.sampled_from([1, 1, 1, 2, 2, 3]))
    c = draw(st.integers(1, 2))
    specs, ch = [], c
    for _ in range(draw(st.integers(1, 4))):
        spec, ch = draw(window_layer(nd, ch, allow_transposed))
        specs.append(spec)
    n = draw(st.integers(6, {1: 48, 2: 16, 3: 9}[nd]))
    return (c, *[n] * nd), specs


def positions(out):
    """Every output position in 1-d; corners, edges and the middle in 2-d and 3-d."""
    if len(out) == 1:
        return [(i,) for i in range(out[0])]
    axes = [sorted({0, 1, o // 2, o - 2, o - 1} & set(range(o))) for o in out]
    return list(itertools.product(*axes))


def _run(shape, specs):
    try:
        return oracle.run(shape, specs)
    except OracleError:
        return None  # shapes/validity are another test's business


@settings(max_examples=250)
@given(stack_case())
def test_rf_matches_influence_box(case):
    shape, specs = case
    res = _run(shape, specs)
    if res is None:
        return
    layers = [make_layer(s.name, list(s.args), dict(s.kwargs)) for s in specs]
    report = analyze(shape, layers)
    rf = report.rf
    spatial = shape[1:]
    if rf is None:  # only after an adaptive pool with unequal windows: said, not guessed
        assert report.rf_note and any(s.name.startswith("Adaptive") for s in specs)
        for pos in positions(res.shapes[-1][1:]):
            want = oracle.box(oracle.influence(res, pos))
            assert rf_box(shape, layers, pos, clip=True) == want, pos
        return
    interior = 0
    for pos in positions(res.shapes[-1][1:]):
        mask, leaked = oracle.influence_and_leak(res, pos)
        want = oracle.box(mask)
        assert rf_box(shape, layers, pos, clip=True) == want, pos
        if want is None:
            continue
        span = rf.span(pos)
        assert rf_box(shape, layers, pos) == span
        if not leaked:  # no path through padding: the whole field is real input
            interior += 1
            assert span == want, pos
            lo, hi = rf.center(pos), tuple((a + b) / 2 for a, b in want)
            assert lo == hi
        else:  # the real pixels lie inside the clipped recurrence box
            for (a, b), (c, d), n in zip(span, want, spatial, strict=True):
                assert max(a, 0) <= c and d <= min(b, n - 1)
    # the classic hand method gives the same size and start on every axis
    for axis in range(len(spatial)):
        steps = rf_back_to_front(layers, axis=axis, input_shape=shape)
        assert steps[-1].r_in == rf.size[axis]
        assert steps[-1].x_in == rf.start[axis]


@settings(max_examples=150)
@given(stack_case(allow_transposed=True))
def test_rf_box_through_transposed_convs(case):
    """Per position, through transposed convs: the core's clipped box is the influence box."""
    shape, specs = case
    res = _run(shape, specs)
    if res is None:
        return
    layers = [make_layer(s.name, list(s.args), dict(s.kwargs)) for s in specs]
    report = analyze(shape, layers)
    if any(s.name.startswith("ConvTranspose") for s in specs):
        assert report.rf is None and report.rf_note
    for pos in positions(res.shapes[-1][1:]):
        want = oracle.box(oracle.influence(res, pos))
        assert rf_box(shape, layers, pos, clip=True) == want, pos
        if want is not None:
            unclipped = rf_box(shape, layers, pos)
            assert all(a <= c and d <= b for (a, b), (c, d) in zip(unclipped, want, strict=True))


def test_interior_outputs_are_exercised():
    """The strategies above do produce interior fields (not only clipped ones)."""
    shape = (1, 40)
    specs = [Spec("Conv1d", (1, 1, 3), {"dilation": 2, "padding": 2}), Spec("MaxPool1d", (2,))]
    res = oracle.run(shape, specs)
    mask, leaked = oracle.influence_and_leak(res, (10,))
    assert not leaked and oracle.box(mask) == ((18, 23),)
    mask, leaked = oracle.influence_and_leak(res, (0,))
    assert leaked and oracle.box(mask) == ((0, 3),)
