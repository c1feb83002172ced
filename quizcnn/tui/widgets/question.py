"""The question: bank Markdown (already cleaned, math as Unicode); links are not opened."""

from __future__ import annotations

from textual.widgets import Markdown

from quizcnn.tui import safe


class QuestionView(Markdown):
    """A Markdown widget that shows a link's address instead of opening it.

    List bullets are ASCII: the default ones are ambiguous-width in CJK terminals.
    """

    BULLETS = ["- ", "* ", "+ ", "- ", "* "]

    def __init__(self, markdown: str = "", **kw) -> None:
        super().__init__(markdown, open_links=False, **kw)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.notify(safe.text(event.href), title="Link (not opened)", markup=False)
