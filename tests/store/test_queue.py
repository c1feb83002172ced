"""Today's queue: limits, order by retrievability, interleaving, burying, filters, days."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest

from quizcnn.store.dates import UTC, day_start, study_day
from quizcnn.store.queue import build_queue, interleave
from quizcnn.store.scheduler import Rating, Reviewer
from quizcnn.store.sync import orphans, sync_bank

from .conftest import T0, FakeQuestion, questions


def drain(queue, now):
    out = []
    while (item := queue.next(now)) is not None:
        out.append(item)
    return out


def test_new_cards_limited_per_day(store):
    sync_bank(store, questions(30), now=T0)
    q = build_queue(store, T0)
    assert q.counts() == {"new": 20, "review": 0, "learning": 0}
    rev = Reviewer(store)
    for item in drain(q, T0)[:5]:
        rev.answer(item.card_id, Rating.Easy, now=T0)
    assert build_queue(store, T0 + timedelta(hours=1)).counts()["new"] == 15
    # the next study day starts at 4 a.m.: a fresh allowance
    assert build_queue(store, T0 + timedelta(hours=17)).counts()["new"] == 20


def test_reviews_capped_and_least_retrievable_first(store):
    sync_bank(store, questions(6), now=T0)
    rev = Reviewer(store)
    for i in range(1, 7):  # graduate each card on a different day: different overdueness
        rev.answer(i, Rating.Easy, now=T0 - timedelta(days=40 - 3 * i))
    now = T0 + timedelta(days=60)
    q = build_queue(store, now)
    items = drain(q, now)
    assert all(not it.is_new for it in items) and len(items) == 6
    rs = [rev.retrievability(rev.card(it.card_id), now) for it in items]
    assert rs == sorted(rs)
    store.set_setting("reviews_per_day", 4)
    assert len(build_queue(store, now).main) == 4


def test_topics_interleaved(store):
    sync_bank(
        store,
        [FakeQuestion(f"q{i}", topic=t) for i, t in enumerate("aaabbbccc")],
        now=T0,
    )
    topics = [it.topic for it in drain(build_queue(store, T0), T0)]
    assert topics[:3] == ["a", "b", "c"] and topics[3:6] == ["a", "b", "c"]


def test_interleave_keeps_order_within_topic():
    from quizcnn.store.queue import QueueItem

    items = [QueueItem(i, f"x{i}", t, 2, False, None) for i, t in enumerate("aabbbc")]
    out = interleave(items)
    assert [it.card_id for it in out] == [0, 2, 5, 1, 3, 4]


def test_learning_steps_come_back_in_the_session(store):
    store.set_setting("learn_ahead_minutes", 0)
    sync_bank(store, questions(1), now=T0)
    rev = Reviewer(store)
    q = build_queue(store, T0)
    item = q.next(T0)
    r = rev.answer(item.card_id, Rating.Good, now=T0)
    q.answered(item, r.state, r.due)
    assert q.next(T0 + timedelta(minutes=5)) is None
    assert q.waiting() == T0 + timedelta(minutes=10)
    again = q.next(T0 + timedelta(minutes=10))
    assert again.card_id == item.card_id
    r = rev.answer(item.card_id, Rating.Good, now=T0 + timedelta(minutes=10))
    q.answered(again, r.state, r.due)
    assert r.state == 2 and q.next(T0 + timedelta(days=30)) is None  # graduated: not today


def test_learn_ahead_when_nothing_else_is_left(store):
    sync_bank(store, questions(1), now=T0)
    rev = Reviewer(store)
    q = build_queue(store, T0)
    item = q.next(T0)
    r = rev.answer(item.card_id, Rating.Again, now=T0)
    q.answered(item, r.state, r.due)
    assert q.next(T0).card_id == item.card_id  # due in 1 min, within 20 min


def test_learning_cards_from_an_earlier_session_are_in_todays_queue(store):
    sync_bank(store, questions(2), now=T0)
    rev = Reviewer(store)
    rev.answer(1, Rating.Good, now=T0)
    q = build_queue(store, T0 + timedelta(minutes=30))
    assert q.counts() == {"new": 1, "review": 0, "learning": 1}
    assert q.next(T0 + timedelta(minutes=30)).card_id == 1


def test_bury_suspend_orphan(store):
    sync_bank(store, questions(4), now=T0)
    rev = Reviewer(store)
    rev.bury(1, now=T0)
    rev.suspend(2)
    report = sync_bank(store, questions(4)[:3], now=T0)  # q003 left the bank
    assert report.orphaned == 1 and orphans(store) == ["q003"]
    ids = {it.card_id for it in drain(build_queue(store, T0), T0)}
    assert ids == {3}
    tomorrow = T0 + timedelta(days=1)
    assert {it.card_id for it in drain(build_queue(store, tomorrow), tomorrow)} == {1, 3}


def test_orphan_keeps_history_and_resumes(store):
    sync_bank(store, questions(2), now=T0)
    rev = Reviewer(store)
    rev.answer(2, Rating.Easy, now=T0)
    before = rev.card(2)
    sync_bank(store, questions(1), now=T0)
    assert rev.card(2).in_bank is False
    report = sync_bank(store, questions(2), now=T0 + timedelta(days=1))
    assert report.resumed == 1 and report.added == 0
    after = rev.card(2)
    assert after.in_bank and after.id == before.id and after.stability == before.stability


def test_filters_topic_tag_lang(store):
    qs = [
        FakeQuestion("a", topic="rf", tags=("seed",), variants={"en": 1, "zh": 1}),
        FakeQuestion("b", topic="rf", tags=("hard",), variants={"en": 1}),
        FakeQuestion("c", topic="pool", tags=("seed", "x"), variants={"zh": 1}),
    ]
    sync_bank(store, qs, now=T0)

    def ids(**kw):
        return sorted(it.bank_id for it in drain(build_queue(store, T0, **kw), T0))

    assert ids(topics=["rf"]) == ["a", "b"]
    assert ids(tags=["seed"]) == ["a", "c"]
    assert ids(lang="zh") == ["a", "c"]
    assert ids(topics=["rf"], lang="zh") == ["a"]
    assert ids(limit=2) == ["a", "c"]  # interleaved: one rf, then one pool
    assert ids(tags=["s%"]) == []  # LIKE wildcards in a filter are literal


def test_leech_filter_and_cram(store):
    sync_bank(store, questions(3), now=T0)
    rev = Reviewer(store)
    for i in (1, 2):
        rev.answer(i, Rating.Easy, now=T0)
    from quizcnn.store.models import Card

    with store.write() as s:
        s.get(Card, 2).leech = True
    assert [it.card_id for it in drain(build_queue(store, T0, leeches_only=True), T0)] == []
    cram = build_queue(store, T0 + timedelta(hours=1), cram=True)
    assert sorted(it.card_id for it in cram.main) == [1, 2]  # studied cards, not due
    lq = build_queue(store, T0 + timedelta(days=90), leeches_only=True)
    assert [it.card_id for it in drain(lq, T0 + timedelta(days=90))] == [2]


@pytest.fixture
def new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_study_day_uses_local_time_and_rollover(new_york):
    # 2026-03-03 07:30 UTC is 02:30 in New York: still the study day of March 2
    assert study_day(datetime(2026, 3, 3, 7, 30, tzinfo=UTC)) == date(2026, 3, 2)
    assert study_day(datetime(2026, 3, 3, 9, 30, tzinfo=UTC)) == date(2026, 3, 3)
    assert day_start(date(2026, 3, 3)) == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    # across the DST change (March 8, 2026) the day still starts at 4 a.m. local
    assert day_start(date(2026, 3, 9)) == datetime(2026, 3, 9, 8, 0, tzinfo=UTC)


def test_list_cards_for_browsing(store):
    from quizcnn.store.queue import list_cards

    sync_bank(store, questions(4, topics=("a", "b")), now=T0)
    rev = Reviewer(store)
    rev.suspend(2)
    sync_bank(store, questions(3, topics=("a", "b")), now=T0)
    assert [c.bank_id for c in list_cards(store, suspended=True)] == ["q001"]
    assert [c.bank_id for c in list_cards(store, orphaned=True)] == ["q003"]
    assert [c.bank_id for c in list_cards(store, topic="a")] == ["q000", "q002"]
    assert list_cards(store, leeches=True) == []
