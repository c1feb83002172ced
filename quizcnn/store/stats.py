"""Progress statistics (the numbers ``quizcnn stats`` prints and the TUI shows).

- reviews per study day for the last 30 days (cram answers included: they are study too);
- true retention over the last 30 days: the share of answers to cards in the Review state
  (not new, not in learning steps, not cram; a mock interview's answers count: they are
  recall tests scheduled like any review) that were not rated Again;
- per-topic mastery: mean FSRS retrievability now over the topic's cards (new cards count 0),
  plus how many were studied;
- due forecast: cards falling due on each of the next 30 study days (overdue ones on today);
- streak: consecutive study days with at least one answer, up to today (or yesterday, when
  nothing was answered yet today).

Study days are local days starting at the rollover hour (each day's bounds are computed in
local time, so daylight-saving changes are handled). Read with the stdlib ``sqlite3`` only.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from quizcnn.store import readonly
from quizcnn.store import settings as settings_mod
from quizcnn.store.dates import as_utc, day_start, study_day, utcnow
from quizcnn.store.errors import translate

WINDOW = 30
RECENT = 7  # days of "recent accuracy"
_FMT = "%Y-%m-%d %H:%M:%S.%f"


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
    # answers of the last RECENT study days that were right (typed) or recalled (rated 2-4)
    accuracy: float | None = None
    accuracy_answers: int = 0


def _t(dt: datetime) -> str:
    """A UTC instant in the stored text form (what the ORM's UTCDateTime writes)."""
    return dt.astimezone(UTC).replace(tzinfo=None).strftime(_FMT)


def _julian(dt: datetime) -> float:
    return dt.timestamp() / 86400.0 + 2440587.5


class _HasPath(Protocol):
    """A Store, as far as statistics need one."""

    @property
    def path(self) -> Path: ...


def _streak(con: sqlite3.Connection, today: date, roll: int) -> int:
    probe = "SELECT 1 FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ? LIMIT 1"

    def studied(d: date) -> bool:
        lo, hi = day_start(d, roll), day_start(d + timedelta(days=1), roll)
        return con.execute(probe, (_t(lo), _t(hi))).fetchone() is not None

    d = today if studied(today) else today - timedelta(days=1)
    n = 0
    while studied(d):
        n += 1
        d -= timedelta(days=1)
    return n


def _fitted(con: sqlite3.Connection) -> dict[str, Any]:
    """The user's fitted FSRS parameters (``db optimize``) as Scheduler keywords; {} for none."""
    import fsrs

    try:
        row = con.execute(
            "SELECT parameters FROM fsrs_parameters WHERE active = 1 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return {}
        values = tuple(float(v) for v in json.loads(row[0]))
        fsrs.Scheduler(parameters=values)  # py-fsrs checks their count and bounds
    except (sqlite3.Error, ValueError, TypeError):
        return {}
    return {"parameters": values}


def _mastery(con: sqlite3.Connection, now: datetime) -> list[TopicMastery]:
    import fsrs

    sched = fsrs.Scheduler(enable_fuzzing=False, **_fitted(con))
    card = fsrs.Card(card_id=0, last_review=now, due=now)
    at: dict[int, datetime] = {}
    topics: dict[str, list[float]] = {}  # [cards, mastered, sum of recall]
    rows = con.execute(
        "SELECT topic, stability, CAST(? - julianday(last_review) AS INTEGER) FROM cards"
        " WHERE in_bank = 1 AND suspended = 0",
        (_julian(now),),
    )
    for topic, stability, days in rows:
        t = topics.setdefault(topic, [0, 0, 0.0])
        t[0] += 1
        if stability:
            t[1] += 1
            # py-fsrs computes R from whole days since the last review
            when = at.get(days)
            if when is None:
                when = at[days] = now + timedelta(days=max(0, days or 0))
            card.stability = stability
            t[2] += sched.get_card_retrievability(card, when)
    return [TopicMastery(k, int(v[0]), int(v[1]), v[2] / v[0]) for k, v in sorted(topics.items()) if v[0]]


def compute_stats(source: str | os.PathLike[str] | _HasPath, now: datetime | None = None,
                  bank_ids: Collection[str] | None = None) -> Stats:
    """Statistics of a Store (or a DB file at the current schema), read-only.

    Plain sqlite3 on purpose: ``quizcnn stats`` then needs no SQLAlchemy at all. ``bank_ids``:
    the ids of the bank as loaded now; "orphaned" then counts the cards whose question is not
    among them (without it, the cards the last drill's bank lacked).
    """
    path = Path(source if isinstance(source, str | os.PathLike) else source.path)
    now = as_utc(now) if now else utcnow()
    try:
        con = readonly.connect(path, 5.0)
    except sqlite3.DatabaseError as e:
        raise translate(e, path, "read") from None
    try:
        st = settings_mod.from_rows(dict(con.execute("SELECT key, value FROM settings")))
        roll = st.rollover_hour
        today = study_day(now, roll)
        edges = [day_start(today + timedelta(days=i), roll) for i in range(-WINDOW + 1, WINDOW + 1)]
        text = [_t(e) for e in edges]  # edges[WINDOW - 1] starts today
        per_day = []
        for i in range(WINDOW):
            n = con.execute(
                "SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ?",
                (text[i], text[i + 1]),
            ).fetchone()[0]
            per_day.append((today - timedelta(days=WINDOW - 1 - i), n))
        passed, total = con.execute(
            "SELECT sum(rating > 1), count(*) FROM reviews"
            " WHERE reviewed_at >= ? AND kind IN ('review', 'interview') AND state_before = 2",
            (text[0],),
        ).fetchone()
        right, answers = con.execute(
            "SELECT sum(CASE WHEN correct IS NULL THEN rating > 1 ELSE correct END), count(*)"
            " FROM reviews WHERE reviewed_at >= ?",
            (text[WINDOW - RECENT],),
        ).fetchone()
        due_sql = (
            "SELECT count(*) FROM cards WHERE in_bank = 1 AND suspended = 0"
            " AND state IN (1, 2, 3) AND due >= ? AND due < ?"
        )
        forecast = []
        for i in range(WINDOW):
            lo = "" if i == 0 else text[WINDOW - 1 + i]  # overdue cards count for today
            n = con.execute(due_sql, (lo, text[WINDOW + i])).fetchone()[0]
            forecast.append((today + timedelta(days=i), n))
        streak = _streak(con, today, roll)
        mastery = _mastery(con, now)
        row = con.execute(
            "SELECT count(*), sum(last_review IS NULL),"
            " sum(state IN (1, 3) AND last_review IS NOT NULL), sum(state = 2),"
            " sum(suspended), sum(leech), sum(in_bank = 0) FROM cards"
        ).fetchone()
        if bank_ids is not None:
            ids = bank_ids if isinstance(bank_ids, set | frozenset) else set(bank_ids)
            gone = sum(1 for (bid,) in con.execute("SELECT bank_id FROM cards") if bid not in ids)
            row = (*row[:-1], gone)
    except sqlite3.Error as e:
        raise translate(e, path, "read") from None
    finally:
        con.close()
    names = ("cards", "new", "learning", "review", "suspended", "leeches", "orphaned")
    totals = {k: int(v or 0) for k, v in zip(names, row, strict=True)}
    totals["due_today"] = forecast[0][1]
    return Stats(
        today=today,
        reviews_per_day=per_day,
        retention=(passed / total) if total else None,
        retention_answers=int(total),
        mastery=mastery,
        forecast=forecast,
        streak=streak,
        totals=totals,
        accuracy=(right / answers) if answers else None,
        accuracy_answers=int(answers),
    )


def to_json(stats: Stats) -> str:
    from dataclasses import asdict

    return json.dumps(asdict(stats), default=str, indent=1)


def render(stats: Stats, lang: str = "en") -> str:
    """The terminal report of ``quizcnn stats`` in ``lang`` (en or zh)."""
    from quizcnn.messages import t
    from quizcnn.store.words import plural

    def count(n: int, word: str) -> str:  # "3 days" in English, "3" in Chinese
        return plural(n, word) if lang != "zh" else str(n)

    tot = stats.totals
    out = [t("stats_cli_title", lang, day=stats.today.isoformat())]
    out.append(t("stats_cli_cards", lang, cards=tot.get("cards", 0), new=tot.get("new", 0),
                 learning=tot.get("learning", 0), review=tot.get("review", 0),
                 suspended=tot.get("suspended", 0), leeches=tot.get("leeches", 0),
                 orphaned=tot.get("orphaned", 0)))
    out.append(t("stats_cli_due", lang, due=tot.get("due_today", 0),
                 streak=count(stats.streak, "day")))
    if stats.retention is None:
        out.append(t("stats_cli_retention_none", lang))
    else:
        out.append(t("stats_cli_retention", lang, pct=f"{stats.retention:.1%}",
                     answers=count(stats.retention_answers, "answer")))
    if stats.accuracy is not None:
        out.append(t("stats_cli_accuracy", lang, days=RECENT, pct=f"{stats.accuracy:.0%}",
                     answers=count(stats.accuracy_answers, "answer")))
    out.append("")
    out.append(t("stats_cli_per_day", lang))
    out.extend(_bars(stats.reviews_per_day))
    out.append("")
    out.append(t("stats_cli_forecast", lang))
    out.extend(_bars(stats.forecast))
    out.append("")
    out.append(t("stats_cli_mastery", lang))
    if not stats.mastery:
        out.append(t("stats_cli_no_cards", lang))
    from rich.cells import cell_len

    width = max((cell_len(m.topic) for m in stats.mastery), default=0)
    for m in stats.mastery:
        bar = "#" * round(m.mastery * 20)
        topic = m.topic + " " * (width - cell_len(m.topic))  # a CJK character is two cells
        out.append(t("stats_cli_topic", lang, topic=topic, pct=f"{m.mastery:6.1%}",
                     bar=f"{bar:<20}", studied=m.studied, cards=m.cards))
    return "\n".join(out)


def _bars(series: list[tuple[date, int]]) -> list[str]:
    top = max((n for _, n in series), default=0)
    lines = []
    for d, n in series:
        bar = "#" * (round(40 * n / top) if top else 0)
        lines.append(f"  {d.isoformat()} {n:5d} {bar}")
    return lines
