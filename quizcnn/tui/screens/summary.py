"""The end of a session: answered, accuracy, time, slips met, what is due tomorrow."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizcnn.messages import t as t_
from quizcnn.store.words import plural
from quizcnn.tui import keymap, safe
from quizcnn.tui.widgets.hanging import HangingText


class SummaryScreen(Screen):
    DEFAULT_CSS = """
    SummaryScreen #box { padding: 1 2; }
    SummaryScreen #head { text-style: bold; color: $accent; margin-bottom: 1; }
    """
    BINDINGS = keymap.bindings([
        keymap.Key("summary.home", "enter,escape,q", "home", "Home"),
        keymap.Key("summary.again", "d", "again", "Drill again"),
    ])

    def __init__(self, summary: dict | None):
        super().__init__()
        keymap.apply(self)
        self.summary = summary or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Static("Session summary", id="head")
            yield HangingText(self.text(), id="body")
        yield Footer()

    def text(self) -> str:
        s = self.summary
        t = s.get("tally")
        if t is None:
            return "Nothing was answered. Everything is as it was."
        lines = []
        if t.answered:
            acc = t.correct / t.answered
            lines.append(f"Answered {t.answered} ({t.new} new), {t.correct} right or recalled "
                         f"({acc:.0%}), {t.again} again.")
            lines.append(f"Time: {s.get('minutes', 0):.1f} min.")
        else:
            lines.append("No answers this time.")
        if t.skipped or t.suspended or t.undone:
            lines.append(f"Skipped {t.skipped}, suspended {t.suspended}, undone {t.undone}.")
        if t.misconceptions:
            lines.append("")
            lines.append("Slips met (worth a second look):")
            lines += [f"  - {safe.text(m)}" for m in t.misconceptions.values()]
        lines.append("")
        if s.get("tomorrow") is not None:
            lines.append(f"Due tomorrow: {plural(s['tomorrow'], 'card')}.")
        if s.get("waiting") is not None:
            when = s["waiting"].astimezone().strftime("%H:%M")
            lines.append(f"Cards in learning come back at {when}: drill again then.")
        if (held := s.get("new_limit")) is not None:
            lines.append(t_("new_limit", getattr(self.app, "ui_lang", "en"), per_day=held.per_day,
                            waiting=held.waiting, more=held.per_day + min(held.waiting, 10)))
        if s.get("practice"):  # drill --model: nothing was stored
            lines.append(t_("model_nothing_saved", getattr(self.app, "ui_lang", "en")))
        else:
            lines.append("Everything answered is saved.")
        return "\n".join(lines)

    def action_home(self) -> None:
        self.app.go_home()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a practice session (drill --model) has no queue to drill again: no key for it
        if action == "again" and self.summary.get("practice"):
            return False
        return True

    def action_again(self) -> None:
        from quizcnn.tui.screens.drill import DrillScreen

        self.app.switch_screen(DrillScreen())
