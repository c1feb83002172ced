"""A simulated month of drilling into a progress database, through the store API.

    QUIZCNN_HOME=/tmp/qh python tools/simulate_month.py [--days 30] [--seed 7]

Syncs the shipped bank, then each evening (19:00 local) works through today's queue as the
drill does (``build_queue``, ``Queue.next``/``answered``, ``Reviewer.answer``, 40 s a card),
so learning steps come back the same day. The learner forgets faster than FSRS's default
learner: across days it recalls with the probability of FSRS's forgetting curve under its own
parameters (``bench_optimize.true_parameters``), within a day with 85%; it rates
Hard/Good/Easy 15/75/10% when it recalls, Again otherwise. Then try
``python -m quizcnn db optimize`` on that home.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import fsrs
from bench_optimize import true_parameters

from quizcnn.bank import default_bank
from quizcnn.store import Reviewer, build_queue, open_store, sync_bank
from quizcnn.store.dates import as_utc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    truth = fsrs.Scheduler(parameters=true_parameters(), enable_fuzzing=False)
    twins: dict[int, fsrs.Card] = {}
    first = datetime.now().date() - timedelta(days=a.days)
    total = 0
    with open_store() as store:
        sync_bank(store, list(default_bank(None).questions))
        store.set_setting("new_per_day", 20)
        rev = Reviewer(store)
        for d in range(a.days):
            now = as_utc(datetime.combine(first + timedelta(days=d), time(19)).astimezone())
            queue = build_queue(store, now)
            session = rev.start_session(now=now)
            while (item := queue.next(now)) is not None:
                twin = twins.get(item.card_id) or fsrs.Card(card_id=item.card_id, due=now)
                if item.is_new:
                    rating = rng.choices([1, 2, 3, 4], [0.25, 0.1, 0.55, 0.1])[0]
                else:
                    same_day = twin.last_review and twin.last_review.date() == now.date()
                    p = 0.85 if same_day else truth.get_card_retrievability(twin, now)
                    rating = rng.choices([2, 3, 4], [0.15, 0.75, 0.1])[0] \
                        if rng.random() < p else 1
                res = rev.answer(item.card_id, rating, now=now, duration_ms=40_000,
                                 session_id=session)
                twins[item.card_id], _ = truth.review_card(twin, fsrs.Rating(rating), now)
                queue.answered(item, res.state, res.due)
                total += 1
                now += timedelta(seconds=40)
            rev.end_session(session, now=now)
        print(f"{a.days} days, {total} answers recorded in {store.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
