"""The interview planner against plain FSRS (issue 22), in the Monte Carlo simulator.

Shipped bank, every topic, interview 10 days out, 40 minutes a day, default FSRS parameters,
a new user (every card new). Arms, each over the same seeded learners:

- planner: ``quizcnn.plan.policy.PlannerArm`` at the 40-minute budget;
- baseline: plain FSRS with the default daily limits (20 new, 200 reviews), no time limit;
- a sweep of constant new-cards-per-day limits, due reviews first, capped at the same 40
  minutes a day (the best constant pacing the budget allows).

    python benchmarks/bench_plan.py [--runs 20] [--seed 0] [--days 10] [--minutes 40]

Prints expected recall on the morning of the date (unseen cards count 0), reviews, minutes in
all and the most minutes on one day, and checks the issue's targets. The planner and the best
constant limit are compared learner by learner (run r of every arm draws from the same seed):
the mean difference and its standard error.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--days", type=int, default=10)
    ap.add_argument("--minutes", type=int, default=40)
    args = ap.parse_args()

    from quizcnn.bank import default_bank
    from quizcnn.plan import service
    from quizcnn.plan.engine import FixedArm
    from quizcnn.plan.policy import PlannerArm
    from quizcnn.plan.simulate import run_arm
    from quizcnn.store.db import open_store
    from quizcnn.store.sync import sync_bank

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite3")
        sync_bank(store, default_bank().questions, now=NOW)
        interview: date = service.today(store, NOW) + timedelta(days=args.days)
        learner = service.learner_for(store)
        deck = service.deck_for(store, (), NOW)
        clock = service.clock_for(store, NOW, interview)
        st = store.settings()
        store.close()
    budget = args.minutes * 60.0
    print(f"{len(deck)} cards (shipped bank, all topics), interview {args.days} days out, "
          f"{args.minutes} min/day, default FSRS parameters, {args.runs} learners, "
          f"seed {args.seed}")
    print(f"costs (fsrs-rs-python simulator defaults): new card {learner.new_card_cost:.1f} s "
          f"with its learning steps, review {learner.review_cost:.1f} s")
    print()
    print(f"{'arm':<34} {'recall':>7} {'reviews':>8} {'minutes':>8} {'max/day':>8} "
          f"{'wall s':>7}")

    def show(name: str, stats, secs: float) -> None:
        print(f"{name:<34} {stats.recall:>7.3f} {stats.reviews:>8.0f} {stats.minutes:>8.0f} "
              f"{stats.max_day_minutes:>8.1f} {secs:>7.2f}")

    t = time.perf_counter()
    planner = run_arm(deck, lambda: PlannerArm(budget, 0.9), clock, learner, args.seed,
                      args.runs)
    show("planner (target 0.9)", planner, time.perf_counter() - t)
    t = time.perf_counter()
    baseline = run_arm(deck, lambda: FixedArm(st.new_per_day, st.reviews_per_day), clock,
                       learner, args.seed, args.runs)
    show(f"plain FSRS {st.new_per_day} new/day, no cap", baseline, time.perf_counter() - t)
    best = None
    for limit in (10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 80):
        t = time.perf_counter()
        s = run_arm(deck, lambda limit=limit: FixedArm(limit, 10**9, budget), clock, learner,
                    args.seed, args.runs)
        show(f"constant {limit} new/day, {args.minutes}-min cap", s, time.perf_counter() - t)
        if best is None or s.recall > best[1].recall:
            best = (limit, s)
    assert best is not None
    # paired by learner (run r of both arms has the same seed): mean difference and its SE
    diffs = [a - b for a, b in zip(planner.recalls, best[1].recalls, strict=True)]
    mean = sum(diffs) / len(diffs)
    var = sum((d - mean) ** 2 for d in diffs) / max(1, len(diffs) - 1)
    se = (var / len(diffs)) ** 0.5
    print()
    print(f"planner - best constant ({best[0]}/day), paired over {len(diffs)} learners: "
          f"{mean:+.4f} (standard error {se:.4f})")
    checks = [
        (f"planner - baseline >= 0.15 ({planner.recall - baseline.recall:+.3f})",
         planner.recall - baseline.recall >= 0.15),
        (f"planner >= 0.75 ({planner.recall:.3f})", planner.recall >= 0.75),
        (f"never over the budget by more than 10% (max {planner.max_day_minutes:.1f} min)",
         planner.max_day_minutes <= 1.1 * args.minutes),
        (f"planner >= best constant limit ({best[0]}/day: {best[1].recall:.3f}), within two "
         f"standard errors of the paired difference", mean >= -2 * se),
    ]
    for text, ok in checks:
        print(f"{'ok  ' if ok else 'MISS'} {text}")
    return 0 if all(ok for _t, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
