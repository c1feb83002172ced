"""The sections of a backup, in the order they are exported and restored.

Each entry names a ``Section`` instance as ``"module:NAME"``; modules are imported only when a
backup is made or read. Database sections (``in_db``) are restored together in one
transaction, before the others; a section that refers to another comes after it.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from quizcnn.backup.section import Section

SECTIONS: tuple[str, ...] = (
    "quizcnn.backup.progress:SETTINGS",
    "quizcnn.backup.progress:CARDS",
    "quizcnn.backup.progress:SESSIONS",
    "quizcnn.backup.progress:REVIEWS",
    "quizcnn.backup.fsrs_params:FSRS_PARAMETERS",
    "quizcnn.backup.interviews:INTERVIEWS",
    "quizcnn.backup.plan:PLAN",
    "quizcnn.backup.shipped:SHIPPED_BANK",
    "quizcnn.backup.files:USER_QUESTIONS",
    "quizcnn.backup.files:DRAFTS",
    "quizcnn.backup.files:KEYMAP",
    "quizcnn.backup.prefs:PREFERENCES",
)


@cache
def sections() -> tuple[Section, ...]:
    out = []
    names: set[str] = set()
    for ref in SECTIONS:
        module, _, attr = ref.partition(":")
        section = getattr(import_module(module), attr)
        if section.name in names:
            raise RuntimeError(f"two backup sections are named {section.name!r}")
        missing = [r for r in section.requires if r not in names]
        if missing:
            raise RuntimeError(f"backup section {section.name!r} must come after {missing}")
        names.add(section.name)
        out.append(section)
    return tuple(out)
