"""Browse: search and filter the bank; open a question with its review history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Input, Static

from quizcnn.messages import MESSAGES, t
from quizcnn.tui import keymap, safe
from quizcnn.tui.base import QuizModal, QuizScreen
from quizcnn.tui.flow import prepare
from quizcnn.tui.widgets.question import QuestionView

if TYPE_CHECKING:
    from textual import events

    from quizcnn.bank.model import Question

LIMIT = 300  # rows shown at once: refine the search for more
SUSPEND = keymap.Key("browse.suspend", "x", "toggle_suspend", "Suspend/resume")


def haystack(question: Question) -> str:
    return " ".join([question.id, question.topic, question.type, " ".join(question.tags)]
                    + [f"{v.title} {v.prompt}" for v in question.variants.values()]).lower()


def qtype(kind: str, lang: str) -> str:
    """A card type's name in ``lang`` (an unknown type as the bank wrote it)."""
    return t(f"qtype_{kind}", lang) if f"qtype_{kind}" in MESSAGES else kind


def title_in(question: Question, lang: str) -> str:
    """The card's title in ``lang`` when it has text in it, else in its first language."""
    return question.variants[lang].title if lang in question.variants else question.title


def local_time(stored: object) -> str:
    """A time as the database stores it (UTC, no zone) on the machine's clock, to the minute
    (what the drill's summary shows too); text that is not a time, as it is."""
    from datetime import datetime

    from quizcnn.store.dates import as_utc

    try:
        when = datetime.fromisoformat(str(stored))
    except ValueError:
        return str(stored)[:16]
    return as_utc(when).astimezone().strftime("%Y-%m-%d %H:%M")


def history(db: Path, bank_id: str) -> tuple[tuple[Any, ...] | None, list[tuple[Any, ...]]]:
    """(card row, reviews newest first) for one question (stdlib sqlite3, read-only)."""
    import sqlite3

    if not db.is_file():
        return None, []
    con = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
    try:
        card = con.execute("SELECT id, state, due, reps, lapses, suspended, leech FROM cards"
                           " WHERE bank_id = ?", (bank_id,)).fetchone()
        if card is None:
            return None, []
        rows = con.execute("SELECT reviewed_at, rating, correct, answer, misconception FROM"
                           " reviews WHERE card_id = ? ORDER BY id DESC LIMIT 50",
                           (card[0],)).fetchall()
    except sqlite3.Error:
        return None, []
    finally:
        con.close()
    return card, rows


