"""The app's Markdown view: a wrapped Chinese line reads as one phrase, Latin keeps its space."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from quizcnn.tui.widgets.question import QuestionView
from tests.tui.screentext import screen_text

MIXED = "卷积核\n覆盖输入，\n得以保留 ReLU\n激活和 `code`\n后面\nEnglish words\n**继续**\n学习。"


class _One(App):
    def compose(self) -> ComposeResult:
        yield QuestionView(MIXED)


def test_question_view_renders_no_space_between_cjk():
    async def run() -> str:
        app = _One()
        async with app.run_test(size=(120, 10)) as pilot:
            await pilot.pause()
            return screen_text(app)

    screen = asyncio.run(run())
    assert "卷积核覆盖输入，得以保留 ReLU 激活和 code 后面 English words 继续学习。" in screen
