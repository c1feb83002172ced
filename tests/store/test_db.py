"""Opening the DB: creation, pragmas, refusing bad files untouched, busy, full disk, backups."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, text

from quizcnn.store import DatabaseBusy, NewerSchema, StoreError
from quizcnn.store.db import HEAD, REVISIONS, backup_file, open_store
from quizcnn.store.scheduler import Reviewer
from quizcnn.store.sync import sync_bank

from .conftest import T0, questions


def test_created_on_first_run_with_wal_and_foreign_keys(db_path):
    assert not db_path.exists()
    with open_store(db_path) as st:
        with st.read() as s:
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert s.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    con.close()


def test_default_path_honours_env(monkeypatch, tmp_path):
    target = tmp_path / "sub" / "env.sqlite3"
    monkeypatch.setenv("QUIZCNN_DB", str(target))
    with open_store(None) as st:
        assert st.path == target
    assert target.exists()


def test_schema_from_migrations_matches_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from quizcnn.store.models import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_head_matches_alembic_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", "quizcnn.store:migrations")
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD
    assert sorted(r.revision for r in script.walk_revisions()) == sorted(REVISIONS)


def test_normal_open_does_not_import_alembic(db_path):
    open_store(db_path).close()
    code = (
        "import sys; from quizcnn.store.db import open_store; "
        f"open_store({str(db_path)!r}).close(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _untouched(path, data):
    assert path.read_bytes() == data
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_non_sqlite_file_refused_untouched(db_path):
    data = b"my thesis notes\n" * 100
    db_path.write_bytes(data)
    with pytest.raises(StoreError, match="not an SQLite database") as e:
        open_store(db_path)
    assert str(db_path) in str(e.value)
    _untouched(db_path, data)


def test_corrupt_sqlite_file_refused_untouched(db_path):
    open_store(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page after the header
    db_path.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
    with pytest.raises(StoreError) as e:
        open_store(db_path)
    assert str(db_path) in str(e.value)
    _untouched(db_path, bytes(data))


def test_foreign_sqlite_db_refused_untouched(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    data = db_path.read_bytes()
    with pytest.raises(StoreError, match="not a quizcnn one"):
        open_store(db_path)
    _untouched(db_path, data)


def test_newer_schema_refused_untouched(db_path):
    open_store(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = db_path.read_bytes()
    with pytest.raises(NewerSchema, match="newer quizcnn") as e:
        open_store(db_path)
    assert str(db_path) in str(e.value)
    assert db_path.read_bytes() == data
    assert not (db_path.parent / "backups").exists()


def test_folder_at_path_and_unwritable_parent(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder") as e:
        open_store(blocker / "sub" / "p.sqlite3")
    assert "afile" in str(e.value)
    assert blocker.read_text() == "x"


def test_full_disk_is_a_clear_message_and_loses_nothing(store):
    sync_bank(store, questions(3), now=T0)
    rev = Reviewer(store)
    card_ids = [c for c in range(1, 4)]
    rev.answer(card_ids[0], 3, now=T0)
    store.engine.dispose()
    with store.read() as s:
        pages = s.execute(text("PRAGMA page_count")).scalar()
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _cap(dbapi_conn, _rec):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    big = "x" * 50_000  # needs new pages: the write fails as on a full disk
    with pytest.raises(StoreError, match="disk full") as e:
        rev.answer(card_ids[1], 3, now=T0, answer=big)
    assert str(store.path) in str(e.value)
    store.engine.dispose()
    event.remove(store.engine, "connect", _cap)
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM reviews")).scalar() == 1
    assert store.integrity_check() == []


def test_busy_database_gives_clear_message(db_path):
    open_store(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        st = open_store(db_path, busy_timeout=0.2)
        with pytest.raises(DatabaseBusy, match="database busy"):
            st.set_setting("new_per_day", 5)
        st.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_backups_keep_the_last_three(store):
    made = [backup_file(store.path, f"t{i}") for i in range(5)]
    kept = sorted((store.path.parent / "backups").glob("*.sqlite3"))
    assert kept == made[-3:]
    con = sqlite3.connect(kept[-1])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    con.close()


def test_settings_validated_and_stored(store):
    store.set_setting("new_per_day", 7)
    assert store.settings().new_per_day == 7
    with pytest.raises(ValueError, match="unknown setting"):
        store.set_setting("colour", "red")
    with pytest.raises(ValueError, match="bad value"):
        store.set_setting("desired_retention", 2.0)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a read-only /proc")
def test_unwritable_folder_is_a_clear_message():
    # /proc refuses new files even for root, like a folder without write permission
    with pytest.raises(StoreError, match="cannot open /proc/quizcnn-test.sqlite3"):
        open_store("/proc/quizcnn-test.sqlite3")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_read_only_folder_is_a_clear_message(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as e:
            open_store(folder / "p.sqlite3")
        assert str(folder) in str(e.value)
    finally:
        folder.chmod(0o700)
