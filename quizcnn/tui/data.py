"""What the app reads before the ORM is loaded: the bank (parse cache), quick counts and the
first card to show, all with the standard library's sqlite3. No Textual, no SQLAlchemy here.

``first_card`` picks the card the store's queue would start with (learning due now, else the
review due today that is most forgotten, else the first new card; with ``cram``, the studied
card that is most forgotten, as ``build_queue(cram=True)`` orders them), so the drill can
paint it while the ORM loads; the drill then takes that card out of the real queue
(``flow.py``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizcnn.bank.load import Bank
    from quizcnn.bank.model import Question
    from quizcnn.store.quick import QuickCounts
    from quizcnn.store.stats import Stats

LANGS = ("en", "zh", "both")
_FMT = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True)
class Filters:
    lang: str = "en"  # "en" | "zh" | "both"
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # any of them

    @property
    def only_lang(self) -> str | None:
        return None if self.lang == "both" else self.lang

    def display_lang(self, question: Question) -> str:
        if self.lang != "both" and self.lang in question.variants:
            return self.lang
        return question.lang

    def accepts(self, question: Question) -> bool:
        if self.topics and question.topic not in self.topics:
            return False
        if self.tags and not set(self.tags) & set(question.tags or ()):
            return False
        return self.only_lang is None or self.only_lang in question.variants


def load_bank(args_bank: list[str] | None) -> Bank:
    from quizcnn.bank import default_bank

    return default_bank(args_bank or None)


def quick(db: Path, now: datetime | None = None,
          filters: Filters | None = None) -> QuickCounts | None:
    """Due/new counts per topic for the cards the language and tag filters let through."""
    from quizcnn.store.quick import quick_counts

    f = filters or Filters()
    return quick_counts(db, now, f.only_lang, f.tags)


def _t(dt: datetime) -> str:
    from datetime import UTC

    return dt.astimezone(UTC).replace(tzinfo=None).strftime(_FMT)


def first_card(db: Path, bank: Bank, filters: Filters, now: datetime, *,
               cram: bool = False) -> str | None:
    """The bank id the drill will most likely start with (read-only, stdlib sqlite3)."""
    wanted = [q for q in bank.questions if filters.accepts(q)]
    if not wanted:
        return None
    try:
        picked = _first_from_db(db, filters, now, cram=cram)
    except (OSError, sqlite3.Error, ValueError):
        picked = None
    if picked == "":  # the DB knows there is nothing to study now
        return None
    if picked is not None and picked in bank.by_id:
        return picked
    if cram:  # studying ahead needs studied cards: none known yet
        return None
    # no usable DB yet: new cards go easiest first, in bank order
    return min(enumerate(wanted), key=lambda iq: (iq[1].difficulty, iq[0]))[1].id


def provisional(db: Path, bank: Bank | None, index: dict[str, Any] | None, filters: Filters,
                now: datetime, *, cram: bool = False) -> Question | None:
    """The first card's Question from the bank, or from its own files through the index."""
    if bank is not None:
        bank_id = first_card(db, bank, filters, now, cram=cram)
        return bank.by_id.get(bank_id) if bank_id else None
    if index is None:
        return None
    from quizcnn.tui import index as idx

    try:
        picked = _first_from_db(db, filters, now, cram=cram)
    except (OSError, sqlite3.Error, ValueError):
        picked = None
    if picked == "":
        return None
    q = idx.question(index, picked) if picked else None
    if q is None and cram:
        return None
    if q is None:
        first = idx.first_new(index, filters)
        q = idx.question(index, first) if first else None
    return q if q is not None and filters.accepts(q) else None


def _first_from_db(db: Path, filters: Filters, now: datetime, *, cram: bool = False) -> str | None:
    from quizcnn.store.dates import day_bounds, study_day
    from quizcnn.store.quick import like_escape, quick_counts, schema_of
    from quizcnn.store.settings import from_rows

    if not db.is_file() or schema_of(db) != "current":
        return None
    counts = quick_counts(db, now)
    con = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=1.0)
    try:
        st = from_rows(dict(con.execute("SELECT key, value FROM settings")))
        _, end = day_bounds(study_day(now, st.rollover_hour), st.rollover_hour)
        conds = ["in_bank = 1", "suspended = 0"]
        if not cram:
            conds.append("(buried_until IS NULL OR buried_until <= :now)")
        params: dict[str, object] = {"now": _t(now), "end": _t(end),
                        "jd": now.timestamp() / 86400.0 + 2440587.5}
        if filters.topics:
            marks = ",".join(f":t{i}" for i in range(len(filters.topics)))
            conds.append(f"topic IN ({marks})")
            params.update({f"t{i}": t for i, t in enumerate(filters.topics)})
        if filters.only_lang:
            conds.append("langs LIKE :lang")
            params["lang"] = f"%,{filters.only_lang},%"
        if filters.tags:
            conds.append("(" + " OR ".join(f"tags LIKE :g{i} ESCAPE '\\'"
                                           for i in range(len(filters.tags))) + ")")
            params.update({f"g{i}": f"%,{like_escape(t)},%" for i, t in enumerate(filters.tags)})
        where = " AND ".join(conds)
        if cram:  # build_queue(cram=True): every studied card, the most forgotten first
            row = con.execute(
                f"SELECT bank_id FROM cards WHERE {where} AND last_review IS NOT NULL"
                " ORDER BY CAST(:jd - julianday(last_review) AS INTEGER) / stability DESC, id"
                " LIMIT 1", params
            ).fetchone()
            return "" if row is None else str(row[0])
        row = con.execute(
            f"SELECT bank_id FROM cards WHERE {where} AND last_review IS NOT NULL"
            " AND state IN (1, 3) AND due <= :now ORDER BY due, id LIMIT 1", params
        ).fetchone()
        if row is None and st.reviews_per_day > 0:
            row = con.execute(
                f"SELECT bank_id FROM cards WHERE {where} AND state = 2 AND due < :end"
                " ORDER BY CAST(:jd - julianday(last_review) AS INTEGER) / stability DESC, id"
                " LIMIT 1", params
            ).fetchone()
        if row is None and (counts is None or counts.new_today > 0):
            row = con.execute(
                f"SELECT bank_id FROM cards WHERE {where} AND last_review IS NULL"
                " ORDER BY level, position, id LIMIT 1", params
            ).fetchone()
        if row is None:  # nothing to study, unless the cards were never synced from the bank
            empty = con.execute("SELECT count(*) FROM cards").fetchone()[0] == 0
            return None if empty else ""
        return str(row[0])
    finally:
        con.close()


def stats(db: Path, now: datetime) -> Stats:
    """Streak, retention, forecast, mastery (stdlib sqlite3; runs on the database thread)."""
    from quizcnn.store.stats import compute_stats

    return compute_stats(db, now)
