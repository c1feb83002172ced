"""The store's CLI commands, run in-process through quizcnn.cli.main."""

from __future__ import annotations

import json
import sqlite3

import pytest

from quizcnn.cli import main
from quizcnn.store.db import open_store
from quizcnn.store.scheduler import Rating, Reviewer
from quizcnn.store.sync import sync_bank

from .conftest import T0, questions


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.sqlite3"
    with open_store(path) as st:
        sync_bank(st, questions(3, topics=("rf", "pool")), now=T0)
        Reviewer(st).answer(1, Rating.Good, now=T0)
    return path


def test_stats_text_and_json(db, capsys):
    assert main(["--db", str(db), "stats"]) == 0
    out = capsys.readouterr().out
    assert "Mastery by topic" in out and "rf" in out
    assert main(["--db", str(db), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["cards"] == 3 and len(data["forecast"]) == 30


def test_export_import_round_trip(db, tmp_path, capsys):
    f = tmp_path / "e.json"
    assert main(["--db", str(db), "export", str(f)]) == 0
    assert "cards 3, sessions 0, reviews 1" in capsys.readouterr().out
    other = tmp_path / "o.sqlite3"
    assert main(["--db", str(other), "import", str(f)]) == 0
    assert main(["--db", str(other), "import", str(f)]) == 0
    assert "nothing to import" in capsys.readouterr().out
    with open_store(other) as store:
        Reviewer(store).answer(2, Rating.Again, now=T0)
    assert main(["--db", str(other), "import", str(f)]) == 1
    assert "--merge" in capsys.readouterr().err
    assert main(["--db", str(other), "import", str(f), "--merge"]) == 0
    assert "0 reviews added, 1 already here" in capsys.readouterr().out


def test_db_check_ok_and_damaged(db, capsys):
    assert main(["--db", str(db), "db", "check"]) == 0
    assert "integrity: ok" in capsys.readouterr().out
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db.read_bytes())
    page = 4096
    # damage one page past the schema: some table or index becomes unreadable
    data[3 * page + 8 : 4 * page] = b"\x00" * (page - 8)
    db.write_bytes(bytes(data))
    code = main(["--db", str(db), "db", "check"])
    out = capsys.readouterr().out
    assert code == 1 and "PROBLEM" in out
    assert db.read_bytes() == bytes(data)  # check never repairs or rewrites


def test_db_check_and_backup_on_bad_files(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    assert main(["--db", str(bad), "db", "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quizcnn db: ") and "notes.txt" in err and "Traceback" not in err
    assert main(["--db", str(tmp_path / "none.sqlite3"), "db", "backup"]) == 1
    assert main(["--db", str(bad), "stats"]) == 1
    assert "quizcnn stats: " in capsys.readouterr().err


def test_db_backup_and_path(db, capsys):
    assert main(["--db", str(db), "db", "backup"]) == 0
    assert "backups" in capsys.readouterr().out
    assert main(["--db", str(db), "db", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(db)


def test_db_settings_list_and_change(db, capsys):
    assert main(["--db", str(db), "db", "settings"]) == 0
    assert "desired_retention = 0.9" in capsys.readouterr().out
    assert main(["--db", str(db), "db", "settings", "learning_steps", "[2, 15]"]) == 0
    assert "learning_steps = [2, 15]  (default [1, 10])" in capsys.readouterr().out
    assert main(["--db", str(db), "db", "settings", "desired_retention", "2"]) == 1
    assert "bad value for setting 'desired_retention'" in capsys.readouterr().err
    assert main(["--db", str(db), "db", "settings", "colour"]) == 2


def test_export_refuses_an_existing_file_unless_force(db, tmp_path, capsys):
    f = tmp_path / "e.json"
    f.write_text("keep me")
    assert main(["--db", str(db), "export", str(f)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quizcnn export: ") and "already exists" in err and "--force" in err
    assert f.read_text() == "keep me"
    assert main(["--db", str(db), "export", str(f), "--force"]) == 0
    assert "cards 3, sessions 0, reviews 1" in capsys.readouterr().out
    assert json.loads(f.read_text())["format"] == "quizcnn-progress"


def test_read_only_commands_never_create_a_database(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("QUIZCNN_DB", raising=False)
    typo = tmp_path / "tpyo" / "p.sqlite3"
    for argv in (["stats"], ["stats", "--json"]):
        assert main(["--db", str(typo), *argv]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1
        assert f"{typo}: no progress database; nothing was read or created" in err
    # export still backs up your questions and settings, with no progress, and says why
    assert main(["--db", str(typo), "export", str(tmp_path / "x.json")]) == 0
    err = capsys.readouterr().err
    assert f"no progress database at {typo}; nothing was created there" in err
    assert main(["--db", str(typo), "db", "settings"]) == 0  # the defaults, nothing created
    assert "new_per_day = 20" in capsys.readouterr().out
    assert not typo.parent.exists() and (tmp_path / "x.json").exists()
    assert main(["--db", "", "stats"]) == 2
    assert capsys.readouterr().err == "quizcnn: --db needs a file name; an empty path was given\n"
    # a command that writes creates it (the folder must exist), and says so once
    typo.parent.mkdir()
    assert main(["--db", str(typo), "db", "settings", "new_per_day", "5"]) == 0
    assert capsys.readouterr().err == f"quizcnn: created a new progress database at {typo}\n"
    assert main(["--db", str(typo), "stats"]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("QUIZCNN_HOME", str(tmp_path / "home"))
    assert main(["db", "settings", "new_per_day", "5"]) == 0  # the default place: silently
    assert "created" not in capsys.readouterr().err


def test_plural_words():
    from quizcnn.store.words import plural

    assert [plural(n, "card") for n in (0, 1, 2)] == ["0 cards", "1 card", "2 cards"]
    assert plural(1, "entry", "entries") == "1 entry" and plural(3, "entry", "entries") == "3 entries"
