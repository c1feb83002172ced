"""Spaced-repetition progress in SQLite (SQLAlchemy ORM + Alembic), scheduled with FSRS.

Light to import: the ORM loads only when a name below is first used, so ``quizcnn.store.quick``
(plain sqlite3 counts for the TUI's first paint) does not pull in SQLAlchemy.

API (what the TUI and the commands call):
- ``open_store(path=None) -> Store``: creates/migrates; raises StoreError (one-line message).
  ``Store.settings()``, ``Store.set_setting(name, value)``, ``Store.backup()``,
  ``Store.integrity_check()``, ``Store.close()``.
- ``sync_bank(store, bank.questions) -> SyncReport``: one card per question; orphans kept.
- ``build_queue(store, now, topics=, tags=, lang=, limit=, leeches_only=, cram=) -> Queue``;
  ``Queue.next(now) -> QueueItem | None``, ``Queue.answered(item, result.state, result.due)``,
  ``Queue.waiting()``, ``Queue.counts()``; ``queue.list_cards(store, leeches=/suspended=/...)``.
- ``Reviewer(store)``: ``preview(card_id, now) -> {Rating: timedelta}``,
  ``grade(correct, hint_used=, duration_ms=) -> Rating`` (auto-grade mapping),
  ``answer(card_id, rating, now=, duration_ms=, answer=, correct=, misconception=, problem=,
  lang=, hint_used=, session_id=, cram=) -> AnswerResult`` (committed on return),
  ``undo(session_id=)``, ``suspend(card_id, on)``, ``bury(card_id)``,
  ``reset(card_ids= | topic=)``, ``start_session(mode)``, ``end_session(id)``,
  ``retrievability(card, now)``; ``scheduler.format_interval(td)``.
- ``params.active_parameters(store)``, ``params.save(store, fit)``, ``params.reset(store)``: the
  user's fitted FSRS parameters (``Reviewer`` and the stats use them);
  ``optimize.optimize(store) -> Report`` fits them (``quizcnn db optimize``).
- ``compute_stats(store_or_path, now=None) -> Stats`` and ``stats.render(stats)``.
- ``export.encode`` / ``export.decode``: rows as JSON values and back (backups are
  ``quizcnn.backup``'s job).
- ``Store.created`` (open_store made the file just now); ``db.announce_if_created(store,
  cli_db)`` prints the one stderr line the commands show for a new DB at a chosen path.
- ``quick.quick_counts(path=None) -> QuickCounts | None`` (stdlib only, for the first paint).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from quizcnn.store.errors import DatabaseBusy, NewerSchema, StoreError

_LAZY = {
    "open_store": "quizcnn.store.db",
    "Store": "quizcnn.store.db",
    "Reviewer": "quizcnn.store.scheduler",
    "AnswerResult": "quizcnn.store.scheduler",
    "auto_rating": "quizcnn.store.scheduler",
    "build_queue": "quizcnn.store.queue",
    "Queue": "quizcnn.store.queue",
    "sync_bank": "quizcnn.store.sync",
    "compute_stats": "quizcnn.store.stats",
}

__all__ = ["DatabaseBusy", "NewerSchema", "StoreError", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'quizcnn.store' has no attribute {name!r}")
