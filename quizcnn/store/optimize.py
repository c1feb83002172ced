"""Fit FSRS parameters to the user's own review log (``quizcnn db optimize``), with fsrs-rs-python.

The review log becomes FSRS items the way the optimizer expects them: per card, the ratings in
time order with ``delta_t`` = whole study days since the card's previous review (the app's
day boundary, ``rollover_hour``, 4 a.m. local by default; 0 for a review on the same day).
Cram answers ("study ahead") left the schedule alone and are not reviews here. A review made
while the card was new (``state_before`` 0) after earlier ones means the card was reset: its
history starts over there. One item per review that came on a later day than the card's
previous one (those are what the model predicts: recall across days), holding the card's
history up to and including it.

Held-out check: items are ordered by the time of their last review; the first 80% train a fit,
the last 20% (the most recent reviews) are predicted by that fit and by the defaults (log loss,
and RMSE over bins as fsrs-rs computes it). The stored parameters are then fitted on all items.
fsrs-rs-python is imported only here, only when a fit runs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from quizcnn.store.dates import study_day, utcnow
from quizcnn.store.db import Store
from quizcnn.store.models import Review
from quizcnn.store.params import Fit, check

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

MIN_REVIEWS = 400
HELD_OUT_SHARE = 0.2
WHY_MIN = (
    "FSRS fits 21 parameters; with fewer reviews across days the fit follows noise, and the "
    "most recent fifth held out to check it would be too small to tell two models apart"
)


class NotEnoughHistory(Exception):
    """Too little review history to fit; ``str(e)`` is one line."""


@dataclass(frozen=True)
class Logged:
    card_id: int
    at: datetime
    rating: int
    state_before: int


@dataclass(frozen=True)
class Item:
    """One predicted review: the card's history up to and including it, as (rating, delta_t)."""

    at: datetime
    card_id: int
    reviews: tuple[tuple[int, int], ...]


def read_log(store: Store) -> list[Logged]:
    with store.read() as s:
        rows = s.execute(
            select(Review.card_id, Review.reviewed_at, Review.rating, Review.state_before)
            .where(Review.kind != "cram")
            .order_by(Review.card_id, Review.reviewed_at, Review.id)
        ).all()
    return [Logged(c, at, r, sb) for c, at, r, sb in rows if 1 <= r <= 4]


History = tuple[int, list[tuple[datetime, int, int]]]


def histories(log: Iterable[Logged], rollover: int = 4) -> list[History]:
    """Per card (and per reset): (card id, [(time, rating, delta_t in study days), ...])."""
    out: list[History] = []
    ordered = sorted(log, key=lambda e: (e.card_id, e.at))
    prev: Logged | None = None
    for e in ordered:
        if prev is None or e.card_id != prev.card_id or e.state_before == 0:
            out.append((e.card_id, [(e.at, e.rating, 0)]))
        else:
            gap = (study_day(e.at, rollover) - study_day(prev.at, rollover)).days
            out[-1][1].append((e.at, e.rating, max(0, gap)))
        prev = e
    return out


def items(log: Iterable[Logged], rollover: int = 4) -> list[Item]:
    """The predicted reviews, oldest first (see module doc)."""
    out = []
    for card_id, h in histories(log, rollover):
        seq = tuple((r, d) for _, r, d in h)
        for i in range(1, len(h)):
            if seq[i][1] > 0:
                out.append(Item(h[i][0], card_id, seq[: i + 1]))
    out.sort(key=lambda it: it.at)
    return out


def to_fsrs_items(chosen: Sequence[Item]) -> list[FSRSItem]:
    from fsrs_rs_python import FSRSItem, FSRSReview

    return [FSRSItem([FSRSReview(r, d) for r, d in it.reviews]) for it in chosen]


@dataclass(frozen=True)
class Scores:
    log_loss: float
    rmse: float


def evaluate(parameters: Sequence[float], chosen: Sequence[Item]) -> Scores:
    from fsrs_rs_python import FSRS

    ev = FSRS(list(parameters)).evaluate(to_fsrs_items(chosen))
    return Scores(float(ev.log_loss), float(ev.rmse_bins))


def fit_parameters(chosen: Sequence[Item], relearning_steps: int = 1) -> tuple[float, ...]:
    """Parameters fitted by fsrs-rs to these items, checked against py-fsrs's bounds."""
    from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS

    try:
        values = FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(
            to_fsrs_items(chosen), enable_short_term=True, num_relearning_steps=relearning_steps
        )
    except Exception as e:  # the Rust side raises plain exceptions with its own text
        raise NotEnoughHistory(f"the FSRS optimizer could not fit this history: {e}") from None
    return check([round(v, 4) for v in values])


def default_parameters() -> tuple[float, ...]:
    import fsrs.scheduler as fs

    return tuple(fs.DEFAULT_PARAMETERS)


@dataclass(frozen=True)
class Report:
    fit: Fit
    train: int
    default: Scores
    fitted: Scores

    @property
    def better(self) -> bool:
        return self.fitted.log_loss < self.default.log_loss


def optimize(store: Store, now: datetime | None = None) -> Report:
    """Fit on the user's history; does not store anything (see ``params.save``)."""
    st = store.settings()
    chosen = items(read_log(store), st.rollover_hour)
    if len(chosen) < MIN_REVIEWS:
        raise NotEnoughHistory(
            f"{len(chosen)} reviews on a later day than the card's previous review; "
            f"db optimize needs at least {MIN_REVIEWS} ({WHY_MIN})"
        )
    n_test = max(1, math.ceil(len(chosen) * HELD_OUT_SHARE))
    train, test = chosen[:-n_test], chosen[-n_test:]
    relearn = len(st.relearning_steps)
    trial = fit_parameters(train, relearn)
    default = evaluate(default_parameters(), test)
    fitted = evaluate(trial, test)
    final = fit_parameters(chosen, relearn)
    fit = Fit(final, now or utcnow(), len(chosen), len(test), default.log_loss, fitted.log_loss,
              default.rmse, fitted.rmse)
    return Report(fit, len(train), default, fitted)
