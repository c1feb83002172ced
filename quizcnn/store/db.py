"""Open the progress database: checks, engine (WAL, foreign keys, busy timeout), migrations, backups.

Opening never changes a file it cannot vouch for: a non-SQLite or damaged file, or one written
by a newer quizcnn, is refused with a one-line message naming it. Before any migration the
file is copied with SQLite's backup API into ``backups/`` next to it (the last 3 are kept).
Alembic is imported only when a migration is needed, so ordinary opens stay fast.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from quizcnn.store import readonly
from quizcnn.store import settings as settings_mod
from quizcnn.store.errors import NewerSchema, StoreError
from quizcnn.store.errors import translate as _translate
from quizcnn.store.models import Setting
from quizcnn.store.version import HEAD, REVISIONS

BUSY_TIMEOUT = 5.0  # seconds
KEEP_BACKUPS = 3
SQLITE_MAGIC = b"SQLite format 3\x00"


def probe(path: Path) -> str:
    """What is at ``path``: "missing", "empty", or the schema revision. Raises StoreError.

    Read-only and creating nothing, not even ``-wal``/``-shm`` (see ``store.readonly``): a file
    it refuses is left exactly as it was.
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        if os.path.lexists(path):
            raise StoreError(f"{path} is a broken symbolic link; pass --db FILE") from None
        return "missing"
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror or e}") from None
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path} is a folder, not a progress database; pass --db FILE")
    if not stat.S_ISREG(mode):  # a FIFO would block the read below, a device never end it
        from quizcnn.fileio import kind

        raise StoreError(f"{path} is {kind(mode)}, not a progress database; it was left "
                         "untouched (pass --db FILE)")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror or e}") from None
    if not head:
        return "empty"
    if head != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not an SQLite database; it was left untouched "
            "(move it away or choose another file with --db)"
        )
    try:
        con = readonly.connect(path, BUSY_TIMEOUT, untouched=True)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" in names:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                return row[0] if row else "empty"
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise _translate(e, path, "read") from None
    if names:
        raise StoreError(
            f"{path} is an SQLite database but not a quizcnn one; it was left untouched"
        )
    return "empty"


def backup_file(path: Path, label: str = "manual", keep: int = KEEP_BACKUPS) -> Path:
    """Copy the database with SQLite's backup API into ``backups/``; prune to ``keep`` copies."""
    folder = path.parent / "backups"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    dest = folder / f"{path.stem}-{stamp}-{label}.sqlite3"
    tmp = dest.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = readonly.connect(path, BUSY_TIMEOUT, untouched=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, dest)
    except (OSError, sqlite3.Error) as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(
            f"could not back up {path} to {folder} ({e}); the database was not changed"
        ) from None
    olds = sorted(folder.glob(f"{path.stem}-*.sqlite3"))
    for old in olds[: max(0, len(olds) - keep)]:
        old.unlink(missing_ok=True)
    return dest


