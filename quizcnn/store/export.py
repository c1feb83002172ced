"""Export and import the whole progress DB as JSON (cards, review log, sessions, settings).

``export_json`` writes every row with its ids; importing that file into an empty DB gives back
the same rows, so exporting again gives the same file apart from ``exported_at``.
``import_json(..., merge=True)`` adds what is missing: cards are matched by bank id (the one
with the later last review keeps its schedule), reviews by (bank id, time, rating, kind), so
merging the same file twice adds nothing. Without ``merge`` a DB that has cards or reviews is
refused. Either way the import is one transaction: on any error nothing is written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select, update

from quizcnn.store import settings as settings_mod
from quizcnn.store.dates import as_utc, utcnow
from quizcnn.store.db import HEAD, Store
from quizcnn.store.errors import StoreError
from quizcnn.store.models import SCHEDULE_FIELDS, Card, Review, Setting, StudySession, UTCDateTime

FORMAT = "quizcnn-progress"
VERSION = 1
TABLES = (("cards", Card), ("sessions", StudySession), ("reviews", Review))


@dataclass(frozen=True)
class ImportReport:
    cards_added: int
    cards_updated: int
    reviews_added: int
    reviews_skipped: int
    sessions_added: int
    settings_added: int


def _columns(model):
    return list(model.__table__.columns)


def _encode(row, model) -> dict:
    out = {}
    for col in _columns(model):
        v = getattr(row, col.name)
        out[col.name] = v.isoformat() if isinstance(v, datetime) else v
    return out


def _decode(entry: dict, model, where: str) -> dict:
    if not isinstance(entry, dict):
        raise StoreError(f"{where}: expected an object")
    out = {}
    for col in _columns(model):
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
        if name in out and col_of(model, name) is not None and not ok(out[name]):
            raise StoreError(f"{where}: bad value for '{name}': {out[name]!r}")
    return out


def col_of(model, name):
    return model.__table__.columns.get(name)


_RULES = {
    "rating": lambda v: v in (1, 2, 3, 4),
    "state": lambda v: v in (1, 2, 3),
    "state_before": lambda v: v in (0, 1, 2, 3),
    "kind": lambda v: v in ("review", "cram"),
    "bank_id": lambda v: isinstance(v, str) and bool(v),
    "id": lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
    "card_id": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "stability": lambda v: v is None or (isinstance(v, int | float) and v > 0),
}


class ExportExists(StoreError):
    """The export file is already there and ``force`` was not given."""


def export_json(
    store: Store,
    path: str | os.PathLike[str],
    now: datetime | None = None,
    *,
    force: bool = True,
) -> dict:
    """Write the export to ``path`` (atomically) and return counts.

    With ``force=False`` an existing file is never replaced (ExportExists): the new file is
    written next to it and linked into place only if the name is still free.
    """
    data = {
        "format": FORMAT,
        "version": VERSION,
        "schema": HEAD,
        "exported_at": (as_utc(now) if now else utcnow()).isoformat(),
    }
    with store.read() as s:
        data["settings"] = {
            r.key: json.loads(r.value) for r in s.scalars(select(Setting).order_by(Setting.key))
        }
        for name, model in TABLES:
            cols = _columns(model)
            rows = s.execute(select(*cols).order_by(model.id))
            data[name] = [_encode(r, model) for r in rows]
    target = Path(path)
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a file name such as progress.json")
    if not force and target.exists():
        raise ExportExists(_exists_message(target))
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, target)
        else:
            _place_new(tmp, target)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise ExportExists(_exists_message(target)) from None
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {target}: {e.strerror or e}") from None
    return {name: len(data[name]) for name, _ in TABLES}


def _exists_message(target: Path) -> str:
    return f"{target} already exists; it was left as it is (use --force to replace it)"


def _place_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (FileExistsError if it does)."""
    try:
        os.link(tmp, target)  # atomic, and fails when the name is taken
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some file systems): check, then rename
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(tmp, target)
        return
    tmp.unlink(missing_ok=True)


