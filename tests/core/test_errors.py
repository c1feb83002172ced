"""Every impossible configuration raises LayerError naming the layer and the rule; garbage
input never raises anything else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizcnn.core import LAYER_NAMES, LayerError, ParseError, analyze, make_layer
from quizcnn.core.rf import rf_back_to_front, rf_box, rf_front_to_back

BUILD_CASES = [
    ("Conv2d", [4, 6, 3], {"groups": 4}, "groups-divide-channels"),
    ("Conv2d", [6, 4, 3], {"groups": 4}, "groups-divide-channels"),
    ("ConvTranspose2d", [4, 6, 3], {"groups": 4}, "groups-divide-channels"),
    ("Conv2d", [3, 3, 0], {}, "positive"),
    ("Conv2d", [3, 3, 3], {"stride": 0}, "positive"),
    ("Conv2d", [3, 3, 3], {"dilation": (1, 0)}, "positive"),
    ("Conv2d", [0, 3, 3], {}, "positive"),
    ("Conv2d", [3, -3, 3], {}, "positive"),
    ("Conv2d", [3, 3, 3], {"groups": 0}, "positive"),
    ("MaxPool2d", [0], {}, "positive"),
    ("Conv2d", [3, 3, 3], {"padding": -1}, "non-negative"),
    ("Conv2d", [3, 3, 3], {"stride": 2, "padding": "same"}, "same-needs-stride-1"),
    ("Conv2d", [3, 3, 3], {"stride": (1, 2), "padding": "same"}, "same-needs-stride-1"),
    ("Conv2d", [3, 3, 3], {"padding": "full"}, "bad-choice"),
    ("Conv2d", [3, 3, 3], {"padding_mode": "mirror"}, "bad-choice"),
    ("ConvTranspose2d", [3, 3, 3], {"stride": 2, "output_padding": 2}, "output-padding-limit"),
    ("ConvTranspose2d", [3, 3, 3], {"output_padding": 1}, "output-padding-limit"),
    ("ConvTranspose2d", [3, 3, 3], {"padding": "same"}, "transposed-padding-string"),
    ("ConvTranspose2d", [3, 3, 3], {"padding_mode": "reflect"}, "transposed-padding-mode"),
    ("MaxPool2d", [2], {"padding": 2}, "pool-padding-half-kernel"),
    # PyTorch checks the kernel itself: dilated span 5 would allow 2, kernel 3 allows 1
    ("MaxPool2d", [3], {"padding": 2, "dilation": 2}, "pool-padding-half-kernel"),
    ("AvgPool1d", [3], {"padding": 2}, "pool-padding-half-kernel"),
    ("AvgPool2d", [2], {"divisor_override": 0}, "divisor-not-zero"),
    ("AvgPool1d", [2], {"divisor_override": 2}, "unknown-argument"),
    ("Conv2d", [3, 3, 3.0], {}, "int-type"),
    ("Conv2d", [3, 3, "3"], {}, "int-type"),
    ("Conv2d", [3, 3, True], {}, "int-type"),
    ("Conv2d", [3, 3, (3, 3, 3)], {}, "tuple-length"),
    ("Conv2d", [3, 3, 3], {"bias": 1}, "bool-type"),
    ("Conv2d", [3, 3, 3], {"device": 0}, "type"),
    ("Conv2d", [3, 3, 3], {"kernel": 3}, "unknown-argument"),
    ("Conv2d", [3, 3, 3], {"kernel_size": 3}, "duplicate-argument"),
    ("Conv2d", [3, 3], {}, "missing-argument"),
    ("Linear", [1, 2, True, None, None, 5], {}, "too-many-arguments"),
    ("Dropout", [1.5], {}, "probability-range"),
    ("Dropout", [True], {}, "number-type"),
    ("BatchNorm2d", [8], {"eps": float("inf")}, "number-type"),
    ("GELU", [], {"approximate": "fast"}, "bad-choice"),
    ("Hardtanh", [1.0, -1.0], {}, "hardtanh-range"),
    ("GroupNorm", [3, 4], {}, "groups-divide-channels"),
    ("AdaptiveAvgPool2d", [(7, 7, 7)], {}, "tuple-length"),
    ("AdaptiveAvgPool2d", [0], {}, "positive"),
    ("Conv2d", [3, 10**12, 3], {}, "too-large"),
]


@pytest.mark.parametrize(("name", "args", "kwargs", "rule"), BUILD_CASES)
def test_build_rules(name, args, kwargs, rule):
    with pytest.raises(LayerError) as info:
        make_layer(name, args, kwargs)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.rule == rule
    text = str(err)
    assert "\n" not in text and name in text and rule in text
    assert err.plain() + f" [rule: {rule}]" == text and "[rule:" not in err.plain()


CHAIN_CASES = [
    ((3, 8, 8), [("Conv2d", [4, 8, 3], {})], "in-channels-mismatch"),
    ((3, 4, 4), [("Conv2d", [3, 8, 5], {})], "kernel-larger-than-input"),
    ((3, 4, 4), [("Conv2d", [3, 8, 3], {"dilation": 2})], "kernel-larger-than-input"),
    ((3, 4, 4), [("MaxPool2d", [3], {"stride": 1, "dilation": 2})], "output-too-small"),
    ((3, 2), [("MaxPool1d", [3], {})], "output-too-small"),
    ((1, 4), [("ConvTranspose1d", [1, 1, 1], {"padding": 3})], "output-too-small"),
    (
        (1, 3),
        [("Conv1d", [1, 1, 1], {"padding": 3, "padding_mode": "reflect"})],
        "reflect-padding-limit",
    ),
    (
        (1, 2, 2),
        [("Conv2d", [1, 1, 4], {"padding": "same", "padding_mode": "reflect"})],
        "reflect-padding-limit",
    ),
    (
        (1, 3),
        [("Conv1d", [1, 1, 1], {"padding": 4, "padding_mode": "circular"})],
        "circular-padding-limit",
    ),
    (
        (1, 1, 1),
        [("Conv2d", [1, 1, 4], {"padding": "same", "padding_mode": "circular"})],
        "circular-padding-limit",
    ),
    (
        (1, 2, 3, 3),
        [("AvgPool3d", [3], {"stride": 1, "padding": 1})],
        "avgpool3d-input-smaller-than-kernel",
    ),
    ((8, 7, 7), [("Linear", [8, 2], {})], "in-features-mismatch"),
    ((3, 8, 8), [("Flatten", [0], {})], "flatten-batch"),
    ((3, 8, 8), [("Flatten", [2, 1], {})], "flatten-dims-order"),
    ((3, 8), [("Conv2d", [3, 3, 1], {})], "input-rank"),
    ((3, 8, 8), [("BatchNorm2d", [4], {})], "in-channels-mismatch"),
    ((3, 8, 8), [("PReLU", [4], {})], "in-channels-mismatch"),
    ((3, 1, 1), [("GroupNorm", [3, 3], {})], "groupnorm-one-value"),
]


@pytest.mark.parametrize(("shape", "specs", "rule"), CHAIN_CASES)
def test_chain_rules(shape, specs, rule):
    layers = [make_layer(*spec) for spec in specs]
    with pytest.raises(LayerError) as info:
        analyze(shape, layers)
    assert info.value.rule == rule
    assert info.value.index == len(specs) - 1
    assert "\n" not in str(info.value)


def test_replicate_padding_has_no_size_limit():
    layer = make_layer("Conv1d", [1, 1, 1], {"padding": 7, "padding_mode": "replicate"})
    assert analyze((1, 3), [layer]).output == (1, 17)


def test_unknown_layer_is_parse_error():
    with pytest.raises(ParseError) as info:
        make_layer("Conv4d", [], {})
    assert info.value.rule == "unknown-layer"


@pytest.mark.parametrize(
    "shape", ["", "3x", "3xAx4", "-3x4", (3, 0, 4), (3, True), (1, 2, 3, 4, 5), 5]
)
def test_bad_input_shape(shape):
    with pytest.raises(LayerError) as info:
        analyze(shape, [])
    assert info.value.rule == "input-shape"


def test_error_message_format():
    err = LayerError("bad thing", layer="Conv2d(1, 1, 3)", rule="some-rule", index=2)
    assert str(err) == "layer 2 Conv2d(1, 1, 3): bad thing [rule: some-rule]"
    assert err.at(5).index == 5 and err.at(5).rule == "some-rule"
    perr = ParseError("cannot read", rule="parse", line=3)
    assert str(perr).startswith("line 3: ") and perr.at(1).line == 3


# --- garbage in, LayerError out -----------------------------------------------------------

scalars = st.one_of(
    st.integers(-5, 12),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=6),
    st.sampled_from(["same", "valid", "zeros", "reflect", "circular", "replicate", "tanh"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.tuples(inner, inner, inner),
        st.dictionaries(st.text(max_size=3), inner, max_size=2),
    ),
    max_leaves=6,
)
keys = st.one_of(
    st.sampled_from(
        [
            "stride",
            "padding",
            "dilation",
            "groups",
            "bias",
            "padding_mode",
            "output_padding",
            "ceil_mode",
            "count_include_pad",
            "divisor_override",
            "return_indices",
            "p",
            "dim",
            "inplace",
            "output_size",
            "start_dim",
            "end_dim",
            "eps",
            "momentum",
            "affine",
            "kernel_size",
            "in_channels",
            "device",
            "dtype",
            "num_parameters",
            "approximate",
        ]
    ),
    st.text(max_size=5),
)
names = st.one_of(st.sampled_from(sorted(LAYER_NAMES)), st.text(max_size=8))
shapes = st.one_of(
    st.tuples(st.integers(1, 6), st.integers(1, 12)),
    st.tuples(st.integers(1, 6), st.integers(1, 12), st.integers(1, 12)),
    st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(1, 6), st.integers(1, 6)),
    st.lists(values, max_size=5),
    st.text(max_size=12),
)


@given(names, st.lists(values, max_size=5), st.dictionaries(keys, values, max_size=4))
def test_make_layer_garbage_only_layer_error(name, args, kwargs):
    try:
        layer = make_layer(name, args, kwargs)
    except LayerError:
        return
    assert layer.text()
    assert layer.params() >= 0


@given(
    shapes,
    st.lists(
        st.tuples(names, st.lists(values, max_size=4), st.dictionaries(keys, values, max_size=3)),
        max_size=4,
    ),
    st.lists(st.integers(-2, 8), max_size=4),
)
def test_analyze_garbage_only_layer_error(shape, specs, position):
    layers = []
    for spec in specs:
        try:
            layers.append(make_layer(*spec))
        except LayerError:
            pass
    for call in (
        lambda: analyze(shape, layers),
        lambda: rf_front_to_back(shape, layers),
        lambda: rf_back_to_front(layers, axis=0, input_shape=shape),
        lambda: rf_box(shape, layers, position),
        lambda: rf_box(shape, layers, position, clip=True),
    ):
        try:
            call()
        except LayerError:
            pass


@given(
    st.one_of(shapes, values),
    st.one_of(values, st.lists(st.one_of(values, st.text(max_size=30)), max_size=3)),
)
def test_analyze_garbage_arguments(shape, layers):
    try:
        analyze(shape, layers)
    except LayerError:
        pass


@given(values, values, values, values, values)
def test_savings_garbage_only_layer_error(a, b, k, g, bias):
    from quizcnn.core.savings import grouped_ratio, separable_ratio, separable_ratio_formula

    for call in (
        lambda: grouped_ratio(a, b, k, g, bias),
        lambda: separable_ratio(a, b, k, bias),
        lambda: separable_ratio_formula(b, k),
    ):
        try:
            call()
        except LayerError:
            pass


@given(values, values)
def test_rf_helpers_garbage_only_layer_error(axis, index):
    layers = [make_layer("Conv2d", [1, 1, 3], {"stride": 2})]
    rf = rf_front_to_back((1, 9, 9), layers)[0]
    for call in (
        lambda: rf_back_to_front(layers, axis=axis),
        lambda: rf.center(index),
        lambda: rf.span(index),
        lambda: rf_box((1, 9, 9), layers, index),
    ):
        try:
            call()
        except LayerError:
            pass


def test_plain_message_keeps_line_and_layer_but_not_the_rule():
    from quizcnn.core import parse_layers

    with pytest.raises(ParseError) as info:
        parse_layers("ReLU()\nConv2d(3, 8, k)\n")
    err = info.value
    assert err.rule == "parse" and err.line == 2
    assert err.plain().startswith("line 2: ") and "'k'" in err.plain()
    assert "[rule:" not in err.plain() and str(err) == f"{err.plain()} [rule: parse]"
