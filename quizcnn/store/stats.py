"""Progress statistics (the numbers ``quizcnn stats`` prints and the TUI shows).

- reviews per study day for the last 30 days (cram answers included: they are study too);
- true retention over the last 30 days: the share of answers to cards in the Review state
  (not new, not in learning steps, not cram) that were not rated Again;
- per-topic mastery: mean FSRS retrievability now over the topic's cards (new cards count 0),
  plus how many were studied;
- due forecast: cards falling due on each of the next 30 study days (overdue ones on today);
- streak: consecutive study days with at least one answer, up to today (or yesterday, when
  nothing was answered yet today).

Study days are local days starting at the rollover hour. The per-day SQL groups by the local
UTC offset at ``now``; on the day a daylight-saving change happens, an answer within an hour
of the rollover can land on the neighbouring day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import fsrs
from sqlalchemy import Integer, cast, func, literal, select

from quizcnn.store.dates import as_utc, day_start, study_day, utcnow
from quizcnn.store.db import Store
from quizcnn.store.models import Card, Review, UTCDateTime
from quizcnn.store.scheduler import Reviewer

WINDOW = 30


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    cards: int
    studied: int
    mastery: float  # mean retrievability, new cards counted as 0


@dataclass(frozen=True)
class Stats:
    today: date
    reviews_per_day: list[tuple[date, int]]  # oldest first, WINDOW days ending today
    retention: float | None  # None when there was nothing to measure
    retention_answers: int
    mastery: list[TopicMastery]
    forecast: list[tuple[date, int]]  # WINDOW days starting today
    streak: int
    totals: dict[str, int] = field(default_factory=dict)


def _day_modifier(now: datetime, rollover: int) -> str:
    """An SQLite date() modifier mapping a stored UTC time to its local study day."""
    offset = now.astimezone().utcoffset() or timedelta(0)
    secs = int(offset.total_seconds()) - rollover * 3600
    return f"{secs:+d} seconds"


def _per_day(s, column, mod, *where) -> dict[date, int]:
    day = func.date(column, literal(mod))
    rows = s.execute(select(day, func.count()).where(*where).group_by(day)).all()
    return {date.fromisoformat(d): n for d, n in rows if d}


def _streak(s, today: date, mod: str, roll: int) -> int:
    window = 64
    while True:
        since = day_start(today - timedelta(days=window), roll)
        days = set(_per_day(s, Review.reviewed_at, mod, Review.reviewed_at >= since))
        d = today if today in days else today - timedelta(days=1)
        n = 0
        while d in days:
            n += 1
            d -= timedelta(days=1)
        if n < window - 1 or window > 100_000:
            return n
        window *= 4


def compute_stats(store: Store, now: datetime | None = None) -> Stats:
    now = as_utc(now) if now else utcnow()
    st = store.settings()
    roll = st.rollover_hour
    today = study_day(now, roll)
    mod = _day_modifier(now, roll)
    start = day_start(today - timedelta(days=WINDOW - 1), roll)
    end = day_start(today + timedelta(days=WINDOW), roll)
    sched = Reviewer(store).fsrs
    live = (Card.in_bank.is_(True), Card.suspended.is_(False))
    with store.read() as s:
        per_day = _per_day(s, Review.reviewed_at, mod, Review.reviewed_at >= start)
        passed, total = s.execute(
            select(func.sum(cast(Review.rating > 1, Integer)), func.count()).where(
                Review.reviewed_at >= start, Review.kind == "review", Review.state_before == 2
            )
        ).one()
        due_days = _per_day(s, Card.due, mod, *live, Card.last_review.is_not(None), Card.due < end)
        streak = _streak(s, today, mod, roll)
        elapsed = cast(
            func.julianday(literal(now, UTCDateTime())) - func.julianday(Card.last_review),
            Integer,
        )
        topics: dict[str, list] = {}
        rows = s.execute(select(Card.topic, Card.stability, elapsed).where(*live))
        for topic, stability, days in rows:
            t = topics.setdefault(topic, [0, 0, 0.0])
            t[0] += 1
            if stability:
                t[1] += 1
                # py-fsrs computes R from whole elapsed days since the last review
                card = fsrs.Card(card_id=0, stability=stability, last_review=now)
                t[2] += sched.get_card_retrievability(card, now + timedelta(days=days or 0))
        totals = dict(
            s.execute(
                select(
                    func.count().label("cards"),
                    func.sum(cast(Card.last_review.is_(None), Integer)).label("new"),
                    func.sum(
                        cast(Card.state.in_((1, 3)) & Card.last_review.is_not(None), Integer)
                    ).label("learning"),
                    func.sum(cast((Card.state == 2), Integer)).label("review"),
                    func.sum(cast(Card.suspended, Integer)).label("suspended"),
                    func.sum(cast(Card.leech, Integer)).label("leeches"),
                    func.sum(cast(Card.in_bank.is_(False), Integer)).label("orphaned"),
                )
            )
            .one()
            ._asdict()
        )
    totals = {k: int(v or 0) for k, v in totals.items()}
    forecast = {}
    for d, n in due_days.items():
        key = max(d, today)
        forecast[key] = forecast.get(key, 0) + n
    totals["due_today"] = forecast.get(today, 0)
    return Stats(
        today=today,
        reviews_per_day=[
            (d, per_day.get(d, 0))
            for d in (today - timedelta(days=i) for i in range(WINDOW - 1, -1, -1))
        ],
        retention=(passed / total) if total else None,
        retention_answers=int(total),
        mastery=[
            TopicMastery(t, v[0], v[1], v[2] / v[0]) for t, v in sorted(topics.items()) if v[0]
        ],
        forecast=[
            (today + timedelta(days=i), forecast.get(today + timedelta(days=i), 0))
            for i in range(WINDOW)
        ],
        streak=streak,
        totals=totals,
    )


def render(stats: Stats) -> str:
    """The terminal report of ``quizcnn stats``."""
    out = [f"Progress on {stats.today.isoformat()}"]
    t = stats.totals
    out.append(
        f"  cards {t.get('cards', 0)}: new {t.get('new', 0)}, learning {t.get('learning', 0)}, "
        f"review {t.get('review', 0)}, suspended {t.get('suspended', 0)}, "
        f"leeches {t.get('leeches', 0)}, orphaned {t.get('orphaned', 0)}"
    )
    out.append(f"  due today {t.get('due_today', 0)}; streak {stats.streak} day(s)")
    if stats.retention is None:
        out.append("  true retention (30 days): no reviews of mature cards yet")
    else:
        out.append(
            f"  true retention (30 days): {stats.retention:.1%} of {stats.retention_answers} answers"
        )
    out.append("")
    out.append("Reviews per day (last 30 days)")
    out.extend(_bars(stats.reviews_per_day))
    out.append("")
    out.append("Due in the next 30 days")
    out.extend(_bars(stats.forecast))
    out.append("")
    out.append("Mastery by topic (mean recall probability now)")
    if not stats.mastery:
        out.append("  no cards yet")
    width = max((len(m.topic) for m in stats.mastery), default=0)
    for m in stats.mastery:
        bar = "#" * round(m.mastery * 20)
        out.append(
            f"  {m.topic:<{width}}  {m.mastery:6.1%}  {bar:<20}  {m.studied}/{m.cards} studied"
        )
    return "\n".join(out)


def _bars(series: list[tuple[date, int]]) -> list[str]:
    top = max((n for _, n in series), default=0)
    lines = []
    for d, n in series:
        bar = "#" * (round(40 * n / top) if top else 0)
        lines.append(f"  {d.isoformat()} {n:5d} {bar}")
    return lines
