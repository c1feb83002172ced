"""Spaced-repetition progress in SQLite (SQLAlchemy ORM + Alembic), scheduled with FSRS.

Light to import: the ORM loads only when a name below is first used, so ``quizcnn.store.quick``
(plain sqlite3 counts for the TUI's first paint) does not pull in SQLAlchemy.

Main entry points (see each module):
- ``open_store(path=None) -> Store``            (db.py)
- ``Reviewer(store)``: answer/preview/undo/...  (scheduler.py)
- ``build_queue(store, now, ...) -> Queue``     (queue.py)
- ``sync_bank(store, questions)``               (sync.py)
- ``compute_stats(store, now) -> Stats``        (stats.py)
- ``export_json`` / ``import_json``             (export.py)
"""

from __future__ import annotations

from importlib import import_module

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
    "export_json": "quizcnn.store.export",
    "import_json": "quizcnn.store.export",
}

__all__ = ["DatabaseBusy", "NewerSchema", "StoreError", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'quizcnn.store' has no attribute {name!r}")
