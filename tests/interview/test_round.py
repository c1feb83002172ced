"""Line-mode rounds scripted with piped input and an injected clock: scores, ratings, the
reviews recorded, follow-ups, skips, timeouts, the end of input, Ctrl+C, both languages."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from quizcnn.interview.report import history, to_json
from quizcnn.interview.round import concept_rating, read_ticks
from quizcnn.store.models import Card, Review

from .conftest import Clock, play


def reviews(store):
    with store.read() as s:
        rows = s.execute(select(Card.bank_id, Review.rating, Review.kind, Review.correct,
                                Review.problem)
                         .join(Card, Card.id == Review.card_id).order_by(Review.id)).all()
    return [tuple(r) for r in rows]


def test_rating_mapping_and_tick_reading():
    assert [concept_rating(c, 4) for c in range(5)] == [1, 1, 2, 2, 3]
    assert [concept_rating(c, 3) for c in range(4)] == [1, 1, 2, 3]
    assert read_ticks("1 3", 4) == [0, 2] and read_ticks("3,1,3", 4) == [0, 2]
    assert read_ticks("all", 3) == [0, 1, 2] and read_ticks("none", 3) == []
    assert read_ticks("全部", 2) == [0, 1] and read_ticks("１ ２", 2) == [0, 1]
    assert read_ticks("5", 4) is None and read_ticks("x", 4) is None and read_ticks("", 4) is None


def test_scripted_round_scores_follow_up_and_self_rated_card(store, bank):
    # Q1 concept with key points (2 of 4 ticked after one bad tick line), Q2 its follow-up
    # (follow_up: alpha-count; one unreadable answer asked again), Q3 a card without key points
    lines = ["weights are shared, equivariance", "7", "1 3", "lots", "1,792", "", "2"]
    report, out, rnd = play(store, bank, lines)
    assert [(q.bank_id, q.kind, q.outcome) for q in report.questions] == [
        ("alpha-share", "concept", "answered"), ("alpha-count", "follow-up", "answered"),
        ("alpha-map", "concept", "answered")]
    assert [q.score for q in report.questions] == [0.5, 1.0, 0.5]
    assert report.score == pytest.approx(2 / 3)
    assert report.round.ended_by == "done"
    assert "The interviewer digs deeper:" in out
    assert "Give the numbers of the points you covered (1-4), all or none." in out
    assert "Could not read that" in out and "Right." in out
    assert "This card has no key points: rate yourself." in out
    assert "[20:00 left · 2:30 for this question]" in out  # the clock at the first prompt
    assert "[19:30 left · 2:00 for this question]" in out  # 10 s per line of the script
    assert "[19:20 left · 1:50 for this question]" in out  # asked again: its clock runs
    assert report.questions[0].missed == ("Parameter count does not depend on the input size",
                                          "Fewer parameters than a dense layer")
    # one review each, through the normal review log, rated as the issue says
    assert reviews(store) == [("alpha-share", 2, "interview", None, None),
                              ("alpha-count", 3, "interview", True, None),
                              ("alpha-map", 2, "interview", None, None)]
    # seconds: from the question shown to the answer given (the checklist is not timed)
    assert report.questions[0].seconds == 10 and report.questions[1].seconds == 20


def test_new_cards_met_in_an_interview_leave_the_new_card_limit(store, bank):
    from quizcnn.store.queue import done_today

    _report, _out, rnd = play(store, bank, ["a", "all", "1792", "", "3"])
    assert done_today(store, rnd.clock()) == (0, 0)
    with store.read() as s:
        card = s.scalar(select(Card).where(Card.bank_id == "alpha-share"))
    assert card.last_review is not None and card.due > rnd.clock()  # scheduled as a review


def test_skip_timeout_and_template_follow_up_on_the_generated_card(store, bank):
    clock = Clock()
    # beta-stride answered in time: its follow_up is the conv-params template, recorded on the
    # bank's generated card of that template at the level; then a timed-out answer
    lines = ["the step", "all", "s"]
    report, out, _ = play(store, bank, lines, clock=clock, topics=("beta",))
    kinds = [(q.bank_id, q.kind, q.outcome, q.score) for q in report.questions]
    assert kinds == [("beta-stride", "concept", "answered", 1.0),
                     ("gen-beta-params-2", "follow-up", "skipped", 0.0)]
    assert "Skipped: scored 0, saved as Again." in out
    rows = reviews(store)
    assert [(b, r, k) for b, r, k, _c, _p in rows] == [("beta-stride", 3, "interview"),
                                                        ("gen-beta-params-2", 1, "interview")]
    assert json.loads(rows[1][4])["template"] == "conv-params"  # the problem drawn is kept
    assert report.questions[1].missed[0].startswith("the answer is ")

    report2, out2, _ = play(store, bank, [("too slow", 151), "all"], topics=("beta",))
    q = report2.questions[0]
    assert (q.outcome, q.score, q.seconds, q.budget_seconds) == ("timeout", 0.0, 151, 150)
    assert "Time's up for this question (2:31 of 2:30): scored 0, saved as Again." in out2
    assert "Key points to say next time:" in out2
    assert q.missed == ("The step of the window", "Output size divides by the stride",
                        "Compute falls with it")
    assert [q.kind for q in report2.questions] == ["concept", "numeric"]  # no follow-up


def test_the_round_ends_when_its_time_is_out(store, bank):
    report, out, _ = play(store, bank, [("long answer", 70), "all"], minutes=1)
    [q] = report.questions
    assert q.budget_seconds == 60 and q.outcome == "timeout"
    assert report.round.ended_by == "time" and "Time is up for the round." in out


def test_end_of_input_ends_the_round_as_if_time_ran_out(store, bank):
    report, out, _ = play(store, bank, ["shared weights", "all"])
    assert report.round.ended_by == "input"
    assert [(q.bank_id, q.outcome) for q in report.questions] == [
        ("alpha-share", "answered"), ("alpha-count", "timeout")]
    assert len(reviews(store)) == 2


def test_ctrl_c_keeps_the_answered_part(store, bank):
    report, _out, _ = play(store, bank, ["shared", "1 2", "1792"], interrupt_after=2)
    assert report.round.ended_by == "interrupt"
    assert [(q.bank_id, q.outcome) for q in report.questions] == [("alpha-share", "answered")]
    assert [r[0] for r in reviews(store)] == ["alpha-share"]  # the open question: no review


def test_chinese_round(store, bank):
    report, out, _ = play(store, bank, ["权重共享", "1 2 3", "1792", "", "3"], lang="zh")
    assert "模拟面试：20 分钟，第 2 级，中文" in out
    assert "为什么卷积在每个位置使用同一个卷积核？" in out
    assert "要点。你说到了哪些？" in out and "正确。" in out
    assert report.questions[0].missed == ("比全连接层参数少",)
    assert report.questions[0].title == "为什么共享权重？"
    assert report.round.lang == "zh"
    from quizcnn.interview.summary import lines

    text = "\n".join(lines(report, "zh"))
    assert "按主题：alpha 92%" in text and "按能力：计算 100%，概念 88%" in text
    assert "下次要说到的：\n   1. 比全连接层参数少" in text


def test_json_report_keys_and_history_over_two_rounds(store, bank):
    first, _, _ = play(store, bank, ["a", "none", "5", "", "1"])
    clock = Clock(first.round.started_at.replace(hour=15))
    second, _, _ = play(store, bank, ["a", "all", "1792", "", "4"], clock=clock)
    doc = to_json(second)
    for key in ("score", "topics", "questions", "started_at", "minutes", "level", "lang"):
        assert key in doc
    assert doc["score"] == 1.0 and doc["topics"] == {"alpha": 1.0}
    assert doc["minutes"] == 20 and doc["level"] == 2 and doc["lang"] == "en"
    q = doc["questions"][0]
    assert set(q) >= {"id", "kind", "topic", "score", "seconds", "budget_seconds",
                      "missed_points"}
    assert {x["kind"] for x in doc["questions"]} == {"concept", "follow-up"}
    assert doc["trend"]["previous"] == [{"started_at": first.round.started_at.isoformat(),
                                         "score": 0.0}]
    assert doc["trend"]["change"] == 1.0
    hist = history(store)
    assert [h["started_at"] for h in hist] == [second.round.started_at.isoformat(),
                                               first.round.started_at.isoformat()]
    assert hist[0]["score"] == 1.0 and hist[1]["score"] == 0.0
    assert set(hist[0]) >= {"started_at", "score", "minutes", "level", "lang", "topics"}
    json.dumps(hist)
