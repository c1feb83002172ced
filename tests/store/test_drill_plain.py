"""The plain drill driven through in-memory stdin/stdout with fixed clocks and seeds."""

from __future__ import annotations

import io
import random
from datetime import timedelta

from sqlalchemy import select

from quizcnn.drill.plain import PlainDrill, clean
from quizcnn.store.models import Review

from . import fakebank as fb
from .conftest import T0


class Clock:
    def __init__(self, t=T0):
        self.t = t

    def __call__(self):
        return self.t


def drill(store, qs, lines, clock=None, **kw):
    out = io.StringIO()
    d = PlainDrill(
        store,
        qs,
        stdin=io.StringIO("".join(x + "\n" for x in lines)),
        stdout=out,
        clock=clock or Clock(),
        rng=random.Random(1),
        check_answer=fb.check_answer,
        **kw,
    )
    summary = d.run()
    return summary, out.getvalue()


def reviews(store):
    with store.read() as s:
        return s.scalars(select(Review).order_by(Review.id)).all()


def test_basic_card_reveal_and_self_rate(store):
    store.set_setting("learn_ahead_minutes", 0)
    summary, out = drill(store, [fb.basic("b1")], ["", "3"])
    assert "The step of the window." in out
    assert "1 Again (1m)" in out and "3 Good (10m)" in out  # previews of each rating
    assert "saved: Good, next in 10m" in out
    assert summary.reviewed == 1 and summary.ended_by == "done"
    assert summary.next_learning == T0 + timedelta(minutes=10)
    assert "come back at 12:10" in out  # TZ=UTC in tests
    [r] = reviews(store)
    assert r.rating == 3 and r.correct is None


def test_numeric_graded_unreadable_is_not_a_review(store):
    summary, out = drill(store, [fb.numeric("n1", 42)], ["x", "41"])
    assert "Could not read that" in out and "Not quite. Expected: 42" in out
    [r] = reviews(store)
    assert (r.rating, r.answer, r.correct) == (1, "41", False)


def test_hint_caps_rating_at_hard(store):
    qs = [fb.numeric("n1", 7, hints=("think of seven",))]
    summary, out = drill(store, qs, ["?", "7"])
    assert "Hint: think of seven" in out and "Right." in out
    [r] = reviews(store)
    assert r.rating == 2 and r.hint_used


def test_choice_letters_follow_the_shuffled_order(store):
    qs = [fb.choice("c1", [("MaxPool2d", True), ("Conv2d", False), ("ReLU", True)])]
    rng = random.Random(1)
    order = [0, 1, 2]
    rng.shuffle(order)
    letters = [ch for ch, i in zip("abc", order, strict=True) if i in (0, 2)]
    summary, out = drill(store, qs, [" ".join(letters)])
    assert "Right." in out
    assert reviews(store)[0].correct is True


def test_generated_card_records_the_served_problem(store):
    summary, out = drill(store, [fb.generated("g1")], ["1x1x1"])
    [r] = reviews(store)
    import json

    problem = json.loads(r.problem)
    assert problem["template"] == "conv-output-size"
    assert "Worked solution:" in out
    from quizcnn.problems import Problem

    again = Problem.from_dict(problem)
    assert again.answer_text in out  # shown again exactly from the log


def test_learning_step_comes_back_in_the_same_session(store):
    clock = Clock()
    qs = [fb.basic("b1")]
    # Again (1 min step), Good (10 min step), Good (graduates): each step is shown again
    # within the session (learn-ahead 20 min) and the session then ends by itself
    lines = ["", "1", "", "3", "", "3"]
    summary, out = drill(store, qs, lines, clock=clock)
    assert out.count("Define stride.") == 3
    assert [r.rating for r in reviews(store)] == [1, 3, 3]
    assert summary.ended_by == "done" and "next in 10m" in out


def test_eof_mid_session_keeps_answers(store):
    qs = [fb.basic(f"b{i}") for i in range(5)]
    summary, out = drill(store, qs, ["", "4", "", "4", ""])
    assert summary.ended_by == "eof" and summary.reviewed == 2
    assert len(reviews(store)) == 2
    assert "Everything answered is saved." in out


def test_undo_and_skip(store):
    qs = [fb.basic("b1"), fb.basic("b2"), fb.basic("b3")]
    # answer b1 Easy; at b2 undo -> b1 again, answer Good; b2 skip; b3 Easy
    summary, out = drill(store, qs, ["", "4", "u", "", "3", "s", "", "4"])
    assert "Undone" in out and "Skipped until tomorrow." in out
    rs = reviews(store)
    assert [r.rating for r in rs] == [3, 4]
    assert summary.reviewed == 2 and summary.skipped == 1


