"""The backup file itself: the envelope around the sections, written atomically, read with a cap.

Format 2 (what this quizcnn writes)::

    {"format": "quizcnn-progress", "format_version": 2, "exported_at": "<ISO 8601 UTC>",
     "quizcnn": "<version>", "sections": {"<name>": {"version": <int>, "data": <JSON>}, ...}}

Format 1 (quizcnn up to 0.1.0: ``"version": 1`` and top-level ``settings``, ``cards``,
``sessions``, ``reviews``) is read as those four sections at layout version 1.
``format_version`` changes only if this envelope does; new kinds of data are new sections.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from quizcnn.backup.msg import Msg, refused
from quizcnn.backup.section import BackupError, shown
from quizcnn.fileio import FileRefused, read_bytes, write_atomic

FORMAT = "quizcnn-progress"
FORMAT_VERSION = 2
MAX_BYTES = 1 << 30  # 1 GiB: about two million reviews
V1_SECTIONS = ("settings", "cards", "sessions", "reviews")


@dataclass
class Archive:
    format_version: int
    exported_at: str
    made_by: str  # the quizcnn version that wrote it ("" when not recorded)
    sections: dict[str, tuple[int, Any]] = field(default_factory=dict)  # name -> (version, data)
    problems: list[str] = field(default_factory=list)  # sections that could not be read at all


def write(path: Path, sections: dict[str, tuple[int, Any]], now: datetime, force: bool) -> None:
    """Write a format-2 file; an existing file is replaced only with ``force`` (and only if it is
    a regular file: a folder, link or device is refused)."""
    from quizcnn import __version__

    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": now.isoformat(),
        "quizcnn": __version__,
        "sections": {name: {"version": v, "data": d} for name, (v, d) in sections.items()},
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"), force=force)
    except FileRefused as e:
        raise BackupError(refused(e)) from None


def read(path: Path) -> Archive:
    """Read a backup of format 1 or 2 (or a later one, as far as its sections can be read)."""
    try:
        raw = read_bytes(path, cap=MAX_BYTES)
    except FileRefused as e:
        raise BackupError(Msg("bk_cannot_read", what=refused(e))) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BackupError(Msg("bk_not_utf8", path=path)) from None
    except json.JSONDecodeError as e:
        where = Msg("bk_json_error", msg=json_problem(e.msg), line=e.lineno, col=e.colno,
                    pos=e.pos)
        raise BackupError(Msg("bk_bad_json", path=path, error=where)) from None
    except (ValueError, RecursionError) as e:
        raise BackupError(Msg("bk_bad_json", path=path, error=shown(str(e), 100))) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(Msg("bk_no_format", path=path, format=FORMAT))
    if "format_version" not in data:
        return _v1(path, data)
    fv = data["format_version"]
    if not isinstance(fv, int) or isinstance(fv, bool) or fv < 2:
        raise BackupError(Msg("bk_bad_format_version", path=path, value=shown(repr(fv), 40)))
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, dict):
        raise BackupError(Msg("bk_sections_not_object", path=path))
    arch = Archive(fv, str(data.get("exported_at", "")), str(data.get("quizcnn", "")))
    for name, entry in raw_sections.items():
        v = entry.get("version") if isinstance(entry, dict) else None
        if not isinstance(v, int) or isinstance(v, bool) or v < 1 or "data" not in entry:
            arch.problems.append(Msg("bk_not_a_section", name=shown(name, 60)))
            continue
        arch.sections[name] = (v, entry["data"])
    return arch


_JSON_PROBLEMS = {
    "Expecting value": "bk_json_value",
    "Expecting property name enclosed in double quotes": "bk_json_name",
    "Unterminated string starting at": "bk_json_string",
    "Extra data": "bk_json_extra",
    "Expecting ',' delimiter": "bk_json_comma",
    "Expecting ':' delimiter": "bk_json_colon",
    "Invalid control character at": "bk_json_control",
    "Invalid \\escape": "bk_json_escape",
}


def json_problem(msg: str) -> str:
    """The json module's words for a syntax error as a Msg when known (else the words)."""
    key = _JSON_PROBLEMS.get(msg)
    return Msg(key) if key else msg


def _v1(path: Path, data: dict[str, Any]) -> Archive:
    if data.get("version") != 1:
        raise BackupError(
            Msg("bk_old_version", path=path, value=shown(repr(data.get("version")), 40))
        )
    arch = Archive(1, str(data.get("exported_at", "")), "")
    defaults: dict[str, Any] = {"settings": {}, "cards": [], "sessions": [], "reviews": []}
    for name in V1_SECTIONS:
        arch.sections[name] = (1, data.get(name, defaults[name]))
    return arch
