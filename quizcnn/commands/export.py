"""``quizcnn export FILE.json [--force]``: a backup of everything (see ``quizcnn.backup``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizcnn.store.db import Store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "export",
        help="back up your progress, questions and settings to a JSON file",
        description="Write a backup to FILE: your question files and drafts, cards (with "
        "suspended and buried state), the review log, sessions, settings, keymap and preferences, "
        "and which shipped questions there were. Restore it with 'quizcnn import'.",
    )
    p.add_argument("file", metavar="FILE.json", nargs="?")
    p.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    from quizcnn.commands import anki_export

    anki_export.add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quizcnn.commands.backup_common import fail, tr

    if args.anki:
        if args.file:
            fail("export", tr("export_both"))
            return 2
        from quizcnn.commands import anki_export

        return anki_export.run(args)
    if not args.file:
        fail("export", tr("export_no_file"))
        return 2
    from quizcnn.commands.backup_common import clean, say, with_store
    from quizcnn.fileio import FileRefused, check_target

    try:  # before the database is opened (or created): a device, FIFO, link or folder is refused
        check_target(args.file, force=args.force)
    except FileRefused as e:
        fail("export", e)
        return 1

    def work(store: Store) -> int:
        from quizcnn.backup import export_backup

        report = export_backup(store, args.file, force=args.force)
        from quizcnn.backup.msg import Joined

        print(clean(tr("export_done", path=report.path, counts=Joined(report.counts))))
        say(tr("export_left_out"), report.notes)
        return 0

    return with_store("export", args, work, read_only=True)
