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
