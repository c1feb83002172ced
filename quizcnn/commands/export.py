"""``quizcnn export FILE.json``: the whole progress DB (cards, log, sessions, settings) as JSON."""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="back up your progress to a JSON file",
        description="Write cards, the review log, sessions and settings to FILE "
        "(restore with 'quizcnn import').",
    )
    p.add_argument("file", metavar="FILE.json", nargs="?")
    p.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    from quizcnn.commands import anki_export

    anki_export.add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.anki:
        if args.file:
            print("quizcnn export: give either a backup FILE.json or --anki FILE.apkg, not both",
                  file=sys.stderr)
            return 2
        from quizcnn.commands import anki_export

        return anki_export.run(args)
    if not args.file:
        print("quizcnn export: give the backup file to write (FILE.json), or --anki FILE.apkg",
              file=sys.stderr)
        return 2
    from quizcnn.fileio import FileRefused, check_target, remove_stale_partials
    from quizcnn.store import StoreError, open_store
    from quizcnn.store.db import announce_if_created
    from quizcnn.store.export import export_json
    from quizcnn.store.words import plural

    try:  # a device, FIFO, symbolic link or folder is never replaced by the export
        check_target(args.file, force=args.force)
        remove_stale_partials(args.file)
    except FileRefused as e:
        print(f"quizcnn export: {e}", file=sys.stderr)
        return 1
    try:
        with open_store(args.db) as store:
            announce_if_created(store, args.db)
            counts = export_json(store, args.file, force=args.force)
    except StoreError as e:
        print(f"quizcnn export: {e}", file=sys.stderr)
        return 1
    print(
        f"exported {plural(counts['cards'], 'card')}, {plural(counts['reviews'], 'review')} "
        f"and {plural(counts['sessions'], 'session')} to {args.file}"
    )
    return 0
