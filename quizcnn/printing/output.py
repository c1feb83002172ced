"""Render practice sets to files: names per version and key, checks before anything is written."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from quizcnn.printing.errors import PrintingError
from quizcnn.printing.model import PracticeSet

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


class OutputError(PrintingError, RuntimeError):
    """The output cannot be written where it was asked; nothing was written."""


@dataclass(frozen=True)
class Job:
    path: Path
    practice_set: PracticeSet
    include_key: bool
    key_only: bool


def plan_files(out: Path, sets: list[PracticeSet], key: str) -> list[Job]:
    """One file per version (``set-A.pdf`` when there are several), keys as asked."""
    fmt_suffix = out.suffix
    jobs: list[Job] = []
    for ps in sets:
        stem = out.stem if len(sets) == 1 else f"{out.stem}-{ps.version}"
        path = out.with_name(stem + fmt_suffix)
        jobs.append(Job(path, ps, include_key=(key == "end"), key_only=False))
        if key == "separate":
            jobs.append(Job(out.with_name(f"{stem}-key{fmt_suffix}"), ps, False, True))
    return jobs


def check_targets(paths: list[Path], *, force: bool) -> None:
    """Each target a regular file or a new name in a writable folder (never a device, FIFO,
    symbolic link or folder); an existing file only with ``force``."""
    from quizcnn.fileio import FileRefused, target_kind

    for path in paths:
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.exists():
            raise OutputError("print_no_dir", path=parent)
        if not parent.is_dir():
            raise OutputError("print_not_dir", path=parent)
        if os.path.isdir(path) and not os.path.islink(path):
            raise OutputError("print_is_dir", path=path, example=path / "set.pdf")
        try:
            exists = target_kind(path) == "file"
        except FileRefused as e:
            raise OutputError("print_as_is", message=str(e)) from None
        if exists and not force:
            raise OutputError("print_exists", path=path)
        if not os.access(parent, os.W_OK):
            raise OutputError("print_not_writable", path=parent)


def write_atomic(path: Path, data: bytes, *, force: bool = True) -> None:
    """Write next to the target, then rename: a failure never leaves half a file, and a target
    that is not a regular file is refused (OutputError), never replaced."""
    from quizcnn.fileio import FileRefused
    from quizcnn.fileio import write_atomic as write

    try:
        write(path, data, force=force)
    except FileRefused as e:
        raise OutputError("print_as_is", message=str(e)) from None


def render_job(job: Job, fmt: str, pdf: Callable[[Job], bytes]) -> bytes:
    if fmt == "html":
        from quizcnn.printing import html

        text = html.render(job.practice_set, include_key=job.include_key, key_only=job.key_only)
        return text.encode("utf-8")
    if fmt == "md":
        from quizcnn.printing import md

        text = md.render(job.practice_set, include_key=job.include_key, key_only=job.key_only)
        return text.encode("utf-8")
    return pdf(job)

