"""Store benchmark on a big DB (make it first: python benchmarks/make_big_db.py).

    python benchmarks/bench_store.py [PATH] [--runs N]

Prints the median of several runs for: building today's queue, recording one answer (one
committed transaction, synchronous=FULL), computing the stats, the whole `quizcnn stats`
command, and the stdlib quick counts; each also as a ratio to a baseline measured in the same
run (a bare `SELECT count(*) FROM cards`, and a full scan of the cards table through
sqlite3, which the ratios use). Targets from issue 5: queue <= 50 ms,
answer <= 5 ms, stats <= 1 s. The DB is left as it was (each timed answer is undone).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from make_big_db import REF


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default="/tmp/quizcnn-big.sqlite3")
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args(argv)
    path = Path(a.path)
    if not path.exists():
        print(f"no DB at {path}: run benchmarks/make_big_db.py first", file=sys.stderr)
        return 2
    from quizcnn.store.db import open_store
    from quizcnn.store.queue import build_queue
    from quizcnn.store.quick import quick_counts
    from quizcnn.store.scheduler import Rating, Reviewer
    from quizcnn.store.stats import compute_stats

    con = sqlite3.connect(path)
    count_ms = median_ms(lambda: con.execute("SELECT count(*) FROM cards").fetchone(), a.runs * 3)
    # a full pass over every card row: the yardstick the ratios below use
    base = median_ms(
        lambda: con.execute("SELECT sum(stability), max(bank_id) FROM cards").fetchone(), a.runs
    )
    con.close()
    t = time.perf_counter()
    store = open_store(path)
    open_ms = (time.perf_counter() - t) * 1000
    store.set_setting("enable_fuzzing", False)
    n_cards = len(build_queue(store, REF).main)
    queue_ms = median_ms(lambda: build_queue(store, REF), a.runs)

    rev = Reviewer(store)
    due = build_queue(store, REF).main
    items = [due.popleft() for _ in range(min(a.runs * 3, len(due)))]
    times = []
    for i, item in enumerate(items):
        now = REF + timedelta(seconds=i)
        t = time.perf_counter()
        rev.answer(item.card_id, Rating.Good, now=now, duration_ms=5000, answer="42", correct=True)
        times.append((time.perf_counter() - t) * 1000)
    answer_ms = statistics.median(times)
    for _ in items:  # put the DB back as it was
        rev.undo()

    stats_ms = median_ms(lambda: compute_stats(store, REF), max(3, a.runs // 2))
    quick_ms = median_ms(lambda: quick_counts(path, REF), a.runs)
    store.close()

    def cli():
        subprocess.run(
            [sys.executable, "-m", "quizcnn", "--db", str(path), "stats"],
            check=True,
            capture_output=True,
        )

    cli_ms = median_ms(cli, 3)

    print(f"DB: {path} ({path.stat().st_size / 1e6:.0f} MB); queue has {n_cards} cards")
    print(f"baseline SELECT count(*) FROM cards:           {count_ms:8.2f} ms")
    print(f"baseline full scan of cards (ratio yardstick): {base:8.2f} ms")
    rows = [
        ("open_store (no migration)", open_ms, None),
        ("build today's queue", queue_ms, 50),
        ("record one answer (commit)", answer_ms, 5),
        ("compute_stats", stats_ms, 1000),
        ("`quizcnn stats` (whole process)", cli_ms, 1000),
        ("quick_counts (stdlib sqlite3)", quick_ms, None),
    ]
    for name, ms, target in rows:
        goal = f"target <= {target} ms" if target else ""
        ok = "" if target is None else ("ok" if ms <= target else "OVER")
        print(f"{name:34s} {ms:9.2f} ms  x{ms / base:8.1f} baseline  {goal} {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
