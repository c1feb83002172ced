"""Stats: a heatmap of reviews, retention, the due forecast and per-topic mastery."""

from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizcnn.store.words import plural
from quizcnn.tui import keymap, safe
from quizcnn.tui.widgets.bars import BarList, Columns, Heatmap


def day_counts(db, now, weeks: int = 26) -> dict[date, int]:
    """Reviews per local study day over the last ``weeks`` weeks (stdlib sqlite3)."""
    import sqlite3
    from datetime import timedelta

    from quizcnn.store.dates import UTC

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


class StatsScreen(Screen):
    DEFAULT_CSS = """
    StatsScreen #box { padding: 0 1; }
    StatsScreen .head { text-style: bold; color: $accent; margin-top: 1; }
    """
    BINDINGS = keymap.bindings(keymap.SCREEN + keymap.LIST)

    def __init__(self) -> None:
        super().__init__()
        keymap.apply(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Static("Reviews per day", classes="head")
            yield Heatmap(id="heatmap")
            yield Static("Reading your history ...", id="retention", markup=False)
            yield Static("Due in the next 30 days", classes="head")
            yield Columns(id="forecast")
            yield Static("Mastery by topic (mean recall probability now)", classes="head")
            yield BarList(id="mastery", width=24, style="$success")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(group="stats", exclusive=True)
    async def load(self) -> None:
        from quizcnn.tui import data

        app = self.app
        if not app.db_path.is_file():
            self.query_one("#retention", Static).update("No history yet: study a little first.")
            return
        try:
            st = await app.in_io(data.stats, app.db_path, app.clock())
            days = await app.in_io(day_counts, app.db_path, app.clock())
        except Exception as e:
            self.query_one("#retention", Static).update(f"Cannot read stats: {safe.text(e)}")
            return
        self.query_one("#heatmap", Heatmap).set_days(days, st.today)
        if st.retention is None:
            ret = "Retention: nothing to measure yet (no reviews of learned cards in 30 days)."
        else:
            ret = (f"Retention (30 days): {st.retention:.0%} of "
                   f"{plural(st.retention_answers, 'review')} of learned cards were recalled.")
        recent = ""
        if st.accuracy is not None:
            recent = (f"\nLast 7 days: {st.accuracy:.0%} of "
                      f"{plural(st.accuracy_answers, 'answer')} right or recalled.")
        self.query_one("#retention", Static).update(
            f"{ret}   Streak: {plural(st.streak, 'day')}.{recent}")
        values = [n for _d, n in st.forecast]
        self.query_one("#forecast", Columns).set_values(
            values, ("today", st.forecast[-1][0].strftime("%m-%d") if st.forecast else ""))
        rows = [(safe.text(m.topic), m.mastery, f"{m.mastery:.0%}  {m.studied}/{m.cards} studied")
                for m in st.mastery]
        self.query_one("#mastery", BarList).set_rows(rows)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_cursor_down(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_up()
