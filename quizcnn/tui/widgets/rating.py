"""Again / Hard / Good / Easy, each showing the card's next interval; keys 1-4 or a click."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from quizcnn.messages import rating_name
from quizcnn.tui.messages import Rated

if TYPE_CHECKING:
    from textual.widgets.button import ButtonVariant

VARIANTS: dict[int, ButtonVariant] = {1: "error", 2: "warning", 3: "success", 4: "primary"}


class RatingBar(Horizontal):
    DEFAULT_CSS = """
    RatingBar { height: 1; }
    RatingBar Button { width: 1fr; min-width: 10; margin: 0 1 0 0; }
    """

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "ui_lang", "en")
        for n in VARIANTS:
            yield Button(f"{n} {rating_name(n, lang)}", id=f"rate{n}", variant=VARIANTS[n],
                         compact=True)

    def set_intervals(self, intervals: dict[int, str], lang: str = "en") -> None:
        """Each rating's name in ``lang`` and the interval it would give (already in ``lang``)."""
        for n in VARIANTS:
            label = f"{n} {rating_name(n, lang)}"
            if intervals.get(n):
                label += f"  {intervals[n]}"
            self.query_one(f"#rate{n}", Button).label = label

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Rated(int(str(event.button.id)[-1])))
