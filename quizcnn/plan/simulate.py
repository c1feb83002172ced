"""The Monte Carlo learner: the plan against plain FSRS, day by day to the date.

Each run starts from the cards as they are now (a fresh user: all new) and studies them day by
day under an arm (``engine.run``): the planner (``policy.PlannerArm``, the plan's daily budget)
or plain FSRS with the daily limits of the settings (``engine.FixedArm``: due reviews up to
``reviews_per_day``, then ``new_per_day`` new cards, no time limit). Recall follows FSRS with
the active parameters (a review is recalled with the card's retrievability), ratings and
seconds per answer follow fsrs-rs-python's simulator defaults (``learner.Odds``). Run ``r`` of
seed ``S`` draws from ``random.Random(S * 1_000_003 + r)``, the same draws for both arms'
run ``r``: a seed gives the same figures every time.

Expected recall on the day: the mean over the cards in scope of their FSRS retrievability on
the morning of the date (a card never studied counts 0), averaged over the runs.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from quizcnn.plan.engine import Arm, Clock, Item, copy_deck, run
from quizcnn.plan.learner import Learner, Rater


@dataclass(frozen=True)
class ArmStats:
    recall: float  # mean over runs
    reviews: float  # answers to studied cards, mean total over runs
    minutes: float  # mean total
    max_day_minutes: float  # the most minutes any run spent on one day
    per_day: tuple[tuple[float, float, float], ...]  # mean (new, reviews, minutes) per day
    recalls: tuple[float, ...] = ()  # each run's, in seed order (paired across arms)

    def as_json(self) -> dict[str, float]:
        return {"expected_recall": round(self.recall, 4), "reviews": round(self.reviews, 1),
                "minutes_total": round(self.minutes, 1),
                "max_minutes_per_day": round(self.max_day_minutes, 1)}


def run_arm(deck: list[Item], make_arm: Callable[[], Arm], clock: Clock, learner: Learner,
            seed: int, runs: int) -> ArmStats:
    n_days = len(clock)
    sums = [[0.0, 0.0, 0.0] for _ in range(n_days)]
    recall = reviews = seconds = 0.0
    most = 0.0
    each = []
    for r in range(runs):
        rater = Rater(learner.odds, random.Random(seed * 1_000_003 + r))
        out = run(copy_deck(deck), make_arm(), clock, learner, rater)
        recall += out.recall
        each.append(out.recall)
        reviews += out.reviews
        seconds += out.seconds
        for d in out.days:
            sums[d.day][0] += d.new
            sums[d.day][1] += d.reviews
            sums[d.day][2] += d.seconds / 60
            most = max(most, d.seconds / 60)
    k = max(1, runs)
    per_day = tuple((a / k, b / k, c / k) for a, b, c in sums)
    return ArmStats(recall / k, reviews / k, seconds / 60 / k, most, per_day, tuple(each))


def report(interview: date, first_day: date, cards: int, planner: ArmStats,
           baseline: ArmStats) -> dict[str, Any]:
    """The ``--json`` document (keys as issue 22 lists them)."""
    per_day = []
    for i, (p, b) in enumerate(zip(planner.per_day, baseline.per_day, strict=True)):
        per_day.append({
            "day": i + 1,
            "date": (first_day + timedelta(days=i)).isoformat(),
            "planner": {"new": round(p[0], 1), "reviews": round(p[1], 1),
                        "minutes": round(p[2], 1)},
            "baseline": {"new": round(b[0], 1), "reviews": round(b[1], 1),
                         "minutes": round(b[2], 1)},
        })
    return {
        "interview_date": interview.isoformat(),
        "cards_in_scope": cards,
        "days": len(per_day),
        "planner": planner.as_json(),
        "baseline": baseline.as_json(),
        "per_day": per_day,
    }
