"""Keep one card per bank question: add cards for new ids, mirror topic/tags/langs, mark orphans.

A question that disappears from the loaded bank keeps its card and history (``in_bank`` false,
reported as orphaned); when its id comes back, the card resumes where it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from quizcnn.store.dates import as_utc, utcnow
from quizcnn.store.db import Store
from quizcnn.store.models import Card

if TYPE_CHECKING:
    from quizcnn.bank.model import Question


@dataclass(frozen=True)
class SyncReport:
    added: int
    updated: int
    orphaned: int  # cards now missing from the bank (history kept)
    resumed: int  # cards whose question came back
    total: int  # cards of the loaded bank


def _joined(items: Iterable[str]) -> str:
    items = [str(x) for x in items if str(x)]
    return "," + ",".join(items) + "," if items else ""


def card_fields(q: object, position: int) -> dict[str, str | int]:
    """The columns a card mirrors from a bank ``Question``."""
    variants = getattr(q, "variants", None) or {}
    level = getattr(q, "difficulty", 2)
    return {
        "topic": str(getattr(q, "topic", "") or ""),
        "qtype": str(getattr(q, "type", "") or ""),
        "tags": _joined(getattr(q, "tags", ()) or ()),
        "langs": _joined(sorted(variants)),
        "level": level if isinstance(level, int) else 2,
        "position": position,
    }


def sync_bank(store: Store, questions: Iterable[Question], now: datetime | None = None) -> SyncReport:
    now = as_utc(now) if now else utcnow()
    wanted: dict[str, dict[str, str | int]] = {}
    # A new card's position is its place in its own deck (each problem template counting as
    # a deck), so new cards of the same level come round-robin across decks and generated
    # drills mix in from the first day, rather than deck after deck.
    in_deck: dict[str, int] = {}
    for q in questions:
        deck = f"{getattr(q, 'file', '') or ''}#{getattr(q, 'template', '') or ''}"
        wanted.setdefault(str(q.id), card_fields(q, in_deck.get(deck, 0)))
        in_deck[deck] = in_deck.get(deck, 0) + 1
    cols = (
        Card.id,
        Card.bank_id,
        Card.topic,
        Card.qtype,
        Card.tags,
        Card.langs,
        Card.level,
        Card.position,
        Card.in_bank,
    )
    added = updated = orphaned = resumed = 0
    with store.write() as s:
        existing = s.execute(select(*cols)).all()
        seen = set()
        changes = []
        gone = []
        for row in existing:
            seen.add(row.bank_id)
            f = wanted.get(row.bank_id)
            if f is None:
                if row.in_bank:
                    gone.append(row.id)
                continue
            if not row.in_bank:
                resumed += 1
            if not row.in_bank or any(getattr(row, k) != v for k, v in f.items()):
                changes.append({"id": row.id, **f, "in_bank": True})
        new_rows = [
            {
                "bank_id": bid,
                **f,
                "in_bank": True,
                "state": 1,
                "step": 0,
                "reps": 0,
                "lapses": 0,
                "suspended": False,
                "leech": False,
                "created_at": now,
            }
            for bid, f in wanted.items()
            if bid not in seen
        ]
        if new_rows:
            s.execute(insert(Card), new_rows)
            added = len(new_rows)
        if changes:
            s.execute(update(Card), changes)
            updated = len(changes) - resumed
        if gone:
            for i in range(0, len(gone), 500):
                s.execute(update(Card).where(Card.id.in_(gone[i : i + 500])).values(in_bank=False))
            orphaned = len(gone)
    return SyncReport(added, updated, orphaned, resumed, len(wanted))


def orphans(store: Store) -> list[str]:
    """Bank ids of cards whose question is missing from the last synced bank."""
    with store.read() as s:
        return list(
            s.scalars(select(Card.bank_id).where(Card.in_bank.is_(False)).order_by(Card.bank_id))
        )
