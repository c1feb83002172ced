"""Does the plan fit? A projection of the days to the date, and what would fit when it does not.

The forecast runs the planner (``policy.PlannerArm``) over the remaining days with ``RUNS``
Monte Carlo learners of a fixed seed (the simulator's learner, so the numbers agree with
``quizcnn plan --simulate``). ``recall`` is the predicted recall on the morning of the date,
the mean over every card in scope and the learners (a card never studied counts 0); ``fits``
is how many cards the first learner has learned by then. The plan *fits* when every card is
learned and the predicted recall reaches the target. (Every card at or above the target is no
test: a card forgotten on the last day is relearned but ends below 0.9 whatever the budget.
An all-Good learner, faster to run, never lapses and overstated what fits by a fifth on the
shipped bank.)

When not every card fits, ``advise`` searches for what would: the fewest daily minutes (up to
600), the earliest later date (up to a year more), or topics left out (the longest run of
topics that fits, ranked most ``seed`` cards and easiest cards first).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from quizcnn.plan.engine import Clock, Item, Outcome, copy_deck, run
from quizcnn.plan.learner import Learner, Rater
from quizcnn.plan.policy import PlannerArm, tight, today
from quizcnn.plan.spec import MINUTES

SEED = 22  # the forecast's learners: the same every time, so the advice is stable


@dataclass(frozen=True)
class Forecast:
    cards: int  # in scope
    learned: int  # studied at least once, now
    fits: int  # cards learned by the date (the first learner)
    recall: float  # predicted mean recall on the morning of the date (Monte Carlo, unseen 0)
    target: float
    today_minutes: float  # the planner's minutes left for today (expected costs)
    today_new: int
    today_reviews: int
    days: int  # study days left, today included
    last_new_day: int | None  # index of the last day with new cards in the projection
    tight: bool = False  # time is short: new cards as early as the minutes allow

    @property
    def feasible(self) -> bool:
        return self.fits >= self.cards and self.recall >= self.target


@dataclass(frozen=True)
class Advice:
    minutes: int | None  # daily minutes that fit every card (None: not within 600)
    later: date | None  # the earliest date that fits every card at the same minutes
    drop: tuple[str, ...]  # topics to leave out so the rest fits
    drop_cards: int  # cards in those topics


RUNS = 4  # simulated learners behind the forecast's predicted recall


def _learned(out: Outcome) -> int:
    return sum(1 for it in out.deck if it.card is not None)


def _run(deck: list[Item], clock: Clock, learner: Learner, budget: float, target: float,
         r: int, spent: float = 0.0) -> Outcome:
    return run(copy_deck(deck), PlannerArm(budget, target), clock, learner,
               Rater(learner.odds, random.Random(SEED + r)), first_day_spent=spent)


def fits(deck: list[Item], clock: Clock, learner: Learner, budget: float,
         target: float) -> bool:
    """Does the first of the forecast's learners learn every card and reach ``target``?"""
    out = _run(deck, clock, learner, budget, target, 0)
    return _learned(out) == len(deck) and out.recall >= target


def forecast(deck: list[Item], clock: Clock, learner: Learner, budget: float, target: float,
             *, spent: float = 0.0, runs: int = RUNS) -> Forecast:
    studied = sum(1 for it in deck if it.card is not None)
    if not clock.days:
        return Forecast(len(deck), studied, 0, 0.0, target, 0.0, 0, 0, 0, None)
    outs = [_run(deck, clock, learner, budget, target, r, spent) for r in range(runs)]
    n_fit = _learned(outs[0])
    recall = sum(o.recall for o in outs) / len(outs)
    last = max((d.day for o in outs for d in o.days if d.new), default=None)
    now = today(copy_deck(deck), clock, learner, budget, target, spent)
    fresh = [it for it in deck if it.card is None]
    short = tight(deck, fresh, len(clock), budget, learner)
    return Forecast(len(deck), studied, n_fit, recall, target, now.seconds / 60, len(now.new),
                    len(now.due) + len(now.early), len(clock), last, short)


def advise(deck: list[Item], clock: Clock, learner: Learner, minutes: int, target: float,
           clock_until: Callable[[date], Clock], interview: date,
           topic_rank: Callable[[list[Item]], list[str]]) -> Advice:
    n = len(deck)

    def ok(c: Clock, m: float, d: list[Item] = deck) -> bool:
        return fits(d, c, learner, m * 60.0, target)

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
    # fewer topics: the longest prefix of the ranking that still fits (halving the gap)
    ranked = topic_rank(deck)
    lo_k, hi_k = 0, len(ranked)  # lo_k fits (nothing kept fits trivially), hi_k does not

    def keep(k: int) -> list[Item]:
        chosen = set(ranked[:k])
        return [it for it in deck if it.topic in chosen]

    while hi_k - lo_k > 1:
        mid = (lo_k + hi_k) // 2
        if ok(clock, minutes, keep(mid)):
            lo_k = mid
        else:
            hi_k = mid
    rest = keep(lo_k)
    drop = ranked[lo_k:] if lo_k else []
    return Advice(need, interview + timedelta(days=later) if later is not None else None,
                  tuple(drop), n - len(rest) if drop else 0)


def rank_topics(deck: list[Item]) -> list[str]:
    """Topics most worth keeping first: more ``seed`` cards, then easier cards, then name."""
    per: dict[str, list[Item]] = {}
    for it in deck:
        per.setdefault(it.topic, []).append(it)

    def key(topic: str) -> tuple[int, float, str]:
        items = per[topic]
        seeds = sum(1 for it in items if it.seed)
        level = sum(it.order[0] for it in items) / len(items)
        return (-seeds, level, topic)

    return sorted(per, key=key)
