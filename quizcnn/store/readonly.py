"""Reading the progress database without changing anything next to it (stdlib only).

SQLite in WAL mode keeps two companions next to the database, ``-wal`` and ``-shm``, and even a
``mode=ro`` connection creates them when it can. :func:`connect` opens a database for reading:

- ``untouched=True`` (a file not yet known to be a healthy quizcnn database: a probe, or
  ``db check``): when no ``-wal`` exists, no connection has the file open and nothing is
  pending, so it is opened ``immutable=1``, which creates nothing. A damaged file, random
  bytes or a newer schema is reported "left untouched" and truly is.
- otherwise ``mode=ro``, with the ordinary locking that a concurrent drill needs.
- In a folder that is not writable (where ``-shm`` cannot be made, so ``mode=ro`` cannot read a
  WAL database at all) it falls back to ``immutable=1`` when no ``-wal`` is there to be missed.

A missing file is never created: :class:`sqlite3.OperationalError` instead.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def _uri(path: Path, query: str) -> str:
    return path.resolve().as_uri() + "?" + query


def folder_writable(path: Path) -> bool:
    return os.access(path.parent if str(path.parent) else Path("."), os.W_OK)


def connect(path: str | os.PathLike[str], timeout: float = 5.0, *, untouched: bool = False,
            check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-only connection to the existing database at ``path`` (see the module doc)."""
    p = Path(path)
    if not p.is_file():
        raise sqlite3.OperationalError(f"no database file at {p}")
    has_wal = os.path.lexists(f"{p}-wal")
    if not has_wal and (untouched or not folder_writable(p)):
        return _open(_uri(p, "immutable=1"), timeout, check_same_thread)
    try:
        return _open(_uri(p, "mode=ro"), timeout, check_same_thread)
    except sqlite3.OperationalError:
        if has_wal or folder_writable(p):
            raise
        return _open(_uri(p, "immutable=1"), timeout, check_same_thread)


def _open(uri: str, timeout: float, check_same_thread: bool) -> sqlite3.Connection:
    con = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    try:
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # open it now
    except sqlite3.Error:
        con.close()
        raise
    return con
