"""Read-only commands (issue 11 items 10-12, 14): a read-only folder is readable, nothing is
created, files reported 'left untouched' gain no -wal/-shm, settings are typed, paths cleaned."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from quizcnn.cli import main
from quizcnn.store.db import open_store
from quizcnn.store.scheduler import Rating, Reviewer
from quizcnn.store.sync import sync_bank

from .conftest import T0, questions

ROOT = Path(__file__).resolve().parents[2]
READERS = (["stats"], ["stats", "--json"], ["db", "check"], ["db", "settings"], ["db", "backup"])


def companions(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def healthy(path: Path) -> Path:
    with open_store(path) as st:
        sync_bank(st, questions(3), now=T0)
        Reviewer(st).answer(1, Rating.Good, now=T0)
    for extra in ("-wal", "-shm"):  # closed: SQLite checkpointed and removed them
        assert not Path(f"{path}{extra}").exists()
    return path


def _can_mount_read_only(tmp: Path) -> bool:
    if not shutil.which("unshare") or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount --bind -o ro {tmp} {tmp} && ! touch {tmp}/x"],
        capture_output=True)
    return probe.returncode == 0


def test_a_database_in_a_read_only_folder_can_be_read(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    if not _can_mount_read_only(folder):
        pytest.skip("needs root and mount namespaces for a truly read-only folder")
    db = healthy(folder / "p.sqlite3")
    out = tmp_path / "out"
    out.mkdir()
    cmds = {"stats": "stats", "check": "db check", "export": f"export {out}/e.json",
            "settings": "db settings", "backup": "db backup"}
    script = [f"mount --bind -o ro {folder} {folder} || exit 99"]
    for name, cmd in cmds.items():
        script.append(f"{sys.executable} -m quizcnn --db {db} {cmd} >{out}/{name}.out "
                      f"2>{out}/{name}.err; echo $? >{out}/{name}.rc")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["unshare", "-m", "sh", "-c", "\n".join(script)], env=env)
    assert done.returncode == 0

    def result(name: str) -> tuple[int, str, str]:
        return (int((out / f"{name}.rc").read_text()), (out / f"{name}.out").read_text(),
                (out / f"{name}.err").read_text())

    for name in ("stats", "check", "export", "settings"):
        code, stdout, err = result(name)
        assert code == 0, (name, err)
    assert "cards 3" in result("stats")[1]
    assert "integrity: ok" in result("check")[1]
    assert "cards 3, sessions 0, reviews 1" in result("export")[1]
    code, _, err = result("backup")  # the copy goes next to it: refused, clearly
    assert code == 1 and f"could not back up {db} to {folder}/backups" in err
    assert "Read-only file system" in err and err.count("\n") == 1
    assert companions(db) == []


@pytest.mark.parametrize("damage", ["future", "truncated", "random"])
def test_a_database_left_untouched_gains_no_wal_or_shm(tmp_path, capsys, damage):
    db = healthy(tmp_path / "p.sqlite3")
    if damage == "future":
        con = sqlite3.connect(db)
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()
        con.close()
    else:
        data = db.read_bytes()
        db.write_bytes(data[:5000] if damage == "truncated" else data[:100] + os.urandom(20000))
    assert companions(db) == []
    before = db.read_bytes()
    for argv in (*READERS, ["export", str(tmp_path / "e.json")], ["drill", "--plain"]):
        code = main(["--db", str(db), *argv])
        err = capsys.readouterr().err
        if "untouched" in err:
            assert code != 0
        assert companions(db) == [], (argv, err)
    assert db.read_bytes() == before


def test_reading_a_healthy_database_in_a_writable_folder_uses_ordinary_locking(tmp_path):
    from quizcnn.store import readonly

    db = healthy(tmp_path / "p.sqlite3")
    con = readonly.connect(db)
    try:  # mode=ro, not immutable: a concurrent writer's pending changes are seen
        assert "immutable" not in con.execute("PRAGMA database_list").fetchone()[2]
        writer = sqlite3.connect(db)
        writer.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        writer.commit()
        assert con.execute("SELECT value FROM settings WHERE key = 'x'").fetchone() == ("1",)
        writer.close()
    finally:
        con.close()


def test_db_settings_types_are_checked_before_anything_is_opened(tmp_path, capsys):
    db = tmp_path / "p.sqlite3"
    bad = [("new_per_day", "true"), ("maximum_interval", "true"), ("rollover_hour", "4.5"),
           ("learning_steps", '""'), ("learning_steps", "[true]"), ("enable_fuzzing", "1"),
           ("desired_retention", "false")]
    for name, value in bad:
        assert main(["--db", str(db), "db", "settings", name, value]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"quizcnn db: bad value for setting '{name}': ") and "expected" in err
    assert not db.exists()  # a rejected value creates no database
    assert main(["--db", str(db), "db", "settings", "enable_fuzzing", "false"]) == 0
    assert main(["--db", str(db), "db", "settings", "new_per_day", "0"]) == 0


def test_escape_sequences_in_a_db_path_are_not_echoed(tmp_path, capsys):
    db = tmp_path / "a\x1b[31mred\x1b]0;pwned\x07.sqlite3"
    healthy(db)
    for argv in (["db", "path"], ["db", "check"], ["db", "backup"], ["stats"]):
        main(["--db", str(db), *argv])
        out, err = capsys.readouterr()
        assert "\x1b" not in out + err and "\x07" not in out + err, argv
        assert "red" in out + err or argv == ["stats"]
    assert main(["--db", str(tmp_path / "no\x1b[2Jdir" / "p.sqlite3"), "stats"]) == 1
    assert "\x1b" not in capsys.readouterr().err


def test_a_fifo_given_as_the_database_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "p.sqlite3"
    os.mkfifo(fifo)
    codes: list[int] = []
    t = threading.Thread(target=lambda: codes.append(main(["--db", str(fifo), "db", "check"])),
                         daemon=True)
    t.start()
    t.join(20)
    if t.is_alive():
        with open(fifo, "wb"):
            pass
        pytest.fail("db check blocked on a FIFO")
    assert codes == [1]
    assert "a FIFO (named pipe), not a progress database" in capsys.readouterr().err
