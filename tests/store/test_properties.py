"""Property tests: any answer history can be undone step by step, exactly; export is lossless."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizcnn.backup import export_backup, import_backup
from quizcnn.store.db import open_store
from quizcnn.store.scheduler import Reviewer, snapshot
from quizcnn.store.sync import sync_bank

from .conftest import T0, questions

_TEMPLATE: dict[str, Path] = {}


def fresh(path: Path) -> Path:
    """A new empty DB at ``path``, copied from one made by the migrations (fast)."""
    if "db" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="quizcnn-template-"))
        open_store(folder / "t.sqlite3").close()
        con = sqlite3.connect(folder / "t.sqlite3")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        _TEMPLATE["db"] = folder / "t.sqlite3"
    shutil.copy(_TEMPLATE["db"], path)
    return path


steps = st.lists(
    st.tuples(
        st.integers(1, 3),  # card
        st.integers(1, 4),  # rating
        st.integers(0, 60 * 24 * 20),  # minutes since the previous answer
        st.booleans(),  # cram
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=10)
@given(history=steps)
def test_undo_walks_back_exactly(tmp_path_factory, history):
    path = fresh(tmp_path_factory.mktemp("prop") / "p.sqlite3")
    with open_store(path) as store:
        store.set_setting("enable_fuzzing", False)
        sync_bank(store, questions(3), now=T0)
        rev = Reviewer(store)
        t = T0
        states = []
        for card, rating, gap, cram in history:
            t += timedelta(minutes=gap)
            states.append({c: snapshot(rev.card(c)) for c in (1, 2, 3)})
            rev.answer(card, rating, now=t, cram=cram)
        for before in reversed(states):
            assert rev.undo() is not None
            assert {c: snapshot(rev.card(c)) for c in (1, 2, 3)} == before
        assert rev.undo() is None


@settings(max_examples=10)
@given(history=steps)
def test_export_import_is_lossless(tmp_path_factory, history):
    folder = tmp_path_factory.mktemp("prop")
    with open_store(fresh(folder / "a.sqlite3")) as store:
        sync_bank(store, questions(3), now=T0)
        rev = Reviewer(store)
        t = T0
        for card, rating, gap, cram in history:
            t += timedelta(minutes=gap, microseconds=gap)
            rev.answer(card, rating, now=t, cram=cram, answer=f"ans {gap}", duration_ms=gap)
        export_backup(store, folder / "a.json", now=T0)
    with open_store(fresh(folder / "b.sqlite3")) as other:
        assert import_backup(other, folder / "a.json").mode == "new"
        export_backup(other, folder / "b.json", now=T0)
        merged = import_backup(other, folder / "a.json", merge=True)
        assert f"reviews: 0 reviews added, {len(history)} already here" in merged.notes
    assert (folder / "a.json").read_text() == (folder / "b.json").read_text()
