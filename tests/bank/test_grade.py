"""Grading typed answers to numeric, choice and cloze cards."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizcnn.bank import check_answer
from quizcnn.bank.grade import check_choice, gap_matches, parse_selection
from quizcnn.bank.numbers import parse_number, parse_tolerance
from tests.bank.helpers import load_dir

DECK = """---
topic: t
---
## N
id: exact
type: numeric
answer: 12544
unit: parameters

P

## R
id: rel
type: numeric
answer: 3/4
tolerance: 1%

P

## A
id: abs
type: numeric
answer: 10
tolerance: 0.5

P

## C
id: pick
type: choice

P

### Choices
- [x] first
- [ ] second
- [x] third

## Z
id: gaps
type: cloze

$\\lfloor (n + 2p - {{d(k-1)}} - 1)/s \\rfloor + {{1}}$ and {{\\times}} and {{Max pooling}}
"""


@pytest.fixture
def bank(deck, tmp_path):
    deck(DECK)
    b = load_dir(tmp_path / "bank")
    assert b.errors == []
    return b


@pytest.mark.parametrize(
    ("text", "value"),
    [("12544", 12544), ("12,544", 12544), ("12 544", 12544), ("1.2544e4", 12544), ("3/4", Fraction(3, 4)),
     ("0.75", Fraction(3, 4)), ("1.5M", 1_500_000), ("2k", 2000), ("-3", -3), ("$7$", 7), ("１２", 12),
     ("1.5 x 10^6", 1_500_000), ("25%", Fraction(1, 4)), ("12544 parameters", 12544)],
)
def test_parse_number_accepts(text, value):
    assert parse_number(text, "parameters") == value


@pytest.mark.parametrize("text", ["", "abc", "1,2", "1/0", "3/", "1e999999", "12 or 13", "x" * 500])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_parse_tolerance():
    assert parse_tolerance("0.5") == (0.5, False)
    assert parse_tolerance("2%") == (0.02, True)
    assert parse_tolerance("-1") is None and parse_tolerance("x") is None


def test_numeric(bank):
    q = bank.by_id["exact"]
    assert check_answer(q, "en", "12,544").correct
    assert not check_answer(q, "en", "12545").correct
    v = check_answer(q, "en", "twelve")
    assert not v.correct and "not a number" in v.detail and v.expected == "12544 parameters"
    assert v.error == v.detail and check_answer(q, "en", "12544").error is None
    rel = bank.by_id["rel"]
    assert check_answer(rel, "en", "0.7575").correct and not check_answer(rel, "en", "0.76").correct
    ab = bank.by_id["abs"]
    assert check_answer(ab, "en", "10.5").correct and check_answer(ab, "en", "9.5").correct
    assert not check_answer(ab, "en", "10.51").correct


def test_choice(bank):
    q = bank.by_id["pick"]
    assert check_choice(q, "en", [0, 2]) and not check_choice(q, "en", [0]) and not check_choice(q, "en", [0, 1, 2])
    assert check_answer(q, "en", "1,3").correct and check_answer(q, "en", "a c").correct
    assert check_answer(q, "en", "ac").correct and not check_answer(q, "en", "1").correct
    # shown shuffled: position 0 shows option 2 (third), 1 shows option 1, 2 shows option 0
    order = [2, 1, 0]
    v = check_answer(q, "en", "1 3", order=order)
    assert v.correct and v.expected == "1, 3"
    assert not check_answer(q, "en", "2", order=order).correct
    assert not check_answer(q, "en", "7").correct
    assert parse_selection("1, 9", 3) is None and parse_selection("b", 3) == [1]


def test_cloze(bank):
    q = bank.by_id["gaps"]
    assert q.text().gaps == ("d(k-1)", "1", "\\times", "Max pooling")
    v = check_answer(q, "en", ["d (k − 1)", "1.0", "×", "max  POOLING"])
    assert v.correct and v.parts == (True, True, True, True)
    v = check_answer(q, "en", "d(k-1); 2; x; max pooling")
    assert not v.correct and v.parts == (True, False, True, True) and "3 of 4" in v.detail
    assert not check_answer(q, "en", ["d(k-1)"]).correct
    assert not gap_matches("x", "")


def test_basic_is_not_graded_here(deck, tmp_path):
    deck("## B\nid: b\ntype: basic\ntopic: t\n\nP\n\n### Answer\nA\n", name="b.md")
    q = load_dir(tmp_path / "bank").by_id["b"]
    with pytest.raises(ValueError):
        check_answer(q, "en", "anything")
