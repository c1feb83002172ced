"""quizcnn.fileio: reads only regular files, capped; writes only regular files or new names."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

import pytest

from quizcnn.fileio import (
    FileRefused,
    check_target,
    partial_name,
    pid_alive,
    read_bytes,
    read_text,
    remove_stale_partials,
    write_atomic,
)


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_reads_a_regular_file_and_its_text(tmp_path):
    f = tmp_path / "a.md"
    f.write_bytes("\ufeffhé\n".encode())
    assert read_bytes(f, cap=100) == "\ufeffhé\n".encode()
    assert read_text(f, cap=100) == "hé\n"


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def attempt() -> None:
        try:
            read_bytes(fifo, cap=100)
        except BaseException as e:  # handed to the main thread
            done.append(e)

    t = threading.Thread(target=attempt, daemon=True)
    t.start()
    t.join(10)
    if t.is_alive():  # unblock the reader so the test run ends
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert isinstance(done[0], FileRefused)
    assert str(done[0]) == f"{fifo}: a FIFO (named pipe), not a regular file; not read"


def test_dev_zero_is_refused_and_big_files_are_capped(tmp_path):
    with pytest.raises(FileRefused, match=r"^/dev/zero: a device, not a regular file"):
        read_bytes("/dev/zero", cap=1000)
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(FileRefused, match=r"big.md: too large \(5 KB; the limit is 1000 bytes\)"):
        read_bytes(big, cap=1000)
    assert len(read_bytes(big, cap=5000)) == 5000


def test_symlinks_follow_unless_asked_not_to(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("x")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert read_bytes(link, cap=10) == b"x"
    with pytest.raises(FileRefused, match="a symbolic link"):
        read_bytes(link, cap=10, follow_symlinks=False)


def test_missing_and_binary_files_are_one_line_errors(tmp_path):
    with pytest.raises(FileRefused, match=r"nope.md: no such file or directory$"):
        read_text(tmp_path / "nope.md", cap=10)
    b = tmp_path / "b.md"
    b.write_bytes(b"ok\xff\xfe")
    with pytest.raises(FileRefused, match=r"b.md: not UTF-8 text \(bad byte at offset 2\)"):
        read_text(b, cap=10)
    assert read_text(b, cap=10, errors="replace") == "ok\ufffd\ufffd"


def test_a_path_with_control_characters_stays_on_one_line(tmp_path):
    odd = tmp_path / "a\nb\x1b[31m.md"
    with pytest.raises(FileRefused) as e:
        read_bytes(odd, cap=10)
    assert "\n" not in str(e.value) and "\x1b" not in str(e.value)


@pytest.mark.parametrize("what", ["fifo", "symlink", "dir", "device"])
def test_write_refuses_targets_that_are_not_regular_files(tmp_path, what):
    target = tmp_path / "out.json"
    if what == "fifo":
        os.mkfifo(target)
    elif what == "symlink":
        (tmp_path / "victim").write_text("keep")
        target.symlink_to(tmp_path / "victim")
    elif what == "dir":
        target.mkdir()
    else:
        try:
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    before = os.lstat(target)
    with pytest.raises(FileRefused) as e:
        write_atomic(target, b"data", force=True)
    assert str(e.value).startswith(f"{target}: ")
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if what == "symlink":
        assert (tmp_path / "victim").read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")) == []


def test_write_replaces_a_file_only_with_force(tmp_path):
    f = tmp_path / "e.json"
    write_atomic(f, b"one", force=False)
    assert f.read_bytes() == b"one"
    with pytest.raises(FileRefused, match="already exists"):
        write_atomic(f, b"two", force=False)
    assert f.read_bytes() == b"one"
    write_atomic(f, b"two", force=True)
    assert f.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["e.json"]


def test_check_target_names_a_missing_folder(tmp_path):
    with pytest.raises(FileRefused, match=r"nope: no such folder; create it first"):
        check_target(tmp_path / "nope" / "x.json", force=True)


def test_stale_partials_go_only_when_their_process_is_gone(tmp_path):
    f = tmp_path / "e.json"
    dead, alive = dead_pid(), os.getppid()
    assert not pid_alive(dead) and pid_alive(alive)
    stale, busy = partial_name(f, dead), partial_name(f, alive)
    stale.write_text("half")
    busy.write_text("being written")
    other = tmp_path / f".other.json.{dead}.partial"
    other.write_text("not ours")
    assert remove_stale_partials(f) == [stale]
    assert busy.exists() and other.exists() and not stale.exists()
    write_atomic(f, b"x")
    assert busy.exists() and f.read_bytes() == b"x"
