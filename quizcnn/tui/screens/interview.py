"""The mock interview as a screen: one question at a time with a running clock, then the report.

A thin shell over ``quizcnn.interview.round.Round`` (every call that touches SQLite runs on the
app's database thread). One input line takes everything typed: the answer, then the key points
covered (``1 3``, ``all``, ``none``) or a self-rating (1-4) for a card without key points, then
Enter for the next question. The clock ticks every second; a question whose budget runs out
while it is being answered is ended there (out of time), and the round ends when its time is
out. Ctrl+S skips, Esc ends the round; the report then fills the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from quizcnn import messages
from quizcnn.tui import keymap, safe
from quizcnn.tui.base import QuizScreen
from quizcnn.tui.widgets.question import QuestionView

if TYPE_CHECKING:
    from quizcnn.tui.app import QuizApp


class InterviewScreen(QuizScreen[None]):
    CSS_PATH = "interview.tcss"
    BINDINGS = keymap.bindings(keymap.INTERVIEW)

    def __init__(self, *, minutes: int = 20, level: int = 2, lang: str = "en",
                 topics: tuple[str, ...] = (), seed: int | None = None,
                 targets: list[tuple[str, Path]] | None = None, force: bool = False) -> None:
        super().__init__()
        keymap.apply(self)
        self.minutes, self.level, self.lang = minutes, level, lang if lang == "zh" else "en"
        self.topics, self.seed = tuple(topics), seed
        self.targets, self.force = list(targets or []), force
        self.round: Any = None
        self.asked: Any = None
        self.state = "loading"  # answer | points | rate | next | report | failed
        self.report: Any = None
        self.busy = False
        self.typed = ""
        self.revealed = ""  # the Markdown under the question

    @property
    def state(self) -> str:
        return self._state

    @state.setter
    def state(self, value: str) -> None:
        self._state = value
        if self.is_attached:  # the footer offers Skip only while a question is asked
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return self.state == "answer"
        return True

    @property
    def quiz(self) -> QuizApp:
        """The app, typed (its database thread, store, bank and clock)."""
        return self.app

    def msg(self, key: str, **kw: object) -> str:
        return messages.t(key, self.lang, **kw)

    def compose(self) -> ComposeResult:
        yield Static(self.msg("iv_tui_loading"), id="ivclock", markup=False)
        with VerticalScroll(id="ivbody"):
            yield Static("", id="ivhead", markup=False)
            yield QuestionView("", id="ivprompt")
            yield QuestionView("", id="ivreveal")
        yield Static("", id="ivhelp", markup=False)
        yield Input(placeholder=self.msg("iv_tui_placeholder"), id="ivinput")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ivinput", Input).focus()
        self.set_interval(1.0, self.tick)
        self.start()

    # -- start ------------------------------------------------------------------------------
    @work(group="interview", exclusive=True)
    async def start(self) -> None:
        from quizcnn.interview.round import Round

        app = self.quiz
        store = await app.wait_store()
        if store is None or app.bank is None:
            self.fail(getattr(app, "store_error", "") or messages.t("tui_no_db", self.lang))
            return
        try:
            self.round = await app.in_db(
                Round, store, app.bank.questions, minutes=self.minutes, level=self.level,
                lang=self.lang, topics=self.topics, seed=self.seed, clock=app.clock, mode="tui")
        except Exception as e:  # a store error: said on screen, the app keeps running
            self.fail(str(e))
            return
        if self.round.picker.empty():
            self.report = await app.in_db(self.round.finish, "done")
            await self.show_report(self.msg("iv_nothing"))
            return
        await self.next_question()

    def fail(self, error: str) -> None:
        self.state = "failed"
        self.query_one("#ivclock", Static).update(self.msg("iv_tui_failed",
                                                           error=safe.text(error)))

    # -- the clock ----------------------------------------------------------------------------
    def tick(self) -> None:
        rnd, asked = self.round, self.asked
        if rnd is None or asked is None or self.state == "report":
            return
        now = rnd.clock()
        self.query_one("#ivclock", Static).update(self.msg(
            "iv_tui_clock", n=asked.position, left=_mmss(rnd.time_left(now)),
            budget=_mmss(rnd.question_left(asked, asked.answered_at or now))  # stops when answered
            if not asked.done else "-"))
        if self.state == "answer" and not self.busy and rnd.question_left(asked, now) <= 0:
            self.run_worker(self.out_of_time(), group="interview-answer")

    async def out_of_time(self) -> None:
        if self.busy or self.state != "answer":
            return
        self.busy = True
        try:
            asked = self.asked
            await self.quiz.in_db(self.round.time_out, asked)
            lines = [self.msg("iv_timeout", took=_mmss(asked.seconds),
                              budget=_mmss(asked.budget))]
            lines += self.model_answer(asked, timeout=True)
            await self.reveal(lines)
            self.to_next()
        finally:
            self.busy = False

    # -- questions ----------------------------------------------------------------------------
    async def next_question(self) -> None:
        asked = await self.quiz.in_db(self.round.next)
        if asked is None:
            await self.finish(None)
            return
        self.asked = asked
        head = ""
        if asked.parent is not None:
            head = self.msg("iv_follow_intro") + "\n"
        kind = messages.t(f"iv_kind_{asked.kind}", self.lang)
        head += f"{kind} · {safe.text(asked.topic)} · {safe.text(asked.title)}"
        self.query_one("#ivhead", Static).update(head)
        await self.query_one("#ivprompt", QuestionView).update(safe.markdown(asked.prompt))
        await self.reveal([])
        self.placeholder("iv_tui_placeholder")
        self.state = "answer"
        self.help("iv_tui_answer" if asked.skill == "concept" else "iv_tui_number")
        self.query_one("#ivbody", VerticalScroll).scroll_home(animate=False)
        self.tick()

    def help(self, key: str, **kw: object) -> None:
        self.query_one("#ivhelp", Static).update(self.msg(key, **kw))

    def placeholder(self, key: str) -> None:
        self.query_one("#ivinput", Input).placeholder = self.msg(key)

    async def reveal(self, lines: list[str]) -> None:
        """Markdown under the question: feedback lines, then the key points or the answer."""
        self.revealed = "\n\n".join(x for x in lines if x)
        view = self.query_one("#ivreveal", QuestionView)
        await view.update(self.revealed)
        body = self.query_one("#ivbody", VerticalScroll)
        if self.revealed:  # what just came (a verdict, the points) at the top of the view
            self.call_after_refresh(body.scroll_to_widget, view, animate=False, top=True)
        else:
            body.scroll_home(animate=False)

    def action_page_up(self) -> None:
        self.query_one("#ivbody", VerticalScroll).scroll_page_up()

    def action_page_down(self) -> None:
        self.query_one("#ivbody", VerticalScroll).scroll_page_down()

    def model_answer(self, asked: Any, *, timeout: bool = False) -> list[str]:
        out: list[str] = []
        if asked.problem is not None:
            from quizcnn.drill.plain import solution_lines

            steps = messages.pick(asked.problem.steps, self.lang) or []
            if steps:  # an indented code block: kept as the lines are
                code = "\n".join("    " + line for line in solution_lines(steps))
                out += [f"**{self.msg('iv_worked')}**", code]
            return out
        # the points first: ticking them is what the screen asks for next
        if asked.points:
            out.append(f"**{self.msg('iv_points_timeout' if timeout else 'iv_points')}**")
            out.append("\n".join(f"{i}. {' '.join(safe.markdown(p).split())}"
                                 for i, p in enumerate(asked.points, 1)))
        if asked.answer_md:
            out += [f"**{self.msg('iv_model_answer')}**", safe.markdown(asked.answer_md)]
        if asked.explanation and not asked.points and not timeout:
            out += [f"**{self.msg('iv_why')}**", safe.markdown(asked.explanation)]
        return out

    def to_next(self) -> None:
        self.state = "next"
        self.help("iv_tui_next")
        self.placeholder("iv_tui_next_placeholder")

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.busy:
            return
        text = event.value
        box = self.query_one("#ivinput", Input)
        self.busy = True
        try:
            if self.state == "report":
                self.app.pop_screen()
                return
            if self.state == "next":
                box.value = ""
                await self.next_question()
            elif self.state == "answer":
                await self.answer(text)
            elif self.state == "points":
                await self.points(text)
            elif self.state == "rate":
                await self.rate(text)
        finally:
            self.busy = False

    async def answer(self, text: str) -> None:
        asked, rnd, box = self.asked, self.round, self.query_one("#ivinput", Input)
        if asked.skill != "concept":
            if not text.strip():
                self.help("iv_empty")
                return
            verdict = rnd.check(asked, text)
            if getattr(verdict, "error", None):
                self.help("iv_unreadable", why=safe.text(_why(verdict, self.lang)).rstrip(".。"))
                return
            in_time = await self.quiz.in_db(rnd.answered, asked)
            box.value = ""
            if not in_time:
                await self.quiz.in_db(rnd.time_out, asked)
                lines = [self.msg("iv_timeout", took=_mmss(asked.seconds),
                                  budget=_mmss(asked.budget))]
            else:
                await self.quiz.in_db(rnd.grade, asked, text, verdict)
                lines = [self.msg("iv_right") if verdict.correct else
                         self.msg("iv_wrong", expected=safe.markdown(str(verdict.expected)))]
                m = getattr(verdict, "misconception", None)
                slip = messages.pick(getattr(m, "message", None) or {}, self.lang) if m else None
                if slip:
                    lines.append(self.msg("iv_slip", msg=safe.markdown(slip)))
                lines.append(self.scored(asked))
            await self.reveal(lines + self.model_answer(asked))
            self.to_next()
            return
        in_time = await self.quiz.in_db(rnd.answered, asked)
        self.typed = text
        box.value = ""
        if not in_time:
            await self.quiz.in_db(rnd.time_out, asked)
            await self.reveal([self.msg("iv_timeout", took=_mmss(asked.seconds),
                                        budget=_mmss(asked.budget)),
                               *self.model_answer(asked, timeout=True)])
            self.to_next()
            return
        await self.reveal(self.model_answer(asked))
        if asked.self_rated:
            self.state = "rate"
            self.help("iv_tui_rate")
            self.placeholder("iv_tui_rate_placeholder")
        else:
            self.state = "points"
            self.help("iv_tui_tick")
            self.placeholder("iv_tui_tick_placeholder")

    async def points(self, text: str) -> None:
        from quizcnn.interview.round import read_ticks

        asked = self.asked
        ticks = read_ticks(text, len(asked.points))
        if ticks is None:
            self.help("iv_tick_again", n=len(asked.points))
            return
        self.query_one("#ivinput", Input).value = ""
        await self.quiz.in_db(self.round.tick, asked, ticks, self.typed or None)
        covered = self.msg("iv_points_score", covered=len(ticks), total=len(asked.points))
        await self.add_line(self.scored(asked, f"{covered} = {_pct(asked.score)}"))
        self.to_next()

    async def rate(self, text: str) -> None:
        word = text.strip()
        if word not in ("1", "2", "3", "4"):
            self.help("iv_rate_again")
            return
        self.query_one("#ivinput", Input).value = ""
        await self.quiz.in_db(self.round.self_rate, self.asked, int(word), self.typed or None)
        await self.add_line(self.scored(self.asked))
        self.to_next()

    async def add_line(self, line: str) -> None:
        """The score on top, the points and the answer still below it."""
        await self.reveal([f"**{line}**", self.revealed])

    def scored(self, asked: Any, score: str | None = None) -> str:
        from quizcnn.store.scheduler import format_interval

        interval = (messages.interval(format_interval(asked.interval), self.lang)
                    if asked.interval is not None else "-")
        return self.msg("iv_scored", score=score or _pct(asked.score),
                        rating=messages.rating_name(asked.rating or 1, self.lang),
                        interval=interval)

    # -- skip, end, report ----------------------------------------------------------------------
    async def action_skip(self) -> None:
        if self.state != "answer" or self.busy:
            return
        self.busy = True
        try:
            await self.quiz.in_db(self.round.skip, self.asked)
            self.query_one("#ivinput", Input).value = ""
            await self.reveal([self.msg("iv_skipped"),
                               *self.model_answer(self.asked, timeout=True)])
            self.to_next()
        finally:
            self.busy = False

    async def action_end_round(self) -> None:
        if self.state == "report" or self.state == "failed":
            self.app.pop_screen()
            return
        if self.round is None or self.busy:
            return
        await self.finish("quit")

    async def finish(self, how: str | None) -> None:
        self.report = await self.quiz.in_db(self.round.finish, how)
        note = self.msg("iv_round_time") if self.round.ended_by == "time" else ""
        await self.show_report(note)

    async def show_report(self, note: str) -> None:
        from quizcnn.interview.summary import lines

        self.state = "report"
        self.asked = None
        out = [note, ""] if note else []
        out += lines(self.report, self.lang)[1:]  # its title is on the top bar
        if self.targets:
            from quizcnn.interview.output import ReportError, write_reports

            try:
                for p in write_reports(self.report, self.targets, force=self.force):
                    out.append(self.msg("iv_written", path=safe.text(str(p))))
            except (ReportError, OSError) as e:
                out.append(safe.text(str(e)))
        self.query_one("#ivclock", Static).update(self.msg("iv_report_title"))
        head = self.query_one("#ivhead", Static)
        head.set_class(True, "report")
        head.update("\n".join(out))
        await self.query_one("#ivprompt", QuestionView).update("")
        await self.reveal([])
        self.help("iv_tui_report")
        self.placeholder("iv_tui_report")


def from_args(args: Any) -> InterviewScreen:
    """The screen ``quizcnn interview`` opens on (its flags; report files already checked)."""
    return InterviewScreen(minutes=args.minutes, level=args.level, lang=args.lang,
                           topics=tuple(args.topic or ()), seed=args.seed,
                           targets=getattr(args, "report_targets", None), force=args.force)


def _mmss(seconds: float) -> str:
    from quizcnn.interview.summary import mmss

    return mmss(seconds)


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _why(verdict: Any, lang: str) -> str:
    detail = getattr(verdict, "detail", None)
    if isinstance(detail, dict):
        return str(messages.pick(detail, lang) or verdict.error)
    if lang == "zh" and getattr(verdict, "error_zh", None):
        return str(verdict.error_zh)
    return str(verdict.error)
