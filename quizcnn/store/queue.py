"""Today's queue.

Order: learning/relearning cards as soon as they are due; then review cards due today, least
retrievable first (capped at ``reviews_per_day`` minus reviews already done today); then new
cards (at most ``new_per_day`` minus new cards already started today, easiest first, in bank
order). Within the review and the new part, topics are interleaved round-robin.

A study day is local time from the rollover hour (``dates.study_day``). A question and its
translation are one card, so a sibling can never come up the same day; a buried card waits
for the next day; suspended cards and orphans (missing from the bank) never show.
When nothing else is left, a learning card due within ``learn_ahead_minutes`` is shown early;
so learning steps come back within the same session.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict, deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Integer, String, cast, func, literal, or_, select, type_coerce

from quizcnn.store.dates import as_utc, day_bounds, study_day
from quizcnn.store.db import Store
from quizcnn.store.models import Card, PlanCard, Review
from quizcnn.store.quick import like_escape as _esc

if TYPE_CHECKING:
    from sqlalchemy.orm import InstrumentedAttribute, Session
    from sqlalchemy.sql.elements import ColumnElement

LEARNING = (1, 3)
REVIEW = 2


class QueueItem(NamedTuple):
    card_id: int
    bank_id: str
    topic: str
    state: int
    is_new: bool
    due: datetime | None
    leech: bool = False


@dataclass
class Queue:
    main: deque[QueueItem]
    learning: list[tuple[datetime, int, QueueItem]] = field(default_factory=list)  # a heap
    day_end: datetime | None = None
    learn_ahead: timedelta = timedelta(minutes=20)
    cram: bool = False

    def next(self, now: datetime) -> QueueItem | None:
        """The card to show at ``now``, or None when the session is done."""
        now = as_utc(now)
        if self.learning and self.learning[0][0] <= now:
            return heapq.heappop(self.learning)[2]
        if self.main:
            return self.main.popleft()
        if self.learning and self.learning[0][0] <= now + self.learn_ahead:
            return heapq.heappop(self.learning)[2]
        return None

    def answered(self, item: QueueItem, state: int, due: datetime | None) -> None:
        """Put a card back when its learning step falls due again today."""
        if self.cram or due is None or state not in LEARNING:
            return
        if self.day_end is None or due < self.day_end:
            back = item._replace(state=state, is_new=False, due=due)
            heapq.heappush(self.learning, (due, item.card_id, back))

    def waiting(self) -> datetime | None:
        """When the next learning card falls due (later today), if any."""
        return self.learning[0][0] if self.learning else None

    def __len__(self) -> int:
        return len(self.main) + len(self.learning)

    def counts(self) -> dict[str, int]:
        new = sum(1 for it in self.main if it.is_new)
        return {"new": new, "review": len(self.main) - new, "learning": len(self.learning)}


def interleave(items: list[QueueItem]) -> list[QueueItem]:
    """Round-robin over topics, keeping each topic's own order."""
    groups: OrderedDict[str, deque[QueueItem]] = OrderedDict()
    for it in items:
        groups.setdefault(it.topic, deque()).append(it)
    out: list[QueueItem] = []
    while groups:
        for topic in list(groups):
            q = groups[topic]
            out.append(q.popleft())
            if not q:
                del groups[topic]
    return out


def julian_day(dt: datetime) -> float:
    """SQLite's julianday() of a UTC instant."""
    return dt.timestamp() / 86400.0 + 2440587.5


def _filters(topics: Sequence[str] | None, tags: Sequence[str] | None, lang: str | None,
             leeches_only: bool) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [Card.in_bank.is_(True), Card.suspended.is_(False)]
    if topics:
        conds.append(Card.topic.in_(list(topics)))
    if tags:
        conds.append(or_(*[Card.tags.like(f"%,{_esc(t)},%", escape="\\") for t in tags]))
    if lang:
        conds.append(Card.langs.like(f"%,{_esc(lang)},%", escape="\\"))
    if leeches_only:
        conds.append(Card.leech.is_(True))
    return conds


def done_today(store: Store, now: datetime) -> tuple[int, int]:
    """(new cards started, review-state cards answered) during the current study day."""
    roll = store.settings().rollover_hour
    start, end = day_bounds(study_day(now, roll), roll)
    with store.read() as s:
        rows = s.execute(
            select(Review.state_before, func.count())
            .where(Review.reviewed_at >= start, Review.reviewed_at < end, Review.kind == "review")
            .group_by(Review.state_before)
        ).all()
    counts = dict(rows)
    return counts.get(0, 0), counts.get(REVIEW, 0)


@dataclass(frozen=True)
class NewLimit:
    """Today's new-card limit when it holds cards back: ``per_day`` (the setting) and
    ``waiting`` (unseen cards in the filters that today's limit leaves out)."""

    per_day: int
    waiting: int


def new_held_back(
    store: Store,
    now: datetime,
    *,
    topics: list[str] | None = None,
    tags: list[str] | None = None,
    lang: str | None = None,
) -> NewLimit | None:
    """The new-card limit, if it is what keeps unseen cards out of today's study (None when
    every unseen card in the filters still fits today's allowance)."""
    now = as_utc(now)
    st = store.settings()
    new_done, _ = done_today(store, now)
    new_left = max(0, st.new_per_day - new_done)
    not_buried = or_(Card.buried_until.is_(None), Card.buried_until <= now)
    with store.read() as s:
        unseen = s.execute(
            select(func.count()).select_from(Card).where(
                *_filters(topics, tags, lang, False), not_buried, Card.last_review.is_(None))
        ).scalar_one()
    waiting = unseen - new_left
    return NewLimit(st.new_per_day, waiting) if waiting > 0 and new_left == 0 else None