class BrowseScreen(QuizScreen[None]):
    DEFAULT_CSS = """
    BrowseScreen #search { margin: 0 1; background: $boost; }
    BrowseScreen #table { height: 1fr; }
    BrowseScreen #count { padding: 0 1; color: $text-muted; }
    """
    BINDINGS = keymap.bindings(keymap.SCREEN + keymap.LIST) + keymap.bindings([
        keymap.Key("browse.search", "slash", "focus_search", "Search"),
    ])

    def __init__(self) -> None:
        super().__init__()
        keymap.apply(self)

    @property
    def lang(self) -> str:
        """The language the app speaks (``QuizApp.ui_lang``)."""
        return getattr(self.app, "ui_lang", "en")

    def compose(self) -> ComposeResult:
        self.shown_lang = self.lang
        yield Input(placeholder=t("browse_search", self.lang), id="search", compact=True)
        yield Static("", id="count", markup=False)
        yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.hay: dict[str, str] = {}
        self.widths: tuple[int, ...] = ()
        self.query_one("#search").focus()
        self.index_bank()

    def on_screen_resume(self) -> None:
        """Back on top after the language changed: the prompt, columns and rows in the new one."""
        if getattr(self, "shown_lang", self.lang) == self.lang:
            return
        self.shown_lang = self.lang
        search = self.query_one("#search", Input)
        search.placeholder = t("browse_search", self.lang)
        self.widths = ()  # the column names change too
        self.fill(search.value)

    # -- keys: typing searches; Down/Enter go to the list; in the list, other letters search --
    def on_key(self, event: events.Key) -> None:
        search = self.query_one("#search", Input)
        table = self.query_one("#table", DataTable)
        if self.focused is search:
            if event.key == "down":
                event.stop()
                self.set_focus(table)  # at once: a key typed right after goes to the list
            return
        if self.focused is not table or not event.is_printable or not event.character:
            return
        if event.character.isspace() or self.bound(event.key):
            return  # j, k, q, / and the like keep their meaning in the list
        event.stop()
        event.prevent_default()
        self.set_focus(search)
        search.insert_text_at_cursor(event.character)

    def bound(self, key: str) -> bool:
        return key in self.active_bindings  # the list's, this screen's and the app's

    @work(group="browse", exclusive=True)
    async def index_bank(self) -> None:
        """Build the search text off the UI thread (a 10,000-question bank takes a while)."""
        bank = self.app.bank
        if bank is not None:
            self.hay = await self.app.in_io(lambda: {q.id: haystack(q) for q in bank.questions})
        self.fill(self.query_one("#search", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.set_focus(self.query_one("#table"))

    def on_resize(self, _event: events.Resize) -> None:
        self.fill(self.query_one("#search", Input).value)

    @property
    def longest(self) -> tuple[int, int]:
        """The longest id and topic in the whole bank (so columns keep still while typing)."""
        bank = self.app.bank
        assert bank is not None  # columns are drawn over a bank only (``fill``)
        if getattr(self, "_longest", (None,))[0] is not bank:
            ids = max((cell_len(q.id) for q in bank.questions), default=2)
            topics = max((cell_len(q.topic) for q in bank.questions), default=5)
            self._longest = (bank, (ids, topics))
        return self._longest[1]

    def columns(self, table: DataTable[Text]) -> None:
        """Id, Type, Title, Topic (and Lang when there is room): the title takes what is left."""
        wide = self.size.width >= 120
        width = (table.size.width or self.size.width) - 2  # room for the vertical scrollbar
        ids, topics = self.longest
        roomy = self.size.width >= 100
        lang = self.lang

        def name(key: str) -> str:
            return t(f"browse_col_{key}", lang)

        # each column at least as wide as its name (a Chinese name takes two cells a character)
        cols = [("id", max(2, cell_len(name("id")), min(ids, 24 if roomy else 18))),
                ("type", 9),
                ("topic", max(5, cell_len(name("topic")), min(topics, 20 if roomy else 14)))]
        if wide:
            cols.append(("lang", max(5, cell_len(name("lang")), cell_len(_langs(("en", "zh"),
                                                                                lang)))))
        pad = 2 * table.cell_padding * (len(cols) + 1)
        title = max(12, width - sum(w for _n, w in cols) - pad)
        cols.insert(2, ("title", title))
        widths = tuple(w for _n, w in cols)
        if widths != self.widths:
            self.widths = widths
            table.clear(columns=True)
            for key, w in cols:
                table.add_column(Text(name(key)), width=w, key=key)

    def fill(self, query: str) -> None:
        bank = self.app.bank
        table = self.query_one("#table", DataTable)
        table.clear()
        if bank is None:
            return
        words = query.lower().split()
        lang = self.app.filters.only_lang
        shown = [q for q in bank.questions if (not lang or lang in q.variants)
                 and all(w in self.hay.get(q.id, "") for w in words)]
        self.columns(table)
        wide = len(self.widths) == 5
        ui = self.lang
        for q in shown[:LIMIT]:
            row = [q.id, qtype(q.type, ui), title_in(q, ui), q.topic,
                   *([_langs(q.langs, ui)] if wide else [])]
            # rich Text, not str: the table would read a str as Rich markup
            table.add_row(*[Text(safe.text(x), no_wrap=True, overflow="ellipsis") for x in row],
                          key=q.id)
        more = t("browse_first_shown", ui, limit=LIMIT) if len(shown) > LIMIT else ""
        self.query_one("#count", Static).update(
            t("browse_count", ui, n=len(shown), total=len(bank.questions), more=more))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        bank = self.app.bank  # (rows are listed from the bank: it is there)
        q = bank.by_id.get(str(event.row_key.value)) if bank is not None else None
        if q is not None:
            self.app.push_screen(QuestionScreen(q))

    def action_focus_search(self) -> None:
        self.query_one("#search").focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_cursor_down(self) -> None:
        self.query_one("#table", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#table", DataTable).action_cursor_up()


class QuestionScreen(QuizModal[None]):
    DEFAULT_CSS = """
    QuestionScreen { align: center middle; }
    QuestionScreen #box { width: 95%; height: 90%; border: round $accent; background: $surface;
                          padding: 0 1; }
    QuestionScreen #meta, QuestionScreen #history { color: $text-muted; }
    """
    BINDINGS = keymap.bindings(keymap.SCREEN + keymap.LIST) + keymap.bindings([SUSPEND])

    def __init__(self, question: Question) -> None:
        super().__init__()
        keymap.apply(self)
        self.question = question
        self.card: tuple[Any, ...] | None = None  # its row in the store, once read

    @property
    def lang(self) -> str:
        """The language the app speaks (``QuizApp.ui_lang``)."""
        return getattr(self.app, "ui_lang", "en")

    def compose(self) -> ComposeResult:
        q = self.question
        kind = qtype(q.type, self.lang)
        with VerticalScroll(id="box"):
            yield Static(safe.text(f"{q.id}  |  {kind}  |  {q.topic}  |  {q.file}:{q.line}"),
                         id="meta", markup=False)
            yield QuestionView(id="text")
            yield Static(t("browse_reading", self.lang), id="history", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(group="question", exclusive=True)
    async def load(self) -> None:
        app = self.app
        q = self.question
        lang = app.filters.display_lang(q)
        card = await app.in_io(prepare, q, lang, None, 0)
        parts = [card.prompt_md]
        if card.choices:
            marks = [c.correct for c in q.text(lang).choices]
            parts.append("\n".join(f"- [{'x' if ok else ' '}] {t}"
                                   for t, ok in zip(card.choices, marks, strict=False)))
        ui = self.lang
        if card.answer_md:
            parts.append(f"**{t('browse_answer', ui)}**\n\n" + card.answer_md)
        if card.explanation_md:
            parts.append(f"**{t('browse_why', ui)}**\n\n" + card.explanation_md)
        await self.query_one("#text", QuestionView).update("\n\n".join(p for p in parts if p))
        await self.show_history()

    async def show_history(self) -> None:
        from quizcnn.messages import rating_name

        lang = self.lang
        self.card, rows = await self.app.in_io(history, self.app.db_path, self.question.id)
        if self.card is None:
            text = t("browse_not_studied", lang)
        else:
            _id, state, due, reps, lapses, suspended, leech = self.card
            flags = ((t("browse_suspended", lang) if suspended else "")
                     + (t("browse_leech", lang) if leech else ""))
            if reps or rows:
                when = local_time(due) if due else t("browse_due_new", lang)
                text = t("browse_card", lang, reps=reps, lapses=lapses, due=when, flags=flags)
            else:  # a new card (perhaps suspended before its first review)
                text = t("browse_not_studied", lang) + flags
            text += "\n"
            for at, rating, correct, answer, slip in rows:
                res = {1: t("browse_right", lang), 0: t("browse_wrong", lang)}.get(correct, "")
                name = rating_name(rating, lang) if rating in (1, 2, 3, 4) else str(rating)
                line = f"  {local_time(at)}  {name}{res}"
                if answer:
                    line += t("browse_answered", lang, answer=answer)
                if slip:
                    line += f"  ({slip})" if lang != "zh" else f"  （{slip}）"
                text += safe.text(line) + "\n"
            text += t("browse_toggle", lang, keys=SUSPEND.keys)
        self.query_one("#history", Static).update(text)

    @work(group="question", exclusive=True)
    async def action_toggle_suspend(self) -> None:
        app = self.app
        store, card = app.store, self.card
        if card is None or store is None:
            self.notify(t("browse_no_card", self.lang))
            return
        from quizcnn.store.scheduler import Reviewer

        on = not bool(card[5])
        await app.in_db(lambda: Reviewer(store).suspend(card[0], on))
        self.notify(t("browse_now_suspended" if on else "browse_resumed", self.lang))
        await self.show_history()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_up()


def _langs(codes: tuple[str, ...], lang: str) -> str:
    """A card's languages for the Lang column, short (``en,zh`` / ``英、中``)."""
    def short(code: str) -> str:
        key = f"browse_lang_{code}"
        return t(key, lang) if key in MESSAGES else code

    return t("browse_lang_sep", lang).join(short(c) for c in codes)
