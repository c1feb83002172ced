"""Rough edges found by a new-user pass: links, choice Markdown, counts, headers, browse."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.tui.conftest import pilot_test


class _One(App):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


def _blocks_text(view) -> str:
    from textual.widgets._markdown import MarkdownBlock

    return "\n".join(str(b._content) for b in view.query(MarkdownBlock) if b._content)


def _clickable(view) -> list:
    from textual.widgets._markdown import MarkdownBlock

    return [s for b in view.query(MarkdownBlock) if b._content
            for s in b._content.spans if "@click" in str(s.style)]


@pilot_test
async def test_links_show_their_address_and_cannot_be_clicked():
    from quizcnn.tui.widgets.question import QuestionView

    md = ("Read the [docs](https://example.com/a) or https://example.com/b, "
          "see <https://example.com/c> and ![a figure](fig.png).\n\n"
          "- item with [`code` link](https://example.com/d)\n")
    view = QuestionView(md)
    async with _One(view).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = _blocks_text(view)
        assert "docs (https://example.com/a)" in shown
        assert "https://example.com/b," in shown and "(https://example.com/b)" not in shown
        assert "https://example.com/c" in shown and "(https://example.com/c)" not in shown
        assert "[image: a figure] (fig.png)" in shown
        assert "code link (https://example.com/d)" in shown
        assert _clickable(view) == []


@pilot_test
async def test_choice_options_render_inline_markdown_as_text():
    from quizcnn.tui.widgets.choices import ChoiceList

    choices = ChoiceList()
    async with _One(choices).run_test(size=(80, 24)) as pilot:
        choices.set_options(["Use `nn.Conv2d` here", "[b]bold[/b] [@click=app.quit]q[/] \x1b[31mred",
                             "*soft* **max** and [ref](https://example.com)", r"a \* b"])
        await pilot.pause()
        shown = choices.render()
        lines = str(shown).split("\n")
        assert lines[0] == "[ ] 1  Use nn.Conv2d here"
        assert lines[1] == "[ ] 2  [b]bold[/b] [@click=app.quit]q[/] red"
        assert lines[2] == "[ ] 3  soft max and ref (https://example.com)"
        assert lines[3] == "[ ] 4  a * b"
        styles = {str(s.style) for s in shown.spans}
        assert {".code_inline", ".em", ".strong"} <= styles
        assert not any("@click" in s or "link" in s for s in styles)
        # the code style resolves through the widget's component classes (no error, a colour)
        strip = choices.render_line(0)
        assert "nn.Conv2d" in strip.text and "`" not in strip.text
        code = next(seg.style for seg in strip if "nn.Conv2d" in seg.text)
        plain = next(seg.style for seg in strip if "Use" in seg.text)
        assert code != plain


@pilot_test
async def test_drill_header_counts_cards_to_go_and_coming_back(make_app):
    from tests.tui.conftest import start_drill, until, wait_state

    app = make_app(topics=("t-basic", "t-lang"))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        status = drill.query_one("#status")

        def head() -> str:
            return str(status.render()).split("\n")[0]

        await until(pilot, lambda: head().startswith("Card 1, 1 to go |"))
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        await pilot.press("1")  # Again: the card comes back later in this session
        await wait_state(pilot, drill, "feedback")
        assert head().startswith("Card 1, 1 to go (1 coming back) |")
        await pilot.press("space")
        await wait_state(pilot, drill, "ask")
        assert head().startswith("Card 2, 0 to go (1 coming back) |")
