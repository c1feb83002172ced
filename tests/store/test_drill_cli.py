"""`quizcnn drill --plain` end to end: a real process, a real bank folder, piped stdin."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from .deck import mixed_deck

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path, args, stdin=""):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "quizcnn",
            "--db",
            str(tmp_path / "p.sqlite3"),
            "--bank",
            str(tmp_path / "bank"),
            *args,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_piped_session_grades_and_saves(tmp_path):
    mixed_deck(tmp_path / "bank")
    # numeric: unreadable, then a hint, then right; choice and cloze: answered; then EOF
    stdin = "lots\n?\n1792\n"
    proc = run(tmp_path, ["drill", "--plain", "--topic", "store-e2e"], stdin)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    assert "could not read 'lots' as a number" in out and "Hint: 64 filters" in out
    con = sqlite3.connect(tmp_path / "p.sqlite3")
    rows = con.execute(
        "SELECT c.bank_id, r.rating, r.correct, r.hint_used FROM reviews r JOIN cards c"
        " ON c.id = r.card_id"
    ).fetchall()
    con.close()
    assert out.count("saved: ") == len(rows) == 1
    assert rows == [("e2e-numeric", 2, 1, 1)]  # right with a hint: Hard


def test_choice_and_cloze(tmp_path):
    mixed_deck(tmp_path / "bank")
    proc = run(tmp_path, ["drill", "--plain", "--topic", "store-e2e"], "1792\nzz\n")
    assert "answer with the letters shown" in proc.stdout
    assert proc.returncode == 0 and proc.stdout.count("saved: ") == 1
    # the next session goes on: picking every option is wrong; "3" fills the cloze gap
    proc = run(tmp_path, ["drill", "--plain", "--topic", "store-e2e"], "a b c\n3\n")
    assert proc.returncode == 0, proc.stderr
    assert "Not quite. Expected: " in proc.stdout and "MaxPool2d" in proc.stdout
    con = sqlite3.connect(tmp_path / "p.sqlite3")
    rows = dict(
        con.execute(
            "SELECT c.bank_id, r.correct FROM reviews r JOIN cards c ON c.id = r.card_id"
        ).fetchall()
    )
    con.close()
    assert rows == {"e2e-numeric": 1, "e2e-choice": 0, "e2e-cloze": 1}


def test_unknown_topic_and_bad_db(tmp_path):
    mixed_deck(tmp_path / "bank")
    proc = run(tmp_path, ["drill", "--plain", "--topic", "no-such-topic"])
    assert proc.returncode == 2 and "no questions with topic 'no-such-topic'" in proc.stderr
    (tmp_path / "p.sqlite3").write_text("not a database")
    proc = run(tmp_path, ["drill", "--plain"])
    assert proc.returncode == 1
    assert proc.stderr.startswith("quizcnn drill: ") and "not an SQLite database" in proc.stderr
    assert (tmp_path / "p.sqlite3").read_text() == "not a database"


def test_drill_app_needs_a_terminal(tmp_path):
    mixed_deck(tmp_path / "bank")
    proc = run(tmp_path, ["drill", "--topic", "store-e2e"], "1792\n")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        "quizcnn: the drill app needs a terminal; use 'quizcnn drill --plain' for piped input\n"
    )
    assert not (tmp_path / "p.sqlite3").exists()


def test_app_gets_the_drill_filters_on_args(monkeypatch):
    import importlib.machinery
    import types

    from quizcnn.cli import main
    from quizcnn.commands import drill

    seen = {}
    fake = types.ModuleType("quizcnn.tui.app")
    fake.__spec__ = importlib.machinery.ModuleSpec("quizcnn.tui.app", None)
    fake.run = lambda args: seen.update(vars(args)) or 0
    monkeypatch.setitem(sys.modules, "quizcnn.tui.app", fake)
    monkeypatch.setattr(drill.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(drill.sys.stdout, "isatty", lambda: True, raising=False)
    assert main(["drill", "--topic", "rf", "--tag", "easy", "--lang", "zh", "--limit", "5"]) == 0
    assert (seen["topic"], seen["tag"], seen["lang"], seen["limit"]) == (["rf"], ["easy"], "zh", 5)


def test_unknown_tag_is_named_and_new_db_announced(tmp_path):
    mixed_deck(tmp_path / "bank")
    proc = run(tmp_path, ["drill", "--plain", "--tag", "nosuch"])
    assert proc.returncode == 2
    assert proc.stderr.startswith("quizcnn drill: no questions with tag 'nosuch' (tags: ")
    assert "no cards are due" not in proc.stdout + proc.stderr
    proc = run(tmp_path, ["drill", "--plain"], "q\n")
    assert proc.returncode == 0, proc.stderr
    db = tmp_path / "p.sqlite3"
    assert proc.stderr == f"quizcnn: created a new progress database at {db}\n"
    proc = run(tmp_path, ["drill", "--plain"], "q\n")
    assert proc.returncode == 0 and proc.stderr == ""
