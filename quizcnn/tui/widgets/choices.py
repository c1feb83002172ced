"""Options of a choice card: number keys toggle them; plain-text marks ([x]), no symbols."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from quizcnn.tui.widgets.inline import INLINE_CSS, inline


class ChoiceList(Static):
    """Options rendered as inline Markdown (`code` without backticks), never as markup."""

    COMPONENT_CLASSES = {"code_inline", "em", "strong", "s"}
    DEFAULT_CSS = "ChoiceList {" + INLINE_CSS + "}"

    def __init__(self, **kw: Any) -> None:
        super().__init__("", **kw)
        self.options: list[str] = []
        self.picked: set[int] = set()
        self.correct: set[int] | None = None

    def set_options(self, options: list[str]) -> None:
        self.options = list(options)
        self.picked = set()
        self.correct = None
        self.display = bool(options)
        self.redraw()

    def toggle(self, index: int, many: bool) -> bool:
        if not 0 <= index < len(self.options) or self.correct is not None:
            return False
        if index in self.picked:
            self.picked.discard(index)
        else:
            if not many:
                self.picked.clear()
            self.picked.add(index)
        self.redraw()
        return True

    def show_correct(self, correct: set[int]) -> None:
        self.correct = correct
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()  # wrapped lines are indented to the width they have now

    def redraw(self) -> None:
        from quizcnn.messages import t

        width = self.content_size.width
        lang = getattr(self.app, "ui_lang", "en")
        parts = []
        for i, text in enumerate(self.options):
            picked = i in self.picked
            mark = Content(f"{'[x]' if picked else '[ ]'} {i + 1}  ")
            body = inline(text)
            style = ""
            if self.correct is not None:
                if i in self.correct:
                    note = t("choice_mark_right" if picked else "choice_mark_missed", lang)
                    body, style = body + Content(note), "bold $text-success"
                elif picked:
                    body = body + Content(t("choice_mark_wrong", lang))
                    style = "$text-error"
            indent = mark.cell_length
            if width > indent + 8:  # lines after the first start under the option's text
                rows = body.wrap(width - indent)
                line = Content("\n").join(
                    [mark + rows[0]] + [Content(" " * indent) + row for row in rows[1:]])
            else:
                line = mark + body
            parts.append(line.stylize(style) if style else line)
        self.update(Content("\n").join(parts))
