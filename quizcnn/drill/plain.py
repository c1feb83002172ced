"""The plain line-mode drill: one question at a time on stdout, one answer line from stdin.

Works without a terminal (stdin piped from a file), so it can be scripted and tested; EOF ends
the session cleanly and everything answered so far is already saved (each answer is committed
before "saved" is printed).

Per card type:
- numeric, choice, generated: type the answer; it is graded (an unreadable or empty answer is
  asked again and is not a review). ``?`` shows a hint (the rating is then at most Hard).
- basic: Enter shows the answer; then rate yourself 1-4 (each rating's next interval shown).
- cloze: type the gaps separated by ``;`` to have them checked, or press Enter to reveal and
  rate yourself.
Anywhere: ``u`` undoes the last action (answer, skip or suspend; see ``quizcnn.drill.session``),
``s`` skips the card until tomorrow, ``suspend`` suspends it, ``q`` quits.
Text from the bank is cleaned (``quizcnn.termtext``) before it is printed.

Why one module of ~560 lines: it is the whole line-mode UI, one handler per card type around
one input loop, recording path and summary; the session logic it drives is in
``quizcnn.drill.session``, its words in ``quizcnn.messages``.
What the drill itself says is in the drill's language (``lang``: en or zh), from
``quizcnn.messages``.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

from quizcnn import messages
from quizcnn.drill.lineio import EndOfInput, LineIO
from quizcnn.messages import pick, pick_exact
from quizcnn.store.dates import utcnow
from quizcnn.store.words import plural
from quizcnn.termtext import clean, show_math

if TYPE_CHECKING:
    from quizcnn.bank.grade import Verdict as BankVerdict
    from quizcnn.bank.model import Question, Variant
    from quizcnn.problems.forms import ProblemDict
    from quizcnn.problems.model import Problem, Step
    from quizcnn.problems.model import Verdict as ProblemVerdict
    from quizcnn.store.db import Store
    from quizcnn.store.queue import NewLimit, QueueItem
    from quizcnn.store.scheduler import Rating

    # the grade of a typed answer: the drill's own (bank cards) or a generated problem's
    Graded: TypeAlias = "_Graded | ProblemVerdict"
    # ``quizcnn.bank.check_answer``, or a test's stand-in
    CheckAnswer: TypeAlias = Callable[..., "BankVerdict"]

RATING_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "again": 1, "hard": 2, "good": 3, "easy": 4}
# (suspending is the word only: a lone "x" is a fair answer, e.g. to a cloze gap)
COMMANDS = {"u": "undo", "undo": "undo", "s": "skip", "skip": "skip", "suspend": "suspend",
            "q": "quit", "quit": "quit"}


@dataclass
class Summary:
    reviewed: int = 0
    correct: int = 0
    again: int = 0
    new: int = 0
    undone: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)
    next_learning: datetime | None = None
    ended_by: str = "done"  # "done" | "eof" | "quit"


class Quit(Exception):
    pass


class PlainDrill(LineIO):
    """One drill session over ``questions`` (bank Question objects) against an open Store."""

    def __init__(
        self,
        store: Store,
        questions: list[Question],
        *,
        stdin: TextIO,
        stdout: TextIO,
        lang: str = "en",
        only_lang: bool = False,
        topics: list[str] | None = None,
        tags: list[str] | None = None,
        limit: int | None = None,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        check_answer: CheckAnswer | None = None,
        generate: Callable[[str, int, int], Problem] | None = None,
        cram: bool = False,
    ) -> None:
        from quizcnn.drill.session import Session
        from quizcnn.store.sync import sync_bank

        self.store = store
        self.by_id = {q.id: q for q in questions}
        self.stdin, self.out = stdin, stdout
        self.lang = lang
        self.clock = clock
        self.rng = rng or random.Random()
        self._check_answer = check_answer
        self._generate = generate
        self.cram = cram
        sync_bank(store, questions, now=clock())
        # the queue, answers, undo, skip: shared with the app (quizcnn.drill.session)
        self.session = Session(store, clock(), topics=topics, tags=tags,
                               lang=lang if only_lang else None, limit=limit, cram=cram,
                               mode="cram" if cram else "plain")
        self.reviewer = self.session.reviewer
        self.queue = self.session.queue
        self.total = self.session.total
        self.no_match = filter_mismatch(questions, topics, tags, lang if only_lang else None)
        self.summary = Summary()
        self.shown: tuple[int, list[int]] | None = None  # how the card on screen was drawn

    # -- io -------------------------------------------------------------------------------
    def rating_name(self, rating: int) -> str:
        return messages.rating_name(rating, self.lang)

    def unreadable(self, verdict: Graded) -> None:
        """The "could not read" line, all in the drill's language."""
        why = pick_exact(getattr(verdict, "detail", None), self.lang)
        if why is None and (self.lang == "en" or getattr(verdict, "localized", False)):
            why = getattr(verdict, "error", None)
        if why:
            self.say(self.msg("unreadable", why=clean(str(why)).rstrip(".。")))
        else:
            self.say(self.msg("unreadable_bare"))

    def command(self, text: str) -> str | None:
        return COMMANDS.get(text.strip().lower())

    # -- the session ----------------------------------------------------------------------
    def run(self) -> Summary:
        if not self.total:
            self.say(self.no_match or self.msg("nothing"))
            if not self.no_match and (held := self.session.new_limit(self.clock())):
                self.say(self.new_limit_text(held))
            return self.summary
        self.session.start(self.clock())
        if self.cram:
            self.say(self.msg("cram"))
        count = plural(self.total, "card") if self.lang != "zh" else f"{self.total} 张卡片"
        self.say(self.msg("intro", count=count))
        n = 0
        try:
            while (item := self.session.next_item(self.clock())) is not None:
                n += 1
                self.serve(item, n)
        except EndOfInput:
            self.summary.ended_by = "eof"
        except Quit:
            self.summary.ended_by = "quit"
        self.summary.next_learning = self.queue.waiting()
        self.session.end(self.clock())  # the tally takes the committed counts (undo included)
        t, s = self.session.tally, self.summary
        s.reviewed, s.correct, s.again, s.new = t.answered, t.correct, t.again, t.new
        s.skipped, s.undone = t.skipped, t.undone
        self.say(self.render_summary())
        if held := self.session.new_limit(self.clock()):
            self.say(self.new_limit_text(held))
        return self.summary

    def new_limit_text(self, held: NewLimit) -> str:
        return self.msg("new_limit", per_day=held.per_day, waiting=held.waiting,
                        more=held.per_day + min(held.waiting, 10))

    def serve(self, item: QueueItem, n: int) -> None:
        q = self.by_id.get(item.bank_id)
        if q is None:  # the bank changed under us; the card stays for another day
            return
        variant = q.text(self.lang)
        kind = "new" if item.is_new else ("learning" if item.state in (1, 3) else "review")
        kind = self.msg(f"kind_{kind}")
        if getattr(item, "leech", False):
            kind += self.msg("kind_leech")
        self.shown = self.session.replay(item.card_id)  # an undone card: drawn as before
        self.say("")
        self.say(f"--- {n} · {clean(q.topic)} · {kind} · {clean(variant.title)}")
        handler = {
            "basic": self.serve_basic,
            "cloze": self.serve_cloze,
            "generated": self.serve_generated,
        }.get(q.type, self.serve_graded)
        try:
            handler(item, q, variant)
        except _Undo:
            self.undo(item)
        except _Skip:
            self.session.skip(item, self.clock(), self.shown)
            self.say(self.msg("skipped"))
        except _Suspend:
            self.session.suspend(item, self.shown)
            self.say(self.msg("suspended"))

    # -- per type ---------------------------------------------------------------------------
    def serve_basic(self, item: QueueItem, q: Question, variant: Variant) -> None:
        self.say(show_math(variant.prompt))
        started = time.monotonic()
        self.read_line(self.msg("show_answer"))
        self.reveal(variant.answer, variant.explanation)
        points = list(getattr(variant, "key_points", ()) or ())
        if points:  # self-grading is ticking these off
            self.say(self.msg("key_points"))
            for point in points:
                self.say(f"  [ ] {show_math(point)}")
        self.self_rate(item, started)

    def serve_cloze(self, item: QueueItem, q: Question, variant: Variant) -> None:
        from quizcnn.bank.cloze import blank, reveal

        self.say(show_math(blank(variant.prompt)))
        started = time.monotonic()
        verdict, text, hinted = self.answer(
            self.msg("gaps"), variant.hints, lambda text: self.check(q, text), empty_reveals=True
        )
        if verdict is None:  # Enter: reveal and rate yourself
            self.reveal(reveal(variant.prompt), variant.explanation)
            self.self_rate(item, started)
            return
        self.finish_graded(
            item, verdict, text, started, hinted, variant, answer_md=reveal(variant.prompt)
        )

    def serve_graded(self, item: QueueItem, q: Question, variant: Variant) -> None:
        """numeric and choice questions from the bank."""
        self.say(show_math(variant.prompt))
        order = list(range(len(variant.choices)))
        if q.type == "choice":
            if self.shown is not None and sorted(self.shown[1]) == order:
                order = list(self.shown[1])
            else:
                self.rng.shuffle(order)
            self.shown = (0, order)
            for label, idx in zip(_letters(), order, strict=False):
                self.say(f"  {label}) {show_math(variant.choices[idx].text)}")
            many = sum(c.correct for c in variant.choices) > 1
            prompt = self.msg("choice_many" if many else "choice_one")
        else:
            unit = q.unit(self.lang) if q.numeric else None
            prompt = (
                self.msg("answer_unit", unit=clean(unit)) if unit else self.msg("answer_prompt")
            )
        started = time.monotonic()
        if q.type == "choice":
            verdict, text, hinted = self.answer(
                prompt, variant.hints, lambda text: self.check_choice(q, variant, text, order)
            )
        else:
            verdict, text, hinted = self.answer(
                prompt, variant.hints, lambda text: self.check(q, text)
            )
        self.finish_graded(item, verdict, text, started, hinted, variant, answer_md=variant.answer)

    def serve_generated(self, item: QueueItem, q: Question, variant: Variant) -> None:
        generate = self._generate
        if generate is None:
            from quizcnn.problems import generate as default_generate

            generate = default_generate
        seed = self.shown[0] if self.shown is not None else self.rng.randrange(2**31)
        self.shown = (seed, [])
        try:
            # (the bank refuses a generated question without a template: str() is for mypy)
            problem = generate(str(q.template), seed, q.difficulty)
        except Exception as e:  # ProblemError or a template bug: skip, keep the session
            self.say(self.msg("no_template", template=clean(str(q.template)), error=clean(str(e))))
            return
        if variant.prompt and variant.prompt.strip():
            self.say(show_math(variant.prompt))
        self.say(show_math(pick(problem.prompt, self.lang)))
        started = time.monotonic()
        hints = pick(problem.hints, self.lang) or []
        verdict, text, used = self.answer(self.msg("answer_prompt"), hints, problem.check)
        duration = int((time.monotonic() - started) * 1000)
        self.feedback(verdict)
        steps = pick(problem.steps, self.lang) or []
        if steps:
            self.say(self.msg("worked"))
            for line in solution_lines(steps):
                self.say(line)
        rating = self.reviewer.grade(verdict.correct, hint_used=used, duration_ms=duration)
        self.record(
            item, rating, duration, text, verdict, problem=problem.to_dict(), hint_used=used
        )

    # -- shared pieces ----------------------------------------------------------------------
    def read_line(self, prompt: str) -> str:
        text = self.ask(prompt)
        cmd = self.command(text)
        if cmd == "quit":
            raise Quit
        if cmd == "undo":
            raise _Undo
        if cmd == "skip":
            raise _Skip
        if cmd == "suspend":
            raise _Suspend
        return text

    def answer(self, prompt: str, hints: Sequence[str] | None, check: Callable[[str], Graded],
               *, empty_reveals: bool = False) -> tuple[Any, str, bool]:
        """Ask until an answer can be read: ``?`` shows the next hint, an unreadable answer is
        asked again. Returns (verdict, the answer, whether a hint was shown); the verdict is
        None when ``empty_reveals`` and the answer is empty (else empty is asked again)."""
        hints_shown = 0
        while True:
            text = self.read_line(prompt)
            if text.strip() == "?":
                hints_shown = self.hint(hints, hints_shown)
                continue
            if not text.strip():
                if empty_reveals:
                    return None, text, hints_shown > 0
                self.say(self.msg("empty"))
                continue
            verdict = check(text)
            if getattr(verdict, "error", None):
                self.unreadable(verdict)
                continue
            return verdict, text, hints_shown > 0

    def hint(self, hints: Sequence[str] | None, shown: int) -> int:
        """Show the next hint; returns how many have been shown."""
        hints = list(hints or [])
        if shown >= len(hints):
            self.say(self.msg("no_more_hints" if hints else "no_hint"))
            return shown
        self.say(self.msg("hint", hint=show_math(hints[shown])))
        return shown + 1

    def reveal(self, answer: str | None, explanation: str | None) -> None:
        if answer:
            self.say(self.msg("answer"))
            self.say(show_math(answer))
        if explanation:
            self.say(self.msg("why"))
            self.say(show_math(explanation))

    def self_rate(self, item: QueueItem, started: float, answer: str | None = None) -> None:
        from quizcnn.store.scheduler import format_interval

        if self.cram:
            choices = "  ".join(f"{k} {self.rating_name(k)}" for k in (1, 2, 3, 4))
        else:
            previews = self.reviewer.preview(item.card_id, self.clock())
            choices = "  ".join(
                f"{int(r)} {self.rating_name(r)} ({format_interval(td)})"
                for r, td in previews.items()
            )
        duration = int((time.monotonic() - started) * 1000)
        while True:
            text = self.read_line(f"{choices}\n{self.msg('rate')}").strip().lower()
            if text in RATING_WORDS:
                break
            self.say(self.msg("rate_again"))
        self.record(item, RATING_WORDS[text], duration, answer, None)

    def grader(self) -> CheckAnswer:
        if self._check_answer is not None:
            return self._check_answer
        from quizcnn.bank import check_answer

        return check_answer

    def check(self, q: Question, text: str) -> _Graded:
        """Numeric or cloze answer -> a verdict with ``error`` set when it cannot be read."""
        grader = self.grader()
        if q.type == "numeric" and q.numeric is not None:
            from quizcnn.bank.numbers import read_number
            from quizcnn.problems.answers import AnswerError

            try:
                read_number(text, (q.unit(self.lang), q.numeric.unit))  # the grader's reader: why, in both languages
            except AnswerError as e:
                return _Unreadable(e.zh if self.lang == "zh" else str(e))
        return _adapt(grader(q, self.lang, text))

    def check_choice(self, q: Question, variant: Variant, text: str,
                     order: list[int]) -> _Graded:
        """Letters as shown -> graded by the bank with the shown order."""
        labels = dict(zip(_letters(), order, strict=False))
        picked = re.split(r"[\s,;/]+", text.strip().lower())
        if len(picked) == 1 and len(picked[0]) > 1 and picked[0].isalpha():
            picked = list(picked[0])
        if not picked or any(x not in labels for x in picked if x) or not any(picked):
            return _Unreadable(self.msg("letters", shown=", ".join(labels)))
        want = {i for i, c in enumerate(variant.choices) if c.correct}
        expected = ", ".join(
            f"{lbl}) {clean(variant.choices[i].text)}" for lbl, i in labels.items() if i in want
        )
        grader = self.grader()
        verdict = _adapt(grader(q, self.lang, " ".join(x for x in picked if x), order=order))
        return _Graded(verdict.correct, expected, verdict.error)

    def feedback(self, verdict: Graded) -> None:
        if verdict.correct:
            self.say(self.msg("right"))
        else:
            expected = show_math(str(getattr(verdict, "expected", "") or ""))
            self.say(self.msg("wrong", expected=expected))
        m = getattr(verdict, "misconception", None)
        detail = getattr(verdict, "detail", None)
        if m is not None:
            msg = pick(getattr(m, "message", {}) or {}, self.lang)
            if msg:
                self.say(self.msg("slip", msg=show_math(msg)))
        elif isinstance(detail, dict) and pick(detail, self.lang):
            self.say(show_math(pick(detail, self.lang)))
        elif isinstance(detail, str) and detail and not verdict.correct and self.lang == "en":
            self.say(show_math(detail))  # a detail given in English only

    def finish_graded(self, item: QueueItem, verdict: Graded, text: str, started: float,
                      hint_used: bool, variant: Variant, answer_md: str | None) -> None:
        duration = int((time.monotonic() - started) * 1000)
        self.feedback(verdict)
        self.reveal(answer_md if not verdict.correct else None, variant.explanation)
        rating = self.reviewer.grade(verdict.correct, hint_used=hint_used, duration_ms=duration)
        self.record(item, rating, duration, text, verdict, hint_used=hint_used)

    def record(
        self, item: QueueItem, rating: Rating | int, duration: int, answer: str | None,
        verdict: Graded | None, *, problem: ProblemDict | None = None,
        hint_used: bool = False,
    ) -> None:
        from quizcnn.store.scheduler import format_interval

        m = getattr(verdict, "misconception", None) if verdict is not None else None
        result = self.session.record(
            item, rating, now=self.clock(), duration_ms=duration, answer=answer,
            correct=bool(verdict.correct) if verdict is not None else None,
            misconception=getattr(m, "id", None), problem=problem, lang=self.lang,
            hint_used=hint_used, shown=self.shown,
        )
        # committed: only now is the answer reported as accepted
        leech = self.msg("leech") if result.became_leech else ""
        name = self.rating_name(rating)
        why = self.session.hard_why(verdict.correct if verdict is not None else None, rating,
                                    hint_used)
        if why:
            name += self.msg(why)
        if result.cram:
            self.say(self.msg("saved_cram", rating=name))
        else:
            assert result.interval is not None  # only a cram answer has no next interval
            interval = format_interval(result.interval)
            self.say(self.msg("saved", rating=name, interval=interval) + leech)

    def undo(self, current: QueueItem | None) -> None:
        """``current``: the card being served when undo was asked for; it comes after the
        undone one (or next, when there is nothing to undo)."""
        done = self.session.undo(current, self.shown)
        if done is None:
            self.say(self.msg("nothing_undo"))
            return
        self.say(self.msg(f"undone_{done.kind}", bank_id=clean(done.bank_id)))

    def render_summary(self) -> str:
        s = self.summary
        mins = (time.monotonic() - s.started) / 60
        how = self.msg("ended" if s.ended_by != "done" else "done")
        lines = [
            "",
            self.msg(
                "summary",
                how=how,
                reviewed=s.reviewed,
                new=s.new,
                correct=s.correct,
                again=s.again,
                mins=mins,
            ),
        ]
        if s.skipped:
            lines.append(self.msg("summary_skipped", n=s.skipped))
        if s.next_learning is not None:
            when = s.next_learning.astimezone().strftime("%H:%M")
            lines.append(self.msg("come_back", when=when))
        lines.append(self.msg("all_saved"))
        return "\n".join(lines)


