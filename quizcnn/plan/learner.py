"""The learner the planner and the simulator reason about: FSRS memory (py-fsrs, the active
parameters, no fuzz) and what answering costs (fsrs-rs-python's simulator defaults).

Costs and rating odds come from ``fsrs_rs_python.default_simulator_config()`` (the defaults of
the simulator Anki's FSRS uses): seconds per answer by state (learning, review, relearning)
and rating; the first rating of a new card; the rating of a recalled review (Hard, Good, Easy);
the next rating of a learning or relearning step given the one before. A card in the Review
state is recalled with its FSRS retrievability; learning steps the same day follow the step
transitions (FSRS's retrievability is 1 within a day and says nothing there).

``Learner.new_card_cost`` and ``review_cost`` are expectations, measured once by running the
same routines the simulator runs (``introduce`` / ``review``) with a fixed seed, so planning and
simulating share one model of a day's minutes.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import cached_property

import fsrs

Rating = fsrs.Rating
State = fsrs.State

# state index in the cost table: 0 learning (a new card's first answer too), 1 review, 2 relearning
_ROW = {State.Learning: 0, State.Review: 1, State.Relearning: 2}
_SAMPLES = 800


@dataclass(frozen=True)
class Odds:
    """fsrs-rs-python's simulator defaults (see the module doc)."""

    costs: tuple[tuple[float, float, float, float], ...]  # [state row][rating - 1], seconds
    first: tuple[float, float, float, float]  # a new card's first rating
    recalled: tuple[float, float, float]  # Hard, Good, Easy when a review is recalled
    learning: tuple[tuple[float, float, float, float], ...]  # next step rating by previous 1-3
    relearning: tuple[tuple[float, float, float, float], ...]

    @classmethod
    def defaults(cls) -> Odds:
        import fsrs_rs_python as rs

        c = rs.default_simulator_config()
        def four(row: Sequence[float]) -> tuple[float, float, float, float]:
            a, b, x, d = (float(v) for v in row)
            return a, b, x, d

        hard, good, easy = (float(v) for v in c.review_rating_prob)
        return cls(
            costs=tuple(four(r) for r in c.state_rating_costs),
            first=four(c.first_rating_prob),
            recalled=(hard, good, easy),
            learning=tuple(four(r) for r in c.learning_step_transitions),
            relearning=tuple(four(r) for r in c.relearning_step_transitions),
        )


def _pick(rng: random.Random, weights: Sequence[float], offset: int = 1) -> Rating:
    x = rng.random() * sum(weights)
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return Rating(i + offset)
    return Rating(len(weights) - 1 + offset)


class Rater:
    """How answers go: with ``rng`` they are drawn (the Monte Carlo learner); without, every
    answer is Good and costs the expected seconds (the planner's projection of the future)."""

    def __init__(self, odds: Odds, rng: random.Random | None):
        self.odds = odds
        self.rng = rng

    def first(self) -> Rating:
        return Rating.Good if self.rng is None else _pick(self.rng, self.odds.first)

    def step(self, relearning: bool, previous: Rating) -> Rating:
        if self.rng is None:
            return Rating.Good
        table = self.odds.relearning if relearning else self.odds.learning
        return _pick(self.rng, table[min(int(previous), 3) - 1])

    def review(self, recall: float) -> Rating:
        if self.rng is None:
            return Rating.Good
        if self.rng.random() >= recall:
            return Rating.Again
        return _pick(self.rng, self.odds.recalled, offset=2)


