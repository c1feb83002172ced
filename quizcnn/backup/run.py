"""Making and restoring a backup: every registered section, in order.

Import, step by step: read the file; skip (and name) each section this quizcnn does not know,
whose layout is newer than it reads, or that refers to a skipped one; parse the rest (a
malformed section stops the import before anything is written; a bad single entry is refused
and named); then decide. A home with nothing of the user's is restored as is. A home with
something is compared section by section: without ``merge`` or ``force`` the import is
refused with the list of differences (or, when nothing differs, there is nothing to do).
Database sections are restored in one transaction, then the file sections.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from quizcnn.backup import archive
from quizcnn.backup.msg import Joined, Msg
from quizcnn.backup.registry import sections
from quizcnn.backup.section import (
    BackupError,
    Context,
    Home,
    Mode,
    Section,
    listed,
    section_name,
    shown,
)
from quizcnn.store.dates import as_utc, utcnow
from quizcnn.store.db import Store


class HomeNotEmpty(BackupError):
    """The home already has data that differs from the backup; ``differences`` lists it."""

    def __init__(self, message: str, differences: list[str]) -> None:
        super().__init__(message)
        self.differences = differences


@dataclass
class ExportReport:
    path: Path
    counts: list[str]  # "cards 12", one per section
    notes: list[str]  # what was left out, and why


@dataclass
class ImportReport:
    mode: Mode | None  # None: the home already held everything in the backup
    restored: list[str] = field(default_factory=list)  # section names
    skipped: list[str] = field(default_factory=list)  # one line per section not restored
    notes: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # entries not restored, with why
    db_copy: Path | None = None  # the database's copy taken before --force


def export_backup(
    store: Store,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    now: datetime | None = None,
    home: Home | None = None,
) -> ExportReport:
    """Write every section to ``path`` (an existing file is replaced only with ``force``)."""
    ctx = Context(home or Home.current(store))
    out: dict[str, tuple[int, Any]] = {}
    counts: list[str] = []
    with store.read() as s:
        ctx.db = s
        for sec in sections():
            data = sec.export(ctx)
            out[sec.name] = (sec.version, data)
            counts.append(Msg("export_count", name=section_name(sec.name), n=sec.count(data)))
    target = Path(path)
    archive.write(target, out, as_utc(now) if now else utcnow(), force)
    return ExportReport(target, counts, ctx.notes)


def import_backup(
    store: Store,
    path: str | os.PathLike[str],
    *,
    merge: bool = False,
    force: bool = False,
    now: datetime | None = None,
    home: Home | None = None,
) -> ImportReport:
    """Restore ``path`` into the home (see the module docstring). Raises BackupError when the
    file cannot be used (nothing written) and HomeNotEmpty when the home differs and neither
    ``merge`` nor ``force`` was given."""
    p = Path(path)
    arch = archive.read(p)
    now = as_utc(now) if now else utcnow()
    ctx = Context(home or Home.current(store), stamp=now.strftime("%Y%m%dT%H%M%S"))
    report = ImportReport(mode=None)
    report.skipped += arch.problems
    known = {sec.name: sec for sec in sections()}
    for name in arch.sections:
        if name not in known:
            report.skipped.append(Msg("bk_unknown_section", name=shown(name, 60)))
    todo: list[Section] = []
    skipped: set[str] = {n for n in arch.sections if n not in known}
    for sec in known.values():
        if sec.name not in arch.sections:
            continue
        version, data = arch.sections[sec.name]
        if version > sec.version:
            report.skipped.append(Msg(
                "bk_newer_layout", name=section_name(sec.name), version=version,
                mine=sec.version, what=Msg(f"bk_what_{sec.name}"),
            ))
            skipped.add(sec.name)
            continue
        blocked = [r for r in sec.requires if r in skipped]
        if blocked:
            report.skipped.append(Msg(
                "bk_blocked", name=section_name(sec.name),
                blocked=Joined([section_name(b) for b in blocked]),
            ))
            skipped.add(sec.name)
            continue
        ctx.parsed[sec.name] = sec.parse(ctx, data, version, f"{p}: {sec.name}")
        todo.append(sec)
    with store.read() as s:
        ctx.db = s
        mine = [sec for sec in todo if sec.has_data(ctx)]
        if mine and not (merge or force):
            diffs = [line for sec in todo for line in listed(sec.differences(ctx, ctx.parsed[sec.name]))]
            if diffs:
                raise HomeNotEmpty(
                    Msg("bk_home_not_empty", names=Joined([section_name(sec.name) for sec in mine]),
                        path=p),
                    diffs,
                )
            report.refused, report.notes = ctx.refused, ctx.notes
            report.skipped += ctx.skipped
            return report  # the home already holds everything in the backup
    ctx.mode = "force" if force else "merge" if merge else "new"
    report.mode = ctx.mode
    in_db = [sec for sec in todo if sec.in_db]
    if ctx.mode == "force" and any(sec.in_db for sec in mine):
        report.db_copy = store.backup("before-import")
    with store.write() as s:
        s.execute(text("PRAGMA defer_foreign_keys = ON"))  # sections may replace rows in any order
        ctx.db = s
        for sec in in_db:
            try:
                sec.restore(ctx, ctx.parsed[sec.name])
            except BackupError as e:
                raise BackupError(Msg("bk_restore_failed", path=p, name=section_name(sec.name),
                                      error=e.args[0] if e.args else e)) from None
    ctx.db = None
    for sec in todo:
        if not sec.in_db:
            sec.restore(ctx, ctx.parsed[sec.name])
    report.restored = [section_name(sec.name) for sec in todo]
    report.notes, report.refused = ctx.notes, ctx.refused
    report.skipped += ctx.skipped
    return report