class _Undo(Exception):
    pass


class _Skip(Exception):
    pass


class _Suspend(Exception):
    pass


@dataclass(frozen=True)
class _Graded:
    correct: bool
    expected: str
    error: str | None = None
    misconception: Any = None
    detail: Any = None


class _Unreadable(_Graded):
    """An answer the drill itself could not read; ``error`` is already in the drill's language."""

    localized = True

    def __init__(self, error: str) -> None:
        super().__init__(False, "", error)


def _adapt(verdict: BankVerdict) -> _Graded:
    """The bank's Verdict (correct, expected, detail str) or the problems' one, as _Graded."""
    detail = getattr(verdict, "detail", None)
    if getattr(verdict, "error", None) and getattr(verdict, "error_zh", None):
        detail = {"en": verdict.error, "zh": verdict.error_zh}  # why it cannot be read
    return _Graded(
        bool(verdict.correct),
        str(getattr(verdict, "expected", "") or ""),
        getattr(verdict, "error", None),
        getattr(verdict, "misconception", None),
        detail if detail else None,
    )


def _letters() -> str:
    return "abcdefghijklmnopqrstuvwxyz"


def _listing(known: Iterable[str], most: int = 12) -> str:
    names = sorted(known)
    if not names:
        return "none"
    more = len(names) - most
    return ", ".join(names[:most]) + (f", … ({more} more)" if more > 0 else "")


