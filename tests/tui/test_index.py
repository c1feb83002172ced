"""The start-up index: a question read from its own files equals the full bank's."""

from __future__ import annotations

import os

from quizcnn.tui.data import Filters


def test_index_round_trip_and_invalidation(bank_dir, tmp_path):
    from quizcnn.bank import load
    from quizcnn.tui import index

    bank = load([bank_dir])
    key = ["test", str(bank_dir)]
    path = tmp_path / "index.json"
    index.write_index(bank, key, path)
    data = index.load_index(key, path)
    assert data is not None
    assert index.load_index(["other"], path) is None
    for qid in ("t-numeric", "t-lang", "t-gen"):
        q = index.question(data, qid)
        full = bank.by_id[qid]
        assert q is not None
        assert (q.id, q.type, q.topic, q.langs, q.numeric, q.template) == (
            full.id, full.type, full.topic, full.langs, full.numeric, full.template)
        assert q.text("zh").prompt == full.text("zh").prompt
    assert index.first_new(data, Filters()) == "t-basic"
    assert index.first_new(data, Filters(lang="zh")) == "t-lang"
    assert index.first_new(data, Filters(topics=("t-gen",))) == "t-gen"
    assert index.first_new(data, Filters(tags=("arithmetic",))) == "t-numeric"
    assert index.first_new(data, Filters(tags=("no-such-tag",))) is None
    # a deck changed since: its questions are no longer served from the index
    deck = bank_dir / "deck.md"
    st = deck.stat()
    os.utime(deck, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert index.question(data, "t-numeric") is None
    # a file added to a bank folder invalidates the whole index
    (bank_dir / "more.md").write_text("", encoding="utf-8")
    os.utime(bank_dir, ns=(st.st_atime_ns, st.st_mtime_ns + 2 * 10**9))
    assert index.load_index(key, path) is None


def test_second_start_paints_the_first_card_from_the_index(bank_dir, tmp_path, empty_db):
    """The real start-up path (no test bank loader): run once, then start again and answer."""
    import argparse
    import asyncio
    import shutil

    from quizcnn.tui.app import QuizApp
    from tests.tui.conftest import NOW, reviews, until, wait_state

    db = tmp_path / "p.sqlite3"
    shutil.copyfile(empty_db, db)
    args = argparse.Namespace(db=str(db), bank=[str(bank_dir)])

    async def run(first: bool):
        app = QuizApp(args, clock=lambda: NOW, seed=3)
        app.filters = Filters(topics=("t-numeric",))
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.counts is not None or app.bank is not None)
            if first:
                assert app.index is None
                await until(pilot, lambda: app.booted)  # the index is written last
                return
            assert app.index is not None  # written by the first run
            await pilot.press("s")
            await until(pilot, lambda: getattr(app.screen, "card", None) is not None)
            drill = app.screen
            assert drill.card.bank_id == "t-numeric"
            await until(pilot, lambda: drill.card.item is not None)
            await pilot.press(*"12544", "enter")
            await wait_state(pilot, drill, "feedback")

    asyncio.run(run(True))
    asyncio.run(run(False))
    assert [r[:3] for r in reviews(db)] == [("t-numeric", 3, 1)]


def test_closing_during_start_up_is_quiet(bank_dir, tmp_path, empty_db):
    """Quitting before the start-up is done (the index not written yet) raises nothing."""
    import argparse
    import asyncio
    import shutil

    from quizcnn.tui.app import QuizApp
    from tests.tui.conftest import NOW, until

    db = tmp_path / "p.sqlite3"
    shutil.copyfile(empty_db, db)
    args = argparse.Namespace(db=str(db), bank=[str(bank_dir)])

    async def run():
        app = QuizApp(args, clock=lambda: NOW, seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.store is not None)
        return app  # leaving the block closes the app while the start-up goes on

    app = asyncio.run(run())
    assert app.return_code in (0, None)
