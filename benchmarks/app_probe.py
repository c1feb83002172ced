"""Run the app as ``quizcnn ARGS...`` would, with a probe subclass that times it.

    python benchmarks/app_probe.py MARKER [--lag LAG] -- [quizcnn arguments, e.g. drill]

The probe (a ``QuizApp`` subclass installed through ``quizcnn.tui.launch``) appends the
wall-clock time at which the first screen shows its content to MARKER, then exits
(``bench_startup.py``). With ``--lag LAG`` it goes on and times a 10 ms timer on the UI loop
while the bank and the store load, until the store is ready plus one second (or 15 s), and
appends JSON (median, p99, max, store_ready) to LAG, then exits (``bench_lag.py``).
The app itself knows nothing of this.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time


def probe_class(marker: str, lag: str | None) -> type:
    """The probe class; imported only once ``launch`` has turned the collector off."""
    from quizcnn.tui.app import QuizApp

    class Probe(QuizApp):
        def on_first_paint(self) -> bool:
            with open(marker, "a", encoding="utf-8") as fh:
                fh.write(f"{time.time():.6f}\n")
            if lag:
                self.run_worker(self.measure_lag(lag), name="lag")
                return False
            self.exit()
            return True

        async def measure_lag(self, path: str) -> None:
            lags: list[float] = []
            ready_at = None
            begin = time.monotonic()
            while True:
                t = time.monotonic()
                await asyncio.sleep(0.01)
                now = time.monotonic()
                lags.append(now - t - 0.01)
                if ready_at is None and self.store_loaded:
                    ready_at = now
                if (ready_at is not None and now - ready_at > 1.0) or now - begin > 15.0:
                    break
            lags.sort()
            row = {"n": len(lags), "max": lags[-1], "p99": lags[int(0.99 * (len(lags) - 1))],
                   "median": lags[len(lags) // 2],
                   "store_ready": None if ready_at is None else ready_at - begin}
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(row) + "\n")
            self.exit()

    return Probe


def main(argv: list[str]) -> int:
    # split by hand at "--": argparse's REMAINDER would swallow an option given before it
    own, rest = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("marker")
    ap.add_argument("--lag")
    opts = ap.parse_args(own)
    from quizcnn.cli import build_parser
    from quizcnn.tui import launch

    args = build_parser().parse_args(rest)
    return launch(args, lambda: probe_class(opts.marker, opts.lag))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
