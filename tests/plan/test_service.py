"""The plan in the store: the queue follows it, clearing it or passing the date restores FSRS."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from quizcnn.plan import service
from quizcnn.plan.spec import PlanError, PlanSpec
from quizcnn.store.models import Card, PlanCard
from quizcnn.store.queue import build_queue
from quizcnn.store.scheduler import Reviewer
from quizcnn.store.sync import sync_bank
from tests.store.conftest import FakeQuestion

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    from quizcnn.store.db import open_store

    s = open_store(tmp_path / "p.sqlite3")
    s.set_setting("enable_fuzzing", False)
    qs = [FakeQuestion(f"q{i:03d}", topic=("conv", "pool")[i % 2],
                       tags=("seed",) if i >= 50 else ()) for i in range(60)]
    sync_bank(s, qs, now=T0)
    yield s
    s.close()


def learn(store, n: int, at: datetime, rating: int = 3) -> None:
    """Answer the first ``n`` cards (Good) until they reach the Review state."""
    r = Reviewer(store)
    for cid in range(1, n + 1):
        t = at
        for _ in range(3):
            res = r.answer(cid, rating, now=t)
            if res.state == 2:
                break
            t = res.due
    return None


def schedule(store) -> list[tuple]:
    with store.read() as s:
        return [tuple(getattr(c, f) for f in ("id", "state", "due", "stability", "difficulty",
                                                "last_review", "reps"))
                for c in s.scalars(select(Card).order_by(Card.id))]


def queue_ids(store, now):
    q = build_queue(store, now)
    return [it.card_id for it in q.main], q.counts()


def test_clearing_the_plan_restores_fsrs_schedule_exactly(store):
    learn(store, 20, T0 - timedelta(days=3), rating=4)  # Easy: FSRS's next review is far off
    now = T0
    before = schedule(store)
    plain = queue_ids(store, now)
    service.set_plan(store, PlanSpec(date(2026, 3, 4), minutes=60, target=0.97), now)
    assert service.refresh(store, now)
    with store.read() as s:
        early = list(s.scalars(select(PlanCard.card_id)))
    assert early  # two days out, cards below the target on the day are brought forward
    planned = queue_ids(store, now)
    assert planned != plain
    assert set(early) <= set(planned[0])
    assert schedule(store) == before  # FSRS's columns untouched by the plan
    assert service.clear_plan(store)
    assert queue_ids(store, now) == plain
    assert schedule(store) == before


def test_passing_the_date_restores_fsrs_schedule(store):
    learn(store, 10, T0 - timedelta(days=3))
    service.set_plan(store, PlanSpec(date(2026, 3, 4), minutes=60), T0)
    service.refresh(store, T0)
    after = T0 + timedelta(days=2)  # the day of the interview
    assert not service.refresh(store, after)
    with_plan = queue_ids(store, after)
    service.clear_plan(store)
    assert queue_ids(store, after) == with_plan


def test_the_plan_paces_new_cards_seed_first_in_scope(store):
    service.set_plan(store, PlanSpec(date(2026, 3, 12), minutes=40, topics=("conv",)), T0)
    service.refresh(store, T0)
    q = build_queue(store, T0)
    new = [it for it in q.main if it.is_new]
    assert len(new) == 4  # 30 conv cards over the 8 days before the last two: ceil(30 / 8)
    with store.read() as s:
        rows = {c.id: c for c in s.scalars(select(Card))}
    assert all(rows[it.card_id].topic == "conv" for it in new)
    assert all(",seed," in rows[it.card_id].tags for it in new)  # q050.. are the seed cards


def test_a_reviewed_card_leaves_the_early_list(store):
    learn(store, 5, T0 - timedelta(days=3), rating=4)
    service.set_plan(store, PlanSpec(date(2026, 3, 4), minutes=60, target=0.97), T0)
    service.refresh(store, T0)
    ids, _ = queue_ids(store, T0)
    cid = ids[0]
    Reviewer(store).answer(cid, 3, now=T0)
    again, _ = queue_ids(store, T0)
    assert cid not in again


def test_scope_with_no_cards_is_refused(store):
    with pytest.raises(PlanError) as e:
        service.set_plan(store, PlanSpec(date(2026, 3, 12), topics=("nope",)), T0)
    assert e.value.key == "plan_unknown_topic"
    Reviewer(store).suspend(1)
    with store.write() as s:
        for c in s.scalars(select(Card).where(Card.topic == "conv")):
            c.suspended = True
    with pytest.raises(PlanError) as e:
        service.set_plan(store, PlanSpec(date(2026, 3, 12), topics=("conv",)), T0)
    assert e.value.key == "plan_empty_scope"


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Shanghai"])
def test_study_days_follow_the_local_zone(store, monkeypatch, zone):
    import time

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        now = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
        c = service.clock_for(store, now, date(2026, 3, 5))
        local_today = service.today(store, now)
        assert len(c) == (date(2026, 3, 5) - local_today).days
        assert c.days[0][0] == now
        assert c.morning.astimezone().hour == 9  # rollover 4 + 5 h, local time
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_homes_quick_counts_follow_the_plan(store):
    from quizcnn.store.quick import quick_counts

    learn(store, 20, T0 - timedelta(days=3), rating=4)
    plain = quick_counts(store.path, T0)
    service.set_plan(store, PlanSpec(date(2026, 3, 4), minutes=60, target=0.97), T0)
    service.refresh(store, T0)
    planned = quick_counts(store.path, T0)
    q = build_queue(store, T0)
    counts = q.counts()
    assert planned.total_due == counts["review"] + counts["learning"] > plain.total_due
    assert planned.new_today == counts["new"] and planned.new_per_day == counts["new"]
    assert planned.leeches == plain.leeches == 0
    service.clear_plan(store)
    assert quick_counts(store.path, T0) == plain
