"""Crash and concurrency: real processes, a real file, SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from quizcnn.store.db import open_store

from .deck import basic_deck

ROOT = Path(__file__).resolve().parents[2]


def prepare(db, n):
    bank = db.parent / "bank"
    for topic in ("a", "b"):
        basic_deck(bank, topic, n)
    with open_store(db) as st:
        st.set_setting("new_per_day", 5000)


def start(db, n, topic):
    args = [
        sys.executable,
        "-m",
        "quizcnn",
        "--db",
        str(db),
        "--bank",
        str(db.parent / "bank"),
        "drill",
        "--plain",
        "--topic",
        topic,
    ]
    return subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        bufsize=1,
    )


def db_rows(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_stream_loses_no_acknowledged_answer(tmp_path):
    db = tmp_path / "p.sqlite3"
    n = 150
    prepare(db, n)
    proc = start(db, n, "a")
    # a stream of answers, written ahead of the drill: Enter (reveal), 4 (Easy) per card
    feeder = threading.Thread(
        target=lambda: (proc.stdin.write("\n4\n" * n), proc.stdin.flush()), daemon=True
    )
    feeder.start()
    acked_ids = []  # the card each "saved" line acknowledged (from its "--- n · a · new · Card i")
    current = None
    while len(acked_ids) < 40:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        if line.startswith("--- "):
            current = f"a-{int(line.rsplit('Card ', 1)[1]):04d}"
        if "saved: " in line:
            acked_ids.append(current)
    acked = len(acked_ids)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    # every acknowledged answer is there (one more may have committed before its "saved" line)
    stored = db_rows(db, "SELECT count(*) FROM reviews")[0][0]
    assert acked <= stored < n
    assert db_rows(db, "PRAGMA integrity_check") == [("ok",)]
    # each logged answer moved its card exactly once; no half-written answer
    reps = dict(db_rows(db, "SELECT bank_id, reps FROM cards WHERE reps > 0"))
    assert all(k.startswith("a-") for k in reps)
    assert len(reps) == stored and set(reps.values()) == {1}
    assert set(acked_ids) <= set(reps)
    with open_store(db) as st:  # and the DB opens and works afterwards
        assert st.integrity_check() == []


def test_two_processes_at_once(tmp_path):
    db = tmp_path / "p.sqlite3"
    n = 40
    prepare(db, n)
    procs = [start(db, n, t) for t in ("a", "b")]
    outs = [None, None]

    def talk(i):
        out, err = procs[i].communicate("\n4\n" * n, timeout=120)
        outs[i] = (procs[i].returncode, out, err)

    threads = [threading.Thread(target=talk, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for code, _out, err in outs:
        # both succeed, or one reports "database busy" cleanly (never a traceback)
        assert "Traceback" not in err
        assert code == 0 or "database busy" in err
    acked = sum(out.count("saved: ") for _, out, _ in outs)
    assert db_rows(db, "SELECT count(*) FROM reviews")[0][0] == acked
    assert db_rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert db_rows(db, "SELECT count(*) FROM cards WHERE topic IN ('a', 'b')")[0][0] == 2 * n
    if all(code == 0 for code, _, _ in outs):
        assert acked == 2 * n
