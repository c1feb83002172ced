"""``quizcnn import FILE.json [--merge | --force]``: restore a backup made by ``quizcnn export``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizcnn.store.db import Store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "import",
        help="restore a backup made by 'quizcnn export'",
        description="Restore a backup. A home that already has progress, questions or settings "
        "is refused, with the list of what differs, unless --merge (add what is missing, never "
        "a review twice; where your file or setting differs, yours is kept and the backup's "
        "is written next to it) or --force (the backup's wins; what it replaces is kept aside).",
    )
    p.add_argument("file", metavar="FILE.json")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--merge", action="store_true", help="add what is missing; keep yours")
    how.add_argument("--force", action="store_true", help="the backup's wins where they differ")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quizcnn.commands.backup_common import clean, say, with_store

    def work(store: Store) -> int:
        from quizcnn.backup import HomeNotEmpty, import_backup

        try:
            r = import_backup(store, args.file, merge=args.merge, force=args.force)
        except HomeNotEmpty as e:
            print(clean(f"quizcnn import: {e}"), file=sys.stderr)
            say("what differs:", e.differences, sys.stderr)
            print(
                "use --merge to add what is missing (yours kept where they differ), "
                "or --force to let the backup's win",
                file=sys.stderr,
            )
            return 1
        if r.mode is None:
            print(clean(f"nothing to import: this home already holds everything in {args.file}"))
        else:
            how = {"new": "restored", "merge": "merged", "force": "restored (--force)"}[r.mode]
            print(clean(f"{how} from {args.file}: {', '.join(r.restored) or 'nothing'}"))
        if r.db_copy:
            r.notes.insert(0, f"the database as it was is kept in {r.db_copy}")
        say("", r.notes)
        say("not restored (this quizcnn cannot):", r.skipped)
        say("refused:", r.refused, sys.stderr)
        return 1 if r.refused else 0

    return with_store("import", args, work)
