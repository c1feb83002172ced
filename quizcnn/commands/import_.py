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
    from quizcnn.store.export import import_json

    try:
        with open_store(args.db) as store:
            r = import_json(store, args.file, merge=args.merge)
    except StoreError as e:
        print(f"quizcnn import: {e}", file=sys.stderr)
        return 1
    print(
        f"imported {r.cards_added} new cards ({r.cards_updated} updated), "
        f"{r.reviews_added} reviews ({r.reviews_skipped} already there), "
        f"{r.sessions_added} sessions, {r.settings_added} settings"
    )
    return 0
