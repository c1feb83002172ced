"""What ``quizcnn export``, ``import`` and ``db`` share: opening the store, errors, listing lines,
and saying things in the command line's language (``quizcnn.tui.prefs.cli_lang``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from quizcnn.store.db import Store


def with_store(command: str, args: argparse.Namespace, work: Callable[[Store], int], *,
               read_only: bool = False, lang: str | None = None) -> int:
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
                fail(command, tr("export_no_db", lang, path=db_path(args.db)), lang)
            with tempfile.TemporaryDirectory() as tmp, \
                    open_store(os.path.join(tmp, "empty.sqlite3")) as store:
                return work(store)
        with open_store(args.db, read_only=read_only) as store:
            announce_if_created(store, args.db)
            return work(store)
    except (StoreError, BackupError) as e:
        fail(command, e, lang)
        return 1


def _no_database(db: str | None) -> bool:
    from quizcnn.paths import db_path
    from quizcnn.store.db import probe

    return probe(db_path(db)) == "missing"


def clean(line: str) -> str:
    """A line for the terminal: paths and text from a backup are data (``termtext.clean``)."""
    from quizcnn.termtext import clean as _clean

    return _clean(line, one_line=True)


def say(title: str, lines: Iterable[str], file: TextIO | None = None, *,
        lang: str | None = None) -> None:
    """A heading (none when empty) and its lines, indented (nothing when there are no lines);
    the lines in ``lang`` (default: the command line's language) when they are ``Msg``s."""
    lines = list(lines)
    if not lines:
        return
    out = file or sys.stdout
    if title:
        print(title, file=out)
    for line in lines:
        print(f"  {clean(said(line, lang))}", file=out)


def lang() -> str:
    """The language the command line speaks (``en`` or ``zh``). A command that may change it
    (an import restores the preferences) reads it once before and passes it on."""
    from quizcnn.tui.prefs import cli_lang

    return cli_lang()


_lang = lang


def tr(key: str, /, lang: str | None = None, **fields: object) -> str:
    """Catalogue message ``key`` in ``lang`` (default: the command line's language), fields
    that are ``Msg``s said in it too."""
    from quizcnn.backup.msg import Msg

    return Msg(key, **fields).in_lang(lang or _lang())


def said(text: object, lang: str | None = None) -> str:
    """A ``Msg``, an exception carrying one, or an error of the store or of a file read or
    write (``StoreError``, ``FileRefused``), in the command line's language; other text as
    it is."""
    from quizcnn.backup.store_errors import localized

    return localized(text, lang or _lang())


def fail(command: str, error: object, lang: str | None = None) -> None:
    """``quizcnn COMMAND: error`` on stderr, in ``lang`` (default: the command line's
    language), on one line."""
    lang = lang or _lang()
    print(clean(tr("bk_cmd_error", lang, command=command, text=said(error, lang))),
          file=sys.stderr)
