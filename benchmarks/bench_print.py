"""Printing speed: 1,000 generated problems to HTML, 100 with solutions to PDF.

Prints medians over several runs, and as a baseline measured in the same run the time to
draw the same problems without printing them (so the ratio shows what printing adds).
Targets from the issue: HTML under 2 s, PDF under 5 s on the 2-core dev machine.

    python benchmarks/bench_print.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from quizcnn.printing import html, typ
from quizcnn.printing.select import Request, build


def cold() -> None:
    """Empty the printers' caches so every run pays for parsing, as a fresh process does."""
    from quizcnn.printing import ir

    ir.parse.cache_clear()
    ir.parse_inline.cache_clear()
    html._math.cache_clear()


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        cold()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    def draw(n):
        return build(Request(count=n, seed=5, mix="generated", date="2026-11-28"), None)[0]

    big = draw(1000)
    small = draw(100)
    cjk = typ.find_cjk_font(typ.font_paths())

    t_draw_1000 = timed(lambda: draw(1000), args.runs)
    t_html = timed(lambda: html.render(big), args.runs)
    t_draw_100 = timed(lambda: draw(100), args.runs)
    t_pdf = timed(
        lambda: typ.compile_pdf(typ.source(small, cjk_font=cjk), date=small.date, paths=[]),
        args.runs,
    )
    print(f"draw 1,000 problems (baseline):     {t_draw_1000 * 1000:8.1f} ms")
    print(f"1,000 problems to HTML (render):    {t_html * 1000:8.1f} ms   "
          f"draw + render {(t_draw_1000 + t_html):.2f} s (target < 2 s), "
          f"render/draw ratio {t_html / t_draw_1000:.2f}")
    print(f"draw 100 problems (baseline):       {t_draw_100 * 1000:8.1f} ms")
    print(f"100 problems to PDF (typeset):      {t_pdf * 1000:8.1f} ms   "
          f"draw + typeset {(t_draw_100 + t_pdf):.2f} s (target < 5 s), "
          f"typeset/draw ratio {t_pdf / t_draw_100:.2f}")
    print(f"medians of {args.runs} runs")


if __name__ == "__main__":
    main()
