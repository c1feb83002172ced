"""Pilot tests of the drill: each answer is checked in the database, not only on screen."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.tui.conftest import (
    card_row,
    pilot_test,
    reviews,
    start_drill,
    until,
    wait_state,
)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pilot_test
async def test_reveal_and_rate_basic(make_app):
    app = make_app(topics=("t-basic",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        assert drill.card.bank_id == "t-basic"
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        # each rating shows its next interval once the previews are in
        await until(pilot, lambda: "m" in str(drill.query_one("#rate1").label)[len("1 Again"):])
        await pilot.press("3")
        await wait_state(pilot, drill, "feedback")
        assert "Saved: Good" in text_of(drill, "#saved")
    assert reviews(app.db_file) == [("t-basic", 3, None, None, None)]


@pilot_test
async def test_numeric_right_answer_with_preview(make_app):
    app = make_app(topics=("t-numeric",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        assert drill.card.qtype == "numeric"
        await pilot.press(*"12,544")
        assert text_of(drill, "#preview") == "= 12,544"
        await pilot.press("enter")
        await wait_state(pilot, drill, "feedback")
        assert text_of(drill, "#verdict") == "Right."
    [(bank_id, rating, correct, answer, _m)] = reviews(app.db_file)
    assert (bank_id, correct, answer) == ("t-numeric", 1, "12,544")
    assert rating in (3, 4)  # Good, or Easy when answered quickly


@pilot_test
async def test_numeric_wrong_answer_shows_expected(make_app):
    app = make_app(topics=("t-numeric",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press(*"12000", "enter")
        await wait_state(pilot, drill, "feedback")
        assert "Not quite. Expected: 12,544" in text_of(drill, "#verdict")  # grouped (issue 13)
    assert reviews(app.db_file) == [("t-numeric", 1, 0, "12000", None)]


@pilot_test
async def test_unparseable_answer_is_not_recorded(make_app):
    app = make_app(topics=("t-numeric",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press(*"twelve", "enter")
        await pilot.pause(0.1)
        assert drill.state == "ask"
        assert "could not read 'twelve' as a number" in text_of(drill, "#preview")
        assert "Nothing was recorded" in text_of(drill, "#saved")
        drill.query_one("#answer", Input).value = ""
        await pilot.press(*"12544", "enter")
        await wait_state(pilot, drill, "feedback")
    assert [r[0] for r in reviews(app.db_file)] == ["t-numeric"]


@pilot_test
async def test_misconception_is_named(make_app):
    app = make_app(topics=("t-gen",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        problem = drill.card.problem
        slip = problem.misconceptions[0]
        typed = "x".join(str(v) for v in slip.value)
        await pilot.press(*typed)
        assert text_of(drill, "#preview").startswith("= ")
        await pilot.press("enter")
        await wait_state(pilot, drill, "feedback")
        assert text_of(drill, "#slip") == "Likely slip: " + slip.message["en"]
        # a wrong answer opens the worked solution
        assert not drill.query_one("#solution").collapsed
    [(bank_id, rating, correct, answer, misconception)] = reviews(app.db_file)
    assert (bank_id, rating, correct, answer, misconception) == ("t-gen", 1, 0, typed, slip.id)


@pilot_test
async def test_choice_number_keys_toggle_then_enter(make_app):
    app = make_app(topics=("t-choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        card = drill.card
        bank = card.question.text("en").choices
        right = [i + 1 for i, k in enumerate(card.order) if bank[k].correct]
        await pilot.press(*[str(n) for n in right])
        await pilot.press("enter")
        await wait_state(pilot, drill, "feedback")
        assert text_of(drill, "#verdict") == "Right."
    [(_b, _r, correct, answer, _m)] = reviews(app.db_file)
    assert correct == 1 and answer == ", ".join(str(n) for n in right)


@pilot_test
async def test_undo_takes_the_answer_back(make_app):
    app = make_app(topics=("t-basic", "t-numeric"))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        first = drill.card.bank_id
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        await pilot.press("1")
        await wait_state(pilot, drill, "feedback")
        assert len(reviews(app.db_file)) == 1
        await pilot.press("u")
        await until(pilot, lambda: drill.state == "ask" and "Undone" in text_of(drill, "#saved"))
        assert drill.card.bank_id == first
    assert reviews(app.db_file) == []
    assert card_row(app.db_file, first)[2] is None  # the card is new again


@pilot_test
async def test_suspend_and_skip(make_app):
    app = make_app(topics=("t-basic", "t-markup"))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        first = drill.card.bank_id
        await pilot.press("x")
        await until(pilot, lambda: drill.card.bank_id != first and drill.state == "ask")
        second = drill.card.bank_id
        await pilot.press("s")
        await until(pilot, lambda: app.screen.__class__.__name__ == "SummaryScreen")
    assert card_row(app.db_file, first)[0] == 1
    assert card_row(app.db_file, second)[1] is not None  # buried until tomorrow
    assert reviews(app.db_file) == []


@pilot_test
async def test_quitting_mid_session_keeps_every_answer(make_app):
    app = make_app(topics=("t-basic", "t-numeric", "t-markup"))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        answered = []
        for _ in range(2):
            card = drill.card
            answered.append(card.bank_id)
            if card.qtype == "numeric":
                await pilot.press(*"12544", "enter")
            else:
                await pilot.press("space")
                await wait_state(pilot, drill, "revealed")
                await pilot.press("4")
            await wait_state(pilot, drill, "feedback")
            await pilot.press("enter")
            await until(pilot, lambda c=card: drill.card is not c and drill.state == "ask")
        await pilot.press("ctrl+q")
    assert [r[0] for r in reviews(app.db_file)] == answered


@pilot_test
async def test_bank_markup_and_escapes_are_shown_as_text(make_app):
    app = make_app(topics=("t-markup",))
    async with app.run_test(size=(100, 30)) as pilot:
        drill = await start_drill(pilot, app)
        prompt = drill.card.prompt_md
        assert "\x1b" not in prompt and "\x07" not in prompt
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        shown = app.export_screenshot()
        assert "[b]bold[/b]" in shown.replace("&#160;", " ")
        assert "[@click=app.quit]quit[/]" in shown.replace("&#160;", " ")
        assert "[i]not&#160;italic[/i]" in shown or "[i]not italic[/i]" in shown
        assert "title" not in shown.split("end.")[0][-20:]  # the OSC title string is gone
    assert app.return_code in (None, 0)


@pilot_test
async def test_cloze_typed_gaps_then_empty_enter_reveals(make_app):
    app = make_app(topics=("t-cloze",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        assert "____" in drill.card.prompt_md and "{{" not in drill.card.prompt_md
        await pilot.press(*"1; 1", "enter")
        await wait_state(pilot, drill, "feedback")
        assert text_of(drill, "#verdict") == "Right."
        await pilot.press("u")  # undo, then answer by revealing and rating
        await until(pilot, lambda: drill.state == "ask" and drill.card.bank_id == "t-cloze")
        await pilot.press("enter")
        await wait_state(pilot, drill, "revealed")
        await pilot.press("2")
        await wait_state(pilot, drill, "feedback")
    assert reviews(app.db_file) == [("t-cloze", 2, None, None, None)]


@pilot_test
async def test_undo_shows_a_generated_problem_with_the_same_numbers(make_app):
    app = make_app(topics=("t-gen",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        before = (drill.card.seed, drill.card.prompt_md, drill.card.problem.answer_text)
        await pilot.press(*"1x1x1", "enter")  # wrong on purpose
        await wait_state(pilot, drill, "feedback")
        await pilot.press("u")
        await until(pilot, lambda: drill.state == "ask" and "Undone" in text_of(drill, "#saved"))
        after = (drill.card.seed, drill.card.prompt_md, drill.card.problem.answer_text)
        assert after == before
    assert reviews(app.db_file) == []