def filter_mismatch(questions: Iterable[Question], topics: Sequence[str] | None = None,
                    tags: Sequence[str] | None = None, lang: str | None = None) -> str | None:
    """Which filter matches no question at all (a message naming it and what exists), or None.

    Filters match as the queue does: any of the topics, any of the tags, and the language.
    """
    questions = list(questions)
    known_topics = {q.topic for q in questions}
    known_tags = {t for q in questions for t in (q.tags or ())}
    for t in topics or ():
        if t not in known_topics:
            return f"no questions with topic '{t}' (topics: {_listing(known_topics)})"
    for t in tags or ():
        if t not in known_tags:
            return f"no questions with tag '{t}' (tags: {_listing(known_tags)})"
    if lang and not any(lang in q.variants for q in questions):
        return f"no questions in language '{lang}'"
    hits = [
        q
        for q in questions
        if (not topics or q.topic in topics)
        and (not tags or set(tags) & set(q.tags or ()))
        and (not lang or lang in q.variants)
    ]
    if hits or not (topics or tags or lang):
        return None
    parts = []
    if topics:
        parts.append(("topic " if len(topics) == 1 else "topics ") + ", ".join(topics))
    if tags:
        parts.append(("tag " if len(tags) == 1 else "tags ") + ", ".join(tags))
    if lang:
        parts.append(f"language {lang}")
    return "no questions match all of: " + "; ".join(parts)


def solution_lines(steps: Iterable[Step]) -> list[str]:
    """A worked solution one piece per line, as ``quizcnn generate`` prints it: the numbered
    title, then formula, substitution and result each on its own indented line (the result
    gets a leading "= " unless it is already an equation)."""
    out = []
    for i, st in enumerate(steps, 1):
        out.append(f"  {i}. {show_math(st.title)}")
        for piece in (st.formula, st.substitution):
            if piece:
                out.append(f"     {show_math(piece)}")
        if st.result:
            result = show_math(st.result)
            out.append(f"     {result}" if "=" in result else f"     = {result}")
    return out