def _items(rows: Iterable[Sequence[Any]], is_new: bool = False,
           leeches: Collection[int] = frozenset()) -> list[QueueItem]:
    parse = datetime.fromisoformat
    return [
        QueueItem(
            cid,
            bank_id,
            topic,
            state,
            is_new,
            parse(due).replace(tzinfo=UTC) if due else None,
            cid in leeches,
        )
        for cid, bank_id, topic, state, due in rows
    ]


def build_queue(
    store: Store,
    now: datetime,
    *,
    topics: list[str] | None = None,
    tags: list[str] | None = None,
    lang: str | None = None,
    limit: int | None = None,
    leeches_only: bool = False,
    cram: bool = False,
) -> Queue:
    """Today's queue (or, with ``cram``, every studied card, least retrievable first)."""
    now = as_utc(now)
    st = store.settings()
    _, day_end = day_bounds(study_day(now, st.rollover_hour), st.rollover_hour)
    conds = _filters(topics, tags, lang, leeches_only)
    # ``due`` as its stored text, parsed by datetime.fromisoformat (faster on big queues)
    cols = (
        Card.id,
        Card.bank_id,
        Card.topic,
        Card.state,
        type_coerce(Card.due, String).label("due"),
    )
    # fsrs: R = (1 + f * days / S) ** decay, decreasing in days / S; days are whole days.
    elapsed = cast(literal(julian_day(now)) - func.julianday(Card.last_review), Integer)
    forgetting = elapsed / Card.stability
    not_buried = or_(Card.buried_until.is_(None), Card.buried_until <= now)
    with store.read() as s:
        if cram:
            rows = s.execute(
                select(*cols)
                .where(*conds, Card.last_review.is_not(None))
                .order_by(forgetting.desc(), Card.id)
                .limit(limit or 50)
            ).all()
            leeches = set(s.scalars(select(Card.id).where(Card.leech.is_(True))))
            return Queue(deque(_items(rows, False, leeches)), day_end=day_end, cram=True)
        new_done, rev_done = done_today(store, now)
        rev_left = max(0, st.reviews_per_day - rev_done)
        new_left = max(0, st.new_per_day - new_done)
        # an interview date plan (quizcnn.plan): its new cards today, its reviews brought forward
        plan = today_plan(s, study_day(now, st.rollover_hour))
        due_cond = Card.due < day_end
        new_conds: list[ColumnElement[bool]] = []
        new_order: list[ColumnElement[Any] | InstrumentedAttribute[Any]] = [
            Card.level, Card.position, Card.id]
        if plan is not None:
            quota, plan_topics = plan
            new_left = max(0, quota - new_done)
            early = select(PlanCard.card_id).where(PlanCard.due < day_end,
                                                   PlanCard.reps == Card.reps)
            due_cond = or_(due_cond, Card.id.in_(early))
            if plan_topics:
                new_conds.append(Card.topic.in_(plan_topics))
            new_order.insert(0, Card.tags.not_like("%,seed,%"))  # the core cards first
        learning = s.execute(
            select(*cols)
            .where(
                *conds,
                not_buried,
                Card.last_review.is_not(None),
                Card.state.in_(LEARNING),
                Card.due < day_end,
            )
            .order_by(Card.due, Card.id)
        ).all()
        reviews = (
            s.execute(
                select(*cols)
                .where(*conds, not_buried, Card.state == REVIEW, due_cond)
                .order_by(forgetting.desc(), Card.id)
                .limit(rev_left)
            ).all()
            if rev_left
            else []
        )
        new = (
            s.execute(
                select(*cols)
                .where(*conds, *new_conds, not_buried, Card.last_review.is_(None))
                .order_by(*new_order)
                .limit(new_left)
            ).all()
            if new_left
            else []
        )
        # leeches are few: one look at their own index instead of widening the queue index
        leeches = set(s.scalars(select(Card.id).where(Card.leech.is_(True))))
    main = interleave(_items(reviews, False, leeches)) + interleave(_items(new, True, leeches))
    # sorted by due, so the list is already a heap
    # (the query asks for due < day_end, so every one has a due time)
    heap = [(it.due, it.card_id, it) for it in _items(learning, False, leeches)
            if it.due is not None]
    if limit is not None:
        main = main[: max(0, limit - len(heap))] if len(heap) < limit else []
        heap = heapq.nsmallest(limit, heap)
        heapq.heapify(heap)
    return Queue(
        deque(main),
        heap,
        day_end=day_end,
        learn_ahead=timedelta(minutes=st.learn_ahead_minutes),
    )


def today_plan(s: Session, day: date) -> tuple[int, list[str]] | None:
    """(new cards allowed today, topics in scope) while an interview plan is in force and has
    decided today (``quizcnn.plan.service.refresh``); None otherwise: plain FSRS."""
    import json

    from quizcnn.store.models import Plan

    row = s.get(Plan, 1)
    iso = day.isoformat()
    if row is None or row.quota_day != iso or row.new_quota is None or row.interview <= iso:
        return None
    try:
        topics = json.loads(row.topics)
    except ValueError:
        topics = []
    return int(row.new_quota), [t for t in topics if isinstance(t, str)]


def list_cards(
    store: Store,
    *,
    topic: str | None = None,
    leeches: bool = False,
    suspended: bool = False,
    orphaned: bool = False,
) -> list[Card]:
    """Cards for browsing (e.g. the leeches, the suspended or the orphaned ones), by bank id."""
    q = select(Card)
    if topic:
        q = q.where(Card.topic == topic)
    if leeches:
        q = q.where(Card.leech.is_(True))
    if suspended:
        q = q.where(Card.suspended.is_(True))
    if orphaned:
        q = q.where(Card.in_bank.is_(False))
    with store.read() as s:
        return list(s.scalars(q.order_by(Card.bank_id)))
