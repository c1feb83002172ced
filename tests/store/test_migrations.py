"""Fixture DBs of each released schema open, migrate with every row intact, and keep working."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from quizcnn.store.db import HEAD, REVISIONS, open_store
from quizcnn.store.scheduler import Rating, Reviewer

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = ("cards", "reviews", "settings")


def rows(path: Path, table: str) -> list[dict]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    out = [dict(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY 1")]
    con.close()
    return out


@pytest.mark.parametrize("revision", REVISIONS)
def test_fixture_exists_for_every_released_schema(revision):
    assert (FIXTURES / f"schema-{revision}.sqlite3").is_file()


@pytest.mark.parametrize("revision", REVISIONS)
def test_old_schema_migrates_intact(tmp_path, revision):
    db = tmp_path / "progress.sqlite3"
    shutil.copy(FIXTURES / f"schema-{revision}.sqlite3", db)
    before = {t: rows(db, t) for t in TABLES}
    with open_store(db) as st:
        assert st.integrity_check() == []
    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    con.close()
    for t in TABLES:
        after = rows(db, t)
        if t == "reviews" and "session_id" not in before[t][0]:
            assert all(r.pop("session_id") is None for r in after)
        assert after == before[t], t
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    if revision == HEAD:
        assert backups == []
    else:
        assert len(backups) == 1 and f"r{revision}" in backups[0].name
        assert {t: rows(backups[0], t) for t in TABLES} == before


def test_migrated_db_keeps_working(tmp_path):
    db = tmp_path / "progress.sqlite3"
    shutil.copy(FIXTURES / "schema-0001.sqlite3", db)
    with open_store(db) as st:
        assert st.settings().new_per_day == 12 and st.settings().rollover_hour == 5
        rev = Reviewer(st)
        card = rev.card(1)
        assert card.stability == 12.345678901234567
        r = rev.answer(1, Rating.Good, now=card.due + timedelta(days=1))
        assert r.interval > timedelta(days=12)
        assert rev.undo().card_id == 1
        assert rev.card(1).stability == 12.345678901234567
        assert rev.card(2).leech and rev.card(4).in_bank is False
