"""Start-up time of the app: from launching ``quizcnn drill`` to the first question on screen.

    python benchmarks/bench_startup.py [--runs 7] [--big] [--home] [--cram] [--questions 10000] [--reviews 1000000]

Each run starts a fresh process in a pseudo-terminal (100x30). ``quizcnn drill`` opens on the
first question (``quizcnn`` alone opens Home, where a key starts the same drill). The app runs
through ``benchmarks/app_probe.py`` (the same start-up as ``python -m quizcnn``, with a probe
subclass): it appends the wall-clock time at which the first question has been painted, then
exits. The floor is a bare Textual app that
shows one Markdown widget and records the same moment. Both are measured in the same run,
interleaved; medians are printed with the ratio. One untimed warm-up run fills the bank's
parse cache and creates the DB (an empty DB: cards synced, no reviews).

``--cram`` adds ``quizcnn drill --cram`` (study ahead) against ``quizcnn drill`` on one DB in
which 60 cards have been studied (set directly in SQLite: review state, due in 1-30 days),
interleaved in the same runs; the ratio of the two medians is the figure (target 1.3x).
``--home`` adds ``quizcnn`` alone, timed to Home showing today's counts (no target; shown
for information). ``--big`` adds the large case: a 10,000-question bank (benchmarks/bench_bank_load.py) and a
DB with 1,000,000 review rows (benchmarks/make_big_db.py, its card ids renamed to the bank's).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import UTC
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = '''
import sys, time
from textual.app import App
from textual.widgets import Markdown

TEXT = """## Stride

