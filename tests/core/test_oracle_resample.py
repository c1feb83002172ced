"""Padding, nearest upsampling and pixel (un)shuffle: the core against the numpy oracle.

The oracle pads with numpy.pad, upsamples by an index map and shuffles by reshaping; its
backward pass is the transpose of each of those. Receptive fields are compared as the union over
output channels (the core's field is spatial: a following conv mixes every channel)."""

from __future__ import annotations

import itertools

import numpy as np
import oracle
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import OracleError, Spec

from quizcnn.core import LayerError, analyze, make_layer, rf_box

PAD_KINDS = ["Zero", "Constant", "Reflection", "Replication", "Circular"]
SCALES = [0.5, 0.7, 1.0, 1.05, 1.3, 1.5, 1.72, 2.0, 2.5, 3.0, 1 / 3]


@st.composite
def pad_spec(draw, nd):
    kind = draw(st.sampled_from(PAD_KINDS))
    if draw(st.booleans()):
        padding = draw(st.integers(-2, 3))
    else:
        pairs = draw(st.integers(1, nd))
        padding = tuple(draw(st.integers(-2, 4)) for _ in range(2 * pairs))
    args = (padding, 0.5) if kind == "Constant" else (padding,)
    return Spec(f"{kind}Pad{nd}d", args)


@st.composite
def upsample_spec(draw, nd):
    kw = {"mode": draw(st.sampled_from(["nearest", "nearest-exact"]))}
    if draw(st.booleans()):
        kw["size"] = tuple(draw(st.integers(1, 14)) for _ in range(nd))
    else:
        kw["scale_factor"] = tuple(draw(st.sampled_from(SCALES)) for _ in range(nd))
        if draw(st.booleans()):
            kw["recompute_scale_factor"] = True
    return Spec("Upsample", (), kw)


@st.composite
def stack(draw):
    nd = draw(st.sampled_from([1, 2, 2, 2, 3]))
    c = 1
    specs = []
    for _ in range(draw(st.integers(1, 4))):
        kinds = ["pad", "pad", "up", "conv"] + (["shuffle", "unshuffle"] if nd == 2 else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "pad":
            specs.append(draw(pad_spec(nd)))
        elif kind == "up":
            specs.append(draw(upsample_spec(nd)))
        elif kind == "conv":
            k, s = draw(st.integers(1, 3)), draw(st.integers(1, 2))
            specs.append(Spec(f"Conv{nd}d", (c, 2, k), {"stride": s}))
            c = 2
        else:
            r = draw(st.integers(1, 3))
            if kind == "shuffle":
                specs.append(Spec("Conv2d", (c, r * r, 1)))
                specs.append(Spec("PixelShuffle", (r,)))
                c = 1
            else:
                specs.append(Spec("PixelUnshuffle", (r,)))
                c = c * r * r
    n = draw(st.integers(2, {1: 24, 2: 12, 3: 6}[nd]))
    return (1, *[n] * nd), specs


def _core(shape, specs):
    try:
        layers = [make_layer(s.name, list(s.args), dict(s.kwargs)) for s in specs]
        return layers, analyze(shape, layers)
    except LayerError:
        return None, None


def _oracle(shape, specs):
    try:
        return oracle.run(shape, specs)
    except OracleError:
        return None


def _union_influence(res, pos):
    """Influence mask of every channel at ``pos`` together, and whether any path leaked."""
    out = res.shapes[-1]
    g = np.zeros((1, *out))
    g[(0, slice(None), *pos)] = 1.0
    leaked = False
    for layer in reversed(res.layers):
        g = layer.backward(g)
        leaked = leaked or getattr(layer, "leaked", False)
    return (g[0] > 0).any(axis=0), leaked


def _positions(out):
    axes = [sorted({0, 1, o // 2, o - 2, o - 1} & set(range(o))) for o in out]
    return list(itertools.product(*axes))


@settings(max_examples=300, deadline=None)
@given(stack())
def test_shapes_and_validity_match_the_oracle(case):
    shape, specs = case
    res = _oracle(shape, specs)
    layers, report = _core(shape, specs)
    assert (res is None) == (report is None), specs
    if res is None:
        return
    assert [r.output for r in report.layers] == res.shapes
    assert report.params == sum(res.params) and report.macs == sum(res.macs)


@settings(max_examples=250, deadline=None)
@given(stack())
def test_rf_box_matches_the_influence_of_real_pixels(case):
    shape, specs = case
    res = _oracle(shape, specs)
    layers, report = _core(shape, specs)
    if res is None or report is None:
        return
    constant_only = not any(
        s.name.startswith(("Reflection", "Replication", "Circular")) for s in specs
    )
    for pos in _positions(res.shapes[-1][1:]):
        mask, leaked = _union_influence(res, pos)
        want = oracle.box(mask)
        try:
            box = rf_box(shape, layers, pos)
            clipped = rf_box(shape, layers, pos, clip=True)
        except LayerError as err:  # only where PyTorch's float32 rounding decides
            assert err.rule == "rf-box-rounding", err
            continue
        if not leaked:  # every path stayed inside real pixels: the exact field
            assert box == want, (pos, specs)
            if report.rf is not None:
                assert report.rf.span(pos) == want
        elif constant_only:  # padded positions hold constants: the real pixels are the box
            assert clipped == want, (pos, specs)


def test_oracle_pad_is_numpy_pad_and_its_backward_is_the_transpose():
    rng = np.random.default_rng(3)
    x = rng.uniform(size=(1, 2, 5, 6))
    for kind in PAD_KINDS:
        args = ((2, -1, 3, 1), 0.5) if kind == "Constant" else ((2, -1, 3, 1),)
        layer = oracle.build(Spec(f"{kind}Pad2d", args))
        y = layer.forward(x)
        assert y.shape == (1, 2, 9, 7)  # H 5 + 3 + 1, W 6 + 2 - 1
        g = rng.uniform(size=y.shape)
        # <pad(x), g> = <x, pad^T(g)> for the non-constant part
        base = layer.forward(np.zeros_like(x))
        assert np.isclose(((y - base) * g).sum(), (x * layer.backward(g)).sum())


def test_oracle_shuffle_round_trips():
    x = np.arange(2 * 9 * 4 * 5, dtype=float).reshape(1, 18, 4, 5)
    shuffle = oracle.build(Spec("PixelShuffle", (3,)))
    y = shuffle.forward(x)
    assert y.shape == (1, 2, 12, 15)
    # output (c, h, w) reads input channel c*9 + (h % 3)*3 + (w % 3) at (h // 3, w // 3)
    assert y[0, 1, 7, 11] == x[0, 9 + 1 * 3 + 2, 2, 3]
    back = oracle.build(Spec("PixelUnshuffle", (3,)))
    assert np.array_equal(back.forward(y), x)
