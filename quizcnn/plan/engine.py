"""Day by day study of a set of cards under a policy: the planner's projection and the simulator.

A ``Deck`` holds the cards in scope (an ``Item`` each: its FSRS card, or None while new). An
``Arm`` decides each day what to study (``Day``: the due reviews, reviews brought forward, new
cards, in the order they are done); ``run`` does the day with a ``Rater`` (drawn answers for the
Monte Carlo learner, always Good for the planner's projection), stops starting cards once the
day's budget is spent, and measures the predicted recall of every card on the morning of the
date (a card never studied counts 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import fsrs

from quizcnn.plan.learner import Learner, Rater


@dataclass
class Item:
    id: int
    topic: str
    order: tuple[int, int, int]  # the app's order of new cards: level, bank position, id
    seed: bool = False  # tagged ``seed``: the core topics, introduced first under a plan
    card: fsrs.Card | None = None  # None: never studied


@dataclass(frozen=True)
class Clock:
    """When each study day is done and ends (UTC), and the morning of the date."""

    days: tuple[tuple[datetime, datetime], ...]  # (study time, end of the study day)
    morning: datetime

    def __len__(self) -> int:
        return len(self.days)


@dataclass
class Day:
    due: list[Item] = field(default_factory=list)  # FSRS's own (learning steps too)
    early: list[Item] = field(default_factory=list)  # brought forward before the new cards
    new: list[Item] = field(default_factory=list)
    late: list[Item] = field(default_factory=list)  # brought forward after the new cards


@dataclass(frozen=True)
class DayResult:
    day: int
    new: int
    reviews: int  # answers to cards already studied (learning steps included)
    early: int  # of which brought forward by the planner
    seconds: float


class Arm(Protocol):
    @property
    def budget(self) -> float | None: ...  # seconds a day (None: no limit)

    def decide(self, i: int, deck: list[Item], clock: Clock, learner: Learner) -> Day: ...


def due_today(deck: Sequence[Item], at: datetime, end: datetime, learner: Learner) -> list[Item]:
    """FSRS's due cards of the day: learning steps first, then reviews, least recall first."""
    due = [it for it in deck if it.card is not None and it.card.due < end]
    return sorted(due, key=lambda it: (it.card.state == fsrs.State.Review,  # type: ignore[union-attr]
                                       learner.recall(it.card, at), it.id))


def new_cards(deck: Sequence[Item], seed_first: bool = False) -> list[Item]:
    fresh = (it for it in deck if it.card is None)
    if seed_first:
        return sorted(fresh, key=lambda it: (not it.seed, it.order))
    return sorted(fresh, key=lambda it: it.order)


def recall_on_day(deck: Sequence[Item], clock: Clock, learner: Learner) -> float:
    if not deck:
        return 0.0
    return sum(learner.recall(it.card, clock.morning) for it in deck) / len(deck)


@dataclass
class Outcome:
    days: list[DayResult]
    recall: float  # mean predicted recall on the morning of the date (unseen: 0)
    deck: list[Item]

    @property
    def reviews(self) -> int:
        return sum(d.reviews for d in self.days)

    @property
    def seconds(self) -> float:
        return sum(d.seconds for d in self.days)


def run(deck: list[Item], arm: Arm, clock: Clock, learner: Learner, rater: Rater,
        first_day_spent: float = 0.0) -> Outcome:
    """Study ``deck`` (changed in place) day by day as ``arm`` decides."""
    out = []
    for i, (at, end) in enumerate(clock.days):
        plan = arm.decide(i, deck, clock, learner)
        spent = first_day_spent if i == 0 else 0.0
        budget = arm.budget
        new = reviews = early = 0
        for kind, items in (("due", plan.due), ("early", plan.early), ("new", plan.new),
                            ("late", plan.late)):
            for it in items:
                cost = learner.new_card_cost if kind == "new" else learner.review_cost
                if budget is not None and spent + cost > budget * 1.0001:
                    break
                if kind == "new":
                    it.card, s, _n = learner.introduce(it.id, at, rater, end)
                    new += 1
                else:
                    if it.card is None:
                        continue
                    it.card, s, n = learner.review(it.card, at, rater, end)
                    reviews += n
                    early += n if kind in ("early", "late") else 0
                spent += s
        out.append(DayResult(i, new, reviews, early, spent))
    return Outcome(out, recall_on_day(deck, clock, learner), deck)


def copy_deck(deck: Sequence[Item]) -> list[Item]:
    """An independent copy (py-fsrs returns new cards from a review, so sharing them is safe)."""
    return [Item(it.id, it.topic, it.order, it.seed, it.card) for it in deck]


@dataclass
class FixedArm:
    """Plain FSRS: due reviews (up to ``reviews_per_day``) then up to ``new_per_day`` new cards,
    in the app's order; ``budget`` seconds a day, or no limit."""

    new_per_day: int
    reviews_per_day: int = 10**9
    budget: float | None = None

    def decide(self, i: int, deck: list[Item], clock: Clock, learner: Learner) -> Day:
        at, end = clock.days[i]
        due = due_today(deck, at, end, learner)
        learning = [it for it in due if it.card is not None and it.card.state != fsrs.State.Review]
        review = [it for it in due if it.card is not None and it.card.state == fsrs.State.Review]
        return Day(due=learning + review[: self.reviews_per_day],
                   new=new_cards(deck)[: self.new_per_day])
