"""The core's shapes and parameter counts against the numpy oracle (tests/oracle.py).

First the oracle is checked on its own (against a naive loop convolution, and its backward
passes against forward passes as adjoints); then hypothesis draws hundreds of layers per kind,
valid and invalid, and the core must agree with what the oracle actually computed.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import oracle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import OracleError, Spec

from quizcnn.core import (
    LayerError,
    analyze,
    grouped_ratio,
    make_layer,
    separable_ratio,
    separable_ratio_formula,
)

# --- the oracle on its own ----------------------------------------------------------------


def naive_conv2d(x, w, stride, pad, dil, groups):
    """Textbook loops over output pixels (zero padding), independent of the oracle's code."""
    cin, h, wd = x.shape
    cout, cig, kh, kw = w.shape
    xp = np.zeros((cin, h + 2 * pad[0], wd + 2 * pad[1]))
    xp[:, pad[0] : pad[0] + h, pad[1] : pad[1] + wd] = x
    rows = []
    i = 0
    while i * stride[0] + dil[0] * (kh - 1) < xp.shape[1]:
        cols = []
        j = 0
        while j * stride[1] + dil[1] * (kw - 1) < xp.shape[2]:
            px = []
            for co in range(cout):
                grp = co // (cout // groups)
                acc = 0.0
                for ci in range(cig):
                    for a in range(kh):
                        for b in range(kw):
                            acc += (
                                w[co, ci, a, b]
                                * xp[
                                    grp * cig + ci,
                                    i * stride[0] + a * dil[0],
                                    j * stride[1] + b * dil[1],
                                ]
                            )
                px.append(acc)
            cols.append(px)
            j += 1
        rows.append(cols)
        i += 1
    return np.array(rows).transpose(2, 0, 1)


@settings(max_examples=40)
@given(
    g=st.sampled_from([1, 2]),
    k=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    s=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    p=st.tuples(st.integers(0, 2), st.integers(0, 2)),
    d=st.tuples(st.integers(1, 2), st.integers(1, 2)),
    hw=st.tuples(st.integers(5, 8), st.integers(5, 8)),
)
def test_oracle_conv_matches_naive_loops(g, k, s, p, d, hw):
    spec = Spec(
        "Conv2d",
        (2 * g, 2 * g, k),
        {"stride": s, "padding": p, "dilation": d, "groups": g, "bias": False},
    )
    layer = oracle.build(spec, seed=1)
    x = np.random.default_rng(2).normal(size=(1, 2 * g, *hw))
    got = layer.forward(x)[0]
    want = naive_conv2d(x[0], layer.weight, s, p, d, g)
    assert got.shape == want.shape
    assert np.allclose(got, want)


def _adjoint_ok(layer, x_shape):
    rng = np.random.default_rng(3)
    x = rng.normal(size=x_shape)
    y = layer.forward(x)
    if getattr(layer, "bias", None) is not None:
        y = y - layer.bias.reshape(1, -1, *[1] * (y.ndim - 2))
    r = rng.normal(size=y.shape)
    return np.isclose(np.sum(y * r), np.sum(x * layer.backward(r)))


