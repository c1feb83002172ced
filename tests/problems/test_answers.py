"""Forgiving answer input: every form named in issue 4 reads, garbage gives a message."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizcnn.problems.answers import (
    AnswerError,
    close_3sf,
    matches,
    parse_answer,
    sig_unit,
)


@pytest.mark.parametrize(
    "text",
    ["12544", "12,544", "12 544", "12_544", "1.2544e4", "1.2544E4", " 12544 ", "１２５４４",
     "12，544", "12544 params", "12'544", "1.2544 × 10^4", "12.544k"],
)
def test_int_forms(text):
    assert parse_answer(text, "int") == 12544


@pytest.mark.parametrize("text", ["−3", "-3", "－3", "\u20133"])
def test_unicode_minus(text):
    assert parse_answer(text, "int") == -3


@pytest.mark.parametrize("text", ["1/4", "0.25", "25%", " 1 / 4 ", "２５％", ".25"])
def test_ratio_forms(text):
    assert parse_answer(text, "ratio") == Fraction(1, 4)


@pytest.mark.parametrize(
    "text,value",
    [("1.23G", 1_230_000_000), ("1.23e9", 1_230_000_000), ("1,233,792,000", 1_233_792_000),
     ("1.23 GFLOPs", 1_230_000_000), ("450M", 450_000_000), ("3.5k", 3500),
     ("2.1 GMACs", 2_100_000_000), ("1.2亿", 120_000_000), ("7.5万", 75_000),
     ("~1.23G", 1_230_000_000), ("≈ 450M", 450_000_000), ("2.5 million", 2_500_000),
     ("约 1.2亿", 120_000_000)],
)
def test_approx_forms(text, value):
    assert parse_answer(text, "approx") == value


@pytest.mark.parametrize(
    "text",
    ["56x56x128", "56×56×128", "56 x 56 x 128", "56X56X128", "56*56*128", "５６×５６×１２８",
     "(56, 56, 128)", "[56, 56, 128]", "56,56,128", "56 56 128", "torch.Size([56, 56, 128])"],
)
def test_shape_forms(text):
    assert parse_answer(text, "shape") == (56, 56, 128)


def test_commas_follow_one_rule_in_every_kind():
    """Issue 13: digits grouped like 12,544 (three digits after each comma, no space, outside
    parentheses) are one number whatever is asked; any other comma separates numbers."""
    assert parse_answer("128,56,56", "shape") == (128, 56, 56)
    with pytest.raises(AnswerError, match="one number"):
        parse_answer("128,56,56", "int")
    assert parse_answer("12,544", "int") == 12544
    assert parse_answer("12，544", "int") == 12544  # full-width comma
    assert parse_answer("12,544", "shape") == (12544,)
    assert parse_answer("(12,544)", "shape") == (12, 544)
    assert parse_answer("12, 544", "shape") == (12, 544)
    for two in ("(12, 544)", "12, 544", "(12,544)"):
        with pytest.raises(AnswerError, match="several numbers"):
            parse_answer(two, "int")


@pytest.mark.parametrize("text", ["12,544", "12544", "(12,544)", "12, 544", "64x56"])
def test_a_shape_of_the_wrong_length_is_not_read(text):
    """A count where a C×H×W shape is asked is explained (and asked again), not graded."""
    with pytest.raises(AnswerError, match=r"a shape of 3 numbers \(C×H×W\) is asked"):
        parse_answer(text, "shape", dims=("C", "H", "W"))
    with pytest.raises(AnswerError) as e:
        parse_answer(text, "shape", dims=("C", "H", "W"))
    assert ("commas group thousands" in str(e.value)) == ("," in text)  # the rule, when it matters
    # a leading batch dimension of 1 is read (and graded right, see test_check)
    assert parse_answer("1x64x56x56", "shape", dims=("C", "H", "W")) == (1, 64, 56, 56)


@pytest.mark.parametrize("text", ["56x56", "64x56x56", "(56, 56)"])
def test_a_shape_where_a_count_is_asked_is_not_read(text):
    with pytest.raises(AnswerError, match="shape|several numbers"):
        parse_answer(text, "int")


def test_values_messages_are_english():
    with pytest.raises(AnswerError) as e:
        parse_answer("two", "values", names=("count",))
    assert str(e.value) == "give one whole number, e.g. 3"
    with pytest.raises(AnswerError) as e:
        parse_answer("2", "values", names=("stride", "padding"))
    assert "give 2 whole numbers: stride, padding" in str(e.value)
    assert "(s)" not in str(e.value)


def test_grouping_must_be_thousands():
    with pytest.raises(AnswerError):
        parse_answer("1,2345", "int")


@pytest.mark.parametrize(
    "text,names,value",
    [("stride=2, padding=1, output_padding=1", ("stride", "padding", "output_padding"), (2, 1, 1)),
     ("s=2 p=1 op=1", ("stride", "padding", "output_padding"), (2, 1, 1)),
     ("padding: 1, stride: 2, output_padding: 0", ("stride", "padding", "output_padding"), (2, 1, 0)),
     ("2, 1, 1", ("stride", "padding", "output_padding"), (2, 1, 1)),
     ("4", ("padding",), (4,)), ("padding=4", ("padding",), (4,))],
)
def test_values(text, names, value):
    assert parse_answer(text, "values", names=names) == value


@pytest.mark.parametrize(
    "text,kind",
    [("", "int"), ("abc", "int"), ("12 apples", "int"), ("1/0", "ratio"), ("56x", "shape"),
     ("x", "shape"), ("1:4", "ratio"), ("2, 1", "values"), ("kernel=3", "values"),
     ("1e999", "approx"), ("12.5.3", "int")],
)
def test_unreadable_gives_message(text, kind):
    with pytest.raises(AnswerError) as info:
        parse_answer(text, kind, names=("stride", "padding", "output_padding"))
    assert str(info.value) and info.value.zh
    assert "\n" not in str(info.value)


def test_three_significant_figures():
    exact = 1_233_792_000
    assert sig_unit(exact) == 10_000_000
    for ok in ("1.23G", "1.23e9", "1,233,792,000", "1.234G", "1233.8M"):
        assert matches("approx", parse_answer(ok, "approx"), exact), ok
    for bad in ("1.2G", "1.24G", "1.22e9", "123M"):
        assert not matches("approx", parse_answer(bad, "approx"), exact), bad
    assert close_3sf(Fraction(111, 1000), Fraction(1, 9))
    assert not close_3sf(Fraction(11, 100), Fraction(1, 9))
    assert not matches("int", 12545, 12544)


@given(st.text(max_size=60), st.sampled_from(["int", "approx", "ratio", "shape", "values"]))
def test_any_text_parses_or_gives_answer_error(text, kind):
    try:
        parse_answer(text, kind, names=("stride", "padding"))
    except AnswerError as e:
        assert str(e)


_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_every_way_of_writing_an_integer(n):
    for text in (str(n), f"{n:,}", f"{n:_}", f"{n:,}".replace(",", " "), f" {n} ",
                 str(n).translate(_FULL), str(n).replace("-", "\u2212")):
        assert parse_answer(text, "int") == n, text


@given(st.lists(st.integers(min_value=1, max_value=10**5), min_size=1, max_size=4))
def test_every_way_of_writing_a_shape(dims):
    t = tuple(dims)
    for text in ("x".join(map(str, t)), "×".join(map(str, t)), str(t), str(list(t)),
                 ", ".join(map(str, t)), " ".join(map(str, t))):
        assert parse_answer(text, "shape") == t, text


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_fractions_and_decimals(a, b):
    f = Fraction(a, b)
    assert parse_answer(f"{a}/{b}", "ratio") == f
    assert matches("ratio", parse_answer(f"{float(f):.3g}", "ratio"), f)