def test_undone_cards_come_back_drawn_as_before(store):
    import json

    # a generated problem answered, then undone at the next card: the same problem again
    qs = [fb.generated("g1", difficulty=1), fb.basic("b2", difficulty=2)]
    summary, out = drill(store, qs, ["1x1x1", "u", "1x1x1"])
    served = [json.loads(r.problem) for r in reviews(store)]
    assert len(served) == 1 and "Undone" in out  # the first answer was taken back
    problems = [chunk.split("\n", 1)[1].split("Answer:")[0]
                for chunk in out.split("--- ")[1:] if "Conv2d(" in chunk]
    assert len(problems) == 2 and problems[0] == problems[1]  # g1 again, the same numbers
    # a choice card keeps its option order after an undo
    qs = [fb.choice("c1", [("alpha", True), ("beta", False), ("gamma", False)], difficulty=1),
          fb.basic("b3", difficulty=2)]
    summary, out = drill(store, qs, ["a", "u", "a"])
    shown = [chunk.split("Pick.", 1)[1].split("\n")[1:4] for chunk in out.split("--- ")[1:]
             if "Pick." in chunk]
    assert len(shown) == 2 and shown[0] == shown[1]


def test_quit_ends_cleanly(store):
    summary, out = drill(store, [fb.basic("b1"), fb.basic("b2")], ["", "3", "q"])
    assert summary.ended_by == "quit" and len(reviews(store)) == 1


def test_nothing_to_study(store):
    summary, out = drill(store, [], [])
    assert "Nothing to study now" in out


def test_terminal_escapes_in_bank_text_are_removed(store):
    evil = "Stride?\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m\x07 \x9b2J"
    summary, out = drill(store, [fb.basic("b1", prompt=evil, answer="ok\x1bc")], ["", "3"])
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "Stride?red" in out
    assert clean("a\x00b\tc\nd\u202e") == "ab\tc\nd"


def test_filters_and_limit(store):
    qs = [fb.basic("a", topic="rf"), fb.basic("b", topic="pool"), fb.basic("c", topic="rf")]
    summary, out = drill(store, qs, ["", "4", "", "4", "", "4"], topics=["rf"], limit=1)
    assert summary.reviewed == 1
    assert [r.card_id for r in reviews(store)] == [1]


def test_next_day_due_cards_come_back(store):
    qs = [fb.basic("b1")]
    drill(store, qs, ["", "4"])
    r = reviews(store)[0]
    later = Clock(T0 + timedelta(days=30))
    summary, out = drill(store, qs, ["", "3"], clock=later)
    assert "review" in out and summary.reviewed == 1
    assert r.id < reviews(store)[-1].id


def test_cram_session_leaves_the_schedule_alone(store):
    from quizcnn.store.scheduler import snapshot

    qs = [fb.basic("b1")]
    drill(store, qs, ["", "4"])
    from quizcnn.store.models import Card

    with store.read() as s:
        before = snapshot(s.get(Card, 1))
    summary, out = drill(store, qs, ["", "1"], clock=Clock(T0 + timedelta(hours=1)), cram=True)
    assert "study ahead: schedule unchanged" in out and summary.reviewed == 1
    with store.read() as s:
        assert snapshot(s.get(Card, 1)) == before
    assert [r.kind for r in reviews(store)] == ["review", "cram"]


def test_leech_is_shown(store):
    from quizcnn.store.models import Card

    drill(store, [fb.basic("b1")], ["", "4"])
    with store.write() as s:
        s.get(Card, 1).leech = True
    summary, out = drill(store, [fb.basic("b1")], ["", "3"], clock=Clock(T0 + timedelta(days=60)))
    assert "leech (often forgotten)" in out


def test_empty_answer_is_not_a_review_and_asks_again(store):
    qs = [
        fb.numeric("n1", 42),
        fb.choice("c1", [("MaxPool2d", True), ("Conv2d", False)]),
        fb.generated("g1"),
    ]
    # New cards come round-robin across decks (a template is a deck of its own): n1 and g1
    # are first in theirs, c1 second.
    summary, out = drill(store, qs, ["", "  ", "42", "", "1x1x1", "", "a b"])
    assert out.count("No answer given: type an answer, or s to skip / q to quit") == 4
    rs = reviews(store)
    assert len(rs) == 3 and [r.answer for r in rs] == ["42", "1x1x1", "a b"]
    assert rs[0].correct is True  # the empty lines before it did not count as wrong


def test_empty_answers_then_skip_and_eof_record_nothing(store):
    summary, out = drill(store, [fb.numeric("n1", 42), fb.numeric("n2", 1)], ["", "s", ""])
    assert "No answer given" in out and "Skipped until tomorrow." in out
    assert reviews(store) == [] and summary.ended_by == "eof"


def test_worked_solution_one_piece_per_line_with_math_rendered(store):
    from quizcnn.drill.plain import solution_lines
    from quizcnn.problems.model import Step

    lines = solution_lines(
        [
            Step("Output height", "$o = (n - k)/s + 1$", "$o = (7 - 3)/1 + 1$", "$o = 5$"),
            Step("Shape", "", "", "$64 \\times 5 \\times 5$"),
        ]
    )
    assert lines == [
        "  1. Output height",
        "     o = (n − k)/s + 1",
        "     o = (7 − 3)/1 + 1",
        "     o = 5",
        "  2. Shape",
        "     = 64 × 5 × 5",
    ]
    summary, out = drill(store, [fb.generated("g1")], ["1x1x1"])
    solution = out.split("Worked solution:\n", 1)[1].split("saved:", 1)[0]
    assert "  1. " in solution and "$" not in solution
    for line in solution.splitlines():  # a title never runs into its formula
        assert line.startswith("  ") and not (line.lstrip()[0].isdigit() and " = " in line)