@settings(max_examples=60)
@given(
    name=st.sampled_from(
        ["Conv1d", "Conv2d", "ConvTranspose1d", "ConvTranspose2d", "AvgPool2d", "Adaptive"]
    ),
    k=st.integers(1, 4),
    s=st.integers(1, 3),
    d=st.integers(1, 2),
    n=st.integers(6, 10),
)
def test_oracle_backward_is_the_adjoint(name, k, s, d, n):
    """<A x, r> == <x, A^T r>: the receptive-field probe is the true transpose of the forward."""
    if name.startswith("ConvTranspose"):
        nd = int(name[-2])
        spec = Spec(
            name, (2, 3, k), {"stride": s, "dilation": d, "padding": k // 2, "output_padding": 0}
        )
    elif name.startswith("Conv"):
        nd = int(name[-2])
        spec = Spec(name, (2, 3, k), {"stride": s, "dilation": d, "padding": k // 2})
    elif name == "AvgPool2d":
        nd = 2
        spec = Spec(name, (k,), {"stride": s, "padding": k // 2, "divisor_override": 1})
    else:
        nd = 2
        spec = Spec("AdaptiveAvgPool2d", ((3, 2),))
    layer = oracle.build(spec)
    cin = 2 if "Conv" in name else 1
    if name == "Adaptive":
        # mean over windows: compare with a sum by scaling through the window sizes
        x = np.ones((1, 1, n, n))
        assert np.allclose(layer.forward(x), 1.0)
        return
    assert _adjoint_ok(layer, (1, cin, *[n] * nd))


@settings(max_examples=60)
@given(
    k=st.integers(1, 4),
    s=st.integers(1, 3),
    d=st.integers(1, 3),
    p=st.integers(0, 3),
    n=st.integers(4, 12),
)
def test_oracle_transposed_conv_is_the_conv_transpose(k, s, d, p, n):
    """Scatter-add with crop equals the gradient of the matching conv (output_padding picks
    the size), an independent statement of what a transposed conv is."""
    conv = oracle.build(
        Spec("Conv1d", (1, 1, k), {"stride": s, "dilation": d, "padding": p, "bias": False})
    )
    x = np.random.default_rng(0).normal(size=(1, 1, n))
    try:
        y = conv.forward(x)
    except OracleError:
        return
    m = y.shape[-1]
    # the output_padding that brings m back to n, when there is one (< max(s, d))
    for op in range(max(s, d)):
        tr = oracle.build(
            Spec(
                "ConvTranspose1d",
                (1, 1, k),
                {"stride": s, "dilation": d, "padding": p, "output_padding": op, "bias": False},
            )
        )
        tr.weight[...] = conv.weight
        try:
            out = tr.forward(y)
        except OracleError:
            continue
        if out.shape[-1] == n:
            assert np.allclose(out, conv.backward(y))
            return
    pytest.fail(f"no output_padding < max(s, d) maps {m} back to {n}")


# --- strategies ---------------------------------------------------------------------------


def _axis_vals(nd, lo, hi):
    return st.one_of(st.integers(lo, hi), st.tuples(*[st.integers(lo, hi)] * nd))


@st.composite
def conv_case(draw, transposed=False, wild=False):
    nd = draw(st.sampled_from([1, 2, 2, 3]))
    lo = -1 if wild else 1
    g = draw(st.integers(0 if wild else 1, 3))
    mult_in = draw(st.integers(1, 3))
    mult_out = draw(st.integers(1, 3))
    cin, cout = max(g, 1) * mult_in, max(g, 1) * mult_out
    extra = draw(st.integers(1, 2)) if wild and draw(st.integers(0, 3)) == 0 else 0
    kw = {
        "stride": draw(_axis_vals(nd, lo if wild else 1, 3)),
        "dilation": draw(_axis_vals(nd, lo if wild else 1, 3)),
        "groups": g,
        "bias": draw(st.booleans()),
    }
    if transposed:
        kw["padding"] = draw(_axis_vals(nd, -1 if wild else 0, 3))
        kw["output_padding"] = draw(_axis_vals(nd, 0, 3 if wild else 2))
        name = f"ConvTranspose{nd}d"
    else:
        kw["padding"] = draw(
            st.one_of(_axis_vals(nd, -1 if wild else 0, 4), st.sampled_from(["same", "valid"]))
        )
        if kw["padding"] == "same" and not wild:
            kw["stride"] = 1
        if draw(st.integers(0, 4)) == 0:
            kw["padding_mode"] = draw(st.sampled_from(["reflect", "replicate", "circular"]))
        name = f"Conv{nd}d"
    kernel = draw(_axis_vals(nd, 0 if wild else 1, 4))
    hi = 10 if nd < 3 else 6
    spatial = tuple(draw(st.integers(1 if wild else 2, hi)) for _ in range(nd))
    return (cin + extra, *spatial), Spec(name, (cin, cout, kernel), kw)


@st.composite
def pool_case(draw, wild=False):
    kind = draw(st.sampled_from(["MaxPool", "MaxPool", "AvgPool"]))
    nd = draw(st.sampled_from([1, 2] if kind == "AvgPool" else [1, 2, 3]))
    k = tuple(draw(st.integers(0 if wild else 1, 4)) for _ in range(nd))
    pad_hi = [max(v, 0) // 2 + (2 if wild else 0) for v in k]
    kw = {
        "stride": draw(st.one_of(st.none(), _axis_vals(nd, 0 if wild else 1, 3))),
        "padding": tuple(draw(st.integers(0, h)) for h in pad_hi),
        "ceil_mode": draw(st.booleans()),
    }
    if kind == "MaxPool":
        kw["dilation"] = draw(_axis_vals(nd, 1, 3))
    else:
        kw["count_include_pad"] = draw(st.booleans())
    spatial = tuple(draw(st.integers(1, 10 if nd < 3 else 6)) for _ in range(nd))
    return (2, *spatial), Spec(f"{kind}{nd}d", (k,), kw)


@st.composite
def misc_case(draw):
    which = draw(st.sampled_from(["adaptive", "linear", "bn", "prelu"]))
    if which == "adaptive":
        nd = draw(st.sampled_from([1, 2]))
        spatial = tuple(draw(st.integers(1, 12)) for _ in range(nd))
        size = tuple(draw(st.integers(1, 7)) for _ in range(nd))
        return (3, *spatial), [Spec(f"AdaptiveAvgPool{nd}d", (size if nd > 1 else size[0],))]
    if which == "linear":
        c, h, w = draw(st.integers(1, 4)), draw(st.integers(1, 5)), draw(st.integers(1, 5))
        fin = c * h * w + draw(st.sampled_from([0, 0, 0, 1, -1]))
        out = draw(st.integers(1, 9))
        return (c, h, w), [
            Spec("Flatten"),
            Spec("Linear", (fin, out), {"bias": draw(st.booleans())}),
        ]
    if which == "bn":
        c = draw(st.integers(1, 8))
        return (c, 4, 4), [
            Spec(
                "BatchNorm2d",
                (c + draw(st.sampled_from([0, 0, 1])),),
                {"affine": draw(st.booleans())},
            )
        ]
    c = draw(st.integers(1, 8))
    return (c, 3, 3), [Spec("PReLU", (draw(st.sampled_from([1, c])),))]


# --- the core against the oracle ----------------------------------------------------------


def core_layers(specs):
    return [make_layer(s.name, list(s.args), dict(s.kwargs)) for s in specs]


def check(shape, specs):
    """The core must reject exactly what the oracle rejects, and otherwise agree on numbers."""
    try:
        res = oracle.run(shape, specs)
    except OracleError as err:
        with pytest.raises(LayerError):
            analyze(shape, core_layers(specs))
        return err.rule
    try:
        report = analyze(shape, core_layers(specs))
    except LayerError as err:  # pragma: no cover - a failure message with the evidence
        pytest.fail(f"core rejects a layer the oracle computes: {specs} on {shape}: {err}")
    assert [r.output for r in report.layers] == res.shapes
    assert [r.params for r in report.layers] == res.params
    assert [r.macs for r in report.layers] == res.macs  # multiplies the oracle performed
    assert all(r.flops == 2 * r.macs for r in report.layers)
    for spec, r in zip(specs, report.layers, strict=True):
        assert make_layer(spec.name, list(spec.args), dict(spec.kwargs)).params() == r.params
    return None


@settings(max_examples=300)
@given(conv_case())
def test_conv_shapes_and_params(case):
    check(*case[:1], [case[1]])


@settings(max_examples=250)
@given(conv_case(transposed=True))
def test_transposed_conv_shapes_and_params(case):
    check(case[0], [case[1]])


@settings(max_examples=300)
@given(pool_case())
def test_pool_shapes(case):
    check(case[0], [case[1]])


@settings(max_examples=150)
@given(misc_case())
def test_adaptive_linear_norm_shapes_and_params(case):
    check(case[0], case[1])


def _with(spec, **changes):
    return Spec(spec.name, spec.args, {**spec.kwargs, **changes})


@st.composite
def broken_case(draw):
    """A valid draw with one thing broken (the oracle decides whether it really is)."""
    shape, spec = draw(st.one_of(conv_case(), conv_case(transposed=True), pool_case()))
    nd = len(shape) - 1
    how = draw(
        st.sampled_from(["groups", "channels", "tiny", "zero", "negative", "pad", "oppad", "same"])
    )
    if how == "groups" and spec.name.startswith("Conv"):
        cin, cout, k = spec.args
        spec = _with(spec, groups=draw(st.sampled_from([2, 3, 4, 5])))
        spec = Spec(spec.name, (cin + 1, cout, k), spec.kwargs)
        shape = (cin + 1, *shape[1:])
    elif how == "channels":
        shape = (shape[0] + draw(st.integers(1, 3)), *shape[1:])
    elif how == "tiny":
        shape = (shape[0], *[draw(st.integers(1, 2)) for _ in range(nd)])
    elif how == "zero":
        key = draw(
            st.sampled_from(["stride", "dilation"] if "dilation" in spec.kwargs else ["stride"])
        )
        spec = _with(spec, **{key: draw(st.sampled_from([0, -1]))})
    elif how == "negative":
        spec = _with(spec, padding=-draw(st.integers(1, 2)))
    elif how == "pad" and "Pool" in spec.name:
        spec = _with(spec, padding=tuple(k // 2 + 1 for k in spec.args[0]))
    elif how == "oppad" and spec.name.startswith("ConvTranspose"):
        s_ = spec.kwargs["stride"]
        d_ = spec.kwargs["dilation"]
        s_ = s_ if isinstance(s_, tuple) else (s_,) * nd
        d_ = d_ if isinstance(d_, tuple) else (d_,) * nd
        spec = _with(spec, output_padding=tuple(max(a, b) for a, b in zip(s_, d_, strict=True)))
    elif how == "same" and spec.name.startswith("Conv"):
        spec = _with(spec, padding="same", stride=draw(st.integers(2, 3)))
    else:
        spec = Spec(spec.name, (0, *spec.args[1:]), spec.kwargs)
    return shape, spec


@settings(max_examples=400)
@given(
    st.one_of(
        broken_case(),
        conv_case(wild=True),
        conv_case(transposed=True, wild=True),
        pool_case(wild=True),
    )
)
def test_invalid_configs_raise_layer_error(case):
    """Wide draws (zeros, negatives, bad groups, tiny inputs): the core raises LayerError
    exactly when the oracle's definition (or PyTorch's documented rule) forbids the layer."""
    check(case[0], [case[1]])


def test_wild_draws_do_reach_many_rules():
    """The invalid-config strategy is not vacuous: collect the oracle's rules it hits."""
    rules = set()
    strategy = broken_case()

    @settings(max_examples=300, database=None)
    @given(strategy)
    def collect(case):
        try:
            oracle.run(case[0], [case[1]])
        except OracleError as err:
            rules.add(err.rule)

    collect()
    expected = {
        "groups-divide-channels",
        "kernel-larger-than-padded-input",
        "output-padding-too-large",
        "pool-padding-over-half-kernel",
        "negative-padding",
        "channels-mismatch",
        "same-needs-stride-1",
        "transpose-string-padding",
    }
    assert expected <= rules, sorted(rules)


def test_linear_params_are_weights_read():
    res = oracle.run((4, 3, 3), [Spec("Flatten"), Spec("Linear", (36, 10))])
    assert res.params == [0, 370]
    assert list(itertools.chain(*res.shapes)) == [36, 10]


_JUNK = st.one_of(
    st.integers(-3, 6),
    st.integers(-(10**30), 10**30),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.sampled_from(["same", "valid", "zeros", "reflect"]),
    st.tuples(st.integers(-1, 4), st.integers(-1, 4)),
    st.tuples(st.integers(0, 3)),
    st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3)),
)
_NAMES = [
    "Conv1d",
    "Conv2d",
    "Conv3d",
    "ConvTranspose1d",
    "ConvTranspose2d",
    "MaxPool1d",
    "MaxPool2d",
    "AvgPool1d",
    "AvgPool2d",
    "AdaptiveAvgPool2d",
    "Linear",
    "Flatten",
    "BatchNorm2d",
    "LocalResponseNorm",
    "PReLU",
    "Dropout",
]
_KEYS = [
    "stride",
    "padding",
    "dilation",
    "groups",
    "bias",
    "output_padding",
    "ceil_mode",
    "padding_mode",
    "kernel_size",
    "in_channels",
    "start_dim",
    "num_features",
    "p",
    "size",
]


@settings(max_examples=400)
@given(
    name=st.sampled_from(_NAMES),
    args=st.lists(_JUNK, max_size=4),
    kwargs=st.dictionaries(st.sampled_from(_KEYS), _JUNK, max_size=3),
    shape=st.lists(st.integers(-1, 9), min_size=1, max_size=4),
)
def test_junk_arguments_raise_only_layer_error(name, args, kwargs, shape):
    """Nothing but LayerError escapes for bad arguments or shapes (no TypeError, ...)."""
    try:
        layer = make_layer(name, args, kwargs)
        analyze(tuple(shape), [layer])
    except LayerError as err:
        assert "\n" not in str(err)


# --- savings ratios against the weights and multiplies the oracle uses -------------------


def _totals(shape, specs):
    res = oracle.run(shape, specs)
    return sum(res.params), sum(res.macs)


@settings(max_examples=60)
@given(
    g=st.integers(1, 4),
    a=st.integers(1, 3),
    b=st.integers(1, 3),
    k=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    bias=st.booleans(),
)
def test_grouped_ratio_is_weights_used(g, a, b, k, bias):
    cin, cout = g * a, g * b
    shape = (cin, 6, 6)
    grouped = _totals(shape, [Spec("Conv2d", (cin, cout, k), {"groups": g, "bias": bias})])
    dense = _totals(shape, [Spec("Conv2d", (cin, cout, k), {"bias": bias})])
    assert grouped_ratio(cin, cout, k, g, bias=bias) == Fraction(grouped[0], dense[0])
    if not bias:
        assert grouped_ratio(cin, cout, k, g) == Fraction(1, g)
    assert Fraction(grouped[1], dense[1]) == Fraction(1, g)  # MACs: 1/g as well


@settings(max_examples=60)
@given(
    cin=st.integers(1, 6),
    cout=st.integers(1, 8),
    k=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    s=st.integers(1, 2),
    bias=st.booleans(),
)
def test_separable_ratio_is_weights_used(cin, cout, k, s, bias):
    shape = (cin, 9, 9)
    pad = (k[0] // 2, k[1] // 2)
    sep = _totals(
        shape,
        [
            Spec(
                "Conv2d", (cin, cin, k), {"groups": cin, "stride": s, "padding": pad, "bias": bias}
            ),
            Spec("Conv2d", (cin, cout, 1), {"bias": bias}),
        ],
    )
    std = _totals(
        shape, [Spec("Conv2d", (cin, cout, k), {"stride": s, "padding": pad, "bias": bias})]
    )
    assert separable_ratio(cin, cout, k, bias=bias) == Fraction(sep[0], std[0])
    if not bias:
        assert separable_ratio(cin, cout, k) == separable_ratio_formula(cout, k)
        assert separable_ratio_formula(cout, k) == Fraction(1, cout) + Fraction(1, k[0] * k[1])
    # multiplies: the same ratio at equal stride (both see the same output grid)
    assert Fraction(sep[1], std[1]) == Fraction(1, cout) + Fraction(1, k[0] * k[1])
