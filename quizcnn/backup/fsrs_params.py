"""The ``fsrs_parameters`` section of a backup: the user's fitted FSRS parameters.

Every fit ``quizcnn db optimize`` stored (one object each: when, the 21 parameters, how many
reviews it learned from and was checked on, the held-out log loss and RMSE of the defaults and
of the fit, whether it is the one in use). A fit is matched by (time, parameters), so merging
the same file twice adds nothing. Which fit is in use (or none: the defaults) is like a
setting: restoring into a home without fits, or ``--force``, takes the backup's; ``--merge``
into a home with fits of its own keeps the home's choice and says so. A fit whose parameters
py-fsrs would not accept is refused by position and not restored.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from quizcnn.backup.msg import Msg, count
from quizcnn.backup.section import BackupError, Context, Section, entries, section_name
from quizcnn.backup.store_errors import store_message
from quizcnn.store.dates import as_utc
from quizcnn.store.models import FsrsParameters
from quizcnn.store.params import check

SCORES = ("log_loss_default", "log_loss_fitted", "rmse_default", "rmse_fitted")
Key = tuple[str, tuple[float, ...]]


def _key(fit: dict[str, Any]) -> Key:
    return (fit["fitted_at"].isoformat(), tuple(fit["parameters"]))


def _entry(e: object, where: str) -> dict[str, Any]:
    """One fit from the file, checked; ValueError naming the bad field."""
    if not isinstance(e, dict):
        raise ValueError(Msg("st_expected_object", where=where))
    try:
        at = as_utc(datetime.fromisoformat(e.get("fitted_at")))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(Msg("bk_field_not_datetime", where=where, name="fitted_at")) from None
    try:
        values = check(e.get("parameters"))
    except ValueError as err:
        raise ValueError(Msg("bk_where_error", where=where, error=store_message(str(err)))) from None
    out: dict[str, Any] = {"fitted_at": at, "parameters": values}
    for name in ("reviews", "held_out"):
        v = e.get(name)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(Msg("bk_field_whole_pos", where=where, name=name))
        out[name] = v
    for name in SCORES:
        v = e.get(name)
        ok = v is None or (
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and v >= 0
        )
        if not ok:
            raise ValueError(Msg("bk_field_number_or_null", where=where, name=name))
        out[name] = None if v is None else float(v)
    if not isinstance(e.get("active"), bool):
        raise ValueError(Msg("bk_field_bool", where=where, name="active"))
    out["active"] = e["active"]
    return out


class FsrsParams(Section):
    name = "fsrs_parameters"
    holds = "FSRS parameters fitted to your reviews by 'db optimize', and which one is in use"
    in_db = True

    def _here(self, ctx: Context) -> list[dict[str, Any]]:
        rows = ctx.session().scalars(select(FsrsParameters).order_by(FsrsParameters.id))
        out = []
        for r in rows:
            try:
                values = check(json.loads(r.parameters))
            except (ValueError, TypeError):
                continue  # never written by quizcnn; not carried into a backup
            fit = {"fitted_at": r.fitted_at, "parameters": values, "reviews": r.reviews,
                   "held_out": r.held_out, "active": bool(r.active)}
            fit.update({k: getattr(r, k) for k in SCORES})
            out.append(fit)
        return out

    def export(self, ctx: Context) -> list[dict[str, Any]]:
        here = self._here(ctx)
        return [{**f, "fitted_at": f["fitted_at"].isoformat(), "parameters": list(f["parameters"])}
                for f in here]

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> list[dict[str, Any]]:
        out = entries(ctx, data, where, "fsrs_parameters", _entry)
        if sum(f["active"] for f in out) > 1:
            raise BackupError(Msg("bk_fits_active", where=where))
        return out

    def has_data(self, ctx: Context) -> bool:
        return bool(self._here(ctx))

    @staticmethod
    def _active(fits: list[dict[str, Any]]) -> Key | None:
        return next((_key(f) for f in fits if f["active"]), None)

    def differences(self, ctx: Context, parsed: list[dict[str, Any]]) -> list[str]:
        here = self._here(ctx)
        mine, theirs = {_key(f) for f in here}, {_key(f) for f in parsed}
        name = section_name(self.name)
        out: list[str] = [Msg("bk_fit_here", name=name, when=k[0]) for k in sorted(mine - theirs)]
        out += [Msg("bk_fit_there", name=name, when=k[0]) for k in sorted(theirs - mine)]
        a, b = self._active(here), self._active(parsed)
        if a != b:
            out.append(Msg("bk_fit_in_use_differs", name=name, mine=_fit(a), theirs=_fit(b)))
        return out

    def restore(self, ctx: Context, parsed: list[dict[str, Any]]) -> None:
        s = ctx.session()
        here = self._here(ctx)
        mine = {_key(f) for f in here}
        added = 0
        for f in parsed:
            if _key(f) in mine:
                continue
            mine.add(_key(f))
            s.add(FsrsParameters(
                fitted_at=f["fitted_at"], parameters=json.dumps(list(f["parameters"])),
                reviews=f["reviews"], held_out=f["held_out"], active=False,
                **{k: f[k] for k in SCORES},
            ))
            added += 1
        s.flush()
        if added:
            ctx.notes.append(Msg("bk_restored_n", name=section_name(self.name),
                                 count=count(added, "bk_n_fit")))
        a, b = self._active(here), self._active(parsed)
        if a == b:
            return
        if here and ctx.mode == "merge":
            ctx.notes.append(Msg("bk_fit_kept", name=section_name(self.name), mine=_fit(a),
                                 theirs=_fit(b)))
            return
        s.execute(update(FsrsParameters).values(active=False))
        if b is not None:
            for row in s.scalars(select(FsrsParameters)):
                if (row.fitted_at.isoformat(), tuple(json.loads(row.parameters))) == b:
                    row.active = True
        s.flush()
        if here:
            ctx.notes.append(Msg("bk_fit_in_use_now", name=section_name(self.name), fit=_fit(b)))


def _fit(key: Key | None) -> str:
    """A fit as the user reads it: when it was made, or "the defaults"."""
    return key[0] if key else Msg("bk_the_defaults")


FSRS_PARAMETERS = FsrsParams()
