"""The plan in the progress database: set, read, clear, and today's decision for the queue.

The plan is one row of ``plan``; the reviews the planner brings forward are rows of
``plan_cards`` (card, day, the card's review count when planned). FSRS's own ``cards.due`` is
never written here, so clearing the plan, or the date passing, leaves FSRS's schedule exactly
as it was; a planned row is ignored once its card was answered (its ``reps`` moved on).

``refresh(store, now)`` runs the planner's day (``policy.PlannerArm``) once per study day and
stores its decision: the number of new cards allowed today (``plan.new_quota``) and the
reviews brought forward. ``store.queue.build_queue`` reads both; ``drill.session`` calls
``refresh`` before building the queue. ``status`` is what the command and Home show.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from quizcnn.plan.engine import Clock, Item
from quizcnn.plan.learner import Learner
from quizcnn.plan.spec import PlanError, PlanSpec
from quizcnn.store.dates import as_utc, day_start, study_day
from quizcnn.store.db import Store
from quizcnn.store.models import Card, Plan, PlanCard, Review

if TYPE_CHECKING:
    from quizcnn.plan.forecast import Forecast

MORNING_HOURS = 5  # the morning of a day: its start (the rollover hour) + 5 h, 9 a.m. by default
PLAN_ID = 1


def today(store: Store, now: datetime) -> date:
    return study_day(as_utc(now), store.settings().rollover_hour)


def get_plan(store: Store) -> PlanSpec | None:
    with store.read() as s:
        row = s.get(Plan, PLAN_ID)
        return _spec(row) if row is not None else None


def _spec(row: Plan) -> PlanSpec | None:
    try:
        topics = json.loads(row.topics)
        day = date.fromisoformat(row.interview)
    except (ValueError, TypeError):
        return None
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        return None
    return PlanSpec(day, int(row.minutes), tuple(topics), float(row.target))


def scope_size(store: Store, topics: tuple[str, ...]) -> int:
    with store.read() as s:
        q = select(func.count()).select_from(Card).where(*_scope(topics))
        return int(s.scalar(q) or 0)


def _scope(topics: tuple[str, ...]) -> list[Any]:
    conds = [Card.in_bank.is_(True), Card.suspended.is_(False)]
    if topics:
        conds.append(Card.topic.in_(list(topics)))
    return conds


def known_topics(store: Store) -> list[str]:
    with store.read() as s:
        return sorted(set(s.scalars(select(Card.topic).where(Card.in_bank.is_(True)))))


def set_plan(store: Store, spec: PlanSpec, now: datetime) -> None:
    """Store the plan (replacing one); PlanError when its scope holds no card."""
    unknown = [t for t in spec.topics if t not in set(known_topics(store))]
    if unknown:
        raise PlanError("plan_unknown_topic", topic=unknown[0][:60])
    if scope_size(store, spec.topics) == 0:
        raise PlanError("plan_empty_scope")
    with store.write() as s:
        s.execute(delete(PlanCard))
        s.merge(Plan(id=PLAN_ID, interview=spec.interview.isoformat(), minutes=spec.minutes,
                     topics=json.dumps(list(spec.topics)), target=spec.target,
                     created_at=as_utc(now), quota_day=None, new_quota=None))


def clear_plan(store: Store) -> bool:
    """Remove the plan and what it brought forward; True if there was one."""
    with store.write() as s:
        had = s.get(Plan, PLAN_ID) is not None
        s.execute(delete(PlanCard))
        s.execute(delete(Plan))
    return had


def active(spec: PlanSpec | None, day: date) -> bool:
    return spec is not None and day < spec.interview


# -- the planner's inputs from the store ----------------------------------------------------
def learner_for(store: Store) -> Learner:
    from quizcnn.store.params import active_parameters

    st = store.settings()
    return Learner(active_parameters(store), desired_retention=st.desired_retention,
                   learning_steps=st.learning_steps, relearning_steps=st.relearning_steps,
                   maximum_interval=st.maximum_interval)


def deck_for(store: Store, topics: tuple[str, ...], now: datetime) -> list[Item]:
    from quizcnn.store.scheduler import to_fsrs

    with store.read() as s:
        rows = list(s.scalars(select(Card).where(*_scope(topics)).order_by(Card.id)))
    return [Item(c.id, c.topic, (c.level, c.position, c.id), ",seed," in (c.tags or ""),
                 to_fsrs(c, now) if c.last_review is not None else None) for c in rows]


def clock_for(store: Store, now: datetime, interview: date) -> Clock:
    """Study days from today to the day before the date: today now, the others in the morning."""
    roll = store.settings().rollover_hour
    now = as_utc(now)
    first = study_day(now, roll)
    days = []
    d = first
    while d < interview:
        at = now if d == first else day_start(d, roll) + timedelta(hours=MORNING_HOURS)
        days.append((at, day_start(d + timedelta(days=1), roll)))
        d += timedelta(days=1)
    return Clock(tuple(days), day_start(interview, roll) + timedelta(hours=MORNING_HOURS))


def spent_today(store: Store, now: datetime, learner: Learner) -> tuple[int, float]:
    """(new cards started today, seconds of study today as the planner counts them)."""
    from quizcnn.store.queue import done_today

    new, _reviews = done_today(store, now)
    roll = store.settings().rollover_hour
    start = day_start(study_day(as_utc(now), roll), roll)
    with store.read() as s:
        answers = s.scalar(select(func.count()).select_from(Review).where(
            Review.reviewed_at >= start, Review.kind == "review")) or 0
    # a new card's first answer and steps are counted as one new card
    seconds = new * learner.new_card_cost + max(0, answers - 2 * new) * learner.review_cost
    return new, seconds


def refresh(store: Store, now: datetime, *, force: bool = False) -> bool:
    """Decide today's new cards and early reviews (once per study day, or when ``force``).
    True when a plan is in force today."""
    from quizcnn.plan.policy import today as today_plan

    now = as_utc(now)
    day = today(store, now)
    with store.read() as s:
        row = s.get(Plan, PLAN_ID)
        spec = _spec(row) if row is not None else None
        done = row is not None and row.quota_day == day.isoformat()
    if not active(spec, day):
        return False
    assert spec is not None
    if done and not force:
        return True
    learner = learner_for(store)
    deck = deck_for(store, spec.topics, now)
    clock = clock_for(store, now, spec.interview)
    new_done, seconds = spent_today(store, now, learner)
    budget = spec.minutes * 60.0
    plan = today_plan(deck, clock, learner, budget, spec.target, seconds)
    extra = plan.early
    reps = {}
    with store.read() as s:
        ids = [it.id for it in extra]
        if ids:
            reps = dict(s.execute(select(Card.id, Card.reps).where(Card.id.in_(ids))).all())
    start = day_start(day, store.settings().rollover_hour)
    with store.write() as s:
        s.execute(delete(PlanCard))
        for cid in ids:
            s.add(PlanCard(card_id=cid, due=start, reps=reps.get(cid, 0)))
        row = s.get(Plan, PLAN_ID)
        if row is not None:
            row.quota_day = day.isoformat()
            row.new_quota = new_done + len(plan.new)
    return True


def status(store: Store, now: datetime, *,
           decide: bool = False) -> tuple[PlanSpec | None, Forecast | None]:
    """(the plan or None, its Forecast or None when there is none or the date has passed);
    with ``decide``, today's decision is made first if it was not (``refresh``)."""
    from quizcnn.plan.forecast import forecast

    if decide:
        refresh(store, now)
    spec = get_plan(store)
    if not active(spec, today(store, now)):
        return spec, None
    assert spec is not None
    learner = learner_for(store)
    deck = deck_for(store, spec.topics, now)
    clock = clock_for(store, now, spec.interview)
    _new, spent = spent_today(store, now, learner)
    return spec, forecast(deck, clock, learner, spec.minutes * 60.0, spec.target, spent=spent)
