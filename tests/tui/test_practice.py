"""Pilot test of ``quizcnn drill --model`` in the app (issue 20): the drill screen over problems
on a ResNet-50 ONNX file, graded and explained, with no database opened or written."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from quizcnn.paths import db_path
from tests.tui.conftest import pilot_test, until, wait_state

pytest.importorskip("onnx")

RESNET = str(Path(__file__).parent.parent / "fixtures" / "onnx" / "resnet50.bn.onnx.gz")


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def make_app(count: int = 3, lang: str = "en"):
    from quizcnn.commands.generate import load_own_model, own_model_header
    from quizcnn.drill.practice import Practice
    from quizcnn.problems.own_model import make_problems
    from quizcnn.tui.practice import PracticeApp

    model = load_own_model(RESNET, None)
    problems = make_problems(model, count, seed=4)
    return PracticeApp(Practice(problems, own_model_header(model, lang)), lang, model.name), \
        problems


@pilot_test
async def test_drill_model_in_the_app_grades_explains_and_saves_nothing():
    from quizcnn.tui.screens.summary import SummaryScreen

    app, problems = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "state", "") == "ask")
        drill = app.screen
        assert drill.card.problem.to_dict() == problems[0].to_dict()
        status = text_of(drill, "#status")
        assert "your model: resnet50.bn.onnx.gz" in status and "practice" in status
        # the right answer, typed
        right = problems[0].answer_text.split(" (")[0].split(" ≈")[0]
        await pilot.press(*right, "enter")
        await wait_state(pilot, drill, "feedback")
        assert text_of(drill, "#verdict") == "Right."
        assert "Practice: not saved" in text_of(drill, "#saved")
        assert not drill.check_action("undo", ()) and not drill.check_action("edit", ())
        await pilot.press("space")
        await until(pilot, lambda: drill.state == "ask" and drill.n == 2)
        # a wrong answer opens the worked solution
        await pilot.press("9", "9", "9", "9", "enter")
        await wait_state(pilot, drill, "feedback")
        assert text_of(drill, "#verdict").startswith("Not quite. Expected: ")
        assert drill.card.steps_md  # the worked solution, from the same core
        await pilot.press("space")
        await until(pilot, lambda: drill.state == "ask" and drill.n == 3)
        await pilot.press("escape", "l")  # the same problem in Chinese
        await until(pilot, lambda: drill.card.lang == "zh")
        assert "你的模型" in drill.card.prompt_md
        assert drill.card.problem.to_dict() == problems[2].to_dict()
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        summary = str(app.screen.query_one("#body", Static).render())
        # l switched the whole session to Chinese, the summary too
        assert "回答 2 张" in summary and "答对或记起 1 张" in summary
        assert "没有保存任何内容" in summary
        assert "Everything answered is saved" not in summary
        # no queue to drill again: the key is not offered and does nothing
        assert app.screen.check_action("again", ()) is False
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert not db_path().exists()