class Store:
    """An open progress database. Use ``read()`` / ``write()`` for ORM sessions."""

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT, *, read_only: bool = False):
        self.path = path
        self.busy_timeout = busy_timeout
        self.read_only = read_only
        if read_only:  # mode=ro (immutable=1 in a read-only folder): nothing is written
            self.engine = create_engine(
                f"sqlite:///{path}",
                creator=lambda: readonly.connect(path, busy_timeout, check_same_thread=False),
            )
        else:
            self.engine = create_engine(
                f"sqlite:///{path}",
                connect_args={"timeout": busy_timeout, "check_same_thread": False},
            )
        ms = int(busy_timeout * 1000)

        @event.listens_for(self.engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:  # a DB-API connection
            dbapi_conn.isolation_level = None  # transactions are begun explicitly below
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {ms}")
            cur.execute("PRAGMA foreign_keys = ON")
            # WAL + NORMAL: a committed answer survives the program being killed; only a power
            # cut can roll back the last moments (the file stays consistent either way).
            cur.execute("PRAGMA synchronous = NORMAL")
            if not read_only:
                cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA cache_size = -32768")  # 32 MiB page cache
            cur.execute(
                "PRAGMA mmap_size = 268435456"
            )  # read through a 256 MiB map  # persistent; a no-op once set
            cur.close()

        @event.listens_for(self.engine, "begin")
        def _on_begin(conn: Connection) -> None:
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            conn.exec_driver_sql(f"BEGIN {mode}")

        # Writers take the lock up front, so a busy DB waits the timeout instead of failing
        # half-way through a transaction.
        self.write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._settings: settings_mod.Settings | None = None
        self.created = False  # open_store made this file just now

    # -- sessions -------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as s, s.begin():
                yield s
        except DBAPIError as e:
            raise _translate(e, self.path, "read", self.busy_timeout) from None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends (the change is durable on return)."""
        try:
            with Session(self.write_engine, expire_on_commit=False) as s, s.begin():
                yield s
        except DBAPIError as e:
            raise _translate(e, self.path, "write to", self.busy_timeout) from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- settings -------------------------------------------------------------------
    def settings(self) -> settings_mod.Settings:
        if self._settings is None:
            with self.read() as s:
                rows = {r.key: r.value for r in s.scalars(select(Setting))}
            self._settings = settings_mod.from_rows(rows)
        return self._settings

    def set_setting(self, name: str, value: object) -> None:
        value = settings_mod.validate(name, value)
        with self.write() as s:
            s.merge(Setting(key=name, value=settings_mod.to_json(value)))
        self._settings = None

    def backup(self, label: str = "manual") -> Path:
        return backup_file(self.path, label)

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` and ``foreign_key_check``: problems in words, [] if fine."""
        try:
            con = readonly.connect(self.path, self.busy_timeout, untouched=True)
        except sqlite3.DatabaseError as e:
            return [str(e)]
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
            problems = [] if rows == ["ok"] else rows
            for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check"):
                problems.append(f"{table} row {rowid} points to a missing {parent} row")
        except sqlite3.DatabaseError as e:
            problems = [str(e)]
        finally:
            con.close()
        return problems


def _migrate(store: Store, current: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "quizcnn.store:migrations")
    with store.write_engine.begin() as conn:  # BEGIN IMMEDIATE: one migrator at a time
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    busy_timeout: float = BUSY_TIMEOUT,
    read_only: bool = False,
) -> Store:
    """Open (creating or migrating as needed) the progress DB at ``paths.db_path(path)``.

    ``read_only`` (stats, export, settings listed): never creates a database or a folder (a
    missing or empty file is a StoreError naming it), and reads through ``store.readonly``, so
    a database in a read-only folder can be read. An older schema is still upgraded first
    (with a backup) where the folder allows it.
    """
    from quizcnn.paths import db_path

    p = db_path(path)
    rev = probe(p)
    if rev not in ("missing", "empty") and rev not in REVISIONS:
        raise NewerSchema(
            f"{p} was written by a newer quizcnn (schema {rev}; this one knows up to {HEAD}); "
            "it was left untouched: upgrade quizcnn to use it"
        )
    if read_only:
        if rev in ("missing", "empty"):
            what = "no progress database" if rev == "missing" else "an empty file"
            raise StoreError(
                f"{p}: {what}; nothing was read or created (check --db or QUIZCNN_DB; a new "
                "database is made when you first study)"
            )
        if rev != HEAD:
            if not readonly.folder_writable(p):
                raise StoreError(
                    f"{p} needs an upgrade (schema {rev} to {HEAD}) and its folder is not "
                    "writable; open it once where it can be written"
                )
            open_store(p, busy_timeout=busy_timeout).close()
        return Store(p, busy_timeout, read_only=True)
    if rev == "missing":
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the folder for {p}: {e.strerror or e}") from None
    store = Store(p, busy_timeout)
    try:
        if rev != HEAD:
            if rev in REVISIONS:
                backup_file(p, f"r{rev}")
            try:
                _migrate(store, rev)
            except (DBAPIError, sqlite3.Error) as e:
                raise _translate(e, p, "set up") from None
    except BaseException:
        store.close()
        if rev == "missing":  # only what this call created is removed
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(f"{p}{extra}").unlink(missing_ok=True)
        raise
    store.created = rev == "missing"
    return store


def announce_if_created(store: Store, cli_db: object = None, lang: str = "en") -> None:
    """One stderr line (in ``lang``) when the DB was just created at a path the user chose
    (--db or QUIZCNN_DB): a mistyped path otherwise looks like lost progress."""
    if store.created and (cli_db or os.environ.get("QUIZCNN_DB")):
        import sys

        from quizcnn.messages import t

        print(t("cli_created_db", lang, path=store.path), file=sys.stderr)
