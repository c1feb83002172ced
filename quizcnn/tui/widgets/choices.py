"""Options of a choice card: number keys toggle them; plain-text marks ([x]), no symbols."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quizcnn.tui.widgets.inline import INLINE_CSS, inline


class ChoiceList(Static):
    """Options rendered as inline Markdown (`code` without backticks), never as markup."""

    COMPONENT_CLASSES = {"code_inline", "em", "strong", "s"}
    DEFAULT_CSS = "ChoiceList {" + INLINE_CSS + "}"

    def __init__(self, **kw) -> None:
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

    def redraw(self) -> None:
        parts = []
        for i, text in enumerate(self.options):
            picked = i in self.picked
            line = Content(f"{'[x]' if picked else '[ ]'} {i + 1}  ") + inline(text)
            if self.correct is not None:
                if i in self.correct:
                    note = "right" if picked else "right, not chosen"
                    line = (line + Content(f"  ({note})")).stylize("bold $text-success")
                elif picked:
                    line = (line + Content("  (wrong)")).stylize("$text-error")
            parts.append(line)
        self.update(Content("\n").join(parts))
