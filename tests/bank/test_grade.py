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
    assert not v.correct and "could not read 'twelve' as a number" in v.detail
    assert v.expected == "12,544 parameters"  # thousands grouped, as generated answers are
    assert "无法" in v.error_zh
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
    assert not v.correct and v.parts == (True, False, True, True) and "3 of 4" in v.detail["en"]
    assert v.detail["zh"] == "4 个空答对了 3 个"
    assert v.error is None
    assert not gap_matches("x", "")


@pytest.mark.parametrize("text", ["d(k-1)；1；x；max pooling", "d(k-1)；1；x；max pooling；",
                                  "d(k-1)\n1\nx\nmax pooling"])
def test_cloze_full_width_separators_read_like_ascii(bank, text):
    """Issue 13: 'down；3；2；7' previewed as '1 of 4 gaps filled' and was recorded Again."""
    v = check_answer(bank.by_id["gaps"], "en", text)
    assert v.error is None and v.correct


@pytest.mark.parametrize("given", ["d(k-1); 1", "d(k-1); 1; ; max pooling", "d(k-1), 1, x, y",
                                   ["d(k-1)"], "a; b; c; d; e"])
def test_cloze_with_the_wrong_number_of_gaps_is_asked_again(bank, given):
    """A half-filled cloze is not graded Again: it is explained (``error``) and asked again."""
    v = check_answer(bank.by_id["gaps"], "en", given)
    assert v.error is not None and v.error_zh and not v.correct
    assert "4 gaps" in v.error or "of 4 gaps filled" in v.error


def test_cloze_reader_is_shared_with_the_preview(bank):
    from quizcnn.bank.grade import read_gaps
    from quizcnn.problems.answers import AnswerError

    assert read_gaps("a；b", 2) == ["a", "b"]
    with pytest.raises(AnswerError, match="1 of 2 gaps filled: give all 2, with ; between"):
        read_gaps("a, b", 2)
    assert read_gaps("a; b", 1) == ["a; b"]  # one gap: the whole text


def test_basic_is_not_graded_here(deck, tmp_path):
    deck("## B\nid: b\ntype: basic\ntopic: t\n\nP\n\n### Answer\nA\n", name="b.md")
    q = load_dir(tmp_path / "bank").by_id["b"]
    with pytest.raises(ValueError):
        check_answer(q, "en", "anything")


def test_answer_keys_group_thousands_like_generated_answers(deck, tmp_path):
    """Issue 13: bank answers printed 118013952, generated ones 3,149,280: now both group."""
    import random

    from quizcnn.bank.cloze import reveal
    from quizcnn.printing.select import question_item

    deck("## N\nid: n\ntype: numeric\ntopic: t\nanswer: 118013952\nunit: MACs\n\nP\n\n"
         "## Z\nid: z\ntype: cloze\ntopic: t\n\nIt needs {{118013952}} MACs and {{64}} filters.\n",
         name="k.md")
    b = load_dir(tmp_path / "bank")
    assert question_item(b.by_id["n"], random.Random(0)).answer.get("en") == "118,013,952 MACs"
    key = question_item(b.by_id["z"], random.Random(0)).answer.get("en")
    assert key == "(1) 118,013,952; (2) 64"
    assert check_answer(b.by_id["z"], "en", "118013952; 64").expected == "118,013,952; 64"
    assert "118,013,952 MACs" in reveal(b.by_id["z"].text().prompt, group=True)
    assert check_answer(b.by_id["z"], "en", "118,013,952; 64").correct


def test_a_chinese_translation_shows_and_grades_with_its_own_unit(tmp_path):
    (tmp_path / "a.md").write_text(
        "## N\nid: n\ntype: numeric\ntopic: t\nanswer: 9408\nunit: parameters\n\nP\n\n"
        "## M\nid: m\ntype: numeric\ntopic: t\nanswer: 3\nunit: times\n\nP\n", encoding="utf-8")
    (tmp_path / "zh.md").write_text(
        "## 数\ntranslation_of: n\nlang: zh\ntype: numeric\nunit: 个参数\n\n问\n\n"
        "## 倍\ntranslation_of: m\nlang: zh\ntype: numeric\n\n问\n", encoding="utf-8")
    bank = load_dir(tmp_path)
    n, m = bank.by_id["n"], bank.by_id["m"]
    assert (n.unit("zh"), n.unit("en")) == ("个参数", "parameters")
    assert m.unit("zh") == "times"  # no unit of its own: the card's
    zh = check_answer(n, "zh", "9,408 个参数")
    assert zh.correct and zh.expected == "9,408 个参数"
    assert check_answer(n, "zh", "9408 parameters").correct  # the English word is still read
    en = check_answer(n, "en", "9408 parameters")
    assert en.correct and en.expected == "9,408 parameters"
