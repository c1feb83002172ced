"""Due and new counts straight from SQLite, for the TUI's first paint (no SQLAlchemy here).

``quick_counts()`` opens the DB read-only with the stdlib ``sqlite3`` and returns None when
there is nothing trustworthy to show (no file, another schema, any error): the caller then
waits for the full store. Counts are of cards already in the DB (questions never synced from
the bank are not counted) and per topic are not capped by the daily limits; ``new_today``
is the total new allowance left today (``new_per_day`` minus new cards started today). While
an interview plan has decided today (``quizcnn.plan``), its reviews brought forward count as
due and its new cards for today replace ``new_per_day``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from quizcnn.store import readonly
from quizcnn.store.dates import as_utc, day_bounds, study_day, utcnow
from quizcnn.store.settings import Settings
from quizcnn.store.version import HEAD

_FMT = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True)
class QuickCounts:
    due: dict[str, int] = field(default_factory=dict)  # topic -> cards due today (incl. learning)
    new: dict[str, int] = field(default_factory=dict)  # topic -> cards never studied
    new_today: int = 0  # new cards still allowed today
    new_per_day: int = 20  # the daily new-card limit (the setting)
    leeches: int = 0

    @property
    def total_due(self) -> int:
        return sum(self.due.values())

    @property
    def total_new(self) -> int:
        return min(sum(self.new.values()), self.new_today)


def schema_of(path: str | os.PathLike[str]) -> str:
    """ "current" when the file is an SQLite DB at this version's schema, else "other"."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return "other"
        con = readonly.connect(p, 5.0, untouched=True)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except (OSError, sqlite3.Error):
        return "other"
    return "current" if row and row[0] == HEAD else "other"


def quick_counts(
    path: str | os.PathLike[str] | None = None,
    now: datetime | None = None,
    lang: str | None = None,
    tags: tuple[str, ...] | list[str] = (),
) -> QuickCounts | None:
    """Due/new counts per topic; with ``lang``, only cards that have text in that language;
    with ``tags``, only cards that have one of them."""
    from quizcnn.paths import db_path

    p = Path(db_path(path))
    if not p.is_file():
        return None
    now = as_utc(now) if now else utcnow()
    try:
        con = readonly.connect(p, 1.0, untouched=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if not row or row[0] != HEAD:
            return None
        settings = dict(con.execute("SELECT key, value FROM settings"))
        roll = Settings().rollover_hour
        new_per_day = Settings().new_per_day
        try:
            roll = int(json.loads(settings.get("rollover_hour", str(roll))))
            new_per_day = int(json.loads(settings.get("new_per_day", str(new_per_day))))
        except (ValueError, TypeError):
            pass
        start, end = day_bounds(study_day(now, roll), roll)
        s_txt, e_txt = (
            start.replace(tzinfo=None).strftime(_FMT),
            end.replace(tzinfo=None).strftime(_FMT),
        )
        now_txt = now.replace(tzinfo=None).strftime(_FMT)
        live = "in_bank = 1 AND suspended = 0 AND (buried_until IS NULL OR buried_until <= ?)"
        args: tuple[str, ...] = (now_txt,)
        if lang:
            live += " AND langs LIKE ?"
            args += (f"%,{lang},%",)
        if tags:
            live += " AND (" + " OR ".join(["tags LIKE ? ESCAPE '\\'"] * len(tags)) + ")"
            args += tuple(f"%,{like_escape(t)},%" for t in tags)
        # an interview plan that decided today (quizcnn.plan): its new cards, its early reviews
        today = study_day(now, roll).isoformat()
        plan = con.execute("SELECT interview, quota_day, new_quota FROM plan WHERE id = 1"
                           ).fetchone()
        planned = bool(plan and plan[1] == today and plan[2] is not None and plan[0] > today)
        early = (" OR (state = 2 AND id IN (SELECT card_id FROM plan_cards p WHERE p.due < ?"
                 " AND p.reps = cards.reps))") if planned else ""
        due = dict(
            con.execute(
                f"SELECT topic, count(*) FROM cards WHERE {live} AND state IN (1, 2, 3)"
                f" AND (due < ?{early}) GROUP BY topic",
                (*args, e_txt, *((e_txt,) if planned else ())),
            )
        )
        if planned:
            new_per_day = int(plan[2])
        new = dict(
            con.execute(
                f"SELECT topic, count(*) FROM cards WHERE {live} AND state = 1 AND due IS NULL"
                " AND last_review IS NULL GROUP BY topic",
                args,
            )
        )
        started = con.execute(
            "SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ?"
            " AND kind = 'review' AND state_before = 0",
            (s_txt, e_txt),
        ).fetchone()[0]
        leeches = con.execute(
            "SELECT count(*) FROM cards WHERE leech = 1 AND in_bank = 1"
        ).fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return QuickCounts(due, new, new_today=max(0, new_per_day - started), leeches=leeches,
                       new_per_day=new_per_day)


def like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern written with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
