"""Issue 13, the drill loop in the app: cram start-up, undo, grading, small terminals."""

from __future__ import annotations

import shutil
from datetime import timedelta

from tests.tui.conftest import NOW, pilot_test, until


def _studied_db(bank_dir, tmp_path, empty_db):
    """A DB where five cards were answered at different times with different ratings."""
    from quizcnn.bank import load
    from quizcnn.store import open_store
    from quizcnn.store.scheduler import Reviewer
    from quizcnn.store.sync import sync_bank

    db = tmp_path / "studied.sqlite3"
    shutil.copyfile(empty_db, db)
    bank = load([bank_dir])
    store = open_store(db)
    sync_bank(store, bank.questions, now=NOW - timedelta(days=40))
    rev = Reviewer(store)
    for bank_id, days, rating in (("t-basic", 30, 3), ("t-numeric", 12, 1), ("t-lang", 25, 4),
                                  ("t-choice", 3, 2), ("t-cloze", 8, 3)):
        card = rev.card_by_bank_id(bank_id)
        rev.answer(card.id, rating, now=NOW - timedelta(days=days))
    return bank, store, db


def test_cram_first_card_guess_is_the_cram_queues_first(bank_dir, tmp_path, empty_db):
    """`quizcnn drill --cram` now paints a first card before the ORM loads (it waited for the
    whole store: ~6 s); the guess, made with sqlite3, is the card the cram queue starts with."""
    from quizcnn.store.queue import build_queue
    from quizcnn.tui import data
    from quizcnn.tui.data import Filters

    bank, store, db = _studied_db(bank_dir, tmp_path, empty_db)
    for filters in (Filters(lang="en"), Filters(lang="both"),
                    Filters(lang="en", topics=("t-basic", "t-cloze"))):
        queue = build_queue(store, NOW, topics=list(filters.topics) or None,
                            lang=filters.only_lang, cram=True)
        guess = data.first_card(db, bank, filters, NOW, cram=True)
        assert guess == queue.main[0].bank_id
    store.close()
    # no studied card: nothing to guess (a cram drill has nothing to study)
    fresh = tmp_path / "fresh.sqlite3"
    shutil.copyfile(empty_db, fresh)
    assert data.first_card(fresh, bank, Filters(), NOW, cram=True) is None


@pilot_test
async def test_cram_drill_shows_the_queues_first_card_once(make_app, bank_dir, tmp_path, empty_db):
    _bank, store, db = _studied_db(bank_dir, tmp_path, empty_db)
    store.close()
    app = make_app(topics=())
    shutil.copyfile(db, app.db_file)
    app.autostart, app.cram = True, True
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "flow", None) is not None
                    and app.screen.card is not None and app.screen.card.item is not None)
        drill = app.screen
        first = drill.card.bank_id
        rest = [it.bank_id for it in drill.flow.queue.main]
        assert first not in rest and len(rest) == 4  # five studied cards, each shown once
        await pilot.press("ctrl+q")
