"""What ``quizcnn export`` and ``quizcnn import`` share: opening the store, errors, listing lines."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from quizcnn.store.db import Store


def with_store(command: str, args: argparse.Namespace, work: Callable[[Store], int], *,
               read_only: bool = False) -> int:
    """Open the progress database (announcing a new one at a chosen path), run ``work``; a
    StoreError or BackupError becomes one line on stderr and exit status 1. ``read_only``:
    never create it, and read it even in a read-only folder (``open_store(read_only=True)``)."""
    from quizcnn.backup import BackupError
    from quizcnn.store import StoreError, open_store
    from quizcnn.store.db import announce_if_created

    try:
        if read_only and _no_database(args.db):
            # nothing studied yet (or a mistyped --db): nothing is created there; the work
            # reads an empty database made for the moment, and a chosen path is named
            import os
            import tempfile

            from quizcnn.paths import db_path

            if args.db or os.environ.get("QUIZCNN_DB"):
                print(clean(f"quizcnn {command}: no progress database at {db_path(args.db)}; "
                            "nothing was created there, and there is no progress to include"),
                      file=sys.stderr)
            with tempfile.TemporaryDirectory() as tmp, \
                    open_store(os.path.join(tmp, "empty.sqlite3")) as store:
                return work(store)
        with open_store(args.db, read_only=read_only) as store:
            announce_if_created(store, args.db)
            return work(store)
    except (StoreError, BackupError) as e:
        print(clean(f"quizcnn {command}: {e}"), file=sys.stderr)
        return 1


def _no_database(db: str | None) -> bool:
    from quizcnn.paths import db_path
    from quizcnn.store.db import probe

    return probe(db_path(db)) == "missing"


def clean(line: str) -> str:
    """A line for the terminal: paths and text from a backup are data (``termtext.clean``)."""
    from quizcnn.termtext import clean as _clean

    return _clean(line, one_line=True)


def say(title: str, lines: Iterable[str], file: TextIO | None = None) -> None:
    """A heading (none when empty) and its lines, indented (nothing when there are no lines)."""
    lines = list(lines)
    if not lines:
        return
    out = file or sys.stdout
    if title:
        print(title, file=out)
    for line in lines:
        print(f"  {clean(line)}", file=out)
