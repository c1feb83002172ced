"""Home: today's due and new cards per topic, streak, filters, the start key."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from quizcnn.messages import t
from quizcnn.tui import keymap
from quizcnn.tui.base import QuizScreen
from quizcnn.tui.data import LANGS
from quizcnn.tui.messages import BankLoaded, StoreFailed, StoreReady
from quizcnn.tui.widgets.plan_panel import PlanPanel

if TYPE_CHECKING:
    from rich.text import Text


class HomeScreen(QuizScreen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = keymap.bindings(keymap.HOME + keymap.LIST)

    def __init__(self) -> None:
        super().__init__()
        keymap.apply(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(t("home_title", self.lang), id="title", markup=False)
            yield Static(t("home_loading", self.lang), id="today", markup=False)
            yield Static("", id="filters", markup=False)
            yield PlanPanel(keymap.keys_for("home.plan", self.app.key_overrides))
            table: DataTable[str | Text] = DataTable(id="topics", cursor_type="row", zebra_stripes=True)
            table.add_columns(*(t(k, self.lang) for k in ("home_col_topic", "home_col_due",
                                                            "home_col_new")))
            yield table
            yield Static("", id="warning", markup=False)
            yield Static("", id="store", markup=False)
        # the footer (a widget per key) is mounted once the counts are on screen

    def on_mount(self) -> None:
        self.counted = False
        self.show()
        self.call_after_refresh(self.app.started)
        if self.app.can_start:  # the counts are in already (or Home came after the drill)
            self.counted = True
            self.call_after_refresh(self.painted)

    async def add_footer(self) -> None:
        if self.is_attached and not self.query(Footer):
            await self.mount(Footer())
            self.refresh_bindings()  # a footer fills itself when the bindings are announced

    # -- data ---------------------------------------------------------------------------------
    def on_bank_loaded(self, _msg: BankLoaded) -> None:
        self.show()
        if not self.counted:  # today's counts are on screen from the next paint
            self.counted = True
            self.call_after_refresh(self.painted)

    async def painted(self) -> None:
        if not self.app.first_paint():
            await self.add_footer()

    def on_store_ready(self, _msg: StoreReady) -> None:
        self.show()

    def on_store_failed(self, msg: StoreFailed) -> None:
        self.show()

    def on_screen_resume(self) -> None:
        self.show()
        self.query_one(PlanPanel).reload()

    def rows(self) -> list[tuple[str, int, int]]:
        app = self.app
        bank, counts, f = app.bank, app.counts, app.filters
        if bank is None:
            if counts is None:
                return []
            topics = sorted(set(counts.due) | set(counts.new))
            return [(t, counts.due.get(t, 0), counts.new.get(t, 0)) for t in topics]
        # the topics of the cards the language and tag filters let through
        shown = replace(f, topics=())
        topics = sorted({q.topic for q in bank.questions if shown.accepts(q)})
        if counts is not None:
            return [(t, counts.due.get(t, 0), counts.new.get(t, 0)) for t in topics]
        per: dict[str, int] = {}
        for q in bank.questions:
            if shown.accepts(q):
                per[q.topic] = per.get(q.topic, 0) + 1
        return [(t, 0, per.get(t, 0)) for t in topics]

    def retitle(self) -> None:
        """The title and the table's column names in the language the app now speaks."""
        from rich.text import Text

        self.query_one("#title", Static).update(t("home_title", self.lang))
        table = self.query_one("#topics", DataTable)
        for column, key in zip(table.columns.values(),
                               ("home_col_topic", "home_col_due", "home_col_new"), strict=False):
            column.label = Text(t(key, self.lang))
            # the table sized the column for the old name: 到期 is 4 cells wide, Due 3
            column.content_width = max(column.content_width, column.label.cell_len)
        table.refresh()

    def show(self) -> None:
        app = self.app
        bank, counts, f = app.bank, app.counts, app.filters
        today = self.query_one("#today", Static)
        chosen = set(f.topics)
        rows = self.rows()
        if bank is not None or counts is not None:
            picked = [r for r in rows if not chosen or r[0] in chosen]
            due = sum(r[1] for r in picked)
            new_all = sum(r[2] for r in picked)
            new_cap = counts.new_today if counts is not None else 20
            lang = self.lang
            parts = [t("home_due", lang, n=due),
                     t("home_new", lang, n=min(new_all, new_cap), total=new_all)]
            st = app.stats
            if st is not None:
                days = _plural(st.streak, "day") if lang == "en" else st.streak
                parts.append(t("home_streak", lang, days=days))
                if st.accuracy is not None:
                    parts.append(t("home_right", lang, pct=f"{st.accuracy:.0%}",
                                   n=st.accuracy_answers))
            text = "   ".join(parts)
            if counts is not None and counts.new_today == 0 and new_all > 0:
                per_day = counts.new_per_day
                text += "\n" + t("new_limit", lang, per_day=per_day,
                                  waiting=new_all, more=per_day + min(new_all, 10))
            today.update(text)
        keys = keymap.keys_for
        ov = app.key_overrides
        self.query_one("#filters", Static).update(self.filter_line())
        table = self.query_one("#topics", DataTable)
        cursor = table.cursor_row
        table.clear()
        for topic, due, new in rows:
            mark = "* " if topic in chosen else "  "
            # rich Text, not str: the table would read a str as Rich markup
            table.add_row(_cell(mark + topic), str(due), str(new), key=topic)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        warn = self.query_one("#warning", Static)
        if bank is not None and (bank.skipped_files or bank.errors):
            n_files, n_err = len(bank.skipped_files), len(bank.errors)
            if self.lang == "en":
                files, problems = _plural(n_files, "bank file"), _plural(n_err, "problem")
            else:
                files, problems = str(n_files), str(n_err)
            warn.update(t("home_bank_warning", self.lang, files=files, problems=problems,
                          keys=keys("home.why", ov)))
            warn.display = True
        else:
            warn.display = False
        store = self.query_one("#store", Static)
        if app.store_error:
            store.update(app.store_error)
            store.display = True
        elif app.store is None and bank is not None:
            store.update(t("home_opening", self.lang))
            store.display = True
        else:
            store.display = False

    @property
    def lang(self) -> str:
        """The language the app speaks (``QuizApp.ui_lang``)."""
        return self.app.ui_lang

    def filter_line(self) -> str:
        """Language, topics and tags with the key that changes each; a filter a command-line
        flag set for this run says so (the next run starts from the remembered one)."""
        f, lang, ov = self.app.filters, self.lang, self.app.key_overrides
        keys = keymap.keys_for
        flags = self.app.from_flags
        every = t("home_all", lang)
        sep = "、" if lang == "zh" else ", "

        def one(label: str, value: str, kid: str, name: str) -> str:
            flag = t("home_from_flag", lang) if name in flags else ""
            return t(label, lang, value=value, keys=keys(kid, ov)) + flag

        parts = [
            one("home_filter_lang", t(f"lang_name_{f.lang}", lang), "home.lang", "lang"),
            one("home_filter_topics", sep.join(f.topics) if f.topics else every, "home.topic",
                "topics"),
            one("home_filter_tags", sep.join(f.tags) if f.tags else every, "home.tags", "tags"),
            t("home_filter_start", lang, keys=keys("home.start", ov).replace(
                ",", t("home_or", lang))),
        ]
        return "   ".join(parts)

    # -- actions ------------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        if not self.app.can_start:
            self.notify(t("home_still_loading", self.lang))
            return
        if self.app.store_error:
            self.notify(self.app.store_error, severity="error")
            return
        self.app.open_screen("drill")

    def action_cycle_lang(self) -> None:
        f = self.app.filters
        self.app.set_filters(replace(f, lang=LANGS[(LANGS.index(f.lang) + 1) % len(LANGS)]))
        self.retitle()
        self.show()
        self.query_one(PlanPanel).reload()
        self.run_worker(self._recount(), group="recount", exclusive=True)

    async def _recount(self) -> None:
        """The counts per topic follow the language filter (cards with text in it)."""
        await self.app.refresh_counts()
        self.show()

    def action_pick_topics(self) -> None:
        from quizcnn.tui.screens.topics import TopicsScreen

        if self.app.bank is None:
            return
        topics = sorted({q.topic for q in self.app.bank.questions})

        def done(chosen: tuple[str, ...] | None) -> None:
            if chosen is not None:
                self.app.set_filters(replace(self.app.filters, topics=chosen))
                self.show()

        self.app.push_screen(TopicsScreen(topics, self.app.filters.topics), done)

    def action_pick_tags(self) -> None:
        from quizcnn.tui.screens.topics import TopicsScreen

        if self.app.bank is None:
            return
        tags = sorted({t for q in self.app.bank.questions for t in q.tags or ()})
        if not tags:
            self.notify(t("home_no_tags", self.lang))
            return

        def done(chosen: tuple[str, ...] | None) -> None:
            if chosen is not None:
                self.app.set_filters(replace(self.app.filters, tags=chosen))
                self.show()
                self.run_worker(self._recount(), group="recount", exclusive=True)

        self.app.push_screen(TopicsScreen(tags, self.app.filters.tags, what="tags"), done)

    def action_why_skipped(self) -> None:
        from quizcnn.tui.screens.topics import ProblemsScreen

        if self.app.bank is not None:
            self.app.push_screen(ProblemsScreen(self.app.bank))

    def action_browse(self) -> None:
        self.app.open_screen("browse")

    def action_add(self) -> None:
        self.app.open_screen("add")

    def action_plan(self) -> None:
        self.query_one(PlanPanel).edit()

    def action_stats(self) -> None:
        self.app.open_screen("stats")

    def action_interview(self) -> None:
        from quizcnn.tui.screens.interview import InterviewScreen

        f = self.app.filters
        # with both card languages chosen the interview is in the language the app speaks
        lang = f.lang if f.lang in ("en", "zh") else self.lang
        self.app.push_screen(InterviewScreen(lang=lang, topics=f.topics))

    def action_cursor_down(self) -> None:
        self.query_one("#topics", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#topics", DataTable).action_cursor_up()


# imported when first needed: Home paints before the bank's text helpers are loaded
def _plural(n: int, word: str) -> str:
    from quizcnn.store.words import plural

    return plural(n, word)


def _cell(text: str) -> Text:
    from rich.text import Text

    from quizcnn.tui import safe

    return Text(safe.text(text))