def read_export(path: str | os.PathLike[str]) -> dict:
    p = Path(path)
    try:
        with open(p, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as e:
        raise StoreError(f"cannot read {p}: {e.strerror or e}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise StoreError(f"{p} is not a quizcnn export (bad JSON: {e})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f'{p} is not a quizcnn export (no "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise StoreError(
            f"{p} is export version {data.get('version')!r}; this quizcnn reads {VERSION}"
        )
    for name, _ in TABLES:
        if not isinstance(data.get(name, []), list):
            raise StoreError(f'{p}: "{name}" must be a list')
    if not isinstance(data.get("settings", {}), dict):
        raise StoreError(f'{p}: "settings" must be an object')
    return data


def import_json(store: Store, path: str | os.PathLike[str], *, merge: bool = False) -> ImportReport:
    data = read_export(path)
    p = Path(path)
    cards = [_decode(e, Card, f"{p}: cards[{i}]") for i, e in enumerate(data.get("cards", []))]
    sessions = [
        _decode(e, StudySession, f"{p}: sessions[{i}]")
        for i, e in enumerate(data.get("sessions", []))
    ]
    reviews = [
        _decode(e, Review, f"{p}: reviews[{i}]") for i, e in enumerate(data.get("reviews", []))
    ]
    _no_repeats(p, "cards", cards, "id")
    _no_repeats(p, "cards", cards, "bank_id")
    _no_repeats(p, "sessions", sessions, "id")
    _no_repeats(p, "reviews", reviews, "id")
    card_ids = {c["id"] for c in cards}
    for i, r in enumerate(reviews):
        if r["card_id"] not in card_ids:
            raise StoreError(
                f"{p}: reviews[{i}] points to card {r['card_id']}, which is not in the file"
            )
    settings = {}
    for key, value in data.get("settings", {}).items():
        try:
            settings[key] = settings_mod.to_json(settings_mod.validate(key, value))
        except ValueError as e:
            raise StoreError(f"{p}: settings: {e}") from None
    with store.write() as s:
        has_data = s.scalar(select(func.count()).select_from(Card)) or s.scalar(
            select(func.count()).select_from(Review)
        )
        if not merge:
            if has_data:
                raise StoreError(
                    f"{store.path} already has progress; use --merge to add what is missing"
                )
            if cards:
                s.execute(insert(Card.__table__), cards)
            if sessions:
                s.execute(insert(StudySession.__table__), sessions)
            if reviews:
                s.execute(insert(Review.__table__), reviews)
            for key, value in settings.items():
                s.merge(Setting(key=key, value=value))
            report = ImportReport(len(cards), 0, len(reviews), 0, len(sessions), len(settings))
        else:
            report = _merge(s, cards, sessions, reviews, settings)
    store._settings = None
    return report


def _no_repeats(p: Path, table: str, rows: list[dict], key: str) -> None:
    """A file with the same card (or row id) twice is refused before anything is written."""
    first: dict = {}
    for i, row in enumerate(rows):
        v = row[key]
        if v is None:
            continue
        if v in first:
            what = f"bank id '{v}'" if key == "bank_id" else f"id {v}"
            raise StoreError(
                f"{p}: {table}[{i}] has the same {what} as {table}[{first[v]}]; an export has "
                f"each only once, so the file was edited or joined from two exports. Nothing "
                f"was imported: keep one of the two entries (or import each export on its own "
                f"with --merge, which adds only what is missing)"
            )
        first[v] = i


def _merge(s, cards, sessions, reviews, settings) -> ImportReport:
    local = {row.bank_id: row for row in s.execute(select(Card.id, Card.bank_id, Card.last_review))}
    card_map: dict[int, int] = {}
    added = updated = 0
    for c in cards:
        mine = local.get(c["bank_id"])
        if mine is None:
            new = {k: v for k, v in c.items() if k != "id"}
            card_map[c["id"]] = s.execute(
                insert(Card.__table__).returning(Card.__table__.c.id), [new]
            ).scalar_one()
            added += 1
            continue
        card_map[c["id"]] = mine.id
        theirs = c["last_review"]
        if theirs is not None and (mine.last_review is None or theirs > mine.last_review):
            s.execute(
                update(Card).where(Card.id == mine.id).values({k: c[k] for k in SCHEDULE_FIELDS})
            )
            updated += 1
    known_sessions = {
        (r.started_at, r.mode): r.id
        for r in s.execute(select(StudySession.id, StudySession.started_at, StudySession.mode))
    }
    session_map: dict[int, int] = {}
    sessions_added = 0
    for x in sessions:
        key = (x["started_at"], x["mode"])
        if key not in known_sessions:
            new = {k: v for k, v in x.items() if k != "id"}
            known_sessions[key] = s.execute(
                insert(StudySession.__table__).returning(StudySession.__table__.c.id), [new]
            ).scalar_one()
            sessions_added += 1
        session_map[x["id"]] = known_sessions[key]
    seen = {
        (r.card_id, r.reviewed_at, r.rating, r.kind)
        for r in s.execute(select(Review.card_id, Review.reviewed_at, Review.rating, Review.kind))
    }
    fresh = []
    for r in reviews:
        cid = card_map[r["card_id"]]
        key = (cid, r["reviewed_at"], r["rating"], r["kind"])
        if key in seen:
            continue
        seen.add(key)
        new = {k: v for k, v in r.items() if k != "id"}
        new["card_id"] = cid
        new["session_id"] = (
            session_map.get(r["session_id"]) if r["session_id"] is not None else None
        )
        fresh.append(new)
    if fresh:
        s.execute(insert(Review.__table__), fresh)
    have = set(s.scalars(select(Setting.key)))
    settings_added = 0
    for key, value in settings.items():
        if key not in have:
            s.add(Setting(key=key, value=value))
            settings_added += 1
    return ImportReport(
        added, updated, len(fresh), len(reviews) - len(fresh), sessions_added, settings_added
    )
