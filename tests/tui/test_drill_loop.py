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


# -- undo: every row of quizcnn.drill.session's table, in the app --------------------------

class MovingClock:
    def __init__(self, t=NOW):
        self.t = t

    def __call__(self):
        return self.t


def _clocked_app(bank_dir, db, topics, clock):
    import argparse

    from quizcnn.bank import load
    from quizcnn.tui.app import QuizApp
    from quizcnn.tui.data import Filters

    app = QuizApp(argparse.Namespace(db=str(db), bank=[]), clock=clock, seed=7,
                  bank_loader=lambda: load([bank_dir]))
    app.filters = Filters(lang="en", topics=tuple(topics))
    app.db_file = db
    return app


def _settings(db, **values):
    from quizcnn.store import open_store

    store = open_store(db)
    for k, v in values.items():
        store.set_setting(k, v)
    store.close()


def _reviews_of(db, bank_id):
    from tests.tui.conftest import reviews

    return [r for r in reviews(db) if r[0] == bank_id]


def _saved(drill) -> str:
    return str(drill.query_one("#saved").render())


@pilot_test
async def test_undo_after_enter_shows_the_undone_card_not_a_due_learning_card(
        bank_dir, tmp_path, empty_db):
    """Reproduction 1: answer a generated card wrong, Enter, then u: the message said the
    answer was taken back but another card (a learning card that fell due) was on screen,
    and the retyped answer went to it. Now the undone card, drawn as before, is next."""
    from tests.tui.conftest import start_drill, wait_state

    db = tmp_path / "p.sqlite3"
    shutil.copyfile(empty_db, db)
    _settings(db, learn_ahead_minutes=0, enable_fuzzing=False)
    clock = MovingClock()
    app = _clocked_app(bank_dir, db, ("t-numeric", "t-gen", "t-cloze"), clock)
    wrong = {"t-numeric": "1", "t-gen": "1x1x1", "t-cloze": "2; 2"}
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        order, seeds = [], {}
        for _ in range(2):  # the first two cards answered wrong (1-minute steps queued)
            await until(pilot, lambda: drill.state == "ask" and drill.card.item is not None)
            order.append(drill.card.bank_id)
            seeds[drill.card.bank_id] = drill.card.seed
            await pilot.press(*wrong[drill.card.bank_id], "enter")
            await wait_state(pilot, drill, "feedback")
            await pilot.press("enter")
        await until(pilot, lambda: drill.state == "ask" and drill.card.bank_id not in order)
        on_screen = drill.card.bank_id
        clock.t = NOW + timedelta(minutes=2)  # the first card's step is due now
        await pilot.press("u", "enter")
        await until(pilot, lambda: drill.state == "ask" and "Undone" in _saved(drill))
        undone = order[1]
        assert drill.card.bank_id == undone and drill.card.seed == seeds[undone]
        assert f"your answer to {undone} was taken back" in _saved(drill)
        right = drill.card.problem.answer_text.replace("×", "x") if undone == "t-gen" else \
            {"t-numeric": "12544", "t-cloze": "1; 1"}[undone]
        await pilot.press(*right, "enter")
        await wait_state(pilot, drill, "feedback")
        await pilot.press("enter")
        # then the card that was on screen, before the learning card that fell due
        await until(pilot, lambda: drill.state == "ask" and drill.card.bank_id != undone)
        assert drill.card.bank_id == on_screen
        await pilot.press("ctrl+q")
    assert [r[1:3] for r in _reviews_of(db, undone)] == [(3, 1)]
    assert [r[1:3] for r in _reviews_of(db, order[0])] == [(1, 0)]
    assert _reviews_of(db, on_screen) == []


@pilot_test
async def test_undo_suspend_in_the_app(make_app):
    from tests.tui.conftest import card_row, start_drill

    app = make_app(topics=("t-basic", "t-markup"))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        first = drill.card.bank_id
        await pilot.press("x")
        await until(pilot, lambda: drill.card.bank_id != first and drill.state == "ask")
        assert card_row(app.db_file, first)[0] == 1
        await pilot.press("u")
        await until(pilot, lambda: drill.card.bank_id == first and drill.state == "ask")
        assert f"Undone: {first} is no longer suspended." in _saved(drill)
        assert card_row(app.db_file, first)[0] == 0
        await pilot.press("ctrl+q")


