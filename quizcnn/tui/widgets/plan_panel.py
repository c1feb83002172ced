"""Home's interview plan: one panel line (days left, cards learned / in scope, predicted recall on
the day, today's minutes) and the dialog that sets, changes or clears the plan.

The figures come from ``quizcnn.plan.service.status`` on the app's database thread (today's
decision is made first, so Home's counts follow the plan; the forecast runs a few simulated
learners: a fraction of a second); the panel says it is working meanwhile. The plan's topics are the ones chosen on Home (all when none is chosen).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from quizcnn.messages import t


def _lang(app: Any) -> str:
    """The language the app speaks (with both card languages chosen, the one spoken before)."""
    return "zh" if getattr(app, "ui_lang", "en") == "zh" else "en"


class PlanPanel(Static):
    """The plan in one or two lines; ``edit()`` opens the dialog."""

    DEFAULT_CSS = """
    PlanPanel { color: $text; margin-bottom: 1; }
    """

    def __init__(self, key: str = "d") -> None:
        super().__init__("", markup=False, id="plan")
        self.key = key
        self.text = ""

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.run_worker(self._load(), group="plan", exclusive=True)

    async def _load(self) -> None:
        app: Any = self.app  # the QuizApp (in_db, clock, store)
        lang = _lang(app)
        store = getattr(app, "store", None)
        if store is None:
            store = await app.wait_store()
        if store is None:
            return
        self.update(t("panel_working", lang))
        from quizcnn.plan import service

        try:
            spec, f = await app.in_db(service.status, store, app.clock(), decide=True)
        except Exception as e:  # the panel is a nicety on Home; never fatal
            self.update(t("panel_failed", lang, error=e))
            return
        self.text = self.render_plan(spec, f, lang)
        self.update(self.text)
        if f is not None:  # today's counts follow the plan's decision
            await app.refresh_counts()
            show = getattr(self.screen, "show", None)
            if callable(show):
                show()

    def render_plan(self, spec: Any, f: Any, lang: str) -> str:
        if spec is None:
            return t("panel_none", lang, shortcut=self.key)
        if f is None:
            return t("panel_passed", lang, day=spec.interview.isoformat(), shortcut=self.key)
        left = t("plan_day_left", lang) if f.days == 1 else t("plan_days_left", lang, n=f.days)
        line = t("panel_plan", lang, day=spec.interview.isoformat(), left=left,
                 learned=f.learned, cards=f.cards, recall=f.recall,
                 minutes=round(f.today_minutes), shortcut=self.key)
        if not f.feasible:
            line += "\n" + t("panel_not_fit", lang, fits=f.fits, cards=f.cards,
                             target=spec.target)
        return line

    def edit(self) -> None:
        app: Any = self.app  # the QuizApp (in_db, clock, store)
        store = getattr(app, "store", None)
        if store is None:
            return

        async def done(result: dict[str, Any] | None) -> None:
            if result is None:
                return
            from quizcnn.plan import service
            from quizcnn.plan.spec import PlanError, PlanSpec

            lang = _lang(app)
            try:
                if result.get("clear"):
                    await app.in_db(service.clear_plan, store)
                else:
                    topics = tuple(getattr(app.filters, "topics", ()) or ())
                    spec = PlanSpec(result["day"], result["minutes"], topics)
                    await app.in_db(service.set_plan, store, spec, app.clock())
            except PlanError as e:
                app.notify(e.text(lang), severity="error")
                return
            self.reload()

        app.push_screen(PlanDialog(store, app.clock(), _lang(app)), done)


class PlanDialog(ModalScreen[dict[str, Any] | None]):
    """Date and minutes a day; Save, Clear the plan, Cancel (Esc)."""

    DEFAULT_CSS = """
    PlanDialog { align: center middle; }
    PlanDialog #box { width: 64; max-width: 95%; height: auto; border: round $accent;
                      background: $surface; padding: 0 1; }
    PlanDialog Input { width: 1fr; }
    PlanDialog #error { color: $text-error; }
    PlanDialog Horizontal { height: auto; }
    """
    BINDINGS = [("escape", "cancel", "")]  # the Cancel button says it

    def __init__(self, store: Any, now: datetime, lang: str) -> None:
        super().__init__()
        self.store = store
        self.now = now
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="box"):
            yield Label(t("dialog_title", lang))
            yield Label(t("dialog_date", lang))
            yield Input(placeholder="2027-01-15", id="date")
            yield Label(t("dialog_minutes", lang))
            yield Input(value="40", id="minutes")
            yield Static("", id="error", markup=False)
            with Horizontal():
                yield Button(t("dialog_save", lang), id="save", variant="primary")
                yield Button(t("dialog_clear", lang), id="clear")
                yield Button(t("dialog_cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.run_worker(self._fill(), exclusive=True)

    async def _fill(self) -> None:
        from quizcnn.plan import service

        app: Any = self.app
        spec = await app.in_db(service.get_plan, self.store)
        if spec is not None:
            self.query_one("#date", Input).value = spec.interview.isoformat()
            self.query_one("#minutes", Input).value = str(spec.minutes)
        self.query_one("#date", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        elif event.button.id == "clear":
            self.dismiss({"clear": True})
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def save(self) -> None:
        from quizcnn.plan import service
        from quizcnn.plan.spec import PlanError, check_minutes, parse_date

        text = self.query_one("#date", Input).value.strip()
        minutes_text = self.query_one("#minutes", Input).value.strip()
        error = self.query_one("#error", Static)
        try:
            today: date = service.today(self.store, self.now)
            day = parse_date(text, today)
            try:
                minutes = int(minutes_text)
            except ValueError:
                error.update(t("dialog_not_number", self.lang, text=minutes_text[:20]))
                return
            check_minutes(minutes)
        except PlanError as e:
            error.update(e.text(self.lang))
            return
        self.dismiss({"day": day, "minutes": minutes})
