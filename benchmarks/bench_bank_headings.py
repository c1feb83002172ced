"""`bank check` on a file of N untitled ``## q`` headings: linear, not quadratic (issue 11 item 8).

    python benchmarks/bench_bank_headings.py [--small 10000] [--factor 10] [--runs 3]

Loads (parse cache off) a file of ``small`` headings and one of ``factor`` times as many, all
without ids (so every card gets a numbered id and a 'no type' error), and prints the median
time of each and their ratio: about ``factor`` for linear work, ``factor**2`` for quadratic.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QUIZCNN_HOME"] = tmp
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from quizcnn.bank.load import load_sources

        medians = []
        for n in (args.small, args.small * args.factor):
            folder = Path(tmp) / f"n{n}"
            folder.mkdir()
            (folder / "big.md").write_text("## q\n" * n)
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                bank = load_sources([(folder, "user")], cache=False)
                times.append(time.perf_counter() - t0)
            assert len(bank.errors) == n
            medians.append(statistics.median(times))
            print(f"{n:>8} headings: median {medians[-1]:.2f} s over {args.runs} runs")
        print(f"ratio {medians[1] / medians[0]:.1f} for {args.factor}x the headings "
              f"(linear ~{args.factor}, quadratic ~{args.factor ** 2})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
