"""New cards come round-robin across decks, so generated drills appear from the first day."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from quizcnn.store import build_queue, open_store, sync_bank


def q(qid: str, deck: str, qtype: str = "basic"):
    return SimpleNamespace(id=qid, file=deck, topic=deck, type=qtype, tags=(), difficulty=1,
                           variants={"en": None})


def test_new_cards_alternate_between_decks(tmp_path):
    now = datetime(2026, 11, 28, 12, tzinfo=UTC)
    questions = [q(f"a{i}", "a.md") for i in range(5)] + [
        q(f"g{i}", "generated.md", "generated") for i in range(5)
    ]
    with open_store(tmp_path / "p.sqlite3") as store:
        store.set_setting("new_per_day", 4)
        sync_bank(store, questions, now)
        queue = build_queue(store, now)
        first = [item.bank_id for item in list(queue.main)[:4]]
    assert sorted(first) == ["a0", "a1", "g0", "g1"], first
