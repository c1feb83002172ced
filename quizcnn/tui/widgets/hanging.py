"""Plain text whose indented and bulleted lines wrap under their own text (a hanging indent)."""

from __future__ import annotations

import re
from typing import Any

from textual.content import Content
from textual.widgets import Static

_LEAD = re.compile(r"[ \t]*(?:[-*•] |\d+[.)] )?")


class HangingText(Static):
    """Lines set with :meth:`set_text`; a line that starts with spaces or a bullet ("- ",
    "1. ") continues, when it wraps, under its text rather than at the left edge. Text is
    never read as markup."""

    def __init__(self, text: str = "", **kw: Any) -> None:
        super().__init__("", markup=False, **kw)
        self.text = text

    def on_mount(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def set_text(self, text: str) -> None:
        self.text = text
        self.redraw()

    def redraw(self) -> None:
        width = self.content_size.width
        out: list[Content] = []
        for line in self.text.split("\n"):
            indent = _LEAD.match(line).end()  # type: ignore[union-attr]  # always matches
            if indent and width > indent + 8:
                rows = Content(line[indent:]).wrap(width - indent)
                out.append(Content(line[:indent]) + rows[0])
                out += [Content(" " * indent) + row for row in rows[1:]]
            else:
                out.append(Content(line))
        self.update(Content("\n").join(out))
