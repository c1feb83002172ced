"""The planner's rules on hand-built decks: pacing, the recall-on-the-day rule, what would fit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import fsrs
import pytest

from quizcnn.plan.engine import Clock, FixedArm, Item, copy_deck, run
from quizcnn.plan.forecast import advise, fits, forecast, rank_topics
from quizcnn.plan.learner import Learner, Rater
from quizcnn.plan.policy import LAST_DAYS, PlannerArm, candidates

BASE = datetime(2026, 3, 2, 9, tzinfo=UTC)
DAY0 = date(2026, 3, 2)


def clock(days: int) -> Clock:
    return Clock(tuple((BASE + timedelta(days=d), BASE + timedelta(days=d, hours=19))
                       for d in range(days)), BASE + timedelta(days=days))


def clock_until(day: date) -> Clock:
    return clock((day - DAY0).days)


def deck(n: int, seeds: int = 0, topics: int = 3) -> list[Item]:
    return [Item(i, f"t{i % topics}", (1 + i % 3, i, i), i < seeds) for i in range(n)]


@pytest.fixture(scope="module")
def learner() -> Learner:
    return Learner()


def reviewed(learner: Learner, card_id: int, days_ago: int, stability: float) -> fsrs.Card:
    last = BASE - timedelta(days=days_ago)
    return fsrs.Card(card_id=card_id, state=fsrs.State.Review, step=None, stability=stability,
                     difficulty=5.0, due=last + timedelta(days=1000), last_review=last)


def test_every_card_is_learned_by_the_stated_day_when_the_budget_allows(learner):
    d = deck(120, seeds=10)
    c = clock(10)
    order: list[int] = []
    arm = PlannerArm(40 * 60, 0.9)

    class Watch:
        budget = arm.budget

        def decide(self, i, dk, ck, ln):
            day = arm.decide(i, dk, ck, ln)
            order.extend(it.id for it in day.new)
            return day

    out = run(d, Watch(), c, learner, Rater(learner.odds, None))
    per_day = [r.new for r in out.days]
    assert sum(per_day) == 120
    assert per_day[-LAST_DAYS:] == [0] * LAST_DAYS  # the last days only review
    assert max(per_day) - min(per_day[:-LAST_DAYS]) <= 1  # spread evenly
    assert sorted(order[:10]) == list(range(10))  # the seed cards first
    assert all(r.seconds <= 40 * 60 * 1.0001 for r in out.days)


def test_when_time_is_short_each_day_is_filled_with_new_cards_within_the_budget(learner):
    import random

    d = deck(400)
    budget = 40 * 60
    out = run(d, PlannerArm(budget, 0.9), clock(10), learner,
              Rater(learner.odds, random.Random(3)))
    # a card is started only when its expected cost fits: drawn costs overshoot a little
    assert all(r.seconds <= budget * 1.1 for r in out.days)
    # tight: 400 cards in 10 x 40 minutes; the first day is filled, not paced at 400 / 8
    assert out.days[0].new > 400 / 8
    assert out.days[0].seconds + learner.new_card_cost > budget


def test_a_card_below_target_on_the_day_is_a_candidate_one_above_is_not(learner):
    c = clock(10)
    weak = Item(1, "t", (1, 1, 1), card=reviewed(learner, 1, 1, 3.0))  # R on the day < 0.9
    strong = Item(2, "t", (1, 2, 2), card=reviewed(learner, 2, 1, 400.0))  # R on the day > 0.9
    due_soon = Item(3, "t", (1, 3, 3), card=reviewed(learner, 3, 1, 3.0))
    due_soon.card = fsrs.Card(card_id=3, state=fsrs.State.Review, step=None, stability=3.0,
                              difficulty=5.0, due=BASE + timedelta(days=2),
                              last_review=BASE - timedelta(days=1))
    assert learner.recall(weak.card, c.morning) < 0.9 < learner.recall(strong.card, c.morning)
    got = candidates([weak, strong, due_soon], c, learner, 0.9, set())
    assert got == [weak]  # FSRS reviews due_soon before the date itself


def test_candidates_wait_for_the_last_days_then_lowest_recall_first(learner):
    c = clock(10)
    items = [Item(i, "t", (1, i, i), card=reviewed(learner, i, 1, s))
             for i, s in enumerate([2.0, 5.0, 3.0, 8.0])]
    arm = PlannerArm(40 * 60, 0.9)
    early = arm.decide(0, items, c, learner)
    assert early.late == []  # room later: nothing brought forward yet
    last = arm.decide(len(c) - 1, items, c, learner)
    assert [it.id for it in last.late] == [0, 2, 1, 3]  # lowest predicted recall first


def test_one_review_on_the_last_days_lifts_a_card_to_the_target(learner):
    c = clock(10)
    items = [Item(i, "t", (1, i, i), card=reviewed(learner, i, 1, 2.5)) for i in range(20)]
    before = [learner.recall(it.card, c.morning) for it in items]
    out = run(copy_deck(items), PlannerArm(40 * 60, 0.9), c, learner,
              Rater(learner.odds, None))
    after = [learner.recall(it.card, c.morning) for it in out.deck]
    assert max(before) < 0.9 and min(after) >= 0.9
    # one review each on the first of the last days: the least that reaches the target (the
    # last day's spare minutes then go to the lowest predicted recall again)
    assert [d.reviews for d in out.days[:-1]] == [0] * (len(c) - 2) + [20]
    assert all(learner.recall(it.card, c.morning) >= 0.9 for it in out.deck)


def test_too_small_a_budget_spills_reviews_earlier(learner):
    c = clock(6)
    items = [Item(i, "t", (1, i, i), card=reviewed(learner, i, 1, 2.5)) for i in range(200)]
    arm = PlannerArm(10 * 60, 0.9)
    day = arm.decide(0, items, c, learner)
    assert day.late  # the last two days cannot hold 200 reviews of ~15 s in 10 minutes each


def test_an_infeasible_plan_gets_numbers_that_do_fit(learner):
    d = deck(200, topics=10)
    c = clock(6)
    f = forecast(d, c, learner, 10 * 60, 0.9)
    assert not f.feasible and f.fits < 200 and f.recall < 0.9
    a = advise(d, c, learner, 10, 0.9, clock_until, DAY0 + timedelta(days=6), rank_topics)
    assert a.minutes is not None and a.later is not None
    assert fits(d, c, learner, a.minutes * 60, 0.9)
    assert not fits(d, c, learner, (a.minutes - 1) * 60, 0.9)  # the fewest minutes
    assert fits(d, clock_until(a.later), learner, 600, 0.9)
    assert not fits(d, clock_until(a.later - timedelta(days=1)), learner, 10 * 60, 0.9)
    rest = [it for it in d if it.topic not in a.drop]
    assert a.drop and len(d) - len(rest) == a.drop_cards
    assert fits(rest, c, learner, 10 * 60, 0.9)


def test_the_planner_beats_plain_fsrs_on_a_short_runway(learner):
    import random

    d = deck(220, seeds=10)  # plain FSRS at 20 a day sees 140 of them
    c = clock(7)
    p = run(copy_deck(d), PlannerArm(40 * 60, 0.9), c, learner,
            Rater(learner.odds, random.Random(1)))
    b = run(copy_deck(d), FixedArm(20), c, learner, Rater(learner.odds, random.Random(1)))
    assert p.recall > b.recall + 0.15
