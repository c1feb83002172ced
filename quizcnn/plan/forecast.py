"""Does the plan fit? A projection of the days to the date, and what would fit when it does not.

The projection runs the planner (``policy.PlannerArm``) over the remaining days with a learner
who answers every card Good (``Rater`` without randomness): fast and deterministic, so it can
be searched. A card *fits* when its predicted recall on the morning of the date is at least the
target in that projection. ``predicted recall on the day`` is the Monte Carlo learner's
(``simulate``), averaged over a few seeded runs: the projection's never-failing learner would
overstate it.

When not every card fits, ``advise`` searches for what would: the fewest daily minutes (up to
600), the earliest later date (up to a year more), or topics left out (topics are kept in
order, most ``seed`` cards and easiest cards first, while what is kept still fits).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from quizcnn.plan.engine import Clock, Item, copy_deck, run
from quizcnn.plan.learner import Learner, Rater
from quizcnn.plan.policy import PlannerArm, today
from quizcnn.plan.spec import MINUTES


@dataclass(frozen=True)
class Forecast:
    cards: int  # in scope
    learned: int  # studied at least once, now
    fits: int  # at or above the target on the day, in the projection
    recall: float  # predicted mean recall on the morning of the date (Monte Carlo, unseen 0)
    today_minutes: float  # the planner's minutes left for today (expected costs)
    today_new: int
    today_reviews: int
    days: int  # study days left, today included
    last_new_day: int | None  # index of the last day with new cards in the projection

    @property
    def feasible(self) -> bool:
        return self.fits >= self.cards


@dataclass(frozen=True)
class Advice:
    minutes: int | None  # daily minutes that fit every card (None: not within 600)
    later: date | None  # the earliest date that fits every card at the same minutes
    drop: tuple[str, ...]  # topics to leave out so the rest fits
    drop_cards: int  # cards in those topics


def fits(deck: list[Item], clock: Clock, learner: Learner, budget: float,
         target: float) -> int:
    out = run(copy_deck(deck), PlannerArm(budget, target), clock, learner,
              Rater(learner.odds, None))
    return sum(1 for it in out.deck if learner.recall(it.card, clock.morning) >= target - 1e-9)


def forecast(deck: list[Item], clock: Clock, learner: Learner, budget: float, target: float,
             *, spent: float = 0.0, runs: int = 6, seed: int = 0) -> Forecast:
    studied = sum(1 for it in deck if it.card is not None)
    if not clock.days:
        return Forecast(len(deck), studied, 0, 0.0, 0.0, 0, 0, 0, None)
    proj = run(copy_deck(deck), PlannerArm(budget, target), clock, learner,
               Rater(learner.odds, None), first_day_spent=spent)
    n_fit = sum(1 for it in proj.deck if learner.recall(it.card, clock.morning) >= target - 1e-9)
    recall = 0.0
    for r in range(runs):
        out = run(copy_deck(deck), PlannerArm(budget, target), clock, learner,
                  Rater(learner.odds, random.Random(seed * 7919 + r)), first_day_spent=spent)
        recall += out.recall / runs
    last = max((d.day for d in proj.days if d.new), default=None)
    now = today(copy_deck(deck), clock, learner, budget, target, spent)
    return Forecast(len(deck), studied, n_fit, recall, now.seconds / 60, len(now.new),
                    len(now.due) + len(now.early), len(clock), last)


def advise(deck: list[Item], clock: Clock, learner: Learner, minutes: int, target: float,
           clock_until: Callable[[date], Clock], interview: date,
           topic_rank: Callable[[list[Item]], list[str]]) -> Advice:
    n = len(deck)

    def ok(c: Clock, m: float, d: list[Item] = deck) -> bool:
        return fits(d, c, learner, m * 60.0, target) >= len(d)

    # minutes: double, then halve the gap
    need = None
    lo, hi = minutes, minutes
    while hi < MINUTES[1]:
        hi = min(MINUTES[1], hi * 2)
        if ok(clock, hi):
            need = hi
            break
        lo = hi
    if need is not None:
        while need - lo > 1:
            mid = (lo + need) // 2
            if ok(clock, mid):
                need = mid
            else:
                lo = mid
    # a later date: the same search in days
    later = None
    lo_d, hi_d = 0, 0
    from datetime import timedelta

    while hi_d < 365:
        hi_d = min(365, max(1, hi_d * 2))
        if ok(clock_until(interview + timedelta(days=hi_d)), minutes):
            later = hi_d
            break
        lo_d = hi_d
    if later is not None:
        while later - lo_d > 1:
            mid = (lo_d + later) // 2
            if ok(clock_until(interview + timedelta(days=mid)), minutes):
                later = mid
            else:
                lo_d = mid
    # fewer topics: keep topics in rank order while the kept ones still fit
    kept: list[Item] = []
    names: list[str] = []
    for topic in topic_rank(deck):
        trial = kept + [it for it in deck if it.topic == topic]
        if ok(clock, minutes, trial):
            kept, names = trial, [*names, topic]
    drop = [tp for tp in topic_rank(deck) if tp not in names] if kept else []
    rest = kept
    return Advice(need, interview + timedelta(days=later) if later is not None else None,
                  tuple(drop), n - len(rest) if drop else 0)


def rank_topics(deck: list[Item]) -> list[str]:
    """Topics most worth keeping first: more ``seed`` cards, then easier cards, then name."""
    per: dict[str, list[Item]] = {}
    for it in deck:
        per.setdefault(it.topic, []).append(it)

    def key(topic: str) -> tuple:
        items = per[topic]
        seeds = sum(1 for it in items if it.seed)
        level = sum(it.order[0] for it in items) / len(items)
        return (-seeds, level, topic)

    return sorted(per, key=key)
