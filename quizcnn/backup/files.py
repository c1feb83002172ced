"""The file sections of a backup: your question files, drafts and keymap, byte for byte.

A folder section holds ``[{"path": "sub/deck.md", "text": "..."}]``: every regular file under
the folder (names starting with a dot are left out), its path relative to the folder with ``/``
between parts, its bytes as UTF-8 text (exact: line endings and a byte-order mark are kept).
A file that is a symbolic link, not UTF-8, or larger than 4 MB is not exported and is named.

Importing never writes outside the folder and never overwrites what you had: each entry's path
is checked (relative, no ``..``, no hidden or control characters, at most 8 parts), every
folder on the way must be a real folder (not a symbolic link) and the target a regular file or
a new name; a refused entry is named with the reason. When your file differs from the backup's,
``--merge`` keeps yours and writes the backup's next to it as ``NAME.imported`` (not a ``.md``
name, so it is not loaded as questions); ``--force`` writes the backup's and keeps yours as
``NAME.replaced-STAMP``.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from quizcnn.backup.msg import Msg, reason, thing
from quizcnn.backup.section import Context, Home, Section, section_name, shown
from quizcnn.fileio import FileRefused as _Refused
from quizcnn.fileio import kind, read_bytes, write_atomic

MAX_FILE = 4 * 1024 * 1024  # the bank's own limit for a deck
MAX_FILES = 10_000
MAX_PARTS = 8


class FileRefused(Exception):
    """One entry that cannot be read or written; ``str(e)`` is the reason, without the path
    (its argument a ``Msg`` when the reason's form is known)."""


def reason_of(e: BaseException) -> object:
    """An exception's reason, as it was given (a ``Msg`` stays one)."""
    return e.args[0] if e.args else str(e)


def _reason(e: _Refused) -> str:
    return reason(e.reason.removesuffix("; not read"))


def read_regular(path: Path, cap: int = MAX_FILE) -> bytes:
    """A regular file's bytes (not through a symbolic link), at most ``cap`` of them."""
    try:
        return read_bytes(path, cap=cap, follow_symlinks=False)
    except _Refused as e:
        raise FileRefused(_reason(e)) from None


def target_kind(path: Path) -> str:
    """"missing", "file" (regular), "a folder", or what else is there, in words."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    except OSError as e:
        raise FileRefused(reason(e.strerror or str(e))) from None
    what = kind(st.st_mode)
    return "file" if what == "a regular file" else what


def write_file(path: Path, data: bytes, *, replace: bool) -> None:
    """Write atomically to a new name, or (``replace``) over a regular file; nothing else."""
    try:
        write_atomic(path, data, force=replace)
    except _Refused as e:
        raise FileRefused(reason(e.reason)) from None


@dataclass(frozen=True)
class Entry:
    parts: tuple[str, ...]
    data: bytes

    @property
    def path(self) -> str:
        return "/".join(self.parts)


def path_problem(path: object) -> str | None:
    """Why a path from a backup may not be written under a folder (None: it may)."""
    if not isinstance(path, str) or not path:
        return Msg("bk_p_no_path")
    if "\\" in path:
        return Msg("bk_p_backslash")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return Msg("bk_p_absolute")
    parts = path.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return Msg("bk_p_dots")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in path):
        return Msg("bk_p_control")
    if any(p.startswith(".") for p in parts):
        return Msg("bk_p_hidden")
    if len(parts) > MAX_PARTS:
        return Msg("bk_p_deep", n=MAX_PARTS)
    if any(len(p.encode("utf-8")) > 255 for p in parts):
        return Msg("bk_p_long_name")
    return None


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def walk(root: Path, label: str, notes: list[str] | None) -> list[Entry]:
    """The regular files under ``root`` (not following symbolic links), sorted by path; what is
    left out, and why, goes to ``notes`` (None: just list)."""
    if not root.is_dir():
        return []
    out: list[Entry] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel = Path(dirpath).relative_to(root).parts
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in dirnames:
            if os.path.islink(os.path.join(dirpath, d)) and notes is not None:
                notes.append(Msg("bk_link_not_exported",
                                 where=f"{label}/{shown('/'.join((*rel, d)))}"))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            parts = (*rel, name)
            where = f"{label}/{shown('/'.join(parts))}"
            problem = path_problem("/".join(parts))
            try:
                if problem:
                    raise FileRefused(problem)
                data = read_regular(Path(dirpath) / name, MAX_FILE)
                if _text(data) is None:
                    raise FileRefused(Msg("bk_r_not_utf8"))
            except FileRefused as e:
                if notes is not None:
                    notes.append(Msg("bk_not_exported", where=where, error=reason_of(e)))
                continue
            out.append(Entry(parts, data))
    out.sort(key=lambda e: e.parts)
    return out


def _entries(ctx: Context, data: Any, label: str, where: str) -> list[Entry]:
    from quizcnn.backup.section import BackupError

    if not isinstance(data, list):
        raise BackupError(Msg("bk_must_be_list", where=where))
    out: list[Entry] = []
    seen: set[str] = set()
    for i, item in enumerate(data):
        path = item.get("path") if isinstance(item, dict) else None
        name = f"{label}/{shown(path)}" if isinstance(path, str) else f"{label}[{i}]"
        text = item.get("text") if isinstance(item, dict) else None
        problem = path_problem(path)
        if problem is None and not isinstance(text, str):
            problem = Msg("bk_p_no_text")
        if problem is None:
            try:
                raw = text.encode("utf-8")  # type: ignore[union-attr]
            except UnicodeEncodeError:
                problem = Msg("bk_r_not_utf8")
        if problem is None and len(raw) > MAX_FILE:
            problem = Msg("bk_p_larger", mb=MAX_FILE // 2**20)
        if problem is None and path in seen:
            problem = Msg("bk_p_same_path")
        if problem is None and len(out) >= MAX_FILES:
            problem = Msg("bk_p_many", n=MAX_FILES)
        if problem is not None:
            ctx.refused.append(Msg("bk_entry_refused", name=name, error=problem))
            continue
        seen.add(path)  # type: ignore[arg-type]
        out.append(Entry(tuple(path.split("/")), raw))  # type: ignore[union-attr]
    return out


def _free_name(folder: Path, base: str, data: bytes) -> tuple[Path, bool]:
    """A name for a copy next to ``base``: (path, True) when a copy with these bytes is there."""
    for n in range(1, 1000):
        candidate = folder / (base if n == 1 else f"{base}-{n}")
        kind = target_kind(candidate)
        if kind == "missing":
            return candidate, False
        if kind == "file":
            try:
                if read_regular(candidate, MAX_FILE) == data:
                    return candidate, True
            except FileRefused:
                pass
    raise FileRefused(Msg("bk_too_many_copies", base=base))


class Tally:
    def __init__(self) -> None:
        self.written = self.same = self.conflicts = 0

    def line(self, what: str) -> str:
        return Msg("bk_tally_conflicts" if self.conflicts else "bk_tally", name=what,
                   written=self.written, same=self.same, conflicts=self.conflicts)


def place(ctx: Context, root: Path, entry: Entry, label: str, tally: Tally) -> None:
    """Write one entry under ``root`` as ``ctx.mode`` says; refusals and conflicts are noted."""
    name = f"{label}/{shown(entry.path)}"
    try:
        folder = root
        if target_kind(root) == "missing":
            root.mkdir(parents=True, exist_ok=True)
        elif not root.is_dir():
            raise FileRefused(Msg("bk_root_not_folder", root=root))
        for part in entry.parts[:-1]:
            folder = folder / part
            kind = target_kind(folder)
            if kind == "missing":
                folder.mkdir()
            elif kind != "a folder":
                raise FileRefused(Msg("bk_in_the_way", what=thing(kind),
                                      where=f"{label}/{shown(str(folder.relative_to(root)))}"))
        target = folder / entry.parts[-1]
        kind = target_kind(target)
        if kind == "missing":
            write_file(target, entry.data, replace=False)
            tally.written += 1
            return
        if kind != "file":
            raise FileRefused(Msg("bk_is_there", what=thing(kind)))
        try:
            mine = read_regular(target, MAX_FILE)
        except FileRefused as e:
            raise FileRefused(Msg("bk_cannot_compare", error=reason_of(e))) from None
        if mine == entry.data:
            tally.same += 1
            return
        tally.conflicts += 1
        if ctx.mode == "force":
            aside, _ = _free_name(folder, f"{entry.parts[-1]}.replaced-{ctx.stamp}", mine)
            write_file(aside, mine, replace=False)
            write_file(target, entry.data, replace=True)
            ctx.notes.append(Msg("bk_replaced_kept", name=name, aside=aside.name))
            return
        copy, there = _free_name(folder, f"{entry.parts[-1]}.imported", entry.data)
        if not there:
            write_file(copy, entry.data, replace=False)
        ctx.notes.append(Msg("bk_differs_kept", name=name, copy=copy.name))
    except FileRefused as e:
        ctx.refused.append(Msg("bk_entry_refused", name=name, error=reason_of(e)))
    except OSError as e:
        ctx.refused.append(Msg("bk_entry_refused", name=name,
                               error=reason(e.strerror or str(e))))


def _differences(here: list[Entry], there: list[Entry], label: str) -> list[str]:
    mine = {e.path: e.data for e in here}
    theirs = {e.path: e.data for e in there}
    out: list[str] = []
    for path in sorted(set(mine) | set(theirs)):
        a, b = mine.get(path), theirs.get(path)
        if a == b:
            continue
        state = Msg("bk_st_differs") if a is not None and b is not None else (
            Msg("bk_st_only_here") if b is None else Msg("bk_st_only_backup"))
        out.append(Msg("bk_file_state", where=f"{label}/{shown(path)}", state=state))
    return out


class Folder(Section):
    """Every file under one folder of the home."""

    label: ClassVar[str]  # how paths are shown: "questions/deck.md"

    def folder(self, home: Home) -> Path:
        raise NotImplementedError

    def export(self, ctx: Context) -> list[dict[str, str]]:
        entries = walk(self.folder(ctx.home), self.label, ctx.notes)
        return [{"path": e.path, "text": e.data.decode("utf-8")} for e in entries]

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> list[Entry]:
        return _entries(ctx, data, self.label, where)

    def has_data(self, ctx: Context) -> bool:
        return bool(walk(self.folder(ctx.home), self.label, None))

    def differences(self, ctx: Context, parsed: list[Entry]) -> list[str]:
        return _differences(walk(self.folder(ctx.home), self.label, None), parsed, self.label)

    def restore(self, ctx: Context, parsed: list[Entry]) -> None:
        tally = Tally()
        root = self.folder(ctx.home)
        for entry in parsed:
            place(ctx, root, entry, self.label, tally)
        if parsed:
            ctx.notes.append(tally.line(Msg(f"bk_label_{self.label}")))


class UserQuestions(Folder):
    name = "user_questions"
    holds = "your question files: the user bank, byte for byte"
    label = "questions"

    def folder(self, home: Home) -> Path:
        return home.bank_dir


class Drafts(Folder):
    name = "drafts"
    holds = "drafts: questions 'quizcnn add' kept because they had errors"
    label = "drafts"

    def folder(self, home: Home) -> Path:
        return home.drafts_dir


class Keymap(Section):
    """The config dir's ``keymap.toml`` as text (null: there is none)."""

    name = "keymap"
    holds = "keymap: your key bindings (keymap.toml)"
    file = "keymap.toml"

    def _mine(self, ctx: Context, notes: list[str] | None) -> Entry | None:
        found = walk_one(ctx.home.config_dir, self.file, notes)
        return found[0] if found else None

    def export(self, ctx: Context) -> str | None:
        mine = self._mine(ctx, ctx.notes)
        return mine.data.decode("utf-8") if mine else None

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> list[Entry]:
        if data is None:
            return []
        return _entries(ctx, [{"path": self.file, "text": data}], "config", where)

    def has_data(self, ctx: Context) -> bool:
        return self._mine(ctx, None) is not None

    def differences(self, ctx: Context, parsed: list[Entry]) -> list[str]:
        mine = self._mine(ctx, None)
        return _differences([mine] if mine else [], parsed, "config")

    def restore(self, ctx: Context, parsed: list[Entry]) -> None:
        tally = Tally()
        for entry in parsed:
            place(ctx, ctx.home.config_dir, entry, "config", tally)
        if parsed:
            ctx.notes.append(tally.line(section_name("keymap")))


def walk_one(folder: Path, name: str, notes: list[str] | None) -> list[Entry]:
    """The one file ``folder/name`` as an entry, if it is a readable regular UTF-8 file."""
    path = folder / name
    try:
        if target_kind(path) == "missing":
            return []
        data = read_regular(path, MAX_FILE)
        if _text(data) is None:
            raise FileRefused(Msg("bk_r_not_utf8"))
    except FileRefused as e:
        if notes is not None:
            notes.append(Msg("bk_not_exported", where=f"config/{name}", error=reason_of(e)))
        return []
    return [Entry((name,), data)]


USER_QUESTIONS = UserQuestions()
DRAFTS = Drafts()
KEYMAP = Keymap()
