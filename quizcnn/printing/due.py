"""``quizcnn print --due``: the bank ids today's queue would serve, read from the store."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from quizcnn.printing.errors import PrintingError


class DueError(PrintingError, RuntimeError):
    """The schedule could not be read."""


def due_ids(args: argparse.Namespace, now: datetime | None = None) -> tuple[str, ...]:
    from quizcnn.bank import default_bank
    from quizcnn.store import StoreError, build_queue, open_store, sync_bank

    now = now or datetime.now(UTC)
    try:
        with open_store(args.db) as store:
            sync_bank(store, default_bank(args.bank).questions, now)
            queue = build_queue(store, now, topics=args.topic or None, tags=args.tag or None)
            items = list(queue.main) + [entry[2] for entry in queue.learning]
    except StoreError as exc:
        raise DueError("print_as_is", message=str(exc)) from None
    return tuple(item.bank_id for item in items)
