"""The planner's day: how many new cards, and which reviews to bring forward.

Each study day before the date (the morning of the date is when recall is measured):

1. FSRS's own due cards come first, as without a plan (learning steps, then reviews, least
   recall first). The planner never postpones one.
2. New cards in scope, the ``seed`` tag's core cards first, are spread evenly over the days up
   to ``LAST_DAYS`` before the date: every card is learned by the morning of the date minus
   ``LAST_DAYS + 1`` days. Why: FSRS brings a card learned with Good back after about 2-3 days;
   keeping the last ``LAST_DAYS`` days for reviews gives every card at least one review a day
   or more after it was learned, where a first-day lapse is caught and relearned before the
   interview instead of during it. When time is short (learning the new cards plus about two
   reviews of every card would take more than the minutes left: ``tight``), new cards are
   learned as early as each day's minutes allow instead: a new card is worth far more recall
   on the day than a review. Either way the day's minutes cap them (a shortfall moves on).
3. A card in the Review state whose next FSRS review falls on or after the date and whose
   predicted recall on the morning of the date (FSRS's forgetting curve) is below the target
   is a *candidate*: it needs one review brought forward. One review, as late as possible,
   gives the most recall on the day for the least reviews, so candidates wait for the last
   ``LAST_DAYS`` days, where they are reviewed lowest predicted recall first until the budget
   is spent (what the budget still holds then goes to the other cards, lowest predicted recall
   on the day first). Only when those days cannot hold them all (a projection of the remaining days
   says how many would be left below target) are that many brought forward today, lowest
   recall first.

The arm's decisions are what ``engine.run`` does; ``service`` writes today's decision into the
store (the queue reads it) and ``simulate`` runs it against the Monte Carlo learner.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import fsrs

from quizcnn.plan.engine import Clock, Day, Item, copy_deck, due_today, new_cards, run
from quizcnn.plan.learner import Learner, Rater

LAST_DAYS = 2  # review-only days before the date (see the module doc)


def candidates(deck: list[Item], clock: Clock, learner: Learner, target: float,
               skip: set[int]) -> list[Item]:
    """Studied cards FSRS will not review before the date whose recall on the day is below
    ``target``, lowest first."""
    out = []
    for it in deck:
        c = it.card
        if c is None or it.id in skip or c.state != fsrs.State.Review or c.due < clock.morning:
            continue
        r = learner.recall(c, clock.morning)
        if r < target:
            out.append((r, it.id, it))
    out.sort(key=lambda x: (x[0], x[1]))
    return [it for _r, _id, it in out]


def tight(deck: list[Item], fresh: list[Item], left: int, budget: float,
          learner: Learner) -> bool:
    """Is time short? Learning what is new plus about two reviews of every card would take
    more than the minutes left."""
    need = len(fresh) * learner.new_card_cost + 2 * len(deck) * learner.review_cost
    return need > left * budget


@dataclass
class PlannerArm:
    budget: float  # seconds a day
    target: float = 0.9
    spill: bool = True  # False inside the projection that decides a spill
    estimate: bool = False  # cap the new cards by expected costs (the queue needs a number;
    # in the engine the day's minutes stop them)

    def decide(self, i: int, deck: list[Item], clock: Clock, learner: Learner) -> Day:
        at, end = clock.days[i]
        left = len(clock) - i  # study days left, today included
        due = due_today(deck, at, end, learner)
        fresh = new_cards(deck, seed_first=True)
        intro_days = left - LAST_DAYS if left > LAST_DAYS else left
        quota = math.ceil(len(fresh) / intro_days) if fresh else 0
        free = self.budget - len(due) * learner.review_cost
        if tight(deck, fresh, left, self.budget, learner):
            quota = len(fresh)  # as many as today's minutes hold
        if self.estimate:
            quota = max(0, min(quota, int(free // learner.new_card_cost)))
        free -= quota * learner.new_card_cost
        skip = {it.id for it in due}
        todo = candidates(deck, clock, learner, self.target, skip)
        if left <= LAST_DAYS:
            # below target first; then what is left of the budget goes to the lowest others
            more = [it for it in candidates(deck, clock, learner, 1.0, skip) if it not in todo]
            return Day(due=due, new=fresh[:quota], late=todo + more)
        n = self._spill(i, deck, clock, learner, todo, fresh, free) if todo else 0
        return Day(due=due, new=fresh[:quota], late=todo[:n])  # a new card is worth more

    def _spill(self, i: int, deck: list[Item], clock: Clock, learner: Learner,
               todo: list[Item], fresh: list[Item], free: float) -> int:
        """How many candidates cannot wait: 0 when the last days clearly hold every card's
        review, else the number a projection of the days left ends below target."""
        if not self.spill or free < learner.review_cost:
            return 0
        studied = sum(1 for it in deck if it.card is not None)
        window = LAST_DAYS * self.budget
        if (studied + len(fresh)) * learner.review_cost <= 0.8 * window:
            return 0
        trial = copy_deck(deck)
        rest = Clock(clock.days[i:], clock.morning)
        out = run(trial, PlannerArm(self.budget, self.target, spill=False), rest, learner,
                  Rater(learner.odds, None))
        below = sum(1 for it in out.deck
                    if it.card is not None and learner.recall(it.card, clock.morning) < self.target)
        return min(below, len(todo), int(free // learner.review_cost))


@dataclass(frozen=True)
class Today:
    """The planner's decision for today as the queue takes it (expected costs)."""

    due: list[Item]
    new: list[Item]
    early: list[Item]  # brought forward, as many as the budget holds
    seconds: float


def today(deck: list[Item], clock: Clock, learner: Learner, budget: float, target: float,
          spent: float = 0.0) -> Today:
    """Today's due cards, new cards and reviews brought forward, within what is left of
    ``budget`` after ``spent`` seconds already studied today."""
    arm = PlannerArm(max(0.0, budget - spent), target, estimate=True)
    day = arm.decide(0, deck, clock, learner)
    used = len(day.due) * learner.review_cost + len(day.new) * learner.new_card_cost
    room = max(0, int((arm.budget - used) // learner.review_cost))
    early = (day.early + day.late)[:room]
    return Today(day.due, day.new, early, used + len(early) * learner.review_cost)
