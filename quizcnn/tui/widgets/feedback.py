"""After an answer: right or wrong, the expected answer, the named slip, the worked solution."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Static

from quizcnn.tui.widgets.question import QuestionView


class FeedbackPanel(Vertical):
    DEFAULT_CSS = """
    FeedbackPanel { height: auto; border-top: solid $primary; padding: 0 0; }
    FeedbackPanel #verdict { text-style: bold; }
    FeedbackPanel #verdict.right { color: $text-success; }
    FeedbackPanel #verdict.wrong { color: $text-error; }
    FeedbackPanel #slip { color: $text-warning; }
    FeedbackPanel QuestionView { margin: 0; }
    FeedbackPanel Collapsible { padding-bottom: 0; border-top: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="verdict", markup=False)
        yield Static("", id="slip", markup=False)
        yield QuestionView(id="answer-md")
        with Collapsible(title="Worked solution (w)", id="solution", collapsed=True,
                         collapsed_symbol=">", expanded_symbol="v"):
            yield QuestionView(id="solution-md")

    async def show(self, *, verdict: str = "", right: bool | None = None, slip: str = "",
                   answer_md: str = "", solution_md: str = "", expand: bool = False,
                   solution_title: str = "") -> None:
        v = self.query_one("#verdict", Static)
        v.update(Content(verdict))
        v.set_class(right is True, "right")
        v.set_class(right is False, "wrong")
        s = self.query_one("#slip", Static)
        s.update(Content(slip))
        s.display = bool(slip)
        md = self.query_one("#answer-md", QuestionView)
        md.display = bool(answer_md)
        await md.update(answer_md)
        box = self.query_one("#solution", Collapsible)
        if solution_title:
            box.title = solution_title
        box.display = bool(solution_md)
        box.collapsed = not expand
        await self.query_one("#solution-md", QuestionView).update(solution_md)
        self.display = True

    def toggle_solution(self) -> bool:
        box = self.query_one("#solution", Collapsible)
        if not box.display:
            return False
        box.collapsed = not box.collapsed
        return True
