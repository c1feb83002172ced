"""Make a large progress DB for the store benchmark: 100,000 cards, 1,000,000 review rows.

    python benchmarks/make_big_db.py [PATH] [--cards N] [--reviews N] [--seed S]

The schema comes from the real migrations (open_store); rows are written with plain sqlite3
in the same formats the ORM writes (UTC text times, JSON snapshots), with a fixed seed.
Cards: 15% new, 0.1% in learning, the rest in review over 12 topics, as for someone who
studies daily (a few per cent overdue); ``--backlog`` makes the worst case instead (5% in
learning, last reviews spread over 400 days, so about 70% of all cards are overdue). Reviews
are spread over the two years before the reference time, mostly Good, with lapses.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REF = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)  # "now" for the benchmark
FMT = "%Y-%m-%d %H:%M:%S.%f"
TOPICS = [f"topic-{i:02d}" for i in range(12)]


def ts(dt: datetime) -> str:
    return dt.astimezone(UTC).replace(tzinfo=None).strftime(FMT)


def make(path: Path, n_cards: int, n_reviews: int, seed: int, backlog: bool = False) -> None:
    from quizcnn.store.db import open_store

    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    open_store(path).close()
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    cards = []
    studied = []
    for i in range(n_cards):
        u = rng.random()
        topic = TOPICS[i % len(TOPICS)]
        created = ts(REF - timedelta(days=800))
        base = (i + 1, f"q{i:06d}", topic, "numeric", ",seed,", ",en,zh,", 1 + i % 3, i, 1)
        if u < 0.15:  # new
            cards.append(base + (1, 0, None, None, None, None, 0, 0, 0, 0, None, created))
            continue
        if u < (0.20 if backlog else 0.151):  # learning / relearning
            last = REF - timedelta(days=rng.uniform(0, 400 if backlog else 0.02))
            due = last + timedelta(minutes=10)
            state, step, stab = rng.choice((1, 3)), 0, rng.uniform(0.1, 3)
        else:
            stab = rng.lognormvariate(3, 1.2)
            interval = max(1, round(stab * rng.uniform(0.8, 1.2)))
            if backlog:  # reviews stopped long ago: most cards overdue
                last = REF - timedelta(days=rng.uniform(0, 400))
            else:  # a daily user: a few per cent overdue by a day or two
                last = REF - timedelta(days=rng.uniform(0, interval + 2))
            due = last + timedelta(days=interval)
            state, step = 2, None
        lapses = rng.choice((0, 0, 0, 1, 2))
        cards.append(
            base
            + (
                state,
                step,
                stab,
                rng.uniform(1, 10),
                ts(due),
                ts(last),
                5,
                lapses,
                int(rng.random() < 0.01),
                int(lapses >= 8),
                None,
                created,
            )
        )
        studied.append((i + 1, last))
    con.executemany(f"INSERT INTO cards VALUES ({','.join('?' * 21)})", cards)
    snap = {
        "state": 2,
        "step": None,
        "stability": 12.3456789,
        "difficulty": 5.4321,
        "due": "2026-01-01T00:00:00+00:00",
        "last_review": "2025-12-20T00:00:00+00:00",
        "reps": 4,
        "lapses": 0,
        "suspended": False,
        "leech": False,
        "buried_until": None,
    }
    snap_text = json.dumps(snap)
    start = REF - timedelta(days=730)
    span = 730 * 86400
    batch = []
    rid = 0
    for k in range(n_reviews):
        card_id, last = studied[k % len(studied)]
        at = start + timedelta(seconds=rng.random() * span)
        if at > last:
            at = last - timedelta(seconds=rng.random() * 86400 * 30)
        rating = 1 if rng.random() < 0.1 else (3 if rng.random() < 0.8 else rng.choice((2, 4)))
        rid += 1
        batch.append(
            (
                rid,
                card_id,
                ts(at),
                rating,
                rng.randint(2000, 60000),
                "42",
                int(rating > 1),
                None,
                None,
                "en",
                0,
                "review",
                2 if k >= len(studied) else 0,
                snap_text,
                None,
            )
        )
        if len(batch) == 50_000:
            con.executemany(f"INSERT INTO reviews VALUES ({','.join('?' * 15)})", batch)
            batch.clear()
    if batch:
        con.executemany(f"INSERT INTO reviews VALUES ({','.join('?' * 15)})", batch)
    con.commit()
    con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default="/tmp/quizcnn-big.sqlite3")
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--reviews", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--backlog",
        action="store_true",
        help="worst case: last reviews spread over 400 days, so most cards are overdue",
    )
    a = ap.parse_args(argv)
    t = time.perf_counter()
    make(Path(a.path), a.cards, a.reviews, a.seed, a.backlog)
    size = Path(a.path).stat().st_size / 1e6
    print(
        f"wrote {a.path}: {a.cards} cards, {a.reviews} reviews, {size:.0f} MB "
        f"in {time.perf_counter() - t:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
