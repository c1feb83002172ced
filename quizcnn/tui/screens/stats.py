"""Stats: a heatmap of reviews, retention, the due forecast and per-topic mastery."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from quizcnn.messages import t
from quizcnn.store.words import plural
from quizcnn.tui import keymap, safe
from quizcnn.tui.base import QuizScreen
from quizcnn.tui.widgets.bars import BarList, Columns, Heatmap


def day_counts(db: Path, now: datetime, weeks: int = 26) -> dict[date, int]:
    """Reviews per local study day over the last ``weeks`` weeks (stdlib sqlite3)."""
    import sqlite3
    from datetime import UTC, timedelta

    con = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
    try:
        roll = 4
        row = con.execute("SELECT value FROM settings WHERE key = 'rollover_hour'").fetchone()
        if row is not None and str(row[0]).strip().isdigit():
            roll = int(row[0])
        since = (now - timedelta(weeks=weeks + 1)).astimezone(UTC).replace(tzinfo=None)
        rows = con.execute(
            "SELECT date(reviewed_at, 'localtime', ?), count(*) FROM reviews"
            " WHERE reviewed_at >= ? GROUP BY 1",
            (f"-{roll} hours", since.strftime("%Y-%m-%d %H:%M:%S.%f")),
        ).fetchall()
    finally:
        con.close()
    return {date.fromisoformat(d): n for d, n in rows if d}


def count(n: int, noun: str, lang: str) -> str:
    """A count for a message's count field: "3 reviews" in English, "3" in Chinese (whose
    message holds the measure word itself)."""
    return plural(n, noun) if lang != "zh" else str(n)


class StatsScreen(QuizScreen[None]):
    DEFAULT_CSS = """
    StatsScreen #box { padding: 0 1; }
    StatsScreen .head { text-style: bold; color: $accent; margin-top: 1; }
    """
    BINDINGS = keymap.bindings(keymap.SCREEN + keymap.LIST)

    def __init__(self) -> None:
        super().__init__()
        keymap.apply(self)

    @property
    def lang(self) -> str:
        """The language the app speaks (``QuizApp.ui_lang``)."""
        return getattr(self.app, "ui_lang", "en")

    def compose(self) -> ComposeResult:
        lang = self.shown_lang = self.lang
        with VerticalScroll(id="box"):
            yield Static(t("stats_head_days", lang), classes="head", markup=False)
            yield Heatmap(id="heatmap")
            yield Static(t("stats_reading", lang), id="retention", markup=False)
            yield Static(t("stats_head_forecast", lang), classes="head", markup=False)
            yield Columns(id="forecast")
            yield Static(t("stats_head_mastery", lang), classes="head", markup=False)
            yield BarList(id="mastery", width=24, style="$success")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    async def on_screen_resume(self) -> None:
        """Back on top after the language changed: everything again in the new one."""
        if getattr(self, "shown_lang", self.lang) != self.lang:
            await self.recompose()
            self.load()

    @work(group="stats", exclusive=True)
    async def load(self) -> None:
        from quizcnn.tui import data

        app = self.app
        lang = self.lang
        if not app.db_path.is_file():
            self.query_one("#retention", Static).update(t("stats_no_history", lang))
            return
        try:
            st = await app.in_io(data.stats, app.db_path, app.clock())
            days = await app.in_io(day_counts, app.db_path, app.clock())
        except Exception as e:
            self.query_one("#retention", Static).update(
                t("stats_cannot_read", lang, error=safe.text(e)))
            return
        self.query_one("#heatmap", Heatmap).set_days(days, st.today, lang=lang)
        if st.retention is None:
            ret = t("stats_retention_none", lang)
        else:
            ret = t("stats_retention", lang, pct=f"{st.retention:.0%}",
                    reviews=count(st.retention_answers, "review", lang))
        # the short lines first, each sentence on a line of its own (none is cut mid-word at 80)
        lines = [t("stats_streak", lang, days=count(st.streak, "day", lang))]
        if st.accuracy is not None:
            lines[0] += "   " + t("stats_recent", lang, pct=f"{st.accuracy:.0%}",
                                  answers=count(st.accuracy_answers, "answer", lang))
        lines.append(ret)
        self.query_one("#retention", Static).update("\n".join(lines))
        values = [n for _d, n in st.forecast]
        self.query_one("#forecast", Columns).set_values(
            values, (t("stats_today", lang),
                     st.forecast[-1][0].strftime("%m-%d") if st.forecast else ""))
        rows = [(safe.text(m.topic), m.mastery,
                 t("stats_studied", lang, pct=f"{m.mastery:.0%}".rjust(4), studied=m.studied,
                   cards=m.cards))
                for m in st.mastery]
        self.query_one("#mastery", BarList).set_rows(rows, lang)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_cursor_down(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_up()
