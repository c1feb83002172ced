"""Safe file reads and writes: regular files only, reads capped, writes atomic.

Every command that reads a file the user names (a bank deck, ``add --from``, an import, a
keymap) or writes one (``export``, ``print -o``, a backup) goes through here, so that

- a read never blocks on a FIFO, never reads a device such as ``/dev/zero`` without end and
  never loads more than a stated number of bytes: :func:`read_bytes` / :func:`read_text` check
  ``os.stat`` (``S_ISREG``) before opening, open without blocking, check again on the open
  descriptor and stop at the cap;
- a write never replaces a device node, FIFO, socket, symbolic link or folder:
  :func:`check_target` looks at the target with ``os.lstat`` and refuses anything but a regular
  file or a new name;
- a write never leaves half a file: :func:`write_atomic` writes ``.NAME.PID.partial`` in the
  same folder, syncs it and renames it into place (``os.replace``, or a hard link when an
  existing file must not be replaced). A partial left by a killed run is removed by the next
  run only when the process that wrote it is gone, so a concurrent writer keeps its file.

Refusals raise :class:`FileRefused`, whose text is one line naming the path.
Standard library only; nothing here imports the UI, the store or the bank.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

StrPath = str | os.PathLike[str]

_CHUNK = 1 << 20


class FileRefused(Exception):
    """A path that must not be read or written. ``str(e)`` is ``"PATH: reason"`` on one line;
    ``e.path`` and ``e.reason`` hold the two parts."""

    def __init__(self, path: StrPath, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{_shown(self.path)}: {reason}")


def _shown(path: Path) -> str:
    """The path on one line (control characters escaped, so a message stays one line)."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a FIFO", "a device", ...)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def size_text(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KB"
    return f"{n} bytes"


def _os_reason(e: OSError) -> str:
    return e.strerror.lower() if e.strerror else str(e)


# ---------------------------------------------------------------------------------- reading


def read_bytes(path: StrPath, *, cap: int, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``cap`` of them.

    A FIFO, device, socket or folder is refused without opening it for long (the open does not
    block); a file larger than ``cap`` is refused before it is read, and the read stops at the
    cap even if the file grows meanwhile. With ``follow_symlinks=False`` a symbolic link is
    refused too. Raises FileRefused (also for a missing or unreadable file).
    """
    p = Path(path)
    try:
        st = os.stat(p) if follow_symlinks else os.lstat(p)
    except OSError as e:
        raise FileRefused(p, _os_reason(e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise FileRefused(p, f"{kind(st.st_mode)}, not a regular file; not read")
    if st.st_size > cap:
        raise FileRefused(p, f"too large ({size_text(st.st_size)}; the limit is {size_text(cap)})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise FileRefused(p, "a symbolic link, not a regular file; not read") from None
        raise FileRefused(p, _os_reason(e)) from None
    try:
        st = os.fstat(fd)  # the name may have been swapped since the stat above
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(p, f"{kind(st.st_mode)}, not a regular file; not read")
        chunks: list[bytes] = []
        left = cap + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, _CHUNK))
            except OSError as e:
                raise FileRefused(p, _os_reason(e)) from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > cap:
        raise FileRefused(p, f"too large (over {size_text(cap)})")
    return data


def read_text(
    path: StrPath, *, cap: int, errors: str = "strict", follow_symlinks: bool = True
) -> str:
    """The UTF-8 text of the regular file ``path`` (a leading byte-order mark dropped).

    Same checks as :func:`read_bytes`; with ``errors="strict"`` bytes that are not UTF-8 are
    refused with the offset of the first bad byte.
    """
    data = read_bytes(path, cap=cap, follow_symlinks=follow_symlinks)
    try:
        return data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as e:
        raise FileRefused(path, f"not UTF-8 text (bad byte at offset {e.start})") from None


# ---------------------------------------------------------------------------------- writing


def target_kind(path: StrPath) -> str:
    """``"missing"`` or ``"file"`` (a regular file, not a link); anything else is refused with
    FileRefused naming what is there."""
    p = Path(path)
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        return "missing"
    except OSError as e:
        raise FileRefused(p, _os_reason(e)) from None
    if stat.S_ISREG(st.st_mode):
        return "file"
    what = kind(st.st_mode)
    if stat.S_ISDIR(st.st_mode):
        raise FileRefused(p, "a folder; give a file name inside it")
    raise FileRefused(p, f"{what}, not a regular file; only regular files are written, so it "
                         "was left as it is")


def check_target(path: StrPath, *, force: bool) -> bool:
    """Refuse a write target that is not a regular file or a new name in an existing, writable
    folder, or (without ``force``) one that exists. Returns whether the file exists."""
    p = Path(path)
    parent = p.parent
    try:
        pst = os.stat(parent)
    except FileNotFoundError:
        raise FileRefused(parent, "no such folder; create it first") from None
    except OSError as e:
        raise FileRefused(parent, _os_reason(e)) from None
    if not stat.S_ISDIR(pst.st_mode):
        raise FileRefused(parent, "not a folder")
    exists = target_kind(p) == "file"
    if exists and not force:
        raise FileRefused(p, "already exists; it was left as it is (use --force to replace it)")
    if not os.access(parent, os.W_OK):
        raise FileRefused(parent, "folder not writable")
    return exists


def partial_name(path: StrPath, pid: int | None = None) -> Path:
    p = Path(path)
    return p.with_name(f".{p.name}.{os.getpid() if pid is None else pid}.partial")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (one owned by another user counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True  # cannot tell: leave its file alone
    return True


def remove_stale_partials(path: StrPath) -> list[Path]:
    """Remove ``.NAME.PID.partial`` files next to ``path`` whose PID is no longer running (and
    this process's own, which no one else can be writing). Only regular files are removed.
    Returns what was removed."""
    p = Path(path)
    pattern = re.compile(re.escape(f".{p.name}.") + r"(\d{1,10})\.partial\Z")
    removed: list[Path] = []
    try:
        names = os.listdir(p.parent)
    except OSError:
        return removed
    for name in names:
        m = pattern.match(name)
        if m is None:
            continue
        pid = int(m.group(1))
        if pid != os.getpid() and pid_alive(pid):
            continue
        stale = p.parent / name
        try:
            if stat.S_ISREG(os.lstat(stale).st_mode):
                stale.unlink()
                removed.append(stale)
        except OSError:
            continue
    return removed


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: StrPath, data: bytes, *, force: bool = True, mode: int = 0o666) -> None:
    """Write ``data`` to ``path`` all at once, or not at all.

    The target must be a regular file or a new name (:func:`check_target`); without ``force``
    an existing file is never replaced, even one created while this write was running. The data
    goes to ``.NAME.PID.partial`` in the same folder, is synced, and is renamed into place.
    ``mode`` is filtered by the umask. Raises FileRefused; the partial never outlives a failure.
    """
    p = Path(path)
    check_target(p, force=force)
    remove_stale_partials(p)
    tmp = partial_name(p)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, mode & ~_umask() & 0o777)
    except OSError as e:
        raise FileRefused(p, f"cannot write ({_os_reason(e)})") from None
    try:
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        target_kind(p)  # checked again just before the rename: refuse what appeared meanwhile
        if force:
            os.replace(tmp, p)
        else:
            _place_new(tmp, p)
    except FileRefused:
        _unlink(tmp)
        raise
    except FileExistsError:
        _unlink(tmp)
        raise FileRefused(
            p, "already exists; it was left as it is (use --force to replace it)"
        ) from None
    except OSError as e:
        _unlink(tmp)
        raise FileRefused(p, f"cannot write ({_os_reason(e)})") from None
    except BaseException:
        _unlink(tmp)
        raise


def _place_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (FileExistsError if it does)."""
    try:
        os.link(tmp, target)  # atomic, and fails when the name is taken
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: check, then rename
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.replace(tmp, target)
        return
    _unlink(tmp)


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass
