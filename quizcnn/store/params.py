"""Personal FSRS parameters: the active row of ``fsrs_parameters``, checked before use.

``active_parameters(store)`` is what ``Reviewer`` (answers and interval previews) and the
statistics hand to py-fsrs; None means py-fsrs's defaults. ``check(values)`` accepts 21 finite
numbers inside py-fsrs's own bounds (a stored or imported list outside them is never used).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from quizcnn.store.db import Store
from quizcnn.store.models import FsrsParameters

COUNT = 21  # FSRS-6 weights


def check(values: object) -> tuple[float, ...]:
    """The parameters as a tuple, or ValueError with a one-line reason."""
    import fsrs.scheduler as fs

    if not isinstance(values, list | tuple) or len(values) != COUNT:
        raise ValueError(f"FSRS parameters must be a list of {COUNT} numbers")
    out = []
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise ValueError(f"FSRS parameter {i} is not a finite number: {v!r}")
        lo, hi = fs.LOWER_BOUNDS_PARAMETERS[i], fs.UPPER_BOUNDS_PARAMETERS[i]
        if not lo <= v <= hi:
            raise ValueError(f"FSRS parameter {i} = {v} is outside py-fsrs's range [{lo}, {hi}]")
        out.append(float(v))
    return tuple(out)


@dataclass(frozen=True)
class Fit:
    """One fit as stored (figures measured on the held-out reviews)."""

    parameters: tuple[float, ...]
    fitted_at: datetime
    reviews: int
    held_out: int
    log_loss_default: float | None
    log_loss_fitted: float | None
    rmse_default: float | None
    rmse_fitted: float | None


def _fit(row: FsrsParameters) -> Fit | None:
    try:
        values = check(json.loads(row.parameters))
    except (ValueError, TypeError):
        return None
    return Fit(values, row.fitted_at, row.reviews, row.held_out, row.log_loss_default,
               row.log_loss_fitted, row.rmse_default, row.rmse_fitted)


def active_fit(store: Store) -> Fit | None:
    with store.read() as s:
        row = s.scalar(
            select(FsrsParameters).where(FsrsParameters.active.is_(True))
            .order_by(FsrsParameters.id.desc()).limit(1)
        )
        return _fit(row) if row is not None else None


def active_parameters(store: Store) -> tuple[float, ...] | None:
    fit = active_fit(store)
    return fit.parameters if fit else None


def save(store: Store, fit: Fit) -> None:
    """Store a fit and make it the active one (earlier fits stay, inactive)."""
    with store.write() as s:
        s.execute(update(FsrsParameters).values(active=False))
        s.add(FsrsParameters(
            fitted_at=fit.fitted_at, parameters=json.dumps(list(fit.parameters)),
            reviews=fit.reviews, held_out=fit.held_out,
            log_loss_default=fit.log_loss_default, log_loss_fitted=fit.log_loss_fitted,
            rmse_default=fit.rmse_default, rmse_fitted=fit.rmse_fitted, active=True,
        ))


def reset(store: Store) -> bool:
    """Go back to the defaults (fits stay in the table, inactive). True if one was active."""
    active = FsrsParameters.active.is_(True)
    with store.write() as s:
        was = s.scalar(select(FsrsParameters.id).where(active).limit(1)) is not None
        s.execute(update(FsrsParameters).where(active).values(active=False))
    return was


def scheduler_kwargs(values: Sequence[float] | None) -> dict[str, Any]:
    return {} if values is None else {"parameters": tuple(values)}
