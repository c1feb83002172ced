"""The first-paint counts can be limited to cards that have text in one language, or that
carry one of some tags (matched literally: % and _ in a tag are not wildcards)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from quizcnn.store import open_store, sync_bank
from quizcnn.store.quick import quick_counts


def card(qid: str, langs: tuple[str, ...], tags: tuple[str, ...] = ()):
    return SimpleNamespace(id=qid, file="d.md", topic="rf", type="basic", tags=tags,
                           difficulty=1, variants=dict.fromkeys(langs))


def test_counts_follow_the_language(tmp_path):
    now = datetime(2026, 11, 28, 12, tzinfo=UTC)
    db = tmp_path / "p.sqlite3"
    with open_store(db) as store:
        sync_bank(store, [card("a", ("en",)), card("b", ("en", "zh")), card("c", ("zh",))], now)
    assert quick_counts(db, now).new == {"rf": 3}
    assert quick_counts(db, now, "zh").new == {"rf": 2}
    assert quick_counts(db, now, "en").new == {"rf": 2}


def test_counts_follow_the_tags_literally(tmp_path):
    now = datetime(2026, 11, 28, 12, tzinfo=UTC)
    db = tmp_path / "p.sqlite3"
    cards = [card("a", ("en",), ("shapes",)), card("b", ("en",), ("shapes", "flops")),
             card("c", ("en",), ("100%",)), card("d", ("en",), ("a_b",)), card("e", ("en",))]
    with open_store(db) as store:
        sync_bank(store, cards, now)
    assert quick_counts(db, now, tags=("shapes",)).new == {"rf": 2}
    assert quick_counts(db, now, tags=("flops", "100%")).new == {"rf": 2}
    assert quick_counts(db, now, tags=("100",)).new == {}  # no prefix match
    assert quick_counts(db, now, tags=("a%",)).new == {}  # % is a character, not a wildcard
    assert quick_counts(db, now, tags=("a_b",)).new == {"rf": 1}
    assert quick_counts(db, now, tags=("axb",)).new == {}  # _ is not a wildcard either
