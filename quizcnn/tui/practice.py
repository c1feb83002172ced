"""``quizcnn drill --model FILE`` in the app: the drill screen over a practice session.

The problems on the user's model are not bank cards, so there is no queue in the store and no
database is opened: ``PracticeFlow`` offers the drill screen what ``quizcnn.tui.flow.DrillFlow``
offers (``next_card``, ``answer_graded``, ``undo``, ``skip``, ``end``, ...) over a
``quizcnn.drill.practice.Practice``, grading with the problem's own ``check``; the screen
(``quizcnn.tui.screens.drill.DrillScreen``) is the same one the daily drill uses.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

from textual.app import App

from quizcnn.messages import pick, t
from quizcnn.tui import keymap, safe
from quizcnn.tui.flow import CardView, Outcome, prepare

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class _Variant:
    """What the drill screen reads from a bank question's text in one language."""

    lang: str
    title: str
    prompt: str = ""
    hints: list[str] = field(default_factory=list)
    choices: list[Any] = field(default_factory=list)
    explanation: str = ""
    answer: str = ""
    gaps: list[str] = field(default_factory=list)


class PracticeQuestion:
    """A generated problem dressed as a bank question of type "generated" for ``prepare``
    (its ``make_problem`` hands over the problem itself)."""

    type = "generated"
    template = "own-model"
    difficulty = 2
    numeric = None
    origin = "practice"

    def __init__(self, problem: Any, number: int, model_name: str) -> None:
        self.problem = problem
        self.id = f"own-model:{number}"
        self.topic = t("model_topic", "en", name=model_name)
        self.langs = ["en", "zh"]
        self.variants = {lang: self.text(lang) for lang in self.langs}

    def make_problem(self, seed: int) -> Any:
        return self.problem

    def text(self, lang: str) -> _Variant:
        lang = lang if lang in ("en", "zh") else "en"
        return _Variant(lang, pick(self.problem.title, lang) or self.template)


@dataclass
class _Item:
    """The queue item of a practice card (never stored)."""

    card_id: int
    bank_id: str
    is_new: bool = True
    state: int = 0
    practice: bool = True


class PracticeFlow:
    """The drill screen's flow over a ``Practice``: nothing is stored (see module doc)."""

    practice = True
    cram = False

    def __init__(self, practice: Any, model_name: str, lang: str) -> None:
        self.source = practice
        self.lang = lang
        self.model_name = model_name
        self.numbered = deque(enumerate(list(practice.left), 1))
        practice.left.clear()
        self.queue = _Queue(self.numbered)
        self.session = _Pending()
        self.started = time.monotonic()

    @property
    def tally(self) -> Any:
        return self.source.tally

    def take(self, bank_id: str) -> Any:
        return None

    def next_card(self) -> CardView | None:
        if not self.numbered:
            return None
        n, problem = self.numbered.popleft()
        q = PracticeQuestion(problem, n, self.model_name)
        return prepare(q, self.lang, _Item(n, q.id), 0)

    def remaining(self) -> int:
        return len(self.numbered)

    def answer_graded(self, card: CardView, answer: Any) -> Outcome | None:
        """Grade with the problem's own check; None (ask again) when it cannot be read. An
        empty answer is giving up: wrong, the worked solution shown."""
        verdict = card.problem.check(answer)
        if getattr(verdict, "error", None) and isinstance(answer, str) and answer.strip():
            return None
        self.source.answered(verdict)
        out = Outcome(bool(verdict.correct), 3 if verdict.correct else 1,
                      safe.text(verdict.expected))
        detail = verdict.detail
        if isinstance(detail, dict):
            detail = pick(detail, card.lang) or ""
        m = verdict.misconception
        if m is not None:
            out.misconception = safe.text(pick(m.message, card.lang) or m.id)
            out.misconception_id = m.id
            detail = "" if detail == out.misconception else detail
        out.detail = safe.text(detail or "")
        return out

    def previews(self, card: CardView) -> dict[int, str]:
        return {}

    def answer_rated(self, card: CardView, rating: int, typed: str | None = None) -> Outcome:
        return Outcome(None, int(rating))

    def undo(self, current: CardView | None) -> None:
        return None  # nothing was saved, nothing to take back

    def skip(self, card: CardView) -> None:
        self.source.skipped()

    def suspend(self, card: CardView) -> None:
        self.source.skipped()

    def end(self) -> dict[str, Any]:
        return {"tally": self.tally, "tomorrow": None, "waiting": None, "practice": True,
                "minutes": (time.monotonic() - self.started) / 60}


class _Queue:
    def __init__(self, left: deque[Any]) -> None:
        self.main = left
        self.learning: list[Any] = []

    def waiting(self) -> None:
        return None


class _Pending:
    pending: deque[Any] = deque()


class PracticeApp(App[int]):
    """The app for one practice session: the drill screen, then its summary; no database."""

    TITLE = "quizcnn"
    BINDINGS = keymap.bindings(keymap.APP)

    def __init__(self, practice: Any, lang: str = "en", model_name: str = "") -> None:
        super().__init__()
        self.ui_lang = lang
        self.key_overrides, self.key_problems = keymap.load_overrides(lang=lang)
        keymap.apply(self, self.key_overrides, lang)
        self.practice = PracticeFlow(practice, model_name, lang)
        self.header = list(practice.header)
        self.flow: PracticeFlow | None = None
        self.store = None
        self.store_error = ""  # no database: nothing can fail to open
        self.bank = None
        self.cram = False
        self.rng = random.Random()
        self.io = ThreadPoolExecutor(1, thread_name_prefix="quizcnn-io")

    def clock(self) -> datetime:
        from quizcnn.store.dates import utcnow

        return utcnow()

    async def in_db(self, fn: Callable[P, R], *args: P.args, **kw: P.kwargs) -> R:
        """No database: the flow's work runs off the UI thread like the drill's."""
        return await asyncio.wrap_future(self.io.submit(fn, *args, **kw))

    in_io = in_db

    async def wait_store(self) -> None:
        """No database to wait for."""
        return None

    async def refresh_counts(self) -> None:
        return None

    def on_mount(self) -> None:
        from quizcnn.tui.screens.drill import DrillScreen

        self.push_screen(DrillScreen())
        if len(self.header) > 1:  # practice: nothing is saved
            self.notify(safe.text(self.header[1]), title=safe.text(self.header[0]), timeout=8,
                        markup=False)
        for line in self.header[2:]:  # the notes on what the model file could not show
            self.notify(safe.text(line), title=t("tui_your_model", self.ui_lang),
                        severity="warning", timeout=12,
                        markup=False)

    def first_paint(self) -> bool:
        return False

    def go_home(self) -> None:
        self.exit()

    def action_show_help(self) -> None:
        from quizcnn.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        self.io.shutdown(wait=False)


def run_practice(practice: Any, lang: str) -> int:
    name = ""
    if practice.header:
        name = practice.header[0]
    app = PracticeApp(practice, lang, _model_name(practice) or name)
    app.run()
    return int(app.return_code or 0)


def _model_name(practice: Any) -> str:
    left = list(practice.left)
    return str(left[0].extra.get("model", "")) if left else ""
