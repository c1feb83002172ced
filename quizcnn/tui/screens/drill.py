"""The drill: one card at a time; typed answers are graded, basic cards are rated 1-4.

States: "loading" -> "ask" -> ("revealed" for self-rated cards) -> "saving" -> "feedback" ->
the next card. Every store call runs on the app's database thread; a result is shown as
saved only after the store has committed it.

Why one module of ~580 lines: it is the one screen with the drill's whole state machine (ask,
reveal, rate, save, undo, edit); the card preparation and grading already live in
``quizcnn.tui.flow`` and ``quizcnn.drill.session``. (Splitting it waits for the drill-loop
work of issue 13 to land.)
"""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from quizcnn.messages import MESSAGES, t
from quizcnn.tui import keymap, safe
from quizcnn.tui.base import SharedScreen, is_quiz_app
from quizcnn.tui.flow import CardView, DrillFlow, prepare, read_preview
from quizcnn.tui.messages import Rated
from quizcnn.tui.widgets.answer import AnswerBox
from quizcnn.tui.widgets.choices import ChoiceList
from quizcnn.tui.widgets.feedback import FeedbackPanel
from quizcnn.tui.widgets.question import QuestionView
from quizcnn.tui.widgets.rating import RatingBar

if TYPE_CHECKING:
    from quizcnn.tui.flow import Outcome
    from quizcnn.tui.practice import PracticeFlow

_COMMANDS = {"?": "hint", "u": "undo", "s": "skip", "q": "end_session"}
# actions that make sense in each state (others are hidden from the footer and ignored)
_ALLOWED = {
    "loading": {"end_session"},
    "ask": {"hint", "undo", "skip", "suspend", "edit", "toggle_lang", "focus_input",
            "blur_input", "end_session", "reveal", "submit", "number"},
    "revealed": {"number", "undo", "skip", "suspend", "edit", "toggle_lang", "end_session",
                 "toggle_solution", "hint"},
    "saving": set(),
    "feedback": {"next", "submit", "undo", "suspend", "edit", "toggle_lang", "end_session",
                 "toggle_solution"},
    "done": {"end_session"},
}


