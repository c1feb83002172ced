"""Bank loading speed: a generated 10,000-question bank, cold (parsing) vs warm (parse cache).

    python benchmarks/bench_bank_load.py [--questions 10000] [--runs 5]

Prints the median of several runs for: a cold load with the cache off (every file parsed by
markdown-it-py), a first load that also writes the cache, and a warm load served by the cache;
then the ratio warm/cold. Everything happens under a temporary folder (QUIZCNN_HOME too).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TYPES = ("basic", "numeric", "choice", "cloze", "generated")
TEMPLATES = ("conv-output-size", "conv-params", "receptive-field-size", "pool-output-size")


def question(i: int) -> str:
    kind = TYPES[i % len(TYPES)]
    head = f"## Generated question {i}\nid: bench-{i}\ntype: {kind}\ntags: bench, t{i % 7}\ndifficulty: {1 + i % 3}\n"
    c_in, c_out, k = 3 + i % 61, 8 + i % 120, (1, 3, 5, 7)[i % 4]
    if kind == "basic":
        return (head + f"\nWhy does a ${k} \\times {k}$ kernel with stride $s$ give "
                "$\\lfloor (n + 2p - k)/s \\rfloor + 1$ outputs?\n\n### Answer\n"
                "Count the window positions: the first starts at $-p$, each next one $s$ further.\n\n"
                "### Explanation\nSee the **output size** formula.\n")
    if kind == "numeric":
        params = c_out * c_in * k * k + c_out
        return (head + f"answer: {params}\nunit: parameters\n"
                f"check: Conv2d({c_in}, {c_out}, {k}) @ {c_in}x64x64: params = {params}\n\n"
                f"How many parameters has `Conv2d({c_in}, {c_out}, {k})`?\n")
    if kind == "choice":
        return (head + "\nWhich layers have no learnable parameters?\n\n### Choices\n"
                "- [x] MaxPool2d\n- [ ] Conv2d\n- [x] ReLU\n- [ ] Linear\n")
    if kind == "cloze":
        return (head + "\nOutput size: $\\lfloor (n + 2p - {{d(k-1)}} - 1)/s \\rfloor + {{1}}$, "
                "parameters {{C_out C_in k^2 + C_out|with bias}}.\n")
    return head + f"template: {TEMPLATES[i % len(TEMPLATES)]}\n"


def translation(i: int) -> str:
    kind = TYPES[i % len(TYPES)]
    body = {"basic": "\n为什么?\n\n### 答案\n数一数窗口的位置。\n",
            "numeric": "\n这一层有多少参数?\n",
            "choice": "\n哪些层没有可学习参数?\n\n### 选项\n- [x] MaxPool2d\n- [ ] Conv2d\n- [x] ReLU\n- [ ] Linear\n",
            "cloze": "\n输出尺寸: ${{d(k-1)}} + {{1}}$ 与 {{C_out C_in k^2 + C_out}}。\n",
            "generated": "\n"}[kind]
    return f"## 生成的题目 {i}\ntranslation_of: bench-{i}\nlang: zh\ntype: {kind}\n" + body


def make_bank(root: Path, n: int, per_file: int = 100) -> Path:
    """Write n questions (plus zh translations of every fourth) in decks of per_file."""
    bank = root / "bank"
    (bank / "zh").mkdir(parents=True, exist_ok=True)
    for start in range(0, n, per_file):
        ids = range(start, min(n, start + per_file))
        deck = f"---\ntopic: topic-{start // per_file % 20}\nsource: bench\n---\n\n# Deck {start // per_file}\n\n"
        (bank / f"deck-{start // per_file:03d}.md").write_text(
            deck + "\n".join(question(i) for i in ids), encoding="utf-8")
        (bank / "zh" / f"deck-{start // per_file:03d}.md").write_text(
            "\n".join(translation(i) for i in ids if i % 4 == 0), encoding="utf-8")
    return bank


def timed(fn, runs: int) -> tuple[float, float, object]:
    """Median wall time, median CPU time of this process, last result."""
    wall, cpu, result = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizcnn-bench-") as tmp:
        os.environ["QUIZCNN_HOME"] = str(Path(tmp) / "home")
        from quizcnn.bank import load
        from quizcnn.bank.cache import clear

        bank_dir = make_bank(Path(tmp), args.questions)
        size = sum(p.stat().st_size for p in bank_dir.rglob("*.md"))
        run = lambda **kw: load([bank_dir], user_bank=False, **kw)  # noqa: E731

        cold, cold_cpu, bank = timed(lambda: run(cache=False), args.runs)
        assert len(bank.questions) == args.questions and not bank.errors, bank.errors[:3]

        def first():
            clear()
            return run()

        first_t, first_cpu, _ = timed(first, args.runs)
        warm, warm_cpu, bank2 = timed(run, args.runs)
        assert [q.id for q in bank2.questions] == [q.id for q in bank.questions]
        print(f"bank: {args.questions} questions + {args.questions // 4} translations, "
              f"{len(bank.files)} files, {size / 2**20:.1f} MB; median of {args.runs} runs "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        print(f"{'':36}{'wall':>10}{'cpu':>10}")
        for label, w, c in (("cold (no cache, parse everything)", cold, cold_cpu),
                            ("first load (parse + write cache)", first_t, first_cpu),
                            ("warm (parse cache)", warm, warm_cpu)):
            print(f"{label:36}{w * 1000:8.0f}ms{c * 1000:8.0f}ms")
        print(f"cold: {cold_cpu / args.questions * 1e6:.0f} us CPU per question")
        print(f"ratio warm/cold: wall {warm / cold:.3f}, cpu {warm_cpu / cold_cpu:.3f} "
              f"(speed-up x{cold_cpu / warm_cpu:.1f})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
