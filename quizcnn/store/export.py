"""Rows of the progress tables as JSON values and back (the backup's database sections use it).

``encode`` writes every column of a row (times as ISO 8601 UTC text); ``decode`` reads one
back, checking types and the values a column may hold, and raises StoreError naming the entry
(``FILE: cards[3]: bad value for 'rating': 9``). ``no_repeats`` refuses a table that has the same
row twice. Reading and writing backup files is ``quizcnn.backup``'s job, not this module's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Table

from quizcnn.store.dates import as_utc
from quizcnn.store.errors import StoreError
from quizcnn.store.models import Base, UTCDateTime


def table(model: type[Base]) -> Table:
    t = model.__table__
    assert isinstance(t, Table)
    return t


def columns(model: type[Base]) -> list[Column[Any]]:
    return list(table(model).columns)


def encode(row: Any, model: type[Base]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in columns(model):
        v = getattr(row, col.name)
        out[col.name] = v.isoformat() if isinstance(v, datetime) else v
    return out


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


_RULES: dict[str, Callable[[Any], bool]] = {
    "rating": lambda v: v in (1, 2, 3, 4),
    "state": lambda v: v in (1, 2, 3),
    "state_before": lambda v: v in (0, 1, 2, 3),
    "kind": lambda v: v in ("review", "cram", "interview"),
    "bank_id": lambda v: isinstance(v, str) and bool(v),
    "id": lambda v: _is_int(v) and v > 0,
    "card_id": _is_int,
    "session_id": lambda v: v is None or _is_int(v),
    "stability": lambda v: v is None or (isinstance(v, int | float) and v > 0),
    "mode": lambda v: isinstance(v, str),
}


def decode(entry: object, model: type[Base], where: str) -> dict[str, Any]:
    """One exported row as column values; StoreError(where: ...) when it is malformed."""
    if not isinstance(entry, dict):
        raise StoreError(f"{where}: expected an object")
    out: dict[str, Any] = {}
    names = set()
    for col in columns(model):
        names.add(col.name)
        if col.name not in entry:
            if col.nullable or col.primary_key:
                out[col.name] = None
                continue
            raise StoreError(f"{where}: missing field '{col.name}'")
        v = entry[col.name]
        if v is not None and isinstance(col.type, UTCDateTime):
            try:
                v = as_utc(datetime.fromisoformat(v))
            except (TypeError, ValueError):
                raise StoreError(f"{where}: '{col.name}' is not a date-time: {v!r}") from None
        out[col.name] = v
    for name, ok in _RULES.items():
        if name in names and not ok(out[name]):
            raise StoreError(f"{where}: bad value for '{name}': {out[name]!r}")
    return out


def no_repeats(where: str, table: str, rows: list[dict[str, Any]], key: str) -> None:
    """A table with the same card (or row id) twice is refused before anything is written."""
    first: dict[Any, int] = {}
    for i, row in enumerate(rows):
        v = row[key]
        if v is None:
            continue
        if v in first:
            what = f"bank id '{v}'" if key == "bank_id" else f"id {v}"
            raise StoreError(
                f"{where}: {table}[{i}] has the same {what} as {table}[{first[v]}]; an export has "
                f"each only once, so the file was edited or joined from two exports. Nothing "
                f"was imported: keep one of the two entries (or import each export on its own "
                f"with --merge, which adds only what is missing)"
            )
        first[v] = i
