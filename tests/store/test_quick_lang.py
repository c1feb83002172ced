"""The first-paint counts can be limited to cards that have text in one language."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from quizcnn.store import open_store, sync_bank
from quizcnn.store.quick import quick_counts


def card(qid: str, langs: tuple[str, ...]):
    return SimpleNamespace(id=qid, file="d.md", topic="rf", type="basic", tags=(),
                           difficulty=1, variants=dict.fromkeys(langs))


def test_counts_follow_the_language(tmp_path):
    now = datetime(2026, 11, 28, 12, tzinfo=UTC)
    db = tmp_path / "p.sqlite3"
    with open_store(db) as store:
        sync_bank(store, [card("a", ("en",)), card("b", ("en", "zh")), card("c", ("zh",))], now)
    assert quick_counts(db, now).new == {"rf": 3}
    assert quick_counts(db, now, "zh").new == {"rf": 2}
    assert quick_counts(db, now, "en").new == {"rf": 2}