What does the stride of a convolution set? Answer in one sentence, then check below.
"""

class Floor(App):
    def compose(self):
        yield Markdown(TEXT)

    def on_mount(self):
        self.call_after_refresh(self.mark)

    def mark(self):
        with open(sys.argv[1], "a") as fh:
            fh.write(f"{time.time():.6f}\\n")
        self.exit()

Floor().run()
'''


def _own_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty (as in a real
    terminal window), so the app is the foreground process group and is never stopped."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def launch(cmd: list[str], env: dict, marker: Path, timeout: float = 60.0) -> float:
    """Seconds from starting ``cmd`` in a pty to the time it wrote into ``marker``."""
    marker.unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    t0 = time.time()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env,
                            close_fds=True, preexec_fn=_own_terminal)
    os.close(slave)
    deadline = time.monotonic() + timeout
    tail = b""
    try:
        while proc.poll() is None:
            if time.monotonic() > deadline:
                proc.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
                time.sleep(1.0)
                with contextlib.suppress(OSError):
                    tail += os.read(master, 1 << 20)
                proc.kill()
                dump = Path(tempfile.gettempdir()) / "quizcnn-bench-stuck.txt"
                dump.write_bytes(tail[-200_000:])
                raise RuntimeError(f"{' '.join(cmd)} did not finish in {timeout:.0f} s "
                                   f"(its last output: {dump})")
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    tail = (tail + os.read(master, 65536))[-200_000:]
                except OSError:
                    pass
    finally:
        os.close(master)
        proc.wait()
    try:
        return float(marker.read_text().split()[-1]) - t0
    except (OSError, ValueError, IndexError):
        raise RuntimeError(f"{' '.join(cmd)} exited ({proc.returncode}) without painting") from None


def probe(cmd: list[str], marker: Path, lag: Path | None = None) -> list[str]:
    """``cmd`` (``python -m quizcnn ARGS``) run through the probe that marks the first paint."""
    python, dash_m, module, *rest = cmd
    assert (dash_m, module) == ("-m", "quizcnn"), cmd
    extra = ["--lag", str(lag)] if lag is not None else []
    return [python, str(HERE / "app_probe.py"), str(marker), *extra, "--", *rest]


def big_case(root: Path, questions: int, reviews: int) -> tuple[Path, Path]:
    sys.path.insert(0, str(HERE))
    from bench_bank_load import make_bank

    bank = make_bank(root, questions)
    db = root / "big.sqlite3"
    subprocess.run([sys.executable, str(HERE / "make_big_db.py"), str(db), "--cards",
                    str(questions), "--reviews", str(reviews)], check=True,
                   stdout=subprocess.DEVNULL)
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("UPDATE cards SET bank_id = 'bench-' || (id - 1)")
    con.commit()
    con.close()
    return bank, db


def measure(label: str, base: list[str], sub: list[str], env: dict, runs: int, work: Path,
            what: str = "first question") -> None:
    """Time ``base + sub`` (``base``: the interpreter, ``-m quizcnn`` and global options)."""
    marker = work / "marker.txt"
    app_cmd = probe([*base, *sub], marker)
    floor_py = work / "floor.py"
    floor_py.write_text(FLOOR, encoding="utf-8")
    # warm-up, untimed: the DB created and synced with the bank (a line-mode drill that reads
    # no answer), then one app run (parse cache, start-up index, .pyc files)
    subprocess.run([*base, "drill", "--plain"], env=env, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    launch(app_cmd, env, marker)
    launch([sys.executable, str(floor_py), str(marker)], env, marker)
    app_t, floor_t = [], []
    for _ in range(runs):
        floor_t.append(launch([sys.executable, str(floor_py), str(marker)], env, marker))
        app_t.append(launch(app_cmd, env, marker))
    a, f = statistics.median(app_t), statistics.median(floor_t)
    print(f"{label}: quizcnn {what} {a * 1000:.0f} ms, bare Textual Markdown app "
          f"{f * 1000:.0f} ms, ratio {a / f:.2f} (median of {runs}; "
          f"app runs {', '.join(f'{x * 1000:.0f}' for x in app_t)} ms)")


def study_some(db: Path, n: int = 60) -> None:
    """Mark ``n`` cards studied (review state, last seen 1-20 days ago, due in 1-30 days)."""
    import random
    import sqlite3
    from datetime import datetime, timedelta

    fmt = "%Y-%m-%d %H:%M:%S.%f"
    now = datetime.now(UTC).replace(tzinfo=None)
    rng = random.Random(5)
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM cards ORDER BY id LIMIT ?", (n,))]
    for cid in ids:
        last = now - timedelta(days=rng.randint(1, 20))
        due = now + timedelta(days=rng.randint(1, 30))
        con.execute("UPDATE cards SET state = 2, step = NULL, stability = ?, difficulty = 5.0,"
                    " last_review = ?, due = ?, reps = 1 WHERE id = ?",
                    (rng.uniform(2, 40), last.strftime(fmt), due.strftime(fmt), cid))
    con.commit()
    con.close()


def measure_cram(base: list[str], env: dict, runs: int, work: Path) -> None:
    """``drill --cram`` and ``drill`` on one DB with studied cards, interleaved."""
    marker = work / "marker.txt"
    subprocess.run([*base, "drill", "--plain"], env=env, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    db = Path(subprocess.run([*base, "db", "path"], env=env, capture_output=True, text=True,
                             check=True).stdout.strip())
    study_some(db)
    plain, cram = probe([*base, "drill"], marker), probe([*base, "drill", "--cram"], marker)
    launch(plain, env, marker)
    launch(cram, env, marker)
    plain_t, cram_t = [], []
    for _ in range(runs):
        plain_t.append(launch(plain, env, marker))
        cram_t.append(launch(cram, env, marker))
    a, c = statistics.median(plain_t), statistics.median(cram_t)
    print(f"cram (60 studied cards): 'quizcnn drill --cram' first question {c * 1000:.0f} ms, "
          f"'quizcnn drill' {a * 1000:.0f} ms, ratio {c / a:.2f} (median of {runs}; cram runs "
          f"{', '.join(f'{x * 1000:.0f}' for x in cram_t)} ms)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--big", action="store_true", help="also the 10,000-question / 1M-review case")
    ap.add_argument("--home", action="store_true",
                    help="also 'quizcnn' (Home with today's counts), for information")
    ap.add_argument("--cram", action="store_true",
                    help="also 'quizcnn drill --cram' against 'quizcnn drill' (same DB)")
    ap.add_argument("--questions", type=int, default=10_000)
    ap.add_argument("--reviews", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizcnn-bench-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, QUIZCNN_HOME=str(work / "home"), TERM="xterm-256color",
                   PYTHONFAULTHANDLER="1")
        # an installed package has its .pyc files (pip compiles them; the warm-up run writes
        # them for an editable install): never time our modules compiled from source
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("QUIZCNN_DB", None)
        env.pop("QUIZCNN_BANK", None)
        # 'quizcnn drill' opens on the first question ('quizcnn' alone opens Home)
        cmd = [sys.executable, "-m", "quizcnn"]
        measure("shipped bank, empty DB", cmd, ["drill"], env, args.runs, work)
        if args.home:
            measure("Home with today's counts ('quizcnn'), shipped bank", cmd, [], env, args.runs,
                    work, what="Home")
        if args.cram:
            measure_cram(cmd, env, args.runs, work)
        if args.big:
            bank, db = big_case(work, args.questions, args.reviews)
            big = [*cmd, "--db", str(db), "--bank", str(bank)]
            measure(f"{args.questions:,} questions, {args.reviews:,} reviews", big, ["drill"],
                    env, args.runs, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
