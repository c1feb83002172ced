"""Finding deck files under a bank folder: ``*.md`` but README.md, no hidden folders, only
regular files, no symbolic link leading outside the folder (each skip is a warning)."""

from __future__ import annotations

import os
import stat
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
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith((".", "_")):
                continue
            if (here / d).is_symlink():  # os.walk does not follow it: say so when it leads out
                _outside_link(here / d, base, diags, folder=True)
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
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
