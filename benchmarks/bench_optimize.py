"""Personal FSRS parameters: does a fit on a learner's own reviews predict them better?

    python benchmarks/bench_optimize.py [--runs N]

A synthetic learner whose true memory forgets faster than FSRS's default learner (lower
initial stabilities, smaller stability gains after a success) studies 200 cards on the
default schedule (py-fsrs, no fuzz, no same-day steps). At each review it recalls with the
probability FSRS's own forgetting curve gives under its TRUE parameters (py-fsrs's
retrievability of a twin card reviewed with the true parameters), then rates Hard/Good/Easy
(15/75/10%) or Again. Fixed seed: the same 2,000 reviews every run.

The reviews go through the app's own pipeline (``quizcnn.store.optimize.items``: delta_t in
study days with the 4 a.m. boundary); the most recent 20% of items are held out; the fit on the
rest (fsrs-rs-python) and the defaults each predict them: log loss and RMSE (bins). Then the
median time of ``--runs`` fits on a 10,000-review history of the same learner, next to the
median time of evaluating the defaults on it (a baseline measured in the same run).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["TZ"] = "UTC"
time.tzset()

import fsrs  # noqa: E402
import fsrs.scheduler as fs  # noqa: E402

from quizcnn.store import optimize as opt  # noqa: E402

SEED = 20261203
START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # noon: far from the 4 a.m. boundary


def true_parameters() -> tuple[float, ...]:
    w = list(fs.DEFAULT_PARAMETERS)
    w[0:4] = [v * 0.3 for v in w[0:4]]  # initial stabilities: under a third of the default's
    w[8] = max(fs.LOWER_BOUNDS_PARAMETERS[8], w[8] - 0.7)  # smaller gains after a success
    return tuple(w)


def simulate(n_reviews: int, seed: int = SEED) -> list[opt.Logged]:
    rng = random.Random(seed)
    sched = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    truth = fsrs.Scheduler(parameters=true_parameters(), learning_steps=(), relearning_steps=(),
                           enable_fuzzing=False)
    cards: dict[int, tuple[fsrs.Card, fsrs.Card]] = {}
    log: list[opt.Logged] = []
    day, next_id = 0, 1
    while len(log) < n_reviews:
        now = START + timedelta(days=day)
        if len(cards) < n_reviews // 10:  # 10 new cards a day
            for _ in range(10):
                cards[next_id] = (fsrs.Card(card_id=next_id, due=now),
                                  fsrs.Card(card_id=next_id, due=now))
                next_id += 1
        for cid, (c, t) in list(cards.items()):
            if c.due > now + timedelta(hours=1) or len(log) >= n_reviews:
                continue
            new = c.last_review is None
            if new:
                rating = rng.choices([1, 2, 3, 4], [0.25, 0.1, 0.55, 0.1])[0]
            elif rng.random() < truth.get_card_retrievability(t, now):
                rating = rng.choices([2, 3, 4], [0.15, 0.75, 0.1])[0]
            else:
                rating = 1
            log.append(opt.Logged(cid, now, rating, 0 if new else int(c.state)))
            c2, _ = sched.review_card(c, fsrs.Rating(rating), now)
            t2, _ = truth.review_card(t, fsrs.Rating(rating), now)
            cards[cid] = (c2, t2)
        day += 1
    return log


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)

    log = simulate(2000)
    items = opt.items(log)
    n_test = round(len(items) * opt.HELD_OUT_SHARE)
    train, test = items[:-n_test], items[-n_test:]
    fitted = opt.fit_parameters(train, relearning_steps=0)
    d = opt.evaluate(opt.default_parameters(), test)
    f = opt.evaluate(fitted, test)
    t_score = opt.evaluate(true_parameters(), test)
    print(f"synthetic learner: {len(log)} reviews, {len(items)} predicted items "
          f"({len(train)} train, {len(test)} held out, the most recent)")
    print(f"held-out log loss: defaults {d.log_loss:.4f}, fitted {f.log_loss:.4f}, "
          f"true parameters {t_score.log_loss:.4f}")
    print(f"held-out RMSE (bins): defaults {d.rmse:.4f}, fitted {f.rmse:.4f}, "
          f"true parameters {t_score.rmse:.4f}")
    ok = f.log_loss < d.log_loss
    print("fitted beats defaults on log loss:", "yes" if ok else "NO")

    big = opt.items(simulate(10_000, SEED + 1))
    times, base = [], []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        opt.fit_parameters(big, relearning_steps=0)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        opt.evaluate(opt.default_parameters(), big)
        base.append(time.perf_counter() - t0)
    fit_s, ev_s = statistics.median(times), statistics.median(base)
    print(f"fit on 10,000 reviews ({len(big)} items): median {fit_s:.2f} s over {a.runs} runs "
          f"(evaluating the defaults on them: {ev_s * 1000:.0f} ms; ratio {fit_s / ev_s:.0f}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
