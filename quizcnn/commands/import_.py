"""``quizcnn import FILE.json [--merge]``: restore an export, or merge it into your progress."""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import",
        help="restore progress from a JSON export",
        description="Restore an export made by 'quizcnn export'. A database that already has "
        "progress is refused unless --merge, which adds only what is missing (never a "
        "review twice).",
    )
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--merge", action="store_true", help="add what is missing to existing progress")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quizcnn.store import StoreError, open_store
    from quizcnn.store.db import announce_if_created
    from quizcnn.store.export import import_json
    from quizcnn.store.words import plural

    try:
        with open_store(args.db) as store:
            announce_if_created(store, args.db)
            r = import_json(store, args.file, merge=args.merge)
    except StoreError as e:
        print(f"quizcnn import: {e}", file=sys.stderr)
        return 1
    print(
        f"imported {plural(r.cards_added, 'new card')} ({r.cards_updated} updated), "
        f"{plural(r.reviews_added, 'review')} ({r.reviews_skipped} already there), "
        f"{plural(r.sessions_added, 'session')}, {plural(r.settings_added, 'setting')}"
    )
    return 0
