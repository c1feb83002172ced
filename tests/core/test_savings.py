"""Savings ratios as exact fractions, checked against parameter counts of real layer objects."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizcnn.core import LayerError, make_layer
from quizcnn.core.savings import grouped_ratio, separable_ratio, separable_ratio_formula


def test_grouped_is_one_over_g_without_bias():
    assert grouped_ratio(64, 128, 3, 4) == Fraction(1, 4)
    assert grouped_ratio(64, 128, (3, 5), 64) == Fraction(1, 64)


def test_mobilenet_example():
    # 3x3, 512 -> 512: 1/512 + 1/9 = 521/4608
    assert separable_ratio(512, 512, 3) == Fraction(521, 4608)
    assert separable_ratio_formula(512, 3) == Fraction(1, 512) + Fraction(1, 9)


def test_with_bias_by_hand():
    # 3 -> 8, 3x3. separable: 27 + 3 (dw bias) + 24 + 8 (pw bias) = 62; standard 216 + 8 = 224
    assert separable_ratio(3, 8, 3, bias=True) == Fraction(62, 224)
    assert separable_ratio(3, 8, 3, bias=True) != separable_ratio_formula(8, 3)


@given(
    st.integers(1, 64),
    st.integers(1, 64),
    st.tuples(st.integers(1, 7), st.integers(1, 7)),
    st.booleans(),
)
def test_ratios_equal_layer_parameter_counts(cin, cout, k, bias):
    standard = make_layer("Conv2d", [cin, cout, k], {"bias": bias}).params()
    depthwise = make_layer("Conv2d", [cin, cin, k], {"groups": cin, "bias": bias}).params()
    pointwise = make_layer("Conv2d", [cin, cout, 1], {"bias": bias}).params()
    assert separable_ratio(cin, cout, k, bias) == Fraction(depthwise + pointwise, standard)
    if not bias:
        assert separable_ratio(cin, cout, k) == separable_ratio_formula(cout, k)
    for g in (d for d in range(1, cin + 1) if cin % d == 0 and cout % d == 0):
        grouped = make_layer("Conv2d", [cin, cout, k], {"groups": g, "bias": bias}).params()
        assert grouped_ratio(cin, cout, k, g, bias) == Fraction(grouped, standard)


@pytest.mark.parametrize(
    "call",
    [
        lambda: grouped_ratio(6, 8, 3, 4),
        lambda: grouped_ratio(0, 8, 3, 1),
        lambda: separable_ratio(3, 8, 2.5),
        lambda: separable_ratio(3, 8, 3, bias="yes"),
        lambda: separable_ratio_formula(True, 3),
    ],
)
def test_bad_input_raises_layer_error(call):
    with pytest.raises(LayerError):
        call()
