"""Write a fixture DB for every released schema revision (run by hand when a schema ships).

    python -m tests.store.make_fixtures

Each file is made by the real migrations up to that revision, then filled with rows through
plain SQL (as that version of quizcnn would have written them), in rollback-journal mode so
the fixture is one self-contained file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

HERE = Path(__file__).parent / "fixtures"

CARDS = [
    # id, bank_id, topic, qtype, tags, langs, level, position, in_bank, state, step,
    # stability, difficulty, due, last_review, reps, lapses, suspended, leech, buried_until, created
    (
        1,
        "rf-definition",
        "receptive-field",
        "basic",
        ",seed,",
        ",en,zh,",
        1,
        0,
        1,
        2,
        None,
        12.345678901234567,
        4.5,
        "2026-01-20 09:00:00.000000",
        "2026-01-08 09:00:00.000000",
        3,
        0,
        0,
        0,
        None,
        "2026-01-01 08:00:00.000000",
    ),
    (
        2,
        "conv-params",
        "conv",
        "numeric",
        ",seed,interview,",
        ",en,",
        2,
        1,
        1,
        3,
        0,
        0.8,
        7.25,
        "2026-01-09 10:10:00.123456",
        "2026-01-09 10:00:00.123456",
        9,
        8,
        0,
        1,
        None,
        "2026-01-01 08:00:00.000000",
    ),
    (
        3,
        "gen-conv-output-size-1",
        "conv",
        "generated",
        "",
        ",en,zh,",
        1,
        2,
        1,
        1,
        0,
        None,
        None,
        None,
        None,
        0,
        0,
        1,
        0,
        None,
        "2026-01-01 08:00:00.000000",
    ),
    (
        4,
        "removed-question",
        "pool",
        "choice",
        "",
        ",en,",
        2,
        3,
        0,
        2,
        None,
        30.0,
        3.0,
        "2026-02-01 09:00:00.000000",
        "2026-01-02 09:00:00.000000",
        2,
        0,
        0,
        0,
        None,
        "2026-01-01 08:00:00.000000",
    ),
]
REVIEWS = [
    # id, card_id, reviewed_at, rating, duration_ms, answer, correct, misconception, problem,
    # lang, hint_used, kind, state_before, card_before
    (
        1,
        1,
        "2026-01-01 09:00:00.000000",
        3,
        None,
        None,
        None,
        None,
        None,
        "en",
        0,
        "review",
        0,
        '{"state": 1}',
    ),
    (
        2,
        1,
        "2026-01-08 09:00:00.000000",
        3,
        5000,
        None,
        None,
        None,
        None,
        "zh",
        0,
        "review",
        2,
        '{"state": 2}',
    ),
    (
        3,
        2,
        "2026-01-09 10:00:00.123456",
        1,
        31000,
        "9472",
        0,
        "forgot-bias",
        None,
        "en",
        1,
        "review",
        2,
        '{"state": 2}',
    ),
    (
        4,
        3,
        "2026-01-05 12:00:00.000000",
        3,
        8000,
        "112x112",
        1,
        None,
        '{"template": "conv-output-size", "seed": 42, "prompt": {"en": "\\u00e9 n=224"}}',
        "en",
        0,
        "cram",
        0,
        None,
    ),
    (
        5,
        4,
        "2026-01-02 09:00:00.000000",
        4,
        2500,
        "b",
        1,
        None,
        None,
        "en",
        0,
        "review",
        0,
        '{"state": 1}',
    ),
]
SETTINGS = [("new_per_day", "12"), ("rollover_hour", "5")]


def make(revision: str) -> Path:
    from alembic import command
    from alembic.config import Config

    HERE.mkdir(exist_ok=True)
    path = HERE / f"schema-{revision}.sqlite3"
    path.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", "quizcnn.store:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()
    con = sqlite3.connect(path)
    con.executemany(f"INSERT INTO cards VALUES ({','.join('?' * 21)})", CARDS)
    con.executemany(
        "INSERT INTO reviews (id, card_id, reviewed_at, rating, duration_ms, answer, correct,"
        " misconception, problem, lang, hint_used, kind, state_before, card_before)"
        f" VALUES ({','.join('?' * 14)})",
        REVIEWS,
    )
    con.executemany("INSERT INTO settings VALUES (?, ?)", SETTINGS)
    con.commit()
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("VACUUM")
    con.close()
    return path


if __name__ == "__main__":
    for rev in ("0001", "0002", "0003", "0004", "0005", "0006"):
        print(make(rev))
