"""The database sections of a backup: settings, cards, sessions, reviews.

Each table is a list of rows with every column (``quizcnn.store.export`` encodes them), ids
included, so a backup restored into an empty home and exported again gives the same file.
A card's suspended / buried / leech state are columns of its row.

Merging (``--merge``): cards are matched by bank id (the one reviewed last keeps its schedule),
sessions by (start, mode), reviews by (bank id, time, rating, kind), so merging the same file
twice adds nothing; a setting set on both sides keeps the home's value. ``--force``: the same,
except that the backup wins every difference (settings, and a card's schedule). All four are
restored in one transaction: an error in any of them writes nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import delete, func, insert, or_, select, update

from quizcnn.backup.msg import Joined, Msg, count
from quizcnn.backup.section import BackupError, Context, Section, section_name, shown
from quizcnn.backup.store_errors import store_message
from quizcnn.store import settings as settings_mod
from quizcnn.store.errors import StoreError
from quizcnn.store.export import decode, encode, no_repeats, table
from quizcnn.store.models import SCHEDULE_FIELDS, Base, Card, Review, Setting, StudySession


def _rows(ctx: Context, model: type[Base]) -> list[dict[str, Any]]:
    s = ctx.session()
    t = table(model)
    return [encode(r, model) for r in s.execute(select(*t.columns).order_by(t.c.id))]


def _decoded(
    ctx: Context, data: Any, model: type[Base], where: str, name: str
) -> list[dict[str, Any]]:
    """The rows, checked; fields this quizcnn has no column for are named in ``ctx.skipped``."""
    if not isinstance(data, list):
        raise BackupError(Msg("bk_must_be_list", where=where))
    try:
        rows = [decode(e, model, f"{where}[{i}]") for i, e in enumerate(data)]
    except StoreError as e:
        raise BackupError(store_message(str(e))) from None
    known = {c.name for c in table(model).columns}
    extra = sorted({k for e in data for k in e if k not in known})
    if extra:
        ctx.skipped.append(Msg(
            "bk_unknown_fields" if len(extra) > 1 else "bk_unknown_fields_1",
            name=section_name(name), fields=Joined([shown(k, 40) for k in extra[:10]]),
        ))
    return rows


def _count(ctx: Context, model: type[Base], *where: Any) -> int:
    q = select(func.count()).select_from(model)
    if where:
        q = q.where(*where)
    return int(ctx.session().scalar(q) or 0)


class Settings(Section):
    name = "settings"
    holds = "study settings (daily limits, retention, learning steps, ...)"
    in_db = True

    def export(self, ctx: Context) -> dict[str, Any]:
        rows = ctx.session().scalars(select(Setting).order_by(Setting.key))
        return {r.key: json.loads(r.value) for r in rows}

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> dict[str, str]:
        if not isinstance(data, dict):
            raise BackupError(Msg("bk_must_be_object", where=where))
        out = {}
        for key, value in data.items():
            if key not in settings_mod.NAMES:
                ctx.skipped.append(Msg("bk_unknown_setting", name=section_name("settings"),
                                       key=shown(key, 60)))
                continue
            try:
                out[key] = settings_mod.to_json(settings_mod.validate(key, value))
            except ValueError as e:
                ctx.refused.append(Msg("bk_entry_refused", name=section_name("settings"),
                                       error=store_message(shown(str(e), 200))))
        return out

    def _here(self, ctx: Context) -> dict[str, str]:
        return {r.key: r.value for r in ctx.session().scalars(select(Setting))}

    def has_data(self, ctx: Context) -> bool:
        return bool(self._here(ctx))

    def differences(self, ctx: Context, parsed: dict[str, str]) -> list[str]:
        here = self._here(ctx)
        out: list[str] = []
        for key in sorted(set(here) | set(parsed)):
            mine, theirs = here.get(key), parsed.get(key)
            if mine == theirs:
                continue
            out.append(Msg(
                "bk_setting_differs", name=section_name("settings"), key=key,
                mine=mine if mine is not None else Msg("bk_default"),
                theirs=theirs if theirs is not None else Msg("bk_default"),
            ))
        return out

    def restore(self, ctx: Context, parsed: dict[str, str]) -> None:
        s = ctx.session()
        here = self._here(ctx)
        added = 0
        for key, value in parsed.items():
            mine = here.get(key)
            if mine is None:
                s.add(Setting(key=key, value=value))
                added += 1
            elif mine != value:
                if ctx.mode == "merge":
                    ctx.notes.append(Msg("bk_setting_kept", name=section_name("settings"),
                                         key=key, mine=mine, value=value))
                else:
                    s.merge(Setting(key=key, value=value))
                    ctx.notes.append(Msg("bk_setting_replaced", name=section_name("settings"),
                                         key=key, mine=mine, value=value))
                    added += 1
        if added:
            ctx.notes.append(Msg("bk_restored_n", name=section_name("settings"),
                                 count=count(added, "bk_n_setting")))
        ctx.session().flush()
        ctx.home.store._settings = None  # read again on next use


_PROGRESS = or_(
    Card.last_review.is_not(None),
    Card.suspended.is_(True),
    Card.leech.is_(True),
    Card.buried_until.is_not(None),
)


class Cards(Section):
    name = "cards"
    holds = "one card per question: its schedule and its suspended, buried and leech state"
    in_db = True

    def export(self, ctx: Context) -> list[dict[str, Any]]:
        return _rows(ctx, Card)

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> list[dict[str, Any]]:
        cards = _decoded(ctx, data, Card, where, "cards")
        try:
            no_repeats(where, "cards", cards, "id")
            no_repeats(where, "cards", cards, "bank_id")
        except StoreError as e:
            raise BackupError(store_message(str(e))) from None
        return cards

    def has_data(self, ctx: Context) -> bool:
        """Cards with progress or a state the user set (fresh cards come back from the bank)."""
        return _count(ctx, Card, _PROGRESS) > 0

    def _local(self, ctx: Context) -> dict[str, Any]:
        cols = [Card.id, Card.bank_id, *(getattr(Card, f) for f in SCHEDULE_FIELDS)]
        return {r.bank_id: r for r in ctx.session().execute(select(*cols))}

    def differences(self, ctx: Context, parsed: list[dict[str, Any]]) -> list[str]:
        local = self._local(ctx)
        theirs = {c["bank_id"]: c for c in parsed}
        differ = only_here = 0
        for bid, mine in local.items():
            c = theirs.get(bid)
            studied = mine.last_review is not None or mine.suspended or mine.buried_until
            if c is None:
                only_here += bool(studied)
            elif any(getattr(mine, f) != c[f] for f in SCHEDULE_FIELDS):
                differ += 1
        only_there = sum(1 for bid in theirs if bid not in local)
        if not (differ or only_here or only_there):
            return []
        return [Msg("bk_cards_differ", name=section_name("cards"), differ=differ,
                    only_here=only_here, only_there=only_there)]

    def restore(self, ctx: Context, parsed: list[dict[str, Any]]) -> None:
        s = ctx.session()
        ids = ctx.ids.setdefault("cards", {})
        if ctx.mode == "new":
            # Nothing here has progress (checked before): cards made from the bank alone are
            # replaced by the backup's, ids and all, so a second export equals the first.
            s.execute(delete(Card))
            if parsed:
                s.execute(insert(table(Card)), parsed)
            ids.update({c["id"]: c["id"] for c in parsed})
            ctx.notes.append(Msg("bk_restored_n", name=section_name("cards"),
                                 count=count(len(parsed), "bk_n_card")))
            return
        local = self._local(ctx)
        added = updated = 0
        for c in parsed:
            mine = local.get(c["bank_id"])
            if mine is None:
                new = {k: v for k, v in c.items() if k != "id"}
                ids[c["id"]] = s.execute(
                    insert(table(Card)).returning(table(Card).c.id), [new]
                ).scalar_one()
                added += 1
                continue
            ids[c["id"]] = mine.id
            if all(getattr(mine, f) == c[f] for f in SCHEDULE_FIELDS):
                continue
            if ctx.mode == "merge":
                theirs = c["last_review"]
                if theirs is None or (mine.last_review is not None and theirs <= mine.last_review):
                    continue
            s.execute(
                update(Card).where(Card.id == mine.id).values({k: c[k] for k in SCHEDULE_FIELDS})
            )
            updated += 1
        ctx.notes.append(Msg(
            "bk_cards_merged" if ctx.mode == "merge" else "bk_cards_updated",
            name=section_name("cards"), added=count(added, "bk_n_new_card"), updated=updated,
        ))


def _session_key(row: Any) -> tuple[datetime, str]:
    return (row["started_at"], row["mode"]) if isinstance(row, dict) else (row[1], row[2])


class Sessions(Section):
    name = "sessions"
    holds = "drill sessions (start, end, counts)"
    in_db = True

    def export(self, ctx: Context) -> list[dict[str, Any]]:
        return _rows(ctx, StudySession)

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> list[dict[str, Any]]:
        rows = _decoded(ctx, data, StudySession, where, "sessions")
        try:
            no_repeats(where, "sessions", rows, "id")
        except StoreError as e:
            raise BackupError(store_message(str(e))) from None
        return rows

    def has_data(self, ctx: Context) -> bool:
        return _count(ctx, StudySession) > 0

    def _local(self, ctx: Context) -> dict[tuple[datetime, str], int]:
        q = select(StudySession.id, StudySession.started_at, StudySession.mode)
        return {_session_key(r): r[0] for r in ctx.session().execute(q)}

    def differences(self, ctx: Context, parsed: list[dict[str, Any]]) -> list[str]:
        return _set_differences("sessions", set(self._local(ctx)), {_session_key(x) for x in parsed})

    def restore(self, ctx: Context, parsed: list[dict[str, Any]]) -> None:
        s = ctx.session()
        ids = ctx.ids.setdefault("sessions", {})
        known = self._local(ctx)
        added = 0
        for x in parsed:
            key = _session_key(x)
            if key not in known:
                new = x if ctx.mode == "new" else {k: v for k, v in x.items() if k != "id"}
                known[key] = s.execute(
                    insert(table(StudySession)).returning(table(StudySession).c.id), [new]
                ).scalar_one()
                added += 1
            ids[x["id"]] = known[key]
        ctx.notes.append(Msg("bk_added_n", name=section_name("sessions"),
                             count=count(added, "bk_n_session")))


def _set_differences(what: str, here: set[Any], there: set[Any]) -> list[str]:
    only_here, only_there = len(here - there), len(there - here)
    if not (only_here or only_there):
        return []
    return [Msg("bk_set_differ", name=section_name(what), both=len(here & there),
                only_here=only_here, only_there=only_there)]


class Reviews(Section):
    name = "reviews"
    holds = "every answer you gave (the review log)"
    in_db = True
    requires: ClassVar[tuple[str, ...]] = ("cards", "sessions")

    def export(self, ctx: Context) -> list[dict[str, Any]]:
        return _rows(ctx, Review)

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> list[dict[str, Any]]:
        rows = _decoded(ctx, data, Review, where, "reviews")
        try:
            no_repeats(where, "reviews", rows, "id")
        except StoreError as e:
            raise BackupError(store_message(str(e))) from None
        return rows

    def has_data(self, ctx: Context) -> bool:
        return _count(ctx, Review) > 0

    def _keys_here(self, ctx: Context) -> set[tuple[str, datetime, int, str]]:
        q = select(Card.bank_id, Review.reviewed_at, Review.rating, Review.kind).join(
            Card, Card.id == Review.card_id
        )
        return {tuple(r) for r in ctx.session().execute(q)}  # type: ignore[misc]

    def differences(self, ctx: Context, parsed: list[dict[str, Any]]) -> list[str]:
        cards = _file_cards(ctx)
        there = {
            (cards.get(r["card_id"], f"#{r['card_id']}"), r["reviewed_at"], r["rating"], r["kind"])
            for r in parsed
        }
        return _set_differences("reviews", self._keys_here(ctx), there)

    def restore(self, ctx: Context, parsed: list[dict[str, Any]]) -> None:
        s = ctx.session()
        card_ids = ctx.ids.get("cards", {})
        session_ids = ctx.ids.get("sessions", {})
        seen = {
            tuple(r)
            for r in s.execute(select(Review.card_id, Review.reviewed_at, Review.rating, Review.kind))
        }
        fresh = []
        for i, r in enumerate(parsed):
            cid = card_ids.get(r["card_id"])
            if cid is None:
                raise BackupError(Msg("bk_review_no_card", i=i, card=r["card_id"]))
            sid = r["session_id"]
            if sid is not None:
                if sid not in session_ids:
                    raise BackupError(Msg("bk_review_no_session", i=i, session=sid))
                sid = session_ids[sid]
            key = (cid, r["reviewed_at"], r["rating"], r["kind"])
            if key in seen:
                continue
            seen.add(key)
            new = dict(r) if ctx.mode == "new" else {k: v for k, v in r.items() if k != "id"}
            new["card_id"], new["session_id"] = cid, sid
            fresh.append(new)
        if fresh:
            s.execute(insert(table(Review)), fresh)
        skipped = len(parsed) - len(fresh)
        ctx.notes.append(Msg(
            "bk_added_n_here" if skipped else "bk_added_n", name=section_name("reviews"),
            count=count(len(fresh), "bk_n_review"), here=skipped,
        ))


def _file_cards(ctx: Context) -> dict[int, str]:
    """Card id in the backup -> bank id, as the cards section parsed it (set by the importer)."""
    parsed = ctx.parsed.get("cards") or []
    return {c["id"]: c["bank_id"] for c in parsed}


SETTINGS = Settings()
CARDS = Cards()
SESSIONS = Sessions()
REVIEWS = Reviews()