@pilot_test
async def test_undo_skip_in_the_app(make_app):
    from tests.tui.conftest import card_row, start_drill

    app = make_app(topics=("t-basic", "t-markup"))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        first = drill.card.bank_id
        await pilot.press("s")
        await until(pilot, lambda: drill.card.bank_id != first and drill.state == "ask")
        assert card_row(app.db_file, first)[1] is not None
        await pilot.press("u")
        await until(pilot, lambda: drill.card.bank_id == first and drill.state == "ask")
        assert f"Undone: {first} is no longer skipped." in _saved(drill)
        assert card_row(app.db_file, first)[1] is None
        await pilot.press("ctrl+q")


@pilot_test
async def test_u_after_x_undoes_the_suspend_then_the_answer(make_app):
    """Reproduction 3: `u` right after `x` undid an older answer and left the card
    suspended. The last action goes first: the suspend, then (a second u) the answer."""
    from tests.tui.conftest import card_row, reviews, start_drill, wait_state

    app = make_app(topics=("t-basic", "t-markup"))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        first = drill.card.bank_id
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        await pilot.press("3")
        await wait_state(pilot, drill, "feedback")
        await pilot.press("x")  # suspend the card just answered
        await until(pilot, lambda: "Suspended" in _saved(drill))
        await pilot.press("u")
        await until(pilot, lambda: "no longer suspended" in _saved(drill))
        assert drill.state == "feedback" and drill.card.bank_id == first
        assert card_row(app.db_file, first)[0] == 0 and len(reviews(app.db_file)) == 1
        await pilot.press("u")
        await until(pilot, lambda: "taken back" in _saved(drill) and drill.state == "ask")
        assert drill.card.bank_id == first and reviews(app.db_file) == []
        await pilot.press("ctrl+q")


# -- an answer the app cannot read is asked again, not graded --------------------------------

@pilot_test
async def test_half_filled_cloze_is_asked_again_and_full_width_separators_read(make_app):
    from tests.tui.conftest import reviews, start_drill, wait_state

    app = make_app(topics=("t-cloze",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        box = drill.query_one("#answerbox")
        await pilot.press("1")
        await until(pilot, lambda: "1 of 2 gaps filled" in str(box.query_one("#preview").render()))
        await pilot.press("enter")
        await until(pilot, lambda: "Nothing was recorded" in _saved(drill))
        assert drill.state == "ask" and reviews(app.db_file) == []
        box.input.value = "1；1"  # full-width semicolon, as a Chinese input method types it
        await until(pilot, lambda: "all 2 gaps filled" in str(box.query_one("#preview").render()))
        await pilot.press("enter")
        await wait_state(pilot, drill, "feedback")
    assert reviews(app.db_file) == [("t-cloze", 3, 1, "1；1", None)]


@pilot_test
async def test_a_count_on_a_shape_question_is_asked_again(make_app):
    from tests.tui.conftest import reviews, start_drill

    app = make_app(topics=("t-gen",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        box = drill.query_one("#answerbox")
        await pilot.press(*"12,544")
        await until(pilot, lambda: "a shape of 3 numbers" in str(box.query_one("#preview").render()))
        await pilot.press("enter")
        await until(pilot, lambda: "Nothing was recorded" in _saved(drill))
        assert drill.state == "ask"
        await pilot.press("ctrl+q")
    assert reviews(app.db_file) == []


@pilot_test
async def test_hard_after_a_hint_says_why_in_the_app(make_app):
    from tests.tui.conftest import start_drill, wait_state

    app = make_app(topics=("t-numeric",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press("?", "enter")  # hint
        await pilot.press(*"12544", "enter")
        await wait_state(pilot, drill, "feedback")
        assert "Saved: Hard (a hint was shown), next in" in _saved(drill)
