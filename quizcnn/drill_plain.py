"""The plain line-mode drill: one question at a time on stdout, one answer line from stdin.

Works without a terminal (stdin piped from a file), so it can be scripted and tested; EOF ends
the session cleanly and everything answered so far is already saved (each answer is committed
before "saved" is printed).

Per card type:
- numeric, choice, generated: type the answer; it is graded (an unreadable answer is asked
  again and is not a review). ``?`` shows a hint (the rating is then at most Hard).
- basic: Enter shows the answer; then rate yourself 1-4 (each rating's next interval shown).
- cloze: type the gaps separated by ``;`` to have them checked, or press Enter to reveal and
  rate yourself.
Anywhere: ``u`` undoes the last answer, ``s`` skips the card until tomorrow, ``q`` quits.
Text from the bank is cleaned of terminal control sequences before it is printed.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

from quizcnn.store.dates import utcnow

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS / SOS / PM / APC strings
    r"|\x1b[@-Z\\-_]?"  # other two-byte escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
RATING_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "again": 1, "hard": 2, "good": 3, "easy": 4}
COMMANDS = {"u": "undo", "undo": "undo", "s": "skip", "skip": "skip", "q": "quit", "quit": "quit"}


def clean(text: str | None) -> str:
    """Bank text made safe for a terminal: escape sequences and control characters removed."""
    if not text:
        return ""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def show_math(md: str | None) -> str:
    """Markdown with $...$ math as Unicode (when quizcnn.mathtext is available), cleaned."""
    text = clean(md)
    try:
        from quizcnn.mathtext import render_markdown_math
    except ImportError:
        return text
    try:
        return clean(render_markdown_math(text))
    except Exception:  # a rendering bug must not end the session; show the source instead
        return text


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


class EndOfInput(Exception):
    pass


class Quit(Exception):
    pass


class PlainDrill:
    """One drill session over ``questions`` (bank Question objects) against an open Store."""

    def __init__(
        self,
        store,
        questions: list,
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
        check_answer: Callable | None = None,
        generate: Callable | None = None,
        cram: bool = False,
    ):
        from quizcnn.store.queue import build_queue
        from quizcnn.store.scheduler import Reviewer
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
        self.reviewer = Reviewer(store)
        self.queue = build_queue(
            store,
            clock(),
            topics=topics,
            tags=tags,
            lang=lang if only_lang else None,
            limit=limit,
            cram=cram,
        )
        self.total = len(self.queue)
        self.summary = Summary()
        self.session_id: int | None = None
        self.history: list = []  # served QueueItems, for undo

    # -- io -------------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise EndOfInput
        return line.rstrip("\r\n")

    def command(self, text: str) -> str | None:
        return COMMANDS.get(text.strip().lower())

    # -- the session ----------------------------------------------------------------------
    def run(self) -> Summary:
        if not self.total:
            self.say("Nothing to study now: no cards are due and no new cards are left today.")
            return self.summary
        self.session_id = self.reviewer.start_session(
            "cram" if self.cram else "plain", self.clock()
        )
        if self.cram:
            self.say("Studying ahead: answers are logged but do not change when cards are due.")
        self.say(
            f"{self.total} card(s) to study. Commands: ? hint, u undo, s skip until tomorrow, "
            "q quit. End of input also ends the session; answers are saved as you go."
        )
        n = 0
        try:
            while (item := self.queue.next(self.clock())) is not None:
                n += 1
                self.serve(item, n)
        except EndOfInput:
            self.summary.ended_by = "eof"
        except Quit:
            self.summary.ended_by = "quit"
        self.summary.next_learning = self.queue.waiting()
        row = self.reviewer.end_session(self.session_id, self.clock())
        if row is not None:  # the committed counts (undo included)
            s = self.summary
            s.reviewed, s.correct, s.again, s.new = row.reviewed, row.correct, row.again, row.new
        self.say(self.render_summary())
        return self.summary

    def serve(self, item, n: int) -> None:
        q = self.by_id.get(item.bank_id)
        if q is None:  # the bank changed under us; the card stays for another day
            return
        variant = q.text(self.lang)
        kind = "new" if item.is_new else ("learning" if item.state in (1, 3) else "review")
        if getattr(item, "leech", False):
            kind += " · leech (often forgotten)"
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
            self.reviewer.bury(item.card_id, self.clock())
            self.summary.skipped += 1
            self.say("Skipped until tomorrow.")

    # -- per type ---------------------------------------------------------------------------
    def serve_basic(self, item, q, variant) -> None:
        self.say(show_math(variant.prompt))
        started = time.monotonic()
        self.read_line("Press Enter to show the answer: ")
        self.reveal(variant.answer, variant.explanation)
        self.self_rate(item, started)

    def serve_cloze(self, item, q, variant) -> None:
        from quizcnn.bank.cloze import blank, reveal

        self.say(show_math(blank(variant.prompt)))
        started = time.monotonic()
        hints_shown = 0
        while True:
            text = self.read_line("Gaps (separated by ;), or Enter to reveal: ")
            if text.strip() == "?":
                hints_shown = self.hint(variant.hints, hints_shown)
                continue
            if not text.strip():
                self.reveal(reveal(variant.prompt), variant.explanation)
                self.self_rate(item, started)
                return
            verdict = self.check(q, text)
            if verdict is None:  # no grader for cloze: fall back to self-rating
                self.reveal(reveal(variant.prompt), variant.explanation)
                self.self_rate(item, started, answer=text)
                return
            if getattr(verdict, "error", None):
                self.say(f"Could not read that: {clean(str(verdict.error))}. Try again.")
                continue
            self.finish_graded(
                item,
                verdict,
                text,
                started,
                hints_shown > 0,
                variant,
                answer_md=reveal(variant.prompt),
            )
            return

    def serve_graded(self, item, q, variant) -> None:
        """numeric and choice questions from the bank."""
        self.say(show_math(variant.prompt))
        order = list(range(len(variant.choices)))
        if q.type == "choice":
            self.rng.shuffle(order)
            for label, idx in zip(_letters(), order, strict=False):
                self.say(f"  {label}) {show_math(variant.choices[idx].text)}")
            many = sum(c.correct for c in variant.choices) > 1
            prompt = "Your choice(s), e.g. a c: " if many else "Your choice: "
        else:
            unit = getattr(q.numeric, "unit", None) if q.numeric else None
            prompt = f"Answer ({clean(unit)}): " if unit else "Answer: "
        started = time.monotonic()
        hints_shown = 0
        while True:
            text = self.read_line(prompt)
            if text.strip() == "?":
                hints_shown = self.hint(variant.hints, hints_shown)
                continue
            if not text.strip():
                verdict = _GaveUp(_expected(q, variant))
            elif q.type == "choice":
                verdict = self.check_choice(q, variant, text, order)
            else:
                verdict = self.check(q, text)
            if verdict is None:
                self.say("This card cannot be graded here; rate it yourself.")
                self.reveal(variant.answer, variant.explanation)
                self.self_rate(item, started, answer=text)
                return
            if getattr(verdict, "error", None):
                self.say(f"Could not read that: {clean(str(verdict.error))}. Try again.")
                continue
            self.finish_graded(
                item, verdict, text, started, hints_shown > 0, variant, answer_md=variant.answer
            )
            return

    def serve_generated(self, item, q, variant) -> None:
        generate = self._generate
        if generate is None:
            from quizcnn.problems import generate
        seed = self.rng.randrange(2**31)
        try:
            problem = generate(q.template, seed, q.difficulty)
        except Exception as e:  # ProblemError or a template bug: skip, keep the session
            self.say(
                f"Cannot make a problem from template '{clean(str(q.template))}': {clean(str(e))}"
            )
            return
        if variant.prompt and variant.prompt.strip():
            self.say(show_math(variant.prompt))
        self.say(show_math(_pick(problem.prompt, self.lang)))
        started = time.monotonic()
        hints_shown = 0
        hints = _pick(problem.hints, self.lang) or []
        while True:
            text = self.read_line("Answer: ")
            if text.strip() == "?":
                hints_shown = self.hint(hints, hints_shown)
                continue
            if not text.strip():
                verdict = _GaveUp(problem.answer_text)
            else:
                verdict = problem.check(text)
            if verdict.error:
                detail = _pick(getattr(verdict, "detail", None) or {}, self.lang) or verdict.error
                self.say(f"Could not read that: {clean(str(detail))}. Try again.")
                continue
            break
        duration = int((time.monotonic() - started) * 1000)
        self.feedback(verdict)
        steps = _pick(problem.steps, self.lang) or []
        if steps:
            self.say("Worked solution:")
            for st in steps:
                line = " = ".join(x for x in (st.formula, st.substitution, st.result) if x)
                self.say(f"  {show_math(st.title)}: {show_math(line)}")
        used = hints_shown > 0
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
        return text

    def hint(self, hints, shown: int) -> int:
        """Show the next hint; returns how many have been shown."""
        hints = list(hints or [])
        if shown >= len(hints):
            self.say("No more hints." if hints else "No hint for this one.")
            return shown
        self.say(f"Hint: {show_math(hints[shown])}")
        return shown + 1

    def reveal(self, answer: str | None, explanation: str | None) -> None:
        if answer:
            self.say("Answer:")
            self.say(show_math(answer))
        if explanation:
            self.say("Why:")
            self.say(show_math(explanation))

    def self_rate(self, item, started: float, answer: str | None = None) -> None:
        from quizcnn.store.scheduler import format_interval

        if self.cram:
            choices = "  ".join(f"{k} {v}" for k, v in RATING_NAMES.items())
        else:
            previews = self.reviewer.preview(item.card_id, self.clock())
            choices = "  ".join(
                f"{int(r)} {RATING_NAMES[int(r)]} ({format_interval(td)})"
                for r, td in previews.items()
            )
        duration = int((time.monotonic() - started) * 1000)
        while True:
            text = self.read_line(f"{choices}\nRate 1-4: ").strip().lower()
            if text in RATING_WORDS:
                break
            self.say("Please type 1, 2, 3 or 4 (or u to undo, q to quit).")
        self.record(item, RATING_WORDS[text], duration, answer, None)

    def grader(self):
        if self._check_answer is not None:
            return self._check_answer
        try:
            from quizcnn.bank import check_answer
        except ImportError:
            return None
        return check_answer

    def check(self, q, text: str):
        """Numeric or cloze answer -> a verdict with ``error`` set when it cannot be read."""
        grader = self.grader()
        if grader is None:
            return None
        if q.type == "numeric" and q.numeric is not None:
            try:
                from quizcnn.bank.numbers import parse_number
            except ImportError:
                parse_number = None
            if parse_number is not None and parse_number(text, q.numeric.unit) is None:
                return _Unreadable(f"'{text.strip()[:40]}' is not a number")
        return _adapt(grader(q, self.lang, text))

    def check_choice(self, q, variant, text: str, order: list[int]):
        """Letters as shown -> graded by the bank with the shown order."""
        labels = dict(zip(_letters(), order, strict=False))
        picked = re.split(r"[\s,;/]+", text.strip().lower())
        if len(picked) == 1 and len(picked[0]) > 1 and picked[0].isalpha():
            picked = list(picked[0])
        if not picked or any(x not in labels for x in picked if x) or not any(picked):
            shown = ", ".join(labels)
            return _Unreadable(f"answer with the letters shown ({shown})")
        want = {i for i, c in enumerate(variant.choices) if c.correct}
        expected = ", ".join(
            f"{lbl}) {clean(variant.choices[i].text)}" for lbl, i in labels.items() if i in want
        )
        grader = self.grader()
        if grader is None:
            return _Graded({labels[x] for x in picked if x} == want, expected)
        verdict = _adapt(grader(q, self.lang, " ".join(x for x in picked if x), order=order))
        return _Graded(verdict.correct, expected, verdict.error)

    def feedback(self, verdict) -> None:
        if verdict.correct:
            self.say("Right.")
        else:
            self.say(
                f"Not quite. Expected: {show_math(str(getattr(verdict, 'expected', '') or ''))}"
            )
        m = getattr(verdict, "misconception", None)
        detail = getattr(verdict, "detail", None)
        if m is not None:
            msg = _pick(getattr(m, "message", {}) or {}, self.lang)
            if msg:
                self.say(f"Likely slip: {show_math(msg)}")
        elif isinstance(detail, dict) and _pick(detail, self.lang):
            self.say(show_math(_pick(detail, self.lang)))
        elif isinstance(detail, str) and detail and not verdict.correct:
            self.say(show_math(detail))

    def finish_graded(self, item, verdict, text, started, hint_used, variant, answer_md) -> None:
        duration = int((time.monotonic() - started) * 1000)
        self.feedback(verdict)
        self.reveal(answer_md if not verdict.correct else None, variant.explanation)
        rating = self.reviewer.grade(verdict.correct, hint_used=hint_used, duration_ms=duration)
        self.record(item, rating, duration, text, verdict, hint_used=hint_used)

    def record(
        self, item, rating, duration, answer, verdict, *, problem=None, hint_used=False
    ) -> None:
        from quizcnn.store.scheduler import format_interval

        m = getattr(verdict, "misconception", None) if verdict is not None else None
        correct = bool(verdict.correct) if verdict is not None else None
        result = self.reviewer.answer(
            item.card_id,
            rating,
            now=self.clock(),
            duration_ms=duration,
            answer=answer,
            correct=correct,
            misconception=getattr(m, "id", None),
            problem=problem,
            lang=self.lang,
            hint_used=hint_used,
            session_id=self.session_id,
            cram=self.cram,
        )
        # committed: only now is the answer reported as accepted
        self.history.append(item)
        self.queue.answered(item, result.state, result.due)
        s = self.summary
        s.reviewed += 1
        s.correct += 1 if (correct or (correct is None and int(rating) > 1)) else 0
        s.again += 1 if int(rating) == 1 else 0
        s.new += 1 if result.was_new else 0
        leech = " This card is now a leech (forgotten many times)." if result.became_leech else ""
        if result.cram:
            self.say(f"saved: {RATING_NAMES[int(rating)]} (study ahead: schedule unchanged).")
        else:
            self.say(
                f"saved: {RATING_NAMES[int(rating)]}, next in "
                f"{format_interval(result.interval)}.{leech}"
            )

    def undo(self, current) -> None:
        done = self.reviewer.undo(session_id=self.session_id)
        if done is None:
            self.say("Nothing to undo.")
            self.queue.main.appendleft(current)
            return
        prev = next((it for it in reversed(self.history) if it.card_id == done.card_id), None)
        if prev is not None:
            self.history.remove(prev)
            # drop the learning re-entry the undone answer scheduled
            self.queue.learning = [e for e in self.queue.learning if e[1] != done.card_id]
            import heapq

            heapq.heapify(self.queue.learning)
            self.queue.main.appendleft(current)
            self.queue.main.appendleft(prev)
        s = self.summary
        s.undone += 1
        s.reviewed -= 1
        self.say(f"Undone: the last answer ({clean(done.bank_id)}) was taken back.")

    def render_summary(self) -> str:
        s = self.summary
        mins = (time.monotonic() - s.started) / 60
        lines = [
            "",
            f"Session {'ended' if s.ended_by != 'done' else 'done'}: {s.reviewed} answered "
            f"({s.new} new), {s.correct} right, {s.again} again, in {mins:.1f} min.",
        ]
        if s.skipped:
            lines.append(f"{s.skipped} skipped until tomorrow.")
        if s.next_learning is not None:
            when = s.next_learning.astimezone().strftime("%H:%M")
            lines.append(f"Cards in learning come back at {when}: run the drill again then.")
        lines.append("Everything answered is saved.")
        return "\n".join(lines)


class _Undo(Exception):
    pass


class _Skip(Exception):
    pass


@dataclass(frozen=True)
class _Graded:
    correct: bool
    expected: str
    error: str | None = None
    misconception: Any = None
    detail: Any = None


class _GaveUp(_Graded):
    def __init__(self, expected: str):
        super().__init__(False, expected)


class _Unreadable(_Graded):
    def __init__(self, error: str):
        super().__init__(False, "", error)


def _adapt(verdict) -> _Graded:
    """The bank's Verdict (correct, expected, detail str) or the problems' one, as _Graded."""
    detail = getattr(verdict, "detail", None)
    return _Graded(
        bool(verdict.correct),
        str(getattr(verdict, "expected", "") or ""),
        getattr(verdict, "error", None),
        getattr(verdict, "misconception", None),
        detail if detail else None,
    )


def _letters():
    return "abcdefghijklmnopqrstuvwxyz"


def _pick(by_lang: dict | None, lang: str):
    if not by_lang:
        return None
    return by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()))


def _expected(q, variant) -> str:
    if q.numeric is not None:
        return getattr(q.numeric, "text", "") or str(q.numeric.value)
    if variant.choices:
        return "; ".join(c.text for c in variant.choices if c.correct)
    return variant.answer or ""