def test_messages_follow_the_drill_language(store):
    qs = [fb.generated("g1"), fb.numeric("n1", 42)]
    summary, out = drill(store, qs, ["", "zz", "1x1x1", "", "abc", "42"], lang="zh")
    assert "没有输入答案" in out and "无法读取这个答案：无法把" in out
    assert "无法把 'abc' 读成一个数" in out and "正确。" in out and "已保存：" in out
    for english in ("Could not read", "Try again", "No answer given", "saved:", "Right."):
        assert english not in out
    assert len(reviews(store)) == 2
    summary, out = drill(store, [fb.numeric("n2", 5)], ["x", "5"])
    assert ("Could not read that: could not read 'x' as a number (try 12544, 12,544 or 1.25e4)"
            ". Try again." in out)


def test_a_filter_that_matches_nothing_is_named(store):
    from quizcnn.drill.plain import filter_mismatch

    qs = [fb.basic("a", topic="rf", tags=("easy",)), fb.basic("b", topic="pool", tags=("hard",))]
    summary, out = drill(store, qs, [], tags=["nosuch"])
    assert "no questions with tag 'nosuch' (tags: easy, hard)" in out
    assert "no cards are due" not in out
    assert filter_mismatch(qs, ["conv"]) == "no questions with topic 'conv' (topics: pool, rf)"
    assert filter_mismatch(qs, ["rf"], ["hard"]) == "no questions match all of: topic rf; tag hard"
    assert filter_mismatch(qs, lang="zh") == "no questions in language 'zh'"
    assert filter_mismatch(qs, ["rf", "pool"], ["hard"]) is None
    many = [fb.basic(f"x{i}", topic=f"t{i:02d}") for i in range(15)]
    assert filter_mismatch(many, ["zz"]).endswith("t11, … (3 more))")


def test_counts_are_singular_or_plural(store):
    summary, out = drill(store, [fb.basic("b1")], ["", "3"])
    assert "1 card to study." in out
    summary, out = drill(store, [fb.basic("b2"), fb.basic("b3")], ["q"])
    assert "2 cards to study." in out


def test_typed_rating_words_record_their_own_rating(store):
    # "hard" and "easy" are two different answers, as are "again" and "good"
    for word, rating in (("again", 1), (" HARD ", 2), ("good", 3), ("Easy", 4), ("2", 2)):
        qid = f"w{rating}-{word.strip().lower()}"
        before = len(reviews(store))
        drill(store, [fb.basic(qid)], ["", word])
        [r] = reviews(store)[before:]
        assert r.rating == rating, word


def test_the_new_card_limit_says_so_and_how_to_raise_it(store):
    store.set_setting("new_per_day", 1)
    qs = [fb.basic("b1"), fb.basic("b2"), fb.basic("b3")]
    summary, out = drill(store, qs, ["", "4"])  # the one new card allowed today, Easy
    assert summary.reviewed == 1
    assert "new-card limit (1) is reached; 2 new cards wait" in out
    assert "quizcnn db settings new_per_day 3" in out
    summary, out = drill(store, qs, [])  # again the same day: nothing, and why
    assert "Nothing to study now" in out and "2 new cards wait" in out
    summary, out = drill(store, qs, [], lang="zh")
    assert "新卡片上限（1 张）已用完，还有 2 张新卡片在等待" in out


def test_no_limit_message_while_new_cards_still_fit(store):
    qs = [fb.numeric("n1", 1), fb.numeric("n2", 2)]
    _summary, out = drill(store, qs, ["1", "2"])
    assert "new-card limit" not in out


def test_a_chinese_drill_asks_in_the_translations_own_unit(store, tmp_path):
    from tests.bank.helpers import load_dir

    for qid in ("n", "m"):
        (tmp_path / f"{qid}.md").write_text(f"## N\nid: {qid}\ntype: numeric\ntopic: t\n"
                                            "answer: 9408\nunit: parameters\n\nHow many?\n",
                                            encoding="utf-8")
        (tmp_path / f"{qid}-zh.md").write_text(f"## 数\ntranslation_of: {qid}\nlang: zh\n"
                                               "type: numeric\nunit: 个参数\n\n多少个？\n",
                                               encoding="utf-8")
    by_id = load_dir(tmp_path).by_id
    outs = {}
    for lang, qid, typed in (("zh", "n", "9,408 个参数"), ("en", "m", "9408 parameters")):
        out = io.StringIO()
        PlainDrill(store, [by_id[qid]], stdin=io.StringIO(typed + "\n"), stdout=out,
                   clock=Clock(), rng=random.Random(1), lang=lang).run()
        outs[lang] = out.getvalue()
    assert "答案（个参数）：" in outs["zh"] and "parameters" not in outs["zh"]
    assert "正确。" in outs["zh"]
    assert "Answer (parameters): " in outs["en"] and "Right." in outs["en"]
