"""Finding deck files under a bank folder: ``*.md`` but README.md, no hidden folders, no
symbolic link leading outside the folder."""

from __future__ import annotations

import os
from pathlib import Path

from quizcnn.bank.model import Diagnostic


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Deck files under root: ``*.md`` except README.md (documentation), no hidden folders,
    no symlink leading outside root. A file given directly is always read."""
    if root.is_file():
        return [root], []
    if not root.is_dir():
        return [], [Diagnostic(root, 0, "warning", "bank folder not found", "check the path")]
    base = root.resolve()
    files: list[Path] = []
    diags: list[Diagnostic] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if not name.lower().endswith(".md") or name.lower() == "readme.md" or name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    diags.append(Diagnostic(path, 0, "warning", "broken symbolic link", "remove it"))
                    continue
                if not target.is_relative_to(base):
                    diags.append(Diagnostic(path, 0, "warning", "symbolic link leads outside the bank folder; skipped",
                                            "copy the file into the folder instead"))
                    continue
            files.append(path)
    return files, diags
