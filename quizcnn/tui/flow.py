"""The app's drill without a UI: card preparation, grading, and the session's steps.

Runs on the app's database thread (every method may touch SQLite). The queue, recording,
undo, skip and suspend are ``quizcnn.drill.session.Session``'s, shared with the line-mode drill;
this module turns them into data for the screens (CardView, Outcome), so the Textual screens
only display. Nothing here imports Textual.

A little over 400 lines: card preparation, the flow's steps and the edit-a-question helpers
are what the drill screen calls off its UI thread; they share CardView and one clock.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizcnn.messages import pick, t
from quizcnn.tui import safe
from quizcnn.tui.data import Filters

if TYPE_CHECKING:
    from quizcnn.bank.load import Bank
    from quizcnn.bank.model import Question
    from quizcnn.drill.session import Tally, Undone
    from quizcnn.store.db import Store
    from quizcnn.store.queue import Queue, QueueItem


@dataclass
class CardView:
    """One card as the drill shows it (all text already cleaned; Markdown with Unicode math)."""

    # a QueueItem, None while the store is loading, or a practice card's item (drill --model)
    item: Any
    # a bank Question, or a PracticeQuestion dressed as one (quizcnn.tui.practice)
    question: Any
    lang: str
    seed: int
    order: list[int]
    prompt_md: str = ""
    choices: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    answer_md: str = ""
    explanation_md: str = ""
    steps_md: str = ""
    problem: Any = None
    error: str = ""
    started: float = field(default_factory=time.monotonic)
    hints_shown: int = 0

    @property
    def qtype(self) -> str:
        kind: str = self.question.type
        return kind

    @property
    def bank_id(self) -> str:
        bank_id: str = self.question.id
        return bank_id

    @property
    def kind(self) -> str:
        it = self.item
        if getattr(it, "practice", False):
            return "practice"
        if it is None or it.is_new:
            return "new"
        kind = "learning" if it.state in (1, 3) else "review"
        return kind + (" (leech: often forgotten)" if getattr(it, "leech", False) else "")

    @property
    def typed(self) -> bool:
        return self.qtype in ("numeric", "generated", "cloze")

    @property
    def self_rated(self) -> bool:
        return self.qtype == "basic"

    @property
    def many(self) -> bool:
        right: int = sum(c.correct for c in self.question.text(self.lang).choices)
        return right > 1

    @property
    def unit(self) -> str | None:
        unit = self.question.unit(self.lang) if getattr(self.question, "numeric", None) else None
        return safe.text(unit) if unit else None


@dataclass
class Outcome:
    correct: bool | None  # None: rated by the user
    rating: int
    expected: str = ""
    detail: str = ""
    misconception: str = ""
    misconception_id: str | None = None
    interval: str = ""
    leech: bool = False
    why: str | None = None  # a right answer rated Hard: the quizcnn.messages key saying why


def prepare(question: Any, lang: str, item: Any, seed: int, order: list[int] | None = None) -> CardView:
    """Everything shown for a card; generation and math rendering happen here (off the UI)."""
    from quizcnn.bank.cloze import blank, reveal

    v = question.text(lang)
    n = len(v.choices)
    if order is None:
        order = list(range(n))
        if question.type == "choice":
            random.Random(seed).shuffle(order)
    card = CardView(item, question, v.lang, seed, order)
    prompt = v.prompt or ""
    card.hints = [safe.markdown(h) for h in v.hints]
    card.explanation_md = safe.markdown(v.explanation) if v.explanation else ""
    if question.type == "cloze":
        card.prompt_md = safe.markdown(blank(prompt))
        card.answer_md = safe.markdown(reveal(prompt))
    elif question.type == "generated":
        card.prompt_md = safe.markdown(prompt) if prompt.strip() else ""
        try:
            from quizcnn.problems import generate

            make = getattr(question, "make_problem", None)  # drill --model: a given problem
            card.problem = make(seed) if make else generate(question.template, seed,
                                                            question.difficulty)
        except Exception as e:  # a template bug must not end the session
            card.error = t("tui_template_failed", v.lang, template=question.template, error=e)
            return card
        p = card.problem
        body = safe.markdown(pick(p.prompt, v.lang) or "")
        card.prompt_md = (card.prompt_md + "\n\n" + body).strip()
        card.hints = [safe.markdown(h) for h in pick(p.hints, v.lang) or []] or card.hints
        card.answer_md = safe.markdown(p.answer_text)
        steps = pick(p.steps, v.lang) or []
        # One step per item: its title, then formula, substitution and result on their own
        # lines (each is a whole equation; chained with "=" they would read as false ones).
        card.steps_md = "\n".join(
            f"{i}. **{safe.markdown(s.title)}**"
            + "".join(f"\\\n   {safe.markdown(x)}"
                      for x in (s.formula, s.substitution, s.result) if x)
            for i, s in enumerate(steps, 1)
        )
    else:
        card.prompt_md = safe.markdown(prompt)
        card.answer_md = safe.markdown(v.answer) if v.answer else ""
        points = list(getattr(v, "key_points", ()) or ())
        if question.type == "basic" and points:  # self-grading is ticking these off
            card.answer_md += f"\n\n**{t('key_points', v.lang)}**\n\n" + "\n".join(
                f"- {safe.markdown(p)}" for p in points)
        if question.type == "numeric" and question.numeric is not None:
            num = question.numeric
            unit = question.unit(v.lang)
            card.answer_md = safe.markdown(f"{num.text or num.value}" + (f" {unit}" if unit else ""))
    card.choices = [safe.markdown(v.choices[i].text) for i in order]
    return card


def _fmt(value: object) -> str:
    if isinstance(value, tuple):
        return " × ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_fmt(v)}" for k, v in value.items())
    if isinstance(value, Fraction):
        if value.denominator == 1:
            value = value.numerator
        else:
            return f"{value.numerator}/{value.denominator} ≈ {float(value):.6g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def read_preview(card: CardView, text: str, lang: str | None = None) -> tuple[bool | None, str]:
    """Live parse preview of a typed answer: (readable?, message). Cheap: runs per keystroke.

    It reads with the grader's own reader (``Problem.read``, ``bank.numbers.read_number``,
    ``bank.grade.read_gaps``): what it accepts is graded, what it refuses is asked again."""
    from quizcnn.problems.answers import AnswerError

    s = text.strip()
    if not s or s in ("?", "u", "s", "q"):
        return None, ""
    zh = (lang or card.lang) == "zh"
    try:
        if card.qtype == "numeric":
            from quizcnn.bank.numbers import read_number

            num = card.question.numeric
            units = (card.question.unit(card.lang), num.unit) if num is not None else None
            return True, "= " + _fmt(read_number(s, units))
        if card.qtype == "generated" and card.problem is not None:
            p = card.problem
            return True, "= " + p.show(p.read(s))
        if card.qtype == "cloze":
            from quizcnn.bank.grade import read_gaps

            n = len(card.question.text(card.lang).gaps)
            read_gaps(s, n)
            return True, t("tui_gaps_filled", "zh" if zh else "en", n=n) if n > 1 else ""
    except AnswerError as e:
        return False, (e.zh if zh else str(e))
    return None, ""


class DrillFlow:
    """The app's drill over a ``quizcnn.drill.session.Session``: it prepares each card for the
    screens and turns answers into Outcomes. Every method runs on the database thread."""

    def __init__(self, store: Store, bank: Bank, filters: Filters, *,
                 clock: Callable[[], datetime], rng: random.Random, limit: int | None = None,
                 cram: bool = False) -> None:
        from quizcnn.drill.session import Session

        self.store = store
        self.bank = bank
        self.filters = filters
        self.clock = clock
        self.rng = rng
        self.session = Session(store, clock(), topics=list(filters.topics),
                               tags=list(filters.tags), lang=filters.only_lang, limit=limit,
                               cram=cram, mode="tui-cram" if cram else "tui")
        self.session.start(clock())
        self.reviewer = self.session.reviewer

    @property
    def queue(self) -> Queue:
        return self.session.queue

    @property
    def cram(self) -> bool:
        return self.session.cram

    @property
    def tally(self) -> Tally:
        return self.session.tally

    # -- the queue --------------------------------------------------------------------------
    def take(self, bank_id: str) -> QueueItem | None:
        """Remove the card already on screen from the queue and return its QueueItem."""
        return self.session.take(bank_id)

    def next_card(self) -> CardView | None:
        while (item := self.session.next_item(self.clock())) is not None:
            q = self.bank.by_id.get(item.bank_id)
            if q is None:  # the bank changed under us; the card stays for another day
                continue
            shown = self.session.replay(item.card_id)  # an undone answer: same numbers, order
            if shown is not None:
                return prepare(q, self.filters.display_lang(q), item, *shown)
            return prepare(q, self.filters.display_lang(q), item, self.rng.randrange(2**31))
        return None

    def remaining(self) -> int:
        return self.session.remaining()

    # -- answers ----------------------------------------------------------------------------
    def grade(self, card: CardView, answer: Any) -> tuple[Any, str]:
        """(verdict, text to store) for a typed answer or a choice selection (shown positions)."""
        from quizcnn.bank import check_answer

        if card.qtype == "generated":
            return card.problem.check(answer), answer
        if card.qtype == "choice":
            shown = sorted(answer)
            text = ", ".join(str(i + 1) for i in shown)
            return check_answer(card.question, card.lang, shown, order=card.order), text
        return check_answer(card.question, card.lang, answer), answer

    def answer_graded(self, card: CardView, answer: Any) -> Outcome | None:
        """Grade and record a typed answer or a choice; None (nothing recorded) when a typed
        answer cannot be read: the screen asks again. An empty answer is giving up: Again."""
        verdict, text = self.grade(card, answer)
        if getattr(verdict, "error", None) and isinstance(answer, str) and answer.strip():
            return None
        duration = int((time.monotonic() - card.started) * 1000)
        used = card.hints_shown > 0
        rating = int(self.reviewer.grade(bool(verdict.correct), hint_used=used, duration_ms=duration))
        m = getattr(verdict, "misconception", None)
        out = Outcome(bool(verdict.correct), rating, safe.text(verdict.expected))
        out.why = self.session.hard_why(out.correct, rating, used)
        detail = getattr(verdict, "detail", "")
        if isinstance(detail, dict):
            detail = pick(detail, card.lang) or ""
        if m is not None:
            out.misconception = safe.text(pick(m.message, card.lang) or m.id)
            out.misconception_id = m.id
            detail = "" if detail == out.misconception else detail
        out.detail = safe.text(detail)
        problem = card.problem.to_dict() if card.problem is not None else None
        self._record(card, out, duration, text, problem=problem)
        return out

    def previews(self, card: CardView) -> dict[int, str]:
        from quizcnn.store.scheduler import format_interval

        if self.cram:  # nothing is rescheduled
            return {}
        return {int(r): format_interval(td)
                for r, td in self.reviewer.preview(card.item.card_id, self.clock()).items()}

    def answer_rated(self, card: CardView, rating: int, typed: str | None = None) -> Outcome:
        duration = int((time.monotonic() - card.started) * 1000)
        out = Outcome(None, int(rating))
        self._record(card, out, duration, typed)
        return out

    def _record(self, card: CardView, out: Outcome, duration: int, text: str | None,
                problem: dict[str, Any] | None = None) -> None:
        from quizcnn.store.scheduler import format_interval

        result = self.session.record(
            card.item, out.rating, now=self.clock(), duration_ms=duration, answer=text,
            correct=out.correct, misconception=out.misconception_id, problem=problem,
            lang=card.lang, hint_used=card.hints_shown > 0, shown=(card.seed, card.order),
            misconception_text=out.misconception,
        )
        # committed: only now is the answer reported as accepted
        out.interval = format_interval(result.interval) if result.interval is not None else ""
        out.leech = result.became_leech

    # -- other keys -------------------------------------------------------------------------
    def undo(self, current: CardView | None) -> Undone | None:
        """Take back the session's last action (``quizcnn.drill.session``'s table): an
        ``Undone`` saying what and on which card, or None when there is nothing to undo.
        ``current``: the unanswered card on screen, shown again after the undone one."""
        if current is not None and current.item is not None:
            return self.session.undo(current.item, (current.seed, current.order))
        return self.session.undo(None, None)

    def skip(self, card: CardView) -> None:
        self.session.skip(card.item, self.clock(), (card.seed, card.order))

    def suspend(self, card: CardView) -> None:
        self.session.suspend(card.item, (card.seed, card.order))

    def end(self) -> dict[str, Any]:
        """Close the session; the committed counts and what is due tomorrow."""
        self.session.end(self.clock())
        tomorrow = None
        try:
            from quizcnn.store.stats import compute_stats

            st = compute_stats(self.store, self.clock())
            tomorrow = st.forecast[1][1] if len(st.forecast) > 1 else None
        except Exception:  # the summary must show even if stats cannot be read
            pass
        t = self.tally
        held = self.session.new_limit(self.clock())
        return {"tally": t, "tomorrow": tomorrow, "waiting": self.queue.waiting(),
                "new_limit": held,
                "minutes": (time.monotonic() - t.started) / 60}


@dataclass
class EditTarget:
    """What ``e`` opens in the editor: the question's own file, or, for a shipped question, a
    scratch copy of its block (``original`` holds the block as shipped)."""

    path: Path
    line: int
    topic: str = ""
    original: str | None = None  # set for a shipped question: the scratch copy's first text


def edit_target(question: Question, lang: str) -> EditTarget:
    """The file and line to edit. A shipped question's block is copied to a scratch file; only
    a changed copy becomes a user override (:func:`finish_edit`), so opening the editor and
    quitting it leaves the bank as it was."""
    v = question.text(lang)
    if question.origin != "shipped":
        return EditTarget(Path(v.file), v.line)
    from quizcnn.bank.parse import MAX_FILE_BYTES
    from quizcnn.fileio import FileRefused, read_text, write_atomic
    from quizcnn.paths import data_dir

    try:
        lines = read_text(v.file, cap=MAX_FILE_BYTES).split("\n")
    except FileRefused as e:
        raise OSError(str(e)) from None
    start = v.line - 1
    end = start + 1
    fence = False
    while end < len(lines):
        s = lines[end]
        if s.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and s.startswith("## "):
            break
        end += 1
    chunk = "\n".join(lines[start:end]).rstrip("\n") + "\n"
    folder = data_dir() / "editing"
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_-]", "_", str(question.id))[:80]
    scratch = folder / f"{name}.{lang}.md"
    write_atomic(scratch, chunk.encode("utf-8"))
    return EditTarget(scratch, 1, question.topic, chunk)


def finish_edit(target: EditTarget) -> tuple[str, Path]:
    """After the editor: ``("edited", file)`` for a question edited in place, ``("unchanged",
    file)`` when a shipped question's copy came back as it went out (nothing saved),
    ``("saved", override file)`` when it changed, ``("draft", draft file)`` when the changed
    copy is not a valid question (kept as a draft, nothing lost)."""
    if target.original is None:
        return "edited", target.path
    from quizcnn.bank.parse import MAX_FILE_BYTES
    from quizcnn.bank.write import InvalidQuestion, add_text, save_draft
    from quizcnn.fileio import read_text

    try:
        text = read_text(target.path, cap=MAX_FILE_BYTES)
        if text.strip() == target.original.strip():
            return "unchanged", target.path
        try:
            (path, _line), *_ = add_text(text, topic=target.topic)
        except InvalidQuestion:
            return "draft", save_draft(text)
        return "saved", path
    finally:
        target.path.unlink(missing_ok=True)
