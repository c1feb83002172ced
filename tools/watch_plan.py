"""Watch an interview plan day by day as a user would live it (issue 22), through the real app path.

A temporary home with the shipped bank; ``quizcnn plan --interview`` N days out; then each
morning the drill session (``quizcnn.drill.session.Session``: the plan's refresh, the real
queue) is studied by a simulated learner (recall = the card's FSRS retrievability, ratings and
seconds from fsrs-rs-python's simulator defaults) until the queue is empty or the day's minutes
are spent, and what Home would show is printed: days left, cards learned / in scope, predicted
recall on the day, today's plan, and what was done.

    python tools/watch_plan.py [--days 21] [--minutes 40] [--seed 1] [--topic T ...]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=21)
    ap.add_argument("--minutes", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--topic", action="append", default=[])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["QUIZCNN_HOME"] = home
        return watch(args)


def watch(args: argparse.Namespace) -> int:
    import fsrs

    from quizcnn.bank import default_bank
    from quizcnn.drill.session import Session
    from quizcnn.plan import service
    from quizcnn.plan.learner import Learner, Rater
    from quizcnn.plan.spec import PlanSpec
    from quizcnn.store import open_store, sync_bank
    from quizcnn.store.dates import day_start
    from quizcnn.store.scheduler import to_fsrs

    store = open_store()
    start = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    sync_bank(store, default_bank().questions, now=start)
    first = service.today(store, start)
    interview = first + timedelta(days=args.days)
    service.set_plan(store, PlanSpec(interview, args.minutes, tuple(args.topic)), start)
    learner = Learner()
    rater = Rater(learner.odds, random.Random(args.seed))
    budget = args.minutes * 60.0
    roll = store.settings().rollover_hour
    print(f"interview {interview}, {args.minutes} min/day, scope "
          f"{', '.join(args.topic) or 'all topics'}")
    print(f"{'date':<11} {'left':>4} {'learned':>9} {'recall':>6} | {'plan: new':>9} "
          f"{'reviews':>7} {'min':>4} | {'done: new':>9} {'reviews':>7} {'early':>5} {'min':>4}")
    for d in range(args.days + 1):
        day = first + timedelta(days=d)
        now = day_start(day, roll) + timedelta(hours=5)  # 9 a.m.
        spec, f = service.status(store, now)
        if f is None:
            print(f"{day}  the interview day: plain FSRS from here")
            break
        session = Session(store, now)
        plan = session.queue.counts()
        with store.read() as s:
            from sqlalchemy import select

            from quizcnn.store.models import PlanCard

            early_ids = set(s.scalars(select(PlanCard.card_id)))
        spent, new, reviews, early = 0.0, 0, 0, 0
        at = now
        while spent < budget:
            item = session.next_item(at)
            if item is None:
                break
            card = session.reviewer.card(item.card_id)
            if card.last_review is None:
                rating = rater.first()
                cost = learner.cost(None, rating)
                new += 1
            elif card.state == fsrs.State.Review:
                rating = rater.review(learner.recall(to_fsrs(card, at), at))
                cost = learner.cost(fsrs.State.Review, rating)
                reviews += 1
                early += item.card_id in early_ids and (card.due or at) > at
            else:
                rating = rater.step(card.state == fsrs.State.Relearning, fsrs.Rating.Good)
                cost = learner.cost(fsrs.State(card.state), rating)
                reviews += 1
            session.record(item, rating, now=at, duration_ms=int(cost * 1000), answer=None,
                           correct=None)
            spent += cost
            at += timedelta(seconds=cost)
            nxt = session.queue.waiting()
            if session.remaining() == 0 and nxt is not None and nxt > at:
                at = nxt  # wait for a learning step, as a user would come back to it
        print(f"{day}  {f.days:>4} {f.learned:>4}/{f.cards:<4} {f.recall:>6.2f} | "
              f"{plan['new']:>9} {plan['review'] + plan['learning']:>7} "
              f"{f.today_minutes:>4.0f} | {new:>9} {reviews:>7} {early:>5} {spent / 60:>4.0f}")
    spec, f = service.status(store, day_start(interview, roll))
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
