"""A practice session on problems that are not bank cards (``quizcnn drill --model``): each
problem asked once, graded and explained as in the drill, nothing scheduled or saved.

``Practice`` is the session (the problems left, the tally), shared by the line-mode drill
(``PracticeDrill`` below, which reuses ``PlainDrill``'s answer loop, hints, feedback and worked
solutions) and the app (``quizcnn.tui.practice``). No store is opened: the review log, the
schedule and the database are left as they are.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any, TextIO

from quizcnn.drill.lineio import EndOfInput
from quizcnn.drill.plain import (
    PlainDrill,
    Quit,
    _Skip,
    _Suspend,
    _Undo,
    solution_lines,
)
from quizcnn.drill.session import Tally
from quizcnn.messages import pick
from quizcnn.termtext import show_math


class Practice:
    """Problems to answer once each, in order; the tally of this session only."""

    def __init__(self, problems: list[Any], header: list[str] | None = None) -> None:
        self.left: deque[Any] = deque(problems)
        self.total = len(problems)
        self.header = list(header or [])
        self.tally = Tally()

    def next(self) -> Any | None:
        return self.left.popleft() if self.left else None

    def answered(self, verdict: Any) -> None:
        t = self.tally
        t.answered += 1
        t.correct += 1 if verdict.correct else 0
        t.again += 0 if verdict.correct else 1
        m = getattr(verdict, "misconception", None)
        if m is not None:
            message = m.message.get("en") if isinstance(m.message, dict) else str(m.message)
            t.misconceptions.setdefault(m.id, message or m.id)

    def skipped(self) -> None:
        self.tally.skipped += 1


class PracticeDrill(PlainDrill):
    """The line-mode drill over a ``Practice``: PlainDrill's reading, hints, grading feedback
    and worked solutions, without a store (``u`` has nothing to undo, ``s`` and ``suspend``
    move on)."""

    def __init__(self, practice: Practice, *, stdin: TextIO, stdout: TextIO,
                 lang: str = "en") -> None:
        # PlainDrill.__init__ opens the session on the store; a practice has none
        self.practice = practice
        self.stdin, self.out = stdin, stdout
        self.lang = lang
        self.started = time.monotonic()
        self.ended_by = "done"

    def run(self) -> Tally:  # type: ignore[override]  # a practice reports its Tally: no store, no Summary
        for line in self.practice.header:
            self.say(show_math(line))
        count = f"{self.practice.total} problem" + ("s" if self.practice.total != 1 else "")
        if self.lang == "zh":
            count = str(self.practice.total)
        self.say(self.msg("model_intro", count=count))
        n = 0
        try:
            while (problem := self.practice.next()) is not None:
                n += 1
                self.serve_problem(problem, n)
        except Quit:
            self.ended_by = "quit"
        except EndOfInput:
            self.ended_by = "eof"
        self.say("")
        t = self.practice.tally
        how = self.msg("ended" if self.ended_by != "done" else "done")
        self.say(self.msg("model_summary", how=how, answered=t.answered, correct=t.correct,
                          skipped=t.skipped, mins=(time.monotonic() - self.started) / 60))
        self.say(self.msg("model_nothing_saved"))
        return t

    def serve_problem(self, problem: Any, n: int) -> None:
        self.say("")
        title = pick(problem.title, self.lang) or problem.template
        self.say(self.msg("model_problem", n=n, total=self.practice.total, title=title))
        self.say(show_math(pick(problem.prompt, self.lang) or ""))
        hints = pick(problem.hints, self.lang) or []
        while True:
            try:
                verdict, _text, _used = self.answer(self.msg("answer_prompt"), hints,
                                                    problem.check)
                break
            except _Undo:
                self.say(self.msg("model_no_undo"))
            except (_Skip, _Suspend):
                self.practice.skipped()
                self.say(self.msg("model_skipped"))
                return
        self.practice.answered(verdict)
        self.feedback(verdict)
        steps = pick(problem.steps, self.lang) or []
        if steps:
            self.say(self.msg("worked"))
            for line in solution_lines(steps):
                self.say(line)
