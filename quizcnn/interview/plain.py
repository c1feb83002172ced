"""The mock interview in line mode: one question at a time on stdout, answers from stdin.

Works with piped input. At each prompt the time left in the round and the question's budget
are printed. A concept answer is one line (Enter on an empty line: answered aloud); then the
model answer and its key points, and the user names the points covered (``1 3``, ``all``,
``none``). A numeric answer is graded as in the drill (an unreadable one is asked again).
``s`` skips, ``q`` ends the round. When input ends, the round ends as if time had run out (the
question on screen is out of time); Ctrl+C ends it keeping only what was answered.
"""

from __future__ import annotations

from typing import Any, TextIO

from quizcnn import messages
from quizcnn.drill.lineio import EndOfInput, LineIO
from quizcnn.interview.round import Asked, Round, read_ticks
from quizcnn.interview.summary import kind_name, mmss, pct
from quizcnn.termtext import clean, show_math

SKIP = ("s", "skip", "跳过")
QUIT = ("q", "quit", "退出")


class _Skip(Exception):
    pass


class _Quit(Exception):
    pass


class PlainInterview(LineIO):
    def __init__(self, rnd: Round, *, stdin: TextIO, stdout: TextIO):
        self.round = rnd
        self.lang = rnd.lang
        self.stdin, self.out = stdin, stdout

    # -- io ---------------------------------------------------------------------------------
    def clock_line(self, asked: Asked) -> str:
        return self.msg("iv_clock", left=mmss(self.round.time_left()),
                        budget=mmss(self.round.question_left(asked)))

    def ask_timed(self, asked: Asked, prompt: str) -> str:
        text = self.ask(f"{self.clock_line(asked)} {prompt}")
        word = text.strip().lower()
        if word in SKIP:
            raise _Skip
        if word in QUIT:
            raise _Quit
        return text

    # -- the round --------------------------------------------------------------------------
    def run(self) -> str:
        """Ask until the round ends; returns how it ended (time, input, quit, done)."""
        r = self.round
        self.say(self.msg("iv_intro", minutes=r.minutes, level=r.level))
        if r.picker.empty():
            self.say(self.msg("iv_nothing"))
            return "done"
        asked: Asked | None = None
        try:
            while (asked := r.next()) is not None:
                self.serve(asked)
            if r.ended_by == "time":
                self.say(self.msg("iv_round_time"))
            return r.ended_by
        except EndOfInput:
            if asked is not None and not asked.done:
                r.time_out(asked)
            return "input"
        except _Quit:
            return "quit"

    def serve(self, asked: Asked) -> None:
        self.say("")
        if asked.parent is not None:
            self.say(self.msg("iv_follow_intro"))
        self.say(self.msg("iv_header", n=asked.position, kind=kind_name(asked.kind, self.lang),
                          topic=clean(asked.topic, one_line=True),
                          title=show_math(clean(asked.title, one_line=True))))
        self.say(show_math(asked.prompt))
        try:
            if asked.skill == "concept":
                self.concept(asked)
            else:
                self.numeric(asked)
        except _Skip:
            self.round.skip(asked)
            self.say(self.msg("iv_skipped"))

    def concept(self, asked: Asked) -> None:
        text = self.ask_timed(asked, self.msg("iv_answer"))
        in_time = self.round.answered(asked)
        if asked.answer_md:
            self.say(self.msg("iv_model_answer"))
            self.say(show_math(asked.answer_md))
        if not in_time:
            self.show_points(asked, "iv_points_timeout")
            self.round.time_out(asked)
            self.say(self.msg("iv_timeout", took=mmss(asked.seconds), budget=mmss(asked.budget)))
            return
        if asked.self_rated:
            if asked.explanation:
                self.say(self.msg("iv_why"))
                self.say(show_math(asked.explanation))
            while (word := self.ask(self.msg("iv_self_rate")).strip()) not in ("1", "2", "3", "4"):
                self.say(self.msg("iv_rate_again"))
            self.round.self_rate(asked, int(word), text or None)
            self.scored(asked, pct(asked.score))
            return
        self.show_points(asked, "iv_points")
        n = len(asked.points)
        while (ticks := read_ticks(self.ask(self.msg("iv_tick")), n)) is None:
            self.say(self.msg("iv_tick_again", n=n))
        self.round.tick(asked, ticks, text or None)
        self.scored(asked, self.msg("iv_points_score", covered=len(ticks), total=n)
                    + f" = {pct(asked.score)}")

    def show_points(self, asked: Asked, key: str) -> None:
        if not asked.points:
            return
        self.say(self.msg(key))
        for i, p in enumerate(asked.points, 1):
            self.say(f"  {i}. {show_math(p)}")

    def numeric(self, asked: Asked) -> None:
        prompt = (self.msg("iv_number_unit", unit=clean(asked.unit, one_line=True))
                  if asked.unit else self.msg("iv_number"))
        while True:
            text = self.ask_timed(asked, prompt)
            if not text.strip():
                self.say(self.msg("iv_empty"))
                continue
            verdict = self.round.check(asked, text)
            if getattr(verdict, "error", None):
                self.say(self.msg("iv_unreadable", why=clean(self.why(verdict)).rstrip(".。")))
                continue
            break
        in_time = self.round.answered(asked)
        if not in_time:
            self.round.time_out(asked)
            self.say(self.msg("iv_timeout", took=mmss(asked.seconds), budget=mmss(asked.budget)))
            self.solution(asked, verdict)
            return
        self.round.grade(asked, text, verdict)
        self.feedback(verdict)
        self.solution(asked, verdict)
        self.scored(asked, pct(asked.score))

    def why(self, verdict: Any) -> str:
        detail = getattr(verdict, "detail", None)
        if isinstance(detail, dict):
            return str(messages.pick(detail, self.lang) or verdict.error)
        if self.lang == "zh" and getattr(verdict, "error_zh", None):
            return str(verdict.error_zh)
        return str(verdict.error)

    def feedback(self, verdict: Any) -> None:
        if verdict.correct:
            self.say(self.msg("iv_right"))
        else:
            self.say(self.msg("iv_wrong", expected=show_math(str(verdict.expected or ""))))
        m = getattr(verdict, "misconception", None)
        slip = messages.pick(getattr(m, "message", None) or {}, self.lang) if m else None
        if slip:
            self.say(self.msg("iv_slip", msg=show_math(slip)))

    def solution(self, asked: Asked, verdict: Any) -> None:
        if asked.problem is not None:
            from quizcnn.drill.plain import solution_lines

            steps = messages.pick(asked.problem.steps, self.lang) or []
            if steps:
                self.say(self.msg("iv_worked"))
                for line in solution_lines(steps):
                    self.say(line)
        else:
            if not verdict.correct and asked.answer_md:
                self.say(self.msg("iv_model_answer"))
                self.say(show_math(asked.answer_md))
            if asked.explanation:
                self.say(self.msg("iv_why"))
                self.say(show_math(asked.explanation))

    def scored(self, asked: Asked, score: str) -> None:
        from quizcnn.store.scheduler import format_interval

        interval = format_interval(asked.interval) if asked.interval is not None else "-"
        self.say(self.msg("iv_scored", score=score,
                          rating=messages.rating_name(asked.rating or 1, self.lang),
                          interval=interval))
