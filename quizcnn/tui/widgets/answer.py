"""The answer input with a live parse preview ("= 12,544" or why it cannot be read)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

# what the typed text reads as: (True, "= 12,544"), (False, why not) or (None, "")
Reader = Callable[[str], tuple[bool | None, str]]


class AnswerBox(Vertical):
    DEFAULT_CSS = """
    AnswerBox { height: auto; border-top: solid $primary; }
    AnswerBox #answer { background: $boost; margin: 0 0; }
    AnswerBox #preview { height: 1; padding: 0 1; color: $text-muted; }
    AnswerBox #preview.bad { color: $text-error; }
    AnswerBox #preview.good { color: $text-success; }
    """

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.reader: Reader | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="your answer, then Enter", id="answer", compact=True)
        yield Static("", id="preview", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#answer", Input)

    def reset(self, placeholder: str, reader: Reader | None) -> None:
        self.reader = reader
        box = self.input
        box.value = ""
        box.placeholder = placeholder
        box.disabled = False
        self.say(None, "")

    def say(self, ok: bool | None, message: str) -> None:
        preview = self.query_one("#preview", Static)
        preview.update(message)
        preview.set_class(ok is False, "bad")
        preview.set_class(ok is True, "good")

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.reader is not None:
            ok, message = self.reader(event.value)
            self.say(ok, message)
