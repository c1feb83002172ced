"""``export`` and ``print -o`` write only regular files or new names (issue 11, item 3)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from quizcnn.cli import main
from quizcnn.store.db import open_store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.sqlite3"
    with open_store(path):
        pass
    return path


def special(tmp_path, what: str):
    target = tmp_path / "out.json"
    if what == "fifo":
        os.mkfifo(target)
    elif what == "symlink":
        (tmp_path / "victim.txt").write_text("keep me")
        target.symlink_to(tmp_path / "victim.txt")
    else:
        try:
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 7))  # like /dev/full
        except PermissionError:
            pytest.skip("making a device node needs root")
    return target, os.lstat(target)


def unchanged(target, before) -> bool:
    after = os.lstat(target)
    return (after.st_mode, after.st_ino, after.st_rdev) == (
        before.st_mode, before.st_ino, before.st_rdev)


@pytest.mark.parametrize("what", ["fifo", "symlink", "device"])
def test_export_force_refuses_what_is_not_a_regular_file(db, tmp_path, capsys, what):
    target, before = special(tmp_path, what)
    assert main(["--db", str(db), "export", str(target), "--force"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"quizcnn export: {target}: ") and err.count("\n") == 1
    assert "not a regular file" in err
    assert unchanged(target, before)
    if what == "symlink":
        assert (tmp_path / "victim.txt").read_text() == "keep me"


@pytest.mark.parametrize("what", ["fifo", "symlink", "device"])
def test_print_force_refuses_what_is_not_a_regular_file(tmp_path, capsys, what):
    target, before = special(tmp_path, what)
    md = target.with_suffix(".md")
    os.rename(target, md)
    before = os.lstat(md)
    code = main(["print", "-o", str(md), "--force", "--mix", "generated", "--count", "2",
                 "--seed", "1", "--date", "2026-01-01"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"quizcnn print: {md}: ") and "not a regular file" in err
    assert unchanged(md, before)


def test_a_stale_export_partial_is_removed_only_when_its_writer_is_gone(db, tmp_path, capsys):
    target = tmp_path / "e.json"
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    stale = tmp_path / f".e.json.{proc.pid}.partial"
    busy = tmp_path / f".e.json.{os.getppid()}.partial"
    stale.write_text("{")
    busy.write_text("{")
    assert main(["--db", str(db), "export", str(target)]) == 0
    assert not stale.exists() and busy.exists()
    assert target.read_text().startswith("{")


def test_print_names_what_it_wrote_without_escape_sequences(tmp_path, capsys):
    out = tmp_path / "a\x1b[31mred\x1b]0;title\x07.md"
    code = main(["print", "-o", str(out), "--mix", "generated", "--count", "1", "--seed", "1",
                 "--date", "2026-01-01"])
    stdout = capsys.readouterr().out
    assert code == 0 and out.exists()
    assert "\x1b" not in stdout and "\x07" not in stdout and "red" in stdout
