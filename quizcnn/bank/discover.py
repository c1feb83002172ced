"""Finding deck files under a bank folder: ``*.md`` but README.md, no hidden folders, only
regular files, no symbolic link leading outside the folder (each skip is a warning)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from quizcnn.bank.model import Diagnostic
from quizcnn.fileio import kind


def _is_deck(name: str) -> bool:
    low = name.lower()
    return low.endswith(".md") and low != "readme.md" and not name.startswith(".")


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Deck files under root: ``*.md`` except README.md (documentation), no hidden folders,
    no symlink leading outside root, nothing but regular files (a FIFO or device named
    ``x.md`` would block or never end). A file given directly is always read."""
    try:
        st = os.stat(root)
    except OSError:
        return [], [Diagnostic(root, 0, "warning", "bank folder not found", "check the path")]
    if stat.S_ISREG(st.st_mode):
        return [root], []
    if not stat.S_ISDIR(st.st_mode):
        return [], [Diagnostic(root, 0, "warning", f"{kind(st.st_mode)}, not a file or folder; skipped",
                               "give a deck file or a folder of decks")]
    base = root.resolve()
    files: list[Path] = []
    diags: list[Diagnostic] = []
    for here, dirnames, filenames in _walk(root, diags):
        for d in list(dirnames):
            if d.startswith((".", "_")):
                dirnames.remove(d)
            elif (here / d).is_symlink():  # not followed: say so when it leads out
                _outside_link(here / d, base, diags, folder=True)
                dirnames.remove(d)
        for name in filenames:
            if not _is_deck(name):
                continue
            path = here / name
            if path.is_symlink() and _outside_link(path, base, diags, folder=False):
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as e:
                diags.append(Diagnostic(path, 0, "warning", f"cannot read: {e.strerror or e}; skipped",
                                        "check the permissions"))
                continue
            if not stat.S_ISREG(mode):
                diags.append(Diagnostic(path, 0, "warning", f"{kind(mode)}, not a regular file; skipped",
                                        "a deck is a regular Markdown file; remove or rename this"))
                continue
            files.append(path)
    return files, diags


def _walk(root: Path, diags: list[Diagnostic]
          ) -> Iterator[tuple[Path, list[str], list[str]]]:
    """os.walk without following links, sorted, depth first, without recursion (a tree
    thousands of folders deep must not raise RecursionError). The caller may prune the
    folder names it is handed."""
    stack = [root]
    while stack:
        here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as e:
            diags.append(Diagnostic(here, 0, "warning", f"cannot read this folder: "
                                    f"{e.strerror or e}; skipped", "check its permissions"))
            continue
        dirnames: list[str] = []
        filenames: list[str] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False) or (
                    entry.is_symlink() and entry.is_dir())
            except OSError:
                is_dir = False
            (dirnames if is_dir else filenames).append(entry.name)
        yield here, dirnames, filenames
        stack += [here / d for d in reversed(dirnames)]


def _outside_link(path: Path, base: Path, diags: list[Diagnostic], *, folder: bool) -> bool:
    """Whether a symbolic link is broken or leads outside the bank folder (then warned about).
    A folder link inside the folder is skipped quietly: its files are read where they are."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        diags.append(Diagnostic(path, 0, "warning", "broken symbolic link; skipped", "remove it"))
        return True
    if not target.is_relative_to(base):
        what = "folder" if folder else "file"
        diags.append(Diagnostic(path, 0, "warning",
                                f"symbolic link leads outside the bank folder (to {target}); skipped",
                                f"copy the {what} into the bank folder, or add it with --bank"))
        return True
    return folder
