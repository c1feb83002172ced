"""Receptive fields: hand-worked cases, the hand method vs the recurrence, exact boxes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizcnn.core import LayerError, make_layer
from quizcnn.core.pool import adaptive_window
from quizcnn.core.rf import rf_back_to_front, rf_box, rf_front_to_back, uniform_adaptive


def L(name, *args, **kwargs):
    return make_layer(name, list(args), kwargs)


def test_two_3x3_convs_see_5x5():
    rfs = rf_front_to_back((1, 10, 10), [L("Conv2d", 1, 1, 3), L("Conv2d", 1, 1, 3)])
    assert rfs[-1].size == (5, 5) and rfs[-1].jump == (1, 1) and rfs[-1].start == (0, 0)


def test_same_padding_even_kernel_start_uses_floor_half():
    # k=4: total padding 3, left 1 -> start -1; dilation 2: total 6, left 3 -> start -3
    assert rf_front_to_back((1, 8), [L("Conv1d", 1, 1, 4, padding="same")])[0].start == (-1,)
    rf = rf_front_to_back((1, 16), [L("Conv1d", 1, 1, 4, padding="same", dilation=2)])[0]
    assert rf.start == (-3,) and rf.size == (7,)


def test_non_square_dilated_strided_stack():
    layers = [
        L("Conv2d", 1, 2, (3, 1), stride=(2, 1), padding=(1, 0)),
        L("MaxPool2d", (2, 3), stride=(2, 1), dilation=(1, 2)),
    ]
    rf = rf_front_to_back((1, 20, 20), layers)[-1]
    # H: conv r=3 j=2 start=-1; pool k=2 adds (2-1)*2 -> r=5, j=4, start=-1
    # W: conv r=1 j=1 start=0; pool k_eff=2*(3-1)+1=5 adds 4 -> r=5, j=1, start=0
    assert rf.size == (5, 5) and rf.jump == (4, 1) and rf.start == (-1, 0)
    assert rf.center((1, 2)) == (-1 + 4 + 2.0, 0 + 2 + 2.0)


def test_hand_method_steps_text():
    layers = [L("Conv2d", 3, 8, 7, 2, 3), L("ReLU"), L("MaxPool2d", 3, 2, 1)]
    steps = rf_back_to_front(layers)
    assert [s.index for s in steps] == [2, 0]  # last layer first, ReLU skipped
    assert steps[0].substitution == "r_in = (1 - 1) * 2 + 3"
    assert steps[0].result == "r_in = 3"
    assert steps[1].substitution == "r_in = (3 - 1) * 2 + 7"
    assert steps[1].r_in == 11 and steps[1].x_in == -5
    dil = rf_back_to_front([L("Conv1d", 1, 1, 3, dilation=2)])
    assert dil[0].r_in == 5 and "dilation 2" in dil[0].substitution


def test_hand_method_refuses_where_no_single_number():
    with pytest.raises(LayerError) as info:
        rf_back_to_front([L("ConvTranspose2d", 1, 1, 3, stride=2)])
    assert info.value.rule == "rf-undefined"
    with pytest.raises(LayerError) as info:
        rf_back_to_front([L("AdaptiveAvgPool2d", 3)])
    assert info.value.rule == "rf-needs-input-shape"
    steps = rf_back_to_front([L("AdaptiveAvgPool2d", 3)], input_shape=(1, 9, 9))
    assert steps[0].r_in == 3 and steps[0].stride == 3


def test_transposed_conv_box_by_hand():
    # ConvTranspose1d k=3, s=2, p=1 on 4 inputs: output y gets input x when y = 2x - 1 + j
    layers = [L("ConvTranspose1d", 1, 1, 3, stride=2, padding=1)]
    assert rf_box((1, 4), layers, (0,)) == ((0, 0),)  # j=1, x=0
    assert rf_box((1, 4), layers, (1,)) == ((0, 1),)  # j=2 -> x=0 ; j=0 -> x=1
    assert rf_box((1, 4), layers, (2,)) == ((1, 1),)
    assert rf_front_to_back((1, 4), layers) == [None]


def test_transposed_output_without_input_is_none():
    # k=1, s=2: odd outputs receive only the bias
    layers = [L("ConvTranspose1d", 1, 1, 1, stride=2)]
    assert rf_box((1, 3), layers, (1,)) is None
    assert rf_box((1, 3), layers, (2,)) == ((1, 1),)


def test_clipped_box_differs_from_unclipped_at_borders():
    layers = [L("Conv1d", 1, 1, 3, padding=1), L("Conv1d", 1, 1, 3, padding=1)]
    assert rf_box((1, 8), layers, (0,)) == ((-2, 2),)
    assert rf_box((1, 8), layers, (0,), clip=True) == ((0, 2),)
    # n=10, k=3, s=4 -> 2 outputs reading [0,2] and [4,6]; the next layer's right padding
    # (middle position 2) would read [8,10]: pixels 8 and 9 are real but feed no real
    # middle position, so only a layer-by-layer clip leaves them out
    gap = [L("Conv1d", 1, 1, 3, stride=4), L("Conv1d", 1, 1, 3, padding=1)]
    assert rf_box((1, 10), gap, (1,)) == ((0, 10),)
    assert rf_box((1, 10), gap, (1,), clip=True) == ((0, 6),)


def test_box_errors():
    with pytest.raises(LayerError):
        rf_box((1, 8), [L("Conv1d", 1, 1, 3)], (6,))
    with pytest.raises(LayerError):
        rf_box((1, 8), [L("Flatten"), L("Linear", 8, 2)], (0,))


@pytest.mark.parametrize("n", range(1, 25))
@pytest.mark.parametrize("o", range(1, 13))
def test_uniform_adaptive_matches_the_windows(n, o):
    windows = [adaptive_window(i, n, o) for i in range(o)]
    uniform = uniform_adaptive(n, o)
    sizes = {hi - lo for lo, hi in windows}
    steps = {windows[i + 1][0] - windows[i][0] for i in range(o - 1)}
    if o == 1:
        assert uniform == (n, n)
    elif len(sizes) == 1 and len(steps) == 1 and steps != {0}:
        assert uniform == (sizes.pop(), steps.pop())
        assert all(w[0] == i * uniform[1] for i, w in enumerate(windows))
    else:
        assert uniform is None


def test_nonuniform_adaptive_has_note():
    from quizcnn.core import analyze

    report = analyze((1, 10), [L("AdaptiveAvgPool1d", 4)])
    assert report.rf is None and "one output position" in report.rf_note
    assert rf_box((1, 10), [L("AdaptiveAvgPool1d", 4)], (1,)) == ((2, 4),)


@st.composite
def window_stacks(draw):
    nd = draw(st.integers(1, 2))
    layers = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["conv", "same", "max", "avg", "relu"]))
        k = tuple(draw(st.integers(1, 5)) for _ in range(nd))
        s = tuple(draw(st.integers(1, 3)) for _ in range(nd))
        d = tuple(draw(st.integers(1, 3)) for _ in range(nd))
        p = tuple(draw(st.integers(0, ki // 2)) for ki in k)
        if kind == "conv":
            layers.append(L(f"Conv{nd}d", 1, 1, k, s, p, d))
        elif kind == "same":
            layers.append(L(f"Conv{nd}d", 1, 1, k, padding="same", dilation=d))
        elif kind == "max":
            layers.append(L(f"MaxPool{nd}d", k, s, p, d, ceil_mode=draw(st.booleans())))
        elif kind == "avg":
            layers.append(L(f"AvgPool{nd}d", k, s, p))
        else:
            layers.append(L("ReLU"))
    return nd, layers


@given(window_stacks())
def test_hand_method_agrees_with_recurrence_and_box(case):
    nd, layers = case
    shape = (1,) + (20_000,) * nd  # 6 layers of stride 3 still leave > 1 pixel
    rf = rf_front_to_back(shape, layers)[-1]
    for axis in range(nd):
        steps = rf_back_to_front(layers, axis=axis)
        r = steps[-1].r_in if steps else 1
        x = steps[-1].x_in if steps else 0
        assert r == rf.size[axis]
        assert x == rf.start[axis]
    # the exact box of output 0 (unclipped) is the recurrence's span
    assert rf_box(shape, layers, (0,) * nd) == rf.span(0)


def test_huge_box_is_refused_not_hung():
    big = [L("Conv1d", 1, 1, 100_000), L("Conv1d", 1, 1, 100_000), L("Conv1d", 1, 1, 100_000)]
    with pytest.raises(LayerError) as info:
        rf_box((1, 1_000_000), big, (0,))
    assert info.value.rule == "rf-box-too-large"
    assert rf_front_to_back((1, 1_000_000), big)[-1].size == (299_998,)


# --- rf_box(clip=True) against a forward simulation (gather for windows, scatter for
# transposed convs), 1-D: which input pixels each output pixel reads, composed layer by layer


def _forward_reads(layer, n, n_out):
    """reads[o] = set of layer-input indices that output o reads, from the forward definition."""
    reads = [set() for _ in range(n_out)]
    kind = layer.kind
    if kind.startswith("ConvTranspose"):
        k, s, p, d = layer.kernel_size[0], layer.stride[0], layer.padding[0], layer.dilation[0]
        for x in range(n):  # scatter: input x adds into output x*s - p + j*d
            for j in range(k):
                y = x * s - p + j * d
                if 0 <= y < n_out:
                    reads[y].add(x)
    elif kind.startswith("Adaptive"):
        o = layer.output_size[0]
        for i in range(n_out):
            lo = (i * n) // o
            hi = -(-((i + 1) * n) // o)
            reads[i].update(range(lo, hi))
    elif kind.startswith(("Conv", "MaxPool", "AvgPool")):
        k, s = layer.kernel_size[0], layer.stride[0]
        d = getattr(layer, "dilation", (1,))[0]
        left = layer.pads(0)[0]
        for o in range(n_out):  # gather: the window starts at o*s in the padded input
            for j in range(k):
                x = o * s + j * d - left
                if 0 <= x < n:
                    reads[o].add(x)
    else:
        for o in range(n_out):
            reads[o].add(o)
    return reads


@st.composite
def mixed_1d_stacks(draw):
    layers = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["conv", "same", "convT", "max", "avg", "adapt", "relu"]))
        k, s, d = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
        if kind == "conv":
            layers.append(L("Conv1d", 1, 1, k, s, draw(st.integers(0, 3)), d))
        elif kind == "same":
            layers.append(L("Conv1d", 1, 1, k, padding="same", dilation=d))
        elif kind == "convT":
            op = draw(st.integers(0, max(s, d) - 1))
            p = draw(st.integers(0, 3))
            layers.append(L("ConvTranspose1d", 1, 1, k, s, p, op, dilation=d))
        elif kind == "max":
            layers.append(L("MaxPool1d", k, s, draw(st.integers(0, k // 2)), d, ceil_mode=True))
        elif kind == "avg":
            layers.append(L("AvgPool1d", k, s, draw(st.integers(0, k // 2))))
        elif kind == "adapt":
            layers.append(L("AdaptiveAvgPool1d", draw(st.integers(1, 6))))
        else:
            layers.append(L("ReLU"))
    return draw(st.integers(1, 30)), layers


@given(mixed_1d_stacks())
def test_clipped_box_matches_forward_simulation(case):
    from quizcnn.core import analyze

    n, layers = case
    try:
        report = analyze((1, n), layers)
    except LayerError:
        return
    shapes = [(1, n)] + [r.output for r in report.layers]
    # sets[o] = network-input pixels that reach output o of the current layer
    sets = [{x} for x in range(n)]
    for layer, before, after in zip(layers, shapes[:-1], shapes[1:], strict=True):
        reads = _forward_reads(layer, before[1], after[1])
        sets = [set().union(*(sets[x] for x in r)) if r else set() for r in reads]
    for o, found in enumerate(sets):
        want = ((min(found), max(found)),) if found else None
        assert rf_box((1, n), layers, (o,), clip=True) == want


def test_rf_index_errors():
    rf = rf_front_to_back((1, 8, 8), [L("Conv2d", 1, 1, 3)])[0]
    assert rf.span((1, 2)) == ((1, 3), (2, 4))
    for bad in ((1,), "x", (1.0, 2), None, True):
        with pytest.raises(LayerError):
            rf.center(bad)