class DrillScreen(SharedScreen[None]):
    CSS_PATH = "drill.tcss"
    AUTO_FOCUS = None  # each card focuses the answer box or the question (``show_card``)
    BINDINGS = keymap.bindings(keymap.DRILL + keymap.RATE + keymap.CHOICE)

    def __init__(self) -> None:
        super().__init__()
        keymap.apply(self)
        # the daily drill's flow, or a practice session's (``drill --model``)
        self.flow: DrillFlow | PracticeFlow | None = None
        self.card: CardView | None = None
        self.state = "loading"
        self.n = 0
        self.gave_up_armed = False
        self.last_undo: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("tui_loading", self.ui_lang), id="status", markup=False)
        with VerticalScroll(id="body"):
            yield QuestionView(id="prompt")
            yield ChoiceList(id="choices")
            yield Static("", id="hints", markup=False)
        yield AnswerBox(id="answerbox")
        yield Static("", id="saved", markup=False)
        # the feedback panel, the rating bar and the footer are mounted after the first
        # question is painted (see ``complete``): they are not needed to read it

    def on_mount(self) -> None:
        self.query_one("#answerbox").display = False
        self.query_one("#choices").display = False
        self.query_one("#hints").display = False
        self.completed = False
        self.begin()

    async def complete(self) -> None:
        """Mount what the first paint could do without."""
        if self.completed:
            return
        self.completed = True
        feedback, rating = FeedbackPanel(id="feedback"), RatingBar(id="rating")
        feedback.display = False
        rating.display = False
        await self.query_one("#body").mount(feedback)
        await self.mount(rating, before="#saved")
        # compact and without the palette key (ctrl+p still opens it): the keys fit 80 columns
        await self.mount(Footer(compact=True, show_command_palette=False))
        self.refresh_bindings()  # a footer fills itself when the bindings are announced

    # -- helpers ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"reveal", "next", "submit", "number", "hint", "undo", "skip", "suspend",
                      "edit", "toggle_lang", "focus_input", "blur_input", "end_session",
                      "toggle_solution"}:
            if action not in _ALLOWED.get(self.state, set()):
                return False
            if action in ("undo", "suspend", "edit") and getattr(self.flow, "practice", False):
                return False  # drill --model: nothing stored to undo, suspend or edit
            card = self.card
            if action == "number" and self.state == "ask":
                return card is not None and card.qtype == "choice"
            if action in ("focus_input", "blur_input"):
                return card is not None and card.typed
            if action == "toggle_lang":
                return card is not None
            if action == "reveal" and self.state == "ask":
                return card is not None and card.qtype in ("basic", "cloze")
        return True

    def set_state(self, state: str) -> None:
        self.state = state
        self.refresh_bindings()

    @property
    def ui_lang(self) -> str:
        """The language of what the drill says (messages from ``quizcnn.messages``)."""
        return getattr(self.app, "ui_lang", "en")

    def say(self, text: str) -> None:
        self.query_one("#saved", Static).update(text)

    def status_line(self) -> None:
        card = self.card
        if card is None:
            return
        # the topic, the longest part, goes last: a narrow terminal cuts it, not the language
        lang = self.ui_lang
        parts = [t("tui_card_n", lang, n=self.n) + self.to_go(), t(f"lang_name_{card.lang}", lang),
                 _kind(card.kind, lang),
                 t(f"qtype_{card.qtype}", lang) if f"qtype_{card.qtype}" in MESSAGES
                 else card.qtype, safe.text(card.question.topic)]
        if self.app.cram:
            parts.insert(1, t("tui_studying_ahead", lang))
        title = safe.text(card.question.text(card.lang).title)
        self.query_one("#status", Static).update(" | ".join(parts) + "\n" + title)

    def to_go(self) -> str:
        """", 19 to go (1 coming back)": cards not yet shown, and learning cards due again
        today (a new card answered right goes into learning, so it is not 'done' yet)."""
        flow = self.flow
        queue = flow.queue if flow is not None else None
        if flow is None or queue is None:
            return ""
        fresh = len(queue.main) + len(flow.session.pending)
        back = len(queue.learning)
        lang = self.ui_lang
        return t("tui_to_go", lang, n=fresh) + (t("tui_coming_back", lang, n=back) if back else "")

    # -- start and the next card --------------------------------------------------------------
    @work(group="drill", exclusive=False)
    async def begin(self) -> None:
        from quizcnn.tui import data

        app = self.app
        if not is_quiz_app(app):  # drill --model: a practice flow, no store (tui/practice.py)
            self.flow = app.flow = app.practice
            await self.next_card()
            return
        await app.wait_startable()
        if app.store is None and app.can_start and app.early_card_ok:
            card = app.take_early_card()
            if card is None:
                q = await app.in_io(data.provisional, app.db_path, app.bank, app.index,
                                    app.filters, app.clock(), cram=app.cram)
                if q is not None:
                    card = await app.in_io(prepare, q, app.filters.display_lang(q), None,
                                           app.rng.randrange(2**31))
            if card is not None:
                await self.show_card(card)
        store = await app.wait_store()
        bank = app.bank  # not None when the store is open: it is opened over the bank
        if store is not None and bank is not None and self.card is not None \
                and self.card.item is None:
            q = bank.by_id.get(self.card.bank_id)  # the card as the full bank has it
            if q is None:
                self.card = None
            else:
                self.card.question = q
        if store is None or bank is None:
            await self.cannot_study(app.store_error or t("tui_no_db", self.ui_lang))
            return
        flow = await app.in_db(DrillFlow, store, bank, app.filters, clock=app.clock,
                               rng=app.rng, limit=app.limit, cram=app.cram)
        self.flow = app.flow = flow
        if self.card is not None and self.card.item is None:
            item = await app.in_db(flow.take, self.card.bank_id)
            if item is not None:
                self.card.item = item
                self.status_line()
                if self.state == "revealed":
                    await self.load_previews()
                return
            self.card = None
        if self.card is None:
            await self.next_card()

    async def cannot_study(self, why: str) -> None:
        """The bank or the progress database could not be opened: say why, in full, instead
        of a question that could not be saved."""
        self.card = None
        self.query_one("#status", Static).update(t("tui_cannot_study", self.ui_lang))
        await self.query_one("#prompt", QuestionView).update("")
        self.query_one("#choices").display = False
        self.query_one("#answerbox").display = False
        hints = self.query_one("#hints", Static)
        hints.update(safe.text(why))
        hints.display = True
        self.say(t("tui_nothing_changed", self.ui_lang,
                   keys=keymap.keys_for("drill.quit", self.app.key_overrides)))
        self.set_state("done")

    async def next_card(self) -> None:
        app = self.app
        self.set_state("loading")
        assert self.flow is not None  # set before the first card is asked for (``begin``)
        card = await app.in_db(self.flow.next_card)
        if card is None:
            await self.finish()
            return
        await self.show_card(card)

    async def show_card(self, card: CardView) -> None:
        self.card = card
        self.n += 1
        self.gave_up_armed = False
        self.status_line()
        await self.query_one("#prompt", QuestionView).update(card.prompt_md or card.error)
        if not self.is_attached:  # the app was closed meanwhile
            return
        choices = self.query_one("#choices", ChoiceList)
        choices.set_options(card.choices if card.qtype == "choice" else [])
        hints = self.query_one("#hints", Static)
        hints.update("")
        hints.display = False
        if self.completed:
            self.query_one("#feedback", FeedbackPanel).display = False
            self.query_one("#rating", RatingBar).display = False
        box = self.query_one("#answerbox", AnswerBox)
        box.display = card.typed and not card.error
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        self.set_state("ask")
        keys = keymap.keys_for
        ov = self.app.key_overrides
        lang = self.ui_lang
        if card.error:
            self.say(t("tui_card_error", lang, error=card.error, keys=keys("drill.skip", ov)))
        elif card.typed:
            if card.qtype == "cloze":
                tip = t("tui_tip_gaps", lang)
            elif card.unit:
                tip = t("tui_tip_answer_unit", lang, unit=card.unit)
            else:
                tip = t("tui_tip_answer", lang)
            box.reset(tip, lambda text: read_preview(card, text, lang))
            box.input.focus()
            self.say(t("tui_type_answer", lang))
        elif card.qtype == "choice":
            self.say(t("tui_choose_many" if card.many else "tui_choose_one", lang))
            self.query_one("#body").focus()
        else:
            self.say(t("tui_think", lang, keys=keys("drill.reveal", ov)))
            self.query_one("#body").focus()
        self.call_after_refresh(self.first_painted)

    async def first_painted(self) -> None:
        if self.app.first_paint():
            return  # the app is exiting (its on_first_paint hook said so)
        if self.is_attached:
            await self.complete()

    async def finish(self) -> None:
        from quizcnn.tui.screens.summary import SummaryScreen

        self.set_state("done")
        app = self.app
        summary = await app.in_db(self.flow.end) if self.flow is not None else None
        app.flow = None
        await app.refresh_counts()
        self.app.switch_screen(SummaryScreen(summary))

    # -- answering ----------------------------------------------------------------------------
    @on(Input.Submitted, "#answer")
    async def typed(self, event: Input.Submitted) -> None:
        event.stop()
        if self.state != "ask" or self.card is None:
            return
        text = event.value
        cmd = _COMMANDS.get(text.strip().lower())
        if cmd:
            event.input.value = ""
            await self.run_action(cmd)
            return
        card = self.card
        if not text.strip():
            if card.qtype == "cloze":
                await self.reveal()
                return
            if not self.gave_up_armed:
                self.gave_up_armed = True
                self.say(t("tui_empty_again", self.ui_lang))
                return
            self.submit_answer(text)
            return
        self.gave_up_armed = False
        ok, message = read_preview(card, text, self.ui_lang)
        if ok is False:
            self.say(t("tui_unreadable", self.ui_lang, why=message))
            return
        self.submit_answer(text)

    @work(group="drill", exclusive=False)
    async def submit_answer(self, answer: str | list[int]) -> None:
        app = self.app
        card = self.card
        assert card is not None  # only submitted while a card is asked
        self.set_state("saving")
        self.say(t("tui_saving", self.ui_lang))
        box = self.query_one("#answerbox", AnswerBox)
        box.input.disabled = True
        if card.item is None:
            await app.wait_store()
            while self.flow is None or card.item is None:
                if app.store is None:
                    self.say(app.store_error)
                    return
                await _tick()
        if card.qtype != "choice" and not str(answer).strip():
            answer = ""
        assert self.flow is not None  # a card with its queue item has its flow
        try:
            out = await app.in_db(self.flow.answer_graded, card, answer)
        except Exception as e:
            self.set_state("ask")
            box.input.disabled = False
            self.say(t("tui_not_saved", self.ui_lang, error=safe.text(e)))
            return
        if out is None:  # unreadable after all (the preview reads the same way): ask again
            self.set_state("ask")
            box.input.disabled = False
            box.input.focus()
            _ok, why = read_preview(card, str(answer), self.ui_lang)
            self.say(t("tui_unreadable", self.ui_lang, why=why or str(answer)))
            return
        await self.show_outcome(card, out)

    async def show_outcome(self, card: CardView, out: Outcome) -> None:
        from quizcnn.messages import interval, rating_name

        await self.complete()
        lang = self.ui_lang
        if out.correct is None:
            verdict, right = t("tui_rated", lang, rating=rating_name(out.rating, lang)), None
        elif out.correct:
            verdict, right = t("right", lang), True
        else:
            verdict, right = t("wrong", lang, expected=out.expected), False
        slip = t("slip", lang, msg=out.misconception) if out.misconception else out.detail
        answer_md = ""
        if out.correct is not None:
            shown = [card.answer_md] if card.qtype == "cloze" else []
            answer_md = "\n\n".join(x for x in [*shown, card.explanation_md] if x)
            if card.qtype == "choice":
                want = {i for i, k in enumerate(card.order)
                        if card.question.text(card.lang).choices[k].correct}
                self.query_one("#choices", ChoiceList).show_correct(want)
        solution = card.steps_md
        await self.query_one("#feedback", FeedbackPanel).show(
            verdict=verdict, right=right, slip=slip, answer_md=answer_md, solution_md=solution,
            expand=bool(solution) and out.correct is False,
            solution_title=t("tui_worked_solution", lang,
                             keys=keymap.keys_for("drill.solution", self.app.key_overrides)),
        )
        self.query_one("#rating", RatingBar).display = False
        self.query_one("#answerbox", AnswerBox).display = False
        leech = (t("leech", lang) if out.leech else "").lstrip(" " if lang == "zh" else "")
        nxt = t("tui_next_in", lang, interval=interval(out.interval, lang)) if out.interval else ""
        if self.flow is not None and self.flow.cram:
            nxt = t("tui_cram_unchanged", lang)
        why = t(out.why, lang) if out.why else ""
        if getattr(self.flow, "practice", False):
            self.say(t("model_not_saved", lang))
        else:
            self.say(t("tui_saved", lang, rating=rating_name(out.rating, lang), why=why, next=nxt,
                       leech=leech))
        self.status_line()
        self.set_state("feedback")
        self.query_one("#body").focus()
        self.call_after_refresh(self.query_one("#feedback").scroll_visible, top=True,
                                animate=False)

    async def reveal(self) -> None:
        card = self.card
        if card is None:
            return
        await self.complete()
        await self.query_one("#feedback", FeedbackPanel).show(
            verdict=t("answer", self.ui_lang), answer_md="\n\n".join(
                x for x in (card.answer_md, card.explanation_md) if x),
        )
        self.query_one("#answerbox", AnswerBox).display = False
        bar = self.query_one("#rating", RatingBar)
        bar.set_intervals({}, self.ui_lang)
        bar.display = True
        self.set_state("revealed")
        self.say(t("tui_how_well", self.ui_lang))
        self.query_one("#body").focus()
        if card.item is not None:
            await self.load_previews()

    async def load_previews(self) -> None:
        card = self.card
        if card is None or self.flow is None:
            return
        try:
            intervals = await self.app.in_db(self.flow.previews, card)
        except Exception:  # previews are a nicety; rating still works
            return
        if self.card is card and self.completed:
            from quizcnn.messages import interval

            self.query_one("#rating", RatingBar).set_intervals(
                {r: interval(v, self.ui_lang) for r, v in intervals.items()}, self.ui_lang)

    @work(group="drill", exclusive=False)
    async def rate(self, rating: int) -> None:
        card = self.card
        if self.state != "revealed" or card is None:
            return
        self.set_state("saving")
        self.say(t("tui_saving", self.ui_lang))
        while self.flow is None or card.item is None:
            if self.app.store is None and self.app.store_error:
                self.say(self.app.store_error)
                return
            await _tick()
        typed = self.query_one("#answerbox", AnswerBox).input.value or None
        try:
            out = await self.app.in_db(self.flow.answer_rated, card, rating, typed)
        except Exception as e:
            self.set_state("revealed")
            self.say(t("tui_not_saved", self.ui_lang, error=safe.text(e)))
            return
        await self.show_outcome(card, out)

    def on_rated(self, message: Rated) -> None:
        self.rate(message.rating)

    # -- key actions --------------------------------------------------------------------------
    async def action_reveal(self) -> None:
        if self.state == "ask" and self.card is not None and self.card.qtype in ("basic", "cloze"):
            await self.reveal()

    async def action_next(self) -> None:
        if self.state == "feedback":
            await self.next_or_wait()

    async def action_submit(self) -> None:
        card = self.card
        if self.state == "feedback":
            await self.next_or_wait()
        elif self.state == "ask" and card is not None:
            if card.qtype == "choice":
                picked = self.query_one("#choices", ChoiceList).picked
                if not picked:
                    self.say(t("tui_choose_first", self.ui_lang))
                    return
                self.submit_answer(sorted(picked))
            elif card.qtype == "basic":
                await self.reveal()
            elif card.typed:
                self.action_focus_input()

    async def next_or_wait(self) -> None:
        if self.flow is None:
            return
        await self.next_card()

    def action_number(self, n: int) -> None:
        card = self.card
        if card is None:
            return
        if self.state == "revealed" and 1 <= n <= 4:
            self.rate(n)
        elif self.state == "ask" and card.qtype == "choice":
            if not self.query_one("#choices", ChoiceList).toggle(n - 1, card.many):
                self.say(t("tui_no_option", self.ui_lang, n=n))

    def action_hint(self) -> None:
        card = self.card
        if card is None:
            return
        hints = self.query_one("#hints", Static)
        if card.hints_shown >= len(card.hints):
            self.say(t("no_more_hints" if card.hints else "no_hint", self.ui_lang))
            return
        card.hints_shown += 1
        shown = card.hints[: card.hints_shown]
        hints.update("\n".join(t("tui_hint_n", self.ui_lang, n=i + 1, hint=h)
                               for i, h in enumerate(shown)))
        hints.display = True
        self.say(t("tui_hint_lowers", self.ui_lang))

    @work(group="drill", exclusive=False)
    async def action_undo(self) -> None:
        lang = self.ui_lang
        if self.flow is None:
            self.say(t("tui_nothing_undo_yet", lang))
            return
        state = self.state
        current = self.card if state in ("ask", "revealed") else None
        self.set_state("saving")
        done = await self.app.in_db(self.flow.undo, current)
        if done is None:
            self.say(t("nothing_undo", lang))
            self.set_state(state)
            return
        said = t(f"undone_{done.kind}", lang, bank_id=safe.text(done.bank_id))
        if not done.requeued:  # a suspend after the answer: the answer on screen stands
            self.set_state(state)
            self.status_line()
            self.say(said)
            return
        # the undone card comes next; the card on screen (if another) after it
        self.n -= 1 if current is None or current.item is None or \
            current.item.card_id == done.card_id else 2
        await self.next_card()
        self.say(said)

    @work(group="drill", exclusive=False)
    async def action_skip(self) -> None:
        await self._drop("skip", t("skipped", self.ui_lang))

    @work(group="drill", exclusive=False)
    async def action_suspend(self) -> None:
        await self._drop("suspend", t("tui_suspended", self.ui_lang))

    async def _drop(self, what: str, message: str) -> None:
        card = self.card
        if card is None or self.flow is None or card.item is None:
            self.say(t("tui_one_moment", self.ui_lang))
            return
        state = self.state
        self.set_state("saving")
        await self.app.in_db(getattr(self.flow, what), card)
        if state == "feedback":
            self.set_state("feedback")
            self.say(message)
            return
        await self.next_card()
        self.say(message)

    def action_focus_input(self) -> None:
        if self.card is not None and self.card.typed and self.state == "ask":
            self.query_one("#answerbox", AnswerBox).input.focus()

    def action_blur_input(self) -> None:
        self.query_one("#body").focus()
        self.say(t("tui_keys", self.ui_lang))

    def action_toggle_solution(self) -> None:
        panel = self.query_one("#feedback", FeedbackPanel) if self.completed else None
        if panel is None or not panel.toggle_solution():
            self.say(t("tui_no_solution", self.ui_lang))

    @work(group="drill", exclusive=False)
    async def action_toggle_lang(self) -> None:
        """English <-> Chinese for the rest of the session (and the next run): the app's own
        words at once, this card if it has the other language, every later card that has it."""
        from dataclasses import replace

        card = self.card
        if card is None:
            return
        target = "en" if self.ui_lang == "zh" else "zh"
        app = self.app
        if is_quiz_app(app):
            app.set_filters(replace(app.filters, lang=target))
        else:  # the practice app on the user's own model: this run only
            app.ui_lang = target
            app.practice.lang = target
            for node in (app, *app.screen_stack):
                keymap.relabel(node, target)
            self.refresh_bindings()
        name = t(f"lang_name_{target}", target)
        if target not in card.question.langs or target == card.lang:
            self.status_line()
            self.say(t("tui_lang_card_stays", target, language=name))
            return
        fresh = await self.app.in_db(prepare, card.question, target, card.item, card.seed, card.order)
        fresh.started, fresh.hints_shown = card.started, card.hints_shown
        self.card = fresh
        self.status_line()
        await self.query_one("#prompt", QuestionView).update(fresh.prompt_md or fresh.error)
        choices = self.query_one("#choices", ChoiceList)
        if fresh.qtype == "choice":
            picked, correct = choices.picked, choices.correct
            choices.set_options(fresh.choices)
            choices.picked = picked
            if correct is not None:
                choices.show_correct(correct)
            choices.redraw()
        self.say(t("tui_lang_now", target, language=name))

    async def action_end_session(self) -> None:
        if self.state == "saving":
            return
        if self.flow is None:
            self.app.go_home()
            return
        await self.finish()

    async def action_edit(self) -> None:
        from quizcnn.tui.flow import edit_target, finish_edit

        card, app = self.card, self.app
        if card is None or not is_quiz_app(app):  # drill --model: no bank to edit
            return
        try:
            target = await app.in_db(edit_target, card.question, card.lang)
        except Exception as e:
            self.say(t("edit_cannot", self.ui_lang, error=safe.text(e)))
            return
        path, line = target.path, target.line
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        failure: Exception | None = None
        try:
            cmd = [*shlex.split(editor), f"+{line}", str(path)]
        except ValueError as e:  # an unbalanced quote in $EDITOR
            failure = e
        if failure is None:
            try:
                # Textual resumes the app only when this block exits cleanly: a failure to
                # start the editor is caught inside it, or the screen stays blank for good.
                with self.app.suspend():
                    try:
                        subprocess.run(cmd, check=False)
                    except Exception as e:  # no such editor, not executable, ...
                        failure = e
            except Exception as e:  # no terminal to hand over (tests, a pipe)
                failure = e
        if failure is not None:
            if target.original is not None:
                path.unlink(missing_ok=True)
                where = f"{card.question.text(card.lang).file}:{card.question.text(card.lang).line}"
            else:
                where = f"{path}:{line}"
            self.say(t("edit_no_editor", self.ui_lang, editor=safe.text(editor),
                       error=safe.text(failure), where=safe.text(where)))
            return
        try:
            outcome, saved = await self.app.in_db(finish_edit, target)
        except Exception as e:
            self.say(t("edit_cannot", self.ui_lang, error=safe.text(e)))
            return
        if outcome == "unchanged":
            self.say(t("edit_unchanged", self.ui_lang))
            return
        if outcome == "draft":
            self.say(t("edit_draft", self.ui_lang, path=safe.text(saved)))
            return
        await app.reload_bank()
        q = app.bank.by_id.get(card.bank_id) if app.bank is not None else None
        if q is None:
            self.say(t("edit_gone", self.ui_lang))
            return
        fresh = await self.app.in_db(prepare, q, card.lang, card.item, card.seed)
        fresh.started, fresh.hints_shown = card.started, card.hints_shown
        self.n -= 1
        await self.show_card(fresh)
        self.say(t("edit_reloaded", self.ui_lang, name=safe.text(saved.name)))

def _kind(kind: str, lang: str) -> str:
    """"new", "learning", "review" (", leech") in ``lang``."""
    base = kind.split(" ")[0]
    text = t(f"kind_{base}", lang) if f"kind_{base}" in MESSAGES else base
    return text + (t("kind_leech", lang) if "leech" in kind else "")


async def _tick() -> None:
    import asyncio

    await asyncio.sleep(0.02)
