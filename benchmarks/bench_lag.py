"""How long a keypress can wait while the app loads after its first paint.

    python benchmarks/bench_lag.py [--runs 5] [--big] [--questions 10000] [--reviews 1000000]

After the first question is painted, ``quizcnn drill`` still loads the full bank, SQLAlchemy
and the store in worker threads. Run through ``benchmarks/app_probe.py --lag <file>``, the app
then times a 10 ms timer on its UI loop until the store is ready plus one second, and writes
how late it fired
(median, 99th percentile, maximum): a key pressed then waits about as long. The budget is
50 ms. The baseline, measured in the same run, is a bare Textual app timing the same timer
for two seconds after its first paint. Medians over the runs are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_startup import big_case, launch, probe  # noqa: E402

FLOOR = '''
import asyncio, json, sys, time
from textual.app import App
from textual.widgets import Markdown

class Floor(App):
    def compose(self):
        yield Markdown("## Stride\\n\\nWhat does the stride of a convolution set?")

    def on_mount(self):
        self.call_after_refresh(self.mark)

    def mark(self):
        with open(sys.argv[1], "a") as fh:
            fh.write(f"{time.time():.6f}\\n")
        self.run_worker(self.lag())

    async def lag(self):
        lags, begin = [], time.monotonic()
        while time.monotonic() - begin < 2.0:
            t = time.monotonic()
            await asyncio.sleep(0.01)
            lags.append(time.monotonic() - t - 0.01)
        lags.sort()
        with open(sys.argv[2], "a") as fh:
            fh.write(json.dumps({"n": len(lags), "max": lags[-1],
                                 "p99": lags[int(0.99 * (len(lags) - 1))],
                                 "median": lags[len(lags) // 2]}) + "\\n")
        self.exit()

Floor().run()
'''


def runs_of(cmd: list[str], env: dict, marker: Path, lag: Path, runs: int) -> list[dict]:
    out = []
    for _ in range(runs):
        lag.unlink(missing_ok=True)
        launch(cmd, env, marker)
        out.append(json.loads(lag.read_text().splitlines()[-1]))
    return out


def report(label: str, app: list[dict], floor: list[dict]) -> None:
    def med(rows, key):
        return statistics.median(r[key] for r in rows) * 1000

    ready = [r["store_ready"] for r in app if r.get("store_ready") is not None]
    print(f"{label}: UI loop lag while loading: median {med(app, 'median'):.1f} ms, "
          f"p99 {med(app, 'p99'):.1f} ms, max {med(app, 'max'):.1f} ms (budget 50 ms; medians "
          f"of {len(app)} runs; worst max {max(r['max'] for r in app) * 1000:.1f} ms; store "
          f"ready {statistics.median(ready):.2f} s after the first paint). Bare Textual app, "
          f"idle: p99 {med(floor, 'p99'):.1f} ms, max {med(floor, 'max'):.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big", action="store_true", help="also the 10,000-question / 1M-review case")
    ap.add_argument("--questions", type=int, default=10_000)
    ap.add_argument("--reviews", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizcnn-lag-") as tmp:
        work = Path(tmp)
        marker, lag = work / "marker.txt", work / "lag.jsonl"
        env = dict(os.environ, QUIZCNN_HOME=str(work / "home"), TERM="xterm-256color",
                   PYTHONFAULTHANDLER="1")
        for name in ("PYTHONDONTWRITEBYTECODE", "QUIZCNN_DB", "QUIZCNN_BANK"):
            env.pop(name, None)
        floor_py = work / "floor.py"
        floor_py.write_text(FLOOR, encoding="utf-8")
        floor_cmd = [sys.executable, str(floor_py), str(marker), str(lag)]
        base = [sys.executable, "-m", "quizcnn"]
        cases = [("shipped bank, empty DB", base)]
        if args.big:
            bank, db = big_case(work, args.questions, args.reviews)
            cases.append((f"{args.questions:,} questions, {args.reviews:,} reviews",
                          [*base, "--db", str(db), "--bank", str(bank)]))
        for label, cmd in cases:
            subprocess.run([*cmd, "drill", "--plain"], env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            app_cmd = probe([*cmd, "drill"], marker, lag)
            runs_of(app_cmd, env, marker, lag, 1)  # warm-up: caches, index, .pyc
            floor = runs_of(floor_cmd, env, marker, lag, args.runs)
            app = runs_of(app_cmd, env, marker, lag, args.runs)
            report(label, app, floor)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
