"""The end of a session: answered, accuracy, time, slips met, what is due tomorrow."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from quizcnn.messages import t as t_
from quizcnn.store.words import plural
from quizcnn.tui import keymap, safe
from quizcnn.tui.base import SharedScreen
from quizcnn.tui.widgets.hanging import HangingText


class SummaryScreen(SharedScreen[None]):
    DEFAULT_CSS = """
    SummaryScreen #box { padding: 1 2; }
    SummaryScreen #head { text-style: bold; color: $accent; margin-bottom: 1; }
    """
    BINDINGS = keymap.bindings([
        keymap.Key("summary.home", "enter,escape,q", "home", "Home"),
        keymap.Key("summary.again", "d", "again", "Drill again"),
    ])

    def __init__(self, summary: dict[str, Any] | None) -> None:
        # (``DrillFlow.end`` / ``PracticeFlow.end``: tally, minutes, tomorrow, ...)
        super().__init__()
        keymap.apply(self)
        self.summary = summary or {}

    @property
    def lang(self) -> str:
        from textual.types import NoActiveAppError

        try:
            return getattr(self.app, "ui_lang", "en")
        except NoActiveAppError:  # text() called on a screen not yet on an app
            return "en"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Static(t_("sum_head", self.lang), id="head", markup=False)
            yield HangingText(self.text(), id="body")
        yield Footer()

    def text(self) -> str:
        s, lang = self.summary, self.lang
        t = s.get("tally")
        if t is None:
            return t_("sum_nothing", lang)
        lines = []
        if t.answered:
            acc = t.correct / t.answered
            lines.append(t_("sum_answered", lang, n=t.answered, new=t.new, right=t.correct,
                            pct=f"{acc:.0%}", again=t.again))
            lines.append(t_("sum_time", lang, mins=f"{s.get('minutes', 0):.1f}"))
        else:
            lines.append(t_("sum_no_answers", lang))
        if t.skipped or t.suspended or t.undone:
            lines.append(t_("sum_skipped", lang, skipped=t.skipped, suspended=t.suspended,
                            undone=t.undone))
        if t.misconceptions:
            lines.append("")
            lines.append(t_("sum_slips", lang))
            lines += [f"  - {safe.text(m)}" for m in t.misconceptions.values()]
        lines.append("")
        if s.get("tomorrow") is not None:
            n = s["tomorrow"]
            lines.append(t_("sum_tomorrow", lang, cards=plural(n, "card") if lang == "en" else n))
        if s.get("waiting") is not None:
            clock = getattr(self.app, "clock", None) if self.is_attached else None
            if clock is not None and s["waiting"] <= clock():
                # a card left in learning fell due before the session ended: not "at 15:39"
                lines.append(t_("sum_waiting_now", lang))
            else:
                when = s["waiting"].astimezone().strftime("%H:%M")
                lines.append(t_("sum_waiting", lang, when=when))
        if (held := s.get("new_limit")) is not None:
            lines.append(t_("new_limit", lang, per_day=held.per_day,
                            waiting=held.waiting, more=held.per_day + min(held.waiting, 10)))
        if s.get("practice"):  # drill --model: nothing was stored
            lines.append(t_("model_nothing_saved", lang))
        else:
            lines.append(t_("all_saved", lang))
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
