"""Small dialogs of Home: choose topics (or tags); see why bank files were skipped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static

from quizcnn.messages import t
from quizcnn.tui import keymap, safe
from quizcnn.tui.base import QuizModal

if TYPE_CHECKING:
    from quizcnn.bank.load import Bank


class TopicsScreen(QuizModal[tuple[str, ...] | None]):
    """Space toggles a topic (or a tag), Enter confirms; marks are ASCII ``[x]``."""

    DEFAULT_CSS = """
    TopicsScreen { align: center middle; }
    TopicsScreen #box { width: 60; max-width: 95%; height: 80%; border: round $accent;
                        background: $surface; padding: 0 1; }
    TopicsScreen OptionList { height: 1fr; }
    """
    BINDINGS = keymap.bindings(keymap.LIST) + [
        *keymap.bindings([keymap.Key("topics.done", "enter", "done", "Done", priority=True),
                          keymap.Key("topics.toggle", "space", "toggle_mark", "Toggle"),
                          keymap.Key("topics.cancel", "escape", "cancel", "Cancel")]),
    ]

    def __init__(self, topics: list[str], chosen: tuple[str, ...],
                 what: str = "topics") -> None:
        super().__init__()
        keymap.apply(self)
        self.topics = topics
        self.chosen = set(chosen)
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            lang = getattr(self.app, "ui_lang", "en")
            yield Static(t(f"topics_intro_{self.what}", lang), markup=False)
            yield OptionList(*[self.prompt(x) for x in self.topics], id="list", compact=True)
        yield Footer()

    def prompt(self, topic: str) -> Content:
        return Content(f"[{'x' if topic in self.chosen else ' '}] ") + Content(safe.text(topic))

    def action_toggle_mark(self) -> None:
        # (not ``action_toggle``: that is every DOM node's toggle-an-attribute action)
        ol = self.query_one(OptionList)
        i = ol.highlighted
        if i is None:
            return
        topic = self.topics[i]
        self.chosen.symmetric_difference_update({topic})
        ol.replace_option_prompt_at_index(i, self.prompt(topic))

    def action_done(self) -> None:
        self.dismiss(tuple(x for x in self.topics if x in self.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()


class ProblemsScreen(QuizModal[None]):
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen #box { width: 90%; height: 80%; border: round $warning;
                          background: $surface; padding: 0 1; }
    """
    BINDINGS = keymap.bindings(keymap.SCREEN)

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        keymap.apply(self)
        self.bank = bank

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "ui_lang", "en")
        lines = [t("problems_skipped", lang, path=p) for p in self.bank.skipped_files]
        lines += [self.problem(d, lang) for d in self.bank.errors]
        lines.append("")
        lines.append(t("problems_fix", lang))
        with VerticalScroll(id="box"):
            yield Static(safe.text("\n".join(lines)), markup=False)
        yield Footer()

    @staticmethod
    def problem(d: object, lang: str) -> str:
        """One problem the bank reader found: where, how bad (in ``lang``), what. The
        reader's own words and hint stay as it wrote them."""
        severity = str(getattr(d, "severity", ""))
        if severity not in ("error", "warning"):
            return str(d)
        hint = getattr(d, "hint", "")
        tail = f" ({hint})" if hint else ""
        said = t(f"problems_severity_{severity}", lang)
        return f"{getattr(d, 'file', '')}:{getattr(d, 'line', '')}: {said}: {getattr(d, 'message', '')}{tail}"

    def action_back(self) -> None:
        self.dismiss(None)
