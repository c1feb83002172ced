"""Export/import: exact round trip, refusing a non-empty DB, merging without duplicates."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from quizcnn.store import StoreError
from quizcnn.store.db import open_store
from quizcnn.store.export import export_json, import_json
from quizcnn.store.scheduler import Rating, Reviewer
from quizcnn.store.sync import sync_bank

from .conftest import T0, questions


def history(store):
    sync_bank(store, questions(4, topics=("a", "b")), now=T0)
    store.set_setting("new_per_day", 9)
    rev = Reviewer(store)
    sid = rev.start_session(now=T0)
    rev.answer(1, Rating.Good, now=T0, session_id=sid, answer="é 中文", duration_ms=1234)
    rev.answer(
        2,
        Rating.Again,
        now=T0 + timedelta(seconds=1.5),
        correct=False,
        problem={"template": "t", "seed": 3, "x": [1.1, None]},
        misconception="m",
    )
    rev.answer(1, Rating.Easy, now=T0 + timedelta(minutes=11), session_id=sid, hint_used=True)
    rev.suspend(4)
    rev.end_session(sid, now=T0 + timedelta(minutes=12))
    return rev


def load(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


def test_exact_round_trip(store, tmp_path):
    history(store)
    first = tmp_path / "a.json"
    counts = export_json(store, first)
    assert counts == {"cards": 4, "sessions": 1, "reviews": 3}
    with open_store(tmp_path / "other.sqlite3") as other:
        report = import_json(other, first)
        assert report.reviews_added == 3 and report.cards_added == 4
        second = tmp_path / "b.json"
        export_json(other, second)
        assert other.settings().new_per_day == 9
    assert load(first) == load(second)
    assert load(first)["reviews"][0]["answer"] == "é 中文"


def test_import_into_non_empty_db_needs_merge(store, tmp_path):
    history(store)
    f = tmp_path / "a.json"
    export_json(store, f)
    with pytest.raises(StoreError, match="--merge"):
        import_json(store, f)


def test_merge_adds_missing_and_never_duplicates(store, tmp_path):
    history(store)
    f = tmp_path / "a.json"
    export_json(store, f)
    with open_store(tmp_path / "other.sqlite3") as other:
        sync_bank(other, questions(6, topics=("a", "b")), now=T0)
        r = Reviewer(other)
        r.answer(5, Rating.Good, now=T0 + timedelta(days=1))
        rep = import_json(other, f, merge=True)
        assert rep.reviews_added == 3 and rep.cards_updated == 2 and rep.cards_added == 0
        again = import_json(other, f, merge=True)
        assert again.reviews_added == 0 and again.reviews_skipped == 3
        assert again.cards_updated == 0 and again.sessions_added == 0
        out = tmp_path / "c.json"
        export_json(other, out)
        data = load(out)
        assert len(data["reviews"]) == 4
        mine = {c["bank_id"]: c for c in load(f)["cards"]}
        merged = {c["bank_id"]: c for c in data["cards"]}
        assert merged["q000"]["stability"] == mine["q000"]["stability"]
        assert merged["q004"]["last_review"] is not None  # local progress kept


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "bad JSON"),
        ('{"format": "other"}', "not a quizcnn export"),
        ('{"format": "quizcnn-progress", "version": 99}', "export version 99"),
        ('{"format": "quizcnn-progress", "version": 1, "cards": [{"id": 1}]}', "missing field"),
        (
            '{"format": "quizcnn-progress", "version": 1, "cards": [], "reviews": [{"id": 1,'
            ' "card_id": 1, "reviewed_at": "2026-01-01T00:00:00+00:00", "rating": 9,'
            ' "hint_used": false, "kind": "review", "state_before": 0}]}',
            "bad value for 'rating'",
        ),
    ],
)
def test_bad_files_are_clear_errors_and_write_nothing(store, tmp_path, content, message):
    f = tmp_path / "bad.json"
    f.write_text(content)
    with pytest.raises(StoreError, match=message) as e:
        import_json(store, f)
    assert "bad.json" in str(e.value)


def test_export_never_replaces_a_file_unless_forced(store, tmp_path):
    from quizcnn.store.export import ExportExists

    history(store)
    f = tmp_path / "mine.json"
    f.write_text("my notes")
    with pytest.raises(ExportExists, match="mine.json already exists.*--force"):
        export_json(store, f, force=False)
    assert f.read_text() == "my notes"
    assert not list(tmp_path.glob(".*partial"))
    export_json(store, f, force=True)
    assert load(f)["format"] == "quizcnn-progress"
    fresh = tmp_path / "fresh.json"
    export_json(store, fresh, force=False)  # a free name is fine without force
    assert load(fresh)["cards"] == load(f)["cards"]
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize("merge", [False, True])
def test_a_card_twice_in_the_file_is_named_and_nothing_is_written(tmp_path, merge):
    with open_store(tmp_path / "a.sqlite3") as a:
        history(a)
        f = tmp_path / "e.json"
        export_json(a, f)
    data = load(f)
    twin = dict(data["cards"][1], id=99)
    data["cards"].append(twin)
    f.write_text(json.dumps(data))
    with open_store(tmp_path / "b.sqlite3") as b:
        with pytest.raises(StoreError) as e:
            import_json(b, f, merge=merge)
        msg = str(e.value)
        assert f"bank id '{twin['bank_id']}'" in msg and "cards[4]" in msg and "cards[1]" in msg
        assert "--merge" in msg and "UNIQUE" not in msg
        with b.read() as s:
            from sqlalchemy import func, select

            from quizcnn.store.models import Card

            assert s.scalar(select(func.count()).select_from(Card)) == 0
