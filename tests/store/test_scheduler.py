"""Scheduling with fixed UTC times and fuzzing off."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from quizcnn.store.models import SCHEDULE_FIELDS, Card, Review
from quizcnn.store.scheduler import Rating, Reviewer, auto_rating, format_interval, snapshot
from quizcnn.store.sync import sync_bank

from .conftest import T0, questions


@pytest.fixture
def rev(store):
    sync_bank(store, questions(5), now=T0)
    return Reviewer(store)


def test_good_graduates_then_intervals_grow(rev):
    r1 = rev.answer(1, Rating.Good, now=T0)
    assert r1.interval == timedelta(minutes=10) and r1.was_new  # learning step 2
    t = T0 + timedelta(minutes=10)
    r = rev.answer(1, Rating.Good, now=t)
    assert r.state == 2  # Review
    intervals = [r.interval]
    for _ in range(5):
        t = r.due
        r = rev.answer(1, Rating.Good, now=t)
        intervals.append(r.interval)
    assert all(b > a for a, b in zip(intervals, intervals[1:], strict=False))
    assert intervals[0] >= timedelta(days=1)
    assert rev.card(1).reps == 7


def test_again_relearns_and_counts_a_lapse(rev):
    t = T0
    rev.answer(1, Rating.Good, now=t)
    r = rev.answer(1, Rating.Good, now=t + timedelta(minutes=10))
    before = rev.card(1).stability
    r = rev.answer(1, Rating.Again, now=r.due)
    assert r.state == 3 and r.interval == timedelta(minutes=10)  # relearning step
    card = rev.card(1)
    assert card.lapses == 1 and card.stability < before
    r = rev.answer(1, Rating.Good, now=r.due)
    assert r.state == 2


def test_leech_after_threshold_lapses(store):
    sync_bank(store, questions(1), now=T0)
    store.set_setting("leech_threshold", 3)
    rev = Reviewer(store)
    t = T0
    r = rev.answer(1, Rating.Easy, now=t)
    flagged = []
    for _ in range(3):
        r = rev.answer(1, Rating.Again, now=r.due)
        flagged.append(r.became_leech)
        r = rev.answer(1, Rating.Good, now=r.due)
    assert flagged == [False, False, True]
    assert rev.card(1).leech


def test_undo_restores_card_exactly(rev, store):
    rev.answer(2, Rating.Good, now=T0)
    r = rev.answer(2, Rating.Good, now=T0 + timedelta(minutes=10))
    before = snapshot(rev.card(2))
    sid = rev.start_session(now=r.due)
    rev.answer(2, Rating.Again, now=r.due, session_id=sid, correct=False)
    assert snapshot(rev.card(2)) != before
    undone = rev.undo(session_id=sid)
    assert undone.card_id == 2 and undone.bank_id == "q001"
    assert snapshot(rev.card(2)) == before
    with store.read() as s:
        assert s.scalar(select(Review).where(Review.id == undone.review_id)) is None
        from quizcnn.store.models import StudySession

        sess = s.get(StudySession, sid)
        assert (sess.reviewed, sess.again) == (0, 0)
    # undo of a new card's first answer brings back a new card
    rev.answer(3, Rating.Easy, now=T0)
    rev.undo()
    card = rev.card(3)
    assert card.last_review is None and card.due is None and card.reps == 0


def test_datetimes_come_back_as_utc(rev):
    rev.answer(1, Rating.Good, now=T0)
    card = rev.card(1)
    assert card.last_review == T0 and card.last_review.tzinfo is T0.tzinfo
    assert card.due.tzinfo is T0.tzinfo


def test_preview_matches_answer_without_fuzz(rev):
    rev.answer(1, Rating.Good, now=T0)
    r = rev.answer(1, Rating.Good, now=T0 + timedelta(minutes=10))
    p = rev.preview(1, now=r.due)
    assert p[Rating.Again] < p[Rating.Hard] <= p[Rating.Good] < p[Rating.Easy]
    got = rev.answer(1, Rating.Good, now=r.due)
    assert got.interval == p[Rating.Good]


def test_cram_leaves_schedule_alone(rev, store):
    rev.answer(1, Rating.Good, now=T0)
    before = snapshot(rev.card(1))
    r = rev.answer(1, Rating.Again, now=T0 + timedelta(hours=1), cram=True)
    assert r.cram and r.due is None
    assert snapshot(rev.card(1)) == before
    with store.read() as s:
        kinds = s.scalars(select(Review.kind).order_by(Review.id)).all()
    assert kinds == ["review", "cram"]


def test_review_row_records_everything(rev, store):
    problem = {"template": "conv-output-size", "seed": 7, "prompt": {"en": "n=5"}}
    rev.answer(
        4,
        Rating.Again,
        now=T0,
        duration_ms=4200,
        answer="12",
        correct=False,
        misconception="forgot-padding",
        problem=problem,
        lang="zh",
        hint_used=True,
    )
    with store.read() as s:
        row = s.scalar(select(Review))
    assert (row.card_id, row.rating, row.duration_ms, row.answer, row.correct) == (
        4,
        1,
        4200,
        "12",
        False,
    )
    assert row.misconception == "forgot-padding" and row.lang == "zh" and row.hint_used
    assert json.loads(row.problem) == problem and row.reviewed_at == T0
    assert row.state_before == 0
    assert set(json.loads(row.card_before)) == set(SCHEDULE_FIELDS)


def test_suspend_and_reset(rev, store):
    rev.answer(1, Rating.Good, now=T0)
    rev.suspend(1)
    assert rev.card(1).suspended
    rev.suspend(1, on=False)
    assert not rev.card(1).suspended
    assert rev.reset(card_ids=[1]) == 1
    card = rev.card(1)
    assert card.last_review is None and card.stability is None and card.reps == 0
    with store.read() as s:
        assert s.scalar(select(Review.card_id)) == 1  # history kept
    assert rev.undo() is None  # nothing to go back to after a reset
    assert rev.reset(topic="conv") == 5


def test_auto_rating_mapping():
    assert auto_rating(False) == Rating.Again
    assert auto_rating(False, hint_used=True, duration_ms=1) == Rating.Again
    assert auto_rating(True) == Rating.Good
    assert auto_rating(True, hint_used=True) == Rating.Hard
    assert auto_rating(True, duration_ms=25_000, usual_ms=10_000) == Rating.Hard
    assert auto_rating(True, duration_ms=4_000, usual_ms=10_000) == Rating.Easy
    assert auto_rating(True, duration_ms=12_000, usual_ms=10_000) == Rating.Good
    assert auto_rating(True, duration_ms=1, usual_ms=None) == Rating.Good


def test_usual_time_is_the_median_of_correct_answers(rev):
    assert rev.usual_ms() is None
    t = T0
    for i, ms in enumerate([1000, 2000, 3000, 4000, 90000]):
        rev.answer(1 + i % 5, Rating.Good, now=t, duration_ms=ms, correct=True)
        t += timedelta(minutes=1)
    assert rev.usual_ms() == 3000
    assert rev.grade(True, duration_ms=7000) == Rating.Hard
    assert rev.grade(True, duration_ms=1000) == Rating.Easy


def test_format_interval():
    assert format_interval(timedelta(minutes=1)) == "1m"
    assert format_interval(timedelta(hours=5)) == "5h"
    assert format_interval(timedelta(days=3)) == "3d"
    assert format_interval(timedelta(days=400)) == "1.1y"


def test_unknown_card_is_a_clear_error(rev):
    from quizcnn.store import StoreError

    with pytest.raises(StoreError, match="no card with id 99"):
        rev.answer(99, Rating.Good, now=T0)


def test_card_row_is_the_fsrs_card_id(rev, store):
    with store.read() as s:
        ids = s.scalars(select(Card.id).order_by(Card.id)).all()
    assert ids == [1, 2, 3, 4, 5]


def test_preview_is_exactly_what_is_saved_with_fuzzing_on(store):
    import random

    store.set_setting("enable_fuzzing", True)
    sync_bank(store, questions(8), now=T0)
    rev = Reviewer(store)
    unfuzzed_rev = Reviewer(store)
    unfuzzed_rev.fsrs.enable_fuzzing = False
    fuzzed = 0
    random.seed(12345)
    state = random.getstate()
    for cid in range(1, 9):
        t = T0
        r = rev.answer(cid, Rating.Easy, now=t)  # graduates: a review card, fuzz applies
        for _ in range(cid % 3 + 1):
            t = r.due
            r = rev.answer(cid, Rating.Good, now=t)
        t = r.due + timedelta(days=cid)
        shown = rev.preview(cid, t)
        unfuzzed = unfuzzed_rev.preview(cid, t)
        for rating in Rating:
            saved = rev.answer(cid, rating, now=t)
            assert saved.interval == shown[rating], (cid, rating)
            assert rev.undo() is not None
            fuzzed += shown[rating] != unfuzzed[rating]
    assert fuzzed > 0  # the fuzz really was on
    assert random.getstate() == state  # the global random state is left as it was
