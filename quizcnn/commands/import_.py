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
    from quizcnn.backup.msg import Joined
    from quizcnn.commands.backup_common import clean, fail, lang, say, tr, with_store

    speak = lang()  # as before the import, which may restore another language's preferences

    def work(store: Store) -> int:
        from quizcnn.backup import HomeNotEmpty, import_backup

        try:
            r = import_backup(store, args.file, merge=args.merge, force=args.force)
        except HomeNotEmpty as e:
            fail("import", e, speak)
            say(tr("import_what_differs", speak), e.differences, sys.stderr, lang=speak)
            print(tr("import_how", speak), file=sys.stderr)
            return 1
        if r.mode is None:
            print(clean(tr("import_nothing", speak, file=args.file)))
        else:
            what = Joined(r.restored) if r.restored else tr("bk_none", speak)
            print(clean(tr(f"import_done_{r.mode}", speak, file=args.file, what=what)))
        if r.db_copy:
            print(f"  {clean(tr('import_db_copy', speak, path=r.db_copy))}")
        say("", r.notes, lang=speak)
        say(tr("import_not_restored", speak), r.skipped, lang=speak)
        say(tr("import_refused", speak), r.refused, sys.stderr, lang=speak)
        return 1 if r.refused else 0

    return with_store("import", args, work, lang=speak)