class Learner:
    """FSRS with given parameters (None: py-fsrs's defaults), the app's learning steps, and the
    costs of answering. Day-level helpers take UTC datetimes."""

    def __init__(self, parameters: Sequence[float] | None = None, *,
                 desired_retention: float = 0.9,
                 learning_steps: Sequence[int] = (1, 10), relearning_steps: Sequence[int] = (10,),
                 maximum_interval: int = 36500, odds: Odds | None = None):
        kw: dict[str, object] = {}
        if parameters is not None:
            kw["parameters"] = tuple(parameters)
        self.parameters = tuple(parameters) if parameters is not None else None
        self.scheduler = fsrs.Scheduler(
            **kw,  # type: ignore[arg-type]
            desired_retention=desired_retention,
            learning_steps=tuple(timedelta(minutes=m) for m in learning_steps),
            relearning_steps=tuple(timedelta(minutes=m) for m in relearning_steps),
            maximum_interval=maximum_interval, enable_fuzzing=False,
        )
        self.odds = odds or Odds.defaults()

    # -- memory -----------------------------------------------------------------------------
    def recall(self, card: fsrs.Card | None, at: datetime) -> float:
        """Predicted probability of recall at ``at`` (0 for a card never studied)."""
        if card is None or card.last_review is None or card.stability is None:
            return 0.0
        return float(self.scheduler.get_card_retrievability(card, at))

    def cost(self, state: State | None, rating: Rating) -> float:
        row = 0 if state is None else _ROW[state]
        return self.odds.costs[row][int(rating) - 1]

    # -- answering (shared by the planner's projection and the simulator) ---------------------
    def _steps(self, card: fsrs.Card, at: datetime, previous: Rating,
               rater: Rater, day_end: datetime) -> tuple[fsrs.Card, float, int]:
        """Same-day learning or relearning steps after an answer: (card, seconds, answers)."""
        spent, answers = 0.0, 0
        while card.state in (State.Learning, State.Relearning) and card.due < day_end \
                and answers < 20:
            at = max(at, card.due)
            relearning = card.state == State.Relearning
            rating = rater.step(relearning, previous)
            spent += self.cost(card.state, rating)
            card, _ = self.scheduler.review_card(card, rating, at)
            answers += 1
            previous = rating
        return card, spent, answers

    def introduce(self, card_id: int, at: datetime, rater: Rater,
                  day_end: datetime) -> tuple[fsrs.Card, float, int]:
        """A new card's first answer and its learning steps that day: (card, seconds, answers)."""
        card = fsrs.Card(card_id=card_id, state=State.Learning, step=0, due=at)
        rating = rater.first()
        spent = self.cost(None, rating)
        card, _ = self.scheduler.review_card(card, rating, at)
        card, more, n = self._steps(card, at, rating, rater, day_end)
        if rater.rng is None:  # the projection: an all-Good learner at the expected cost
            return card, self.new_card_cost, n + 1
        return card, spent + more, n + 1

    def review(self, card: fsrs.Card, at: datetime, rater: Rater,
               day_end: datetime) -> tuple[fsrs.Card, float, int]:
        """One due answer (a review, or a learning step due today) and the steps after it."""
        if card.state != State.Review:
            return self._steps(card, at, Rating.Good, rater, day_end)
        rating = rater.review(self.recall(card, at))
        spent = self.cost(State.Review, rating)
        card, _ = self.scheduler.review_card(card, rating, at)
        card, more, n = self._steps(card, at, rating, rater, day_end)
        if rater.rng is None:
            return card, self.review_cost, n + 1
        return card, spent + more, n + 1

    # -- expectations ------------------------------------------------------------------------
    @cached_property
    def new_card_cost(self) -> float:
        """Expected seconds to learn one new card (first answer and that day's steps)."""
        rng = random.Random(22)
        rater = Rater(self.odds, rng)
        at = datetime(2026, 1, 1, 9, tzinfo=fsrs_utc())
        end = at + timedelta(hours=19)
        return sum(self.introduce(0, at, rater, end)[1] for _ in range(_SAMPLES)) / _SAMPLES

    @cached_property
    def review_cost(self) -> float:
        """Expected seconds of one review at the desired retention (a lapse's relearning
        included)."""
        rng = random.Random(23)
        rater = Rater(self.odds, rng)
        at = datetime(2026, 1, 1, 9, tzinfo=fsrs_utc())
        end = at + timedelta(hours=19)
        seed = fsrs.Card(card_id=0, state=State.Review, step=None, stability=10.0,
                         difficulty=5.0, due=at, last_review=at - timedelta(days=10))
        return sum(self.review(seed, at, rater, end)[1] for _ in range(_SAMPLES)) / _SAMPLES


def fsrs_utc() -> tzinfo:
    """``timezone.utc`` (py-fsrs checks ``tzinfo is timezone.utc``)."""
    from datetime import UTC

    return UTC
