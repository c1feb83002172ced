"""One mock-interview round: questions in turn against a clock, scored, recorded, saved.

The UIs drive it: ``next()`` gives the next ``Asked`` (None when time is up or nothing is left),
``answered(asked)`` stops its clock, then one of ``tick`` (key points covered), ``self_rate``
(a card without key points), ``grade`` (a numeric answer; an unreadable one records nothing),
``skip`` or ``time_out`` scores it, records the review and saves the question. ``finish(how)``
closes the round. The clock is injected (``clock() -> aware datetime``), so tests script time.

Time: the round has ``minutes``; each question a budget (concept 150 s, computation 120 s,
180 s at level 3), cut to what is left of the round. The answer counts when it is given within
the budget (the checklist afterwards is not timed); given later, the question is out of time
(score 0, Again) and the model answer is still shown. A follow-up is asked only when at least
``FOLLOW_UP_MIN`` seconds of the round remain; the round ends when no time is left.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quizcnn.bank.model import Question
from quizcnn.interview.pick import COMPUTATION, CONCEPT, FOLLOW_UP, Pick, Picker

BUDGET = {CONCEPT: 150.0, COMPUTATION: 120.0}
BUDGET_LEVEL3 = 180.0  # computation at level 3
FOLLOW_UP_MIN = 30.0  # seconds of the round left for a follow-up to be asked
SELF_SCORE = {1: 0.0, 2: 0.5, 3: 1.0, 4: 1.0}  # a self-rated card's score, by rating


def concept_rating(covered: int, points: int) -> int:
    """All key points: Good (3); at least half: Hard (2); fewer: Again (1)."""
    if points and covered >= points:
        return 3
    if points and 2 * covered >= points:
        return 2
    return 1


def read_ticks(text: str, n: int) -> list[int] | None:
    """The key points ticked: ``1 3 4`` / ``1,3`` / ``all`` / ``none`` (``全部``, ``无`` too)
    -> 0-based indices; None when the text names no point or one out of range."""
    import unicodedata

    s = unicodedata.normalize("NFKC", text).strip().lower()
    if s in ("all", "a", "全部", "全"):
        return list(range(n))
    if s in ("none", "0", "-", "无", "没有"):
        return []
    out: set[int] = set()
    for tok in s.replace(",", " ").replace(";", " ").replace("、", " ").split():
        if not tok.isdigit() or not 1 <= int(tok) <= n:
            return None
        out.add(int(tok) - 1)
    return sorted(out) if out else None


@dataclass
class Asked:
    """One question of the round, and (once scored) what came of it."""

    position: int
    pick: Pick
    lang: str
    budget: float
    title: str = ""
    prompt: str = ""  # Markdown (math as $...$)
    answer_md: str | None = None  # the model answer
    explanation: str | None = None
    points: tuple[str, ...] = ()
    problem: Any = None  # a generated problem
    unit: str | None = None
    parent: int | None = None  # the position of the question this follows up
    shown_at: datetime | None = None
    answered_at: datetime | None = None
    # results
    outcome: str = ""  # answered | skipped | timeout
    score: float = 0.0
    seconds: float = 0.0
    covered: tuple[int, ...] = ()
    missed: list[str] = field(default_factory=list)
    rating: int | None = None
    answer: str | None = None
    correct: bool | None = None
    verdict: Any = None
    interval: Any = None  # the next review's interval, after recording

    @property
    def kind(self) -> str:
        return self.pick.kind

    @property
    def skill(self) -> str:
        return self.pick.skill

    @property
    def topic(self) -> str:
        return self.pick.topic

    @property
    def bank_id(self) -> str:
        return self.pick.card.id

    @property
    def self_rated(self) -> bool:
        return self.skill == CONCEPT and not self.points

    @property
    def done(self) -> bool:
        return bool(self.outcome)


class Round:
    """A round against an open Store. ``questions``: the bank's cards."""

    def __init__(self, store: Any, questions: Iterable[Question], *, minutes: int = 20,
                 level: int = 2, lang: str = "en", topics: Sequence[str] | None = None,
                 seed: int | None = None, clock: Callable[[], datetime] | None = None,
                 generate: Callable[..., Any] | None = None, mode: str = "plain"):
        from quizcnn.store.dates import as_utc, utcnow
        from quizcnn.store.scheduler import Reviewer
        from quizcnn.store.sync import sync_bank

        self.store = store
        self.questions = list(questions)
        self.minutes = minutes
        self.level = level
        self.lang = lang
        self.seed = random.SystemRandom().randrange(2**31) if seed is None else seed
        self.rng = random.Random(self.seed)
        self._clock = clock or utcnow
        self._generate = generate
        now = as_utc(self._clock())
        sync_bank(store, self.questions, now=now)
        self.reviewer = Reviewer(store)
        self.picker = Picker(self.questions, level=level, lang=lang, topics=list(topics or ()),
                             mastery=self._mastery(now), rng=self.rng)
        self.started_at = now
        self.asked: list[Asked] = []
        self.pending: list[Pick] = []  # a follow-up waiting its turn
        self.ended_by = ""
        self.session_id = self.reviewer.start_session(f"interview-{mode}", now)
        from quizcnn.interview import saved

        self.round_id = saved.start(store, self)

    def clock(self) -> datetime:
        from quizcnn.store.dates import as_utc

        return as_utc(self._clock())

    def _mastery(self, now: datetime) -> dict[str, float]:
        from quizcnn.store.stats import compute_stats

        try:
            return {m.topic: m.mastery for m in compute_stats(self.store, now).mastery}
        except Exception:  # no mastery to weigh by: every topic alike
            return {}

    # -- time -------------------------------------------------------------------------------
    def elapsed(self, now: datetime | None = None) -> float:
        return ((now or self.clock()) - self.started_at).total_seconds()

    def time_left(self, now: datetime | None = None) -> float:
        return max(0.0, self.minutes * 60.0 - self.elapsed(now))

    def question_left(self, asked: Asked, now: datetime | None = None) -> float:
        now = now or self.clock()
        used = (now - asked.shown_at).total_seconds() if asked.shown_at else 0.0
        return max(0.0, asked.budget - used)

    # -- questions --------------------------------------------------------------------------
    def next(self) -> Asked | None:
        """The next question, its clock started; None when the round is over."""
        if self.ended_by:
            return None
        now = self.clock()
        left = self.time_left(now)
        if left <= 0:
            self.ended_by = self.ended_by or "time"
            return None
        parent = None
        pick: Pick | None
        if self.pending and left >= FOLLOW_UP_MIN:
            pick = self.pending.pop()
            parent = self.asked[-1].position if self.asked else None
        else:
            self.pending.clear()
            pick = self.picker.next_main()
        if pick is None:
            self.ended_by = "done"
            return None
        asked = self._prepare(pick, parent)
        if asked is None:  # a template that failed to draw: try the next one
            return self.next()
        asked.budget = min(asked.budget, left)
        asked.shown_at = now
        self.asked.append(asked)
        return asked

    def _prepare(self, pick: Pick, parent: int | None) -> Asked | None:
        card, lang = pick.card, self.lang
        budget = BUDGET[pick.skill]
        if pick.skill == COMPUTATION and self.level == 3:
            budget = BUDGET_LEVEL3
        variant = card.text(lang)
        asked = Asked(len(self.asked) + 1, pick, lang, budget, title=variant.title,
                      parent=parent)
        if pick.template:
            generate: Callable[..., Any] | None = self._generate
            if generate is None:
                from quizcnn.problems import generate as generate_problem

                generate = generate_problem
            level = card.difficulty if card.template == pick.template else self.level
            try:
                problem = generate(pick.template, self.rng.randrange(2**31), level)
            except Exception:  # a template bug must not end the round
                return None
            from quizcnn.messages import pick as pick_lang

            asked.problem = problem
            asked.title = pick_lang(problem.title, lang) or variant.title
            asked.prompt = pick_lang(problem.prompt, lang) or ""
            return asked
        asked.prompt = variant.prompt
        asked.answer_md = variant.answer
        asked.explanation = variant.explanation
        if card.type == "basic":
            asked.points = tuple(variant.key_points)
        elif card.numeric is not None:
            asked.unit = card.unit(lang)
        return asked

    def answered(self, asked: Asked) -> bool:
        """Stop the question's clock (the answer was given); True when it came in time."""
        now = self.clock()
        asked.answered_at = now
        asked.seconds = (now - asked.shown_at).total_seconds() if asked.shown_at else 0.0
        return asked.seconds <= asked.budget

    # -- scoring ----------------------------------------------------------------------------
    def tick(self, asked: Asked, covered: Sequence[int], answer: str | None = None) -> None:
        """The key points the user says they covered (0-based)."""
        n = len(asked.points)
        asked.covered = tuple(sorted({i for i in covered if 0 <= i < n}))
        asked.score = len(asked.covered) / n if n else 0.0
        asked.missed = [p for i, p in enumerate(asked.points) if i not in asked.covered]
        asked.answer = answer
        self._finish(asked, "answered", concept_rating(len(asked.covered), n))

    def self_rate(self, asked: Asked, rating: int, answer: str | None = None) -> None:
        """A concept card without key points, rated by the user like the drill (1-4)."""
        asked.score = SELF_SCORE[int(rating)]
        asked.answer = answer
        self._finish(asked, "answered", int(rating))

    def check(self, asked: Asked, text: str) -> Any:
        """Grade a numeric answer without recording it: the verdict (``error`` set when the
        text cannot be read; ask again)."""
        if asked.problem is not None:
            return asked.problem.check(text)
        from quizcnn.bank import check_answer

        return check_answer(asked.pick.card, self.lang, text)

    def grade(self, asked: Asked, text: str, verdict: Any = None) -> Any:
        """Grade and record a numeric answer; returns the verdict. An unreadable answer
        (``verdict.error``) records nothing."""
        verdict = verdict if verdict is not None else self.check(asked, text)
        if getattr(verdict, "error", None):
            return verdict
        asked.verdict = verdict
        asked.correct = bool(verdict.correct)
        asked.score = 1.0 if verdict.correct else 0.0
        asked.answer = text
        if not verdict.correct:
            asked.missed = [self.numeric_miss(str(getattr(verdict, "expected", "") or ""),
                                              getattr(verdict, "misconception", None))]
        rating = self.reviewer.grade(bool(verdict.correct),
                                     duration_ms=int(asked.seconds * 1000))
        self._finish(asked, "answered", int(rating))
        return verdict

    def numeric_miss(self, expected: str, misconception: Any = None) -> str:
        """What to say next time on a wrong numeric answer: the answer, and the slip named."""
        from quizcnn import messages

        m = misconception
        slip = messages.pick(getattr(m, "message", None) or {}, self.lang) if m else None
        line = messages.t("iv_expected", self.lang, expected=expected)
        return f"{line} ({slip})" if slip else line

    def skip(self, asked: Asked) -> None:
        if asked.answered_at is None:
            self.answered(asked)
        self._zero(asked, "skipped")

    def time_out(self, asked: Asked) -> None:
        if asked.answered_at is None:
            self.answered(asked)
        self._zero(asked, "timeout")

    def _zero(self, asked: Asked, outcome: str) -> None:
        asked.score = 0.0
        if asked.points:
            asked.missed = list(asked.points)
        elif asked.skill == COMPUTATION:
            ans = asked.pick.card.numeric
            if asked.problem is not None:
                expected = asked.problem.answer_text
            elif ans is not None:  # as the grader writes it: 1,792 parameters
                from quizcnn.bank.numbers import grouped

                expected = grouped(ans.text or str(ans.value)) + (f" {asked.unit}" if asked.unit else "")
            else:
                expected = ""
            asked.missed = [self.numeric_miss(expected)]
        self._finish(asked, outcome, 1)

    def _finish(self, asked: Asked, outcome: str, rating: int) -> None:
        from quizcnn.interview import saved

        asked.outcome = outcome
        asked.rating = rating
        problem = asked.problem.to_dict() if asked.problem is not None else None
        m = getattr(asked.verdict, "misconception", None)
        result = self.reviewer.answer(
            self.pick_card_id(asked), rating, now=asked.answered_at or self.clock(),
            duration_ms=int(asked.seconds * 1000), answer=asked.answer,
            correct=asked.correct, misconception=getattr(m, "id", None), problem=problem,
            lang=self.lang, session_id=self.session_id, interview=True)
        asked.interval = result.interval
        saved.add_question(self.store, self.round_id, asked)
        if asked.kind != FOLLOW_UP and asked.skill == CONCEPT and outcome == "answered":
            follow = self.picker.follow_up(asked.pick.card)
            if follow is not None:
                self.pending.append(follow)

    def pick_card_id(self, asked: Asked) -> int:
        card = self.reviewer.card_by_bank_id(asked.bank_id)
        if card is None:  # sync_bank made one for every card of the bank
            raise LookupError(f"no card for '{asked.bank_id}'")
        return card.id

    # -- the end ----------------------------------------------------------------------------
    def finish(self, how: str | None = None) -> Any:
        """Close the round (``how``: time, input, interrupt, quit, done); a question on screen
        and not scored is dropped (it was not answered). Returns the report."""
        from quizcnn.interview import report, saved

        if how:
            self.ended_by = how
        self.ended_by = self.ended_by or "done"
        self.asked = [a for a in self.asked if a.done]
        now = self.clock()
        saved.finish(self.store, self.round_id, now, self.ended_by)
        self.reviewer.end_session(self.session_id, now)
        return report.load(self.store, self.round_id)
