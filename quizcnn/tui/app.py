"""The app: screen routing, a single database thread, start-up order.

Start-up: while Textual starts, a worker reads the quick counts (stdlib sqlite3) and the
start-up index, and prepares the first card from its own deck file; Home (or, for ``quizcnn
drill``, that card) is painted; then the full bank is read (parse cache) and the database
thread opens the store (SQLAlchemy, Alembic only to migrate) and syncs it with the bank, one
busy thread at a time, with the garbage collector off until all of it is in (``settled``).
Every later DB call goes through the same thread, in order, so an answer, its undo and the
end of the session can never overtake each other.

``quizcnn drill`` opens on the first question instead, and builds Home only when the user
goes there (``go_home``).

When the first screen shows its content (the first question for ``quizcnn drill``, Home with
today's counts for ``quizcnn``) the screen calls ``first_paint``, which calls the
``on_first_paint`` hook: a subclass can act there (``benchmarks/app_probe.py`` times it).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import random
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from textual.app import App

from quizcnn.tui import keymap, safe
from quizcnn.tui.data import Filters
from quizcnn.tui.messages import BankLoaded, StoreFailed, StoreReady

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.message import Message
    from textual.screen import Screen

    from quizcnn.bank.load import Bank
    from quizcnn.store.db import Store
    from quizcnn.store.quick import QuickCounts
    from quizcnn.store.stats import Stats
    from quizcnn.tui.flow import CardView, DrillFlow

P = ParamSpec("P")
R = TypeVar("R")


class QuizApp(App[None]):
    TITLE = "quizcnn"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = keymap.bindings(keymap.APP)

    def __init__(self, args: object = None, *, clock: Callable[[], datetime] | None = None,
                 seed: int | None = None,
                 bank_loader: Callable[[], Bank] | None = None) -> None:
        from quizcnn.tui import cjkwrap
        from quizcnn.tui.commands import QuizCommands

        cjkwrap.install()  # Chinese wraps between characters, not after whole clauses

        # Textual reads it from the instance; set here so the palette's module loads lazily.
        # Textual's own commands come through QuizCommands (the app's commands first)
        self.COMMANDS = {QuizCommands}  # type: ignore[misc]
        super().__init__()
        from quizcnn.paths import db_path

        self.args = args
        self.bank_args = list(getattr(args, "bank", None) or [])
        self.bank_loader = bank_loader  # tests: load only a small bank
        self.db_path = Path(db_path(getattr(args, "db", None)))
        self.clock = clock or _utcnow
        self.rng = random.Random(seed)
        # ``quizcnn drill [--topic T] [--tag T] [--lang L] [--limit N] [--cram]`` opens the
        # drill at once with those filters; what no flag sets comes from the last run
        self.filters, self.from_flags, self.spoken = _start_filters(args)
        self.autostart = getattr(args, "command", None) == "drill"
        self.limit: int | None = getattr(args, "limit", None) if self.autostart else None
        self.cram = bool(getattr(args, "cram", False)) and self.autostart
        self.gc_paused = not gc.isenabled()  # see ``started``
        self.booted = False  # everything of the start-up done (``_boot``)
        self.bank: Bank | None = None
        self.counts: QuickCounts | None = None
        self.stats: Stats | None = None
        self.store: Store | None = None
        # why the bank or the store could not be opened: (catalogue key, detail); the
        # message (``store_error``) is said in the language the app speaks at the time
        self.store_fault: tuple[str, str] | None = None
        self.drill_opened = False
        self.flow: DrillFlow | None = None  # the DrillFlow of the running session, if any
        self.db = ThreadPoolExecutor(1, thread_name_prefix="quizcnn-db")
        self.io = ThreadPoolExecutor(1, thread_name_prefix="quizcnn-io")  # read-only work
        self.key_overrides, self.key_problems = keymap.load_overrides(lang=self.ui_lang)
        keymap.apply(self, self.key_overrides, self.ui_lang)
        self._restore_theme()
        self._store_ready = asyncio.Event()
        self._startable = asyncio.Event()  # the index or the bank is in (or failed to load)
        self._first_card = asyncio.Event()
        self._early_card: tuple[Filters, CardView] | None = None
        # quizcnn.tui.index data, when it can stand in for the bank
        self.index: dict[str, Any] | None = None
        self.index_key = None if bank_loader else _sources_key(self.bank_args)
        # read while Textual starts its driver and paints Home
        self._early = self.io.submit(self._early_reads)

    # -- the language and filters, kept between runs -----------------------------------------
    @property
    def ui_lang(self) -> str:
        """The language the app speaks: the card-language filter's, or with ``both`` the one
        spoken before (``spoken``)."""
        lang = self.filters.lang
        return lang if lang in ("en", "zh") else self.spoken

    def set_filters(self, filters: Filters) -> None:
        """Home's filters (or the drill's language) changed: the app speaks the chosen
        language from now on, and the next run (the app, ``quizcnn drill``, ``--plain``)
        starts from them. A filter changed here no longer counts as set by a flag."""
        from quizcnn.tui import prefs

        old = self.filters
        self.spoken = self.ui_lang
        self.filters = filters
        self.spoken = self.ui_lang
        changed = {name for name in ("lang", "topics", "tags")
                   if getattr(old, name) != getattr(filters, name)}
        self.from_flags = self.from_flags - changed
        if self.flow is not None:  # the cards still to come show in the chosen language
            self.flow.filters = filters
        for node in (self, *self.screen_stack):  # the footer and key help in that language
            keymap.relabel(node, self.ui_lang)
        self.screen.refresh_bindings()
        if not prefs.remember(filters.lang, self.ui_lang, filters.topics, filters.tags):
            from quizcnn.messages import t

            self.notify(t("tui_prefs_unsaved", self.ui_lang), severity="warning")

    @property
    def store_error(self) -> str:
        """Why the bank or the progress database could not be opened, in the language the
        app speaks ("" when nothing failed)."""
        if self.store_fault is None:
            return ""
        from quizcnn.messages import t

        key, detail = self.store_fault
        return t(key, self.ui_lang, error=detail)

    # -- the command palette, in the app's language --------------------------------------------
    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from quizcnn.messages import t

        # (ignore: App is invariant in its return type, so mypy does not take this App[None]
        # for the App[object] is_open asks for; any app is one at run time)
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=t("cmd_placeholder", self.ui_lang),
                                            id="--command-palette"))

    def search_themes(self) -> None:
        """The theme picker (the palette's Theme command), asking in the app's language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        from quizcnn.messages import t

        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=t("cmd_themes_placeholder", self.ui_lang)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, quit, keys, screenshot) named in the app's
        language; one Textual adds later keeps its English name. In Chinese, Textual's keys
        panel (its own widgets' keys, in English) is left out: Help (?) lists every key in
        Chinese. The screenshot says where it went in the app's language."""
        from quizcnn.messages import MESSAGES, t

        lang = self.ui_lang
        for cmd in super().get_system_commands(screen):
            key = f"cmd_sys_{cmd.title.lower()}"
            if key == "cmd_sys_keys" and lang == "zh":
                continue
            if key == "cmd_sys_screenshot":
                cmd = cmd._replace(callback=lambda: self.set_timer(0.1, self.screenshot))
            if key in MESSAGES:
                cmd = cmd._replace(title=t(key, lang), help=t(f"{key}_help", lang))
            yield cmd

    def screenshot(self) -> None:
        """Save an SVG of the screen in the current folder and say where (or why not)."""
        from quizcnn.messages import t

        lang = self.ui_lang
        try:
            path = self.save_screenshot()
        except OSError as e:
            self.notify(t("tui_screenshot_failed", lang, error=e.strerror or e),
                        severity="error", markup=False)
            return
        self.notify(t("tui_screenshot_saved", lang, path=path), markup=False)

    # -- the theme, kept between runs ---------------------------------------------------------
    def _restore_theme(self) -> None:
        from quizcnn.tui import prefs

        saved = prefs.load().get("theme")
        if saved and saved in self.available_themes:
            self.theme = saved
        self._theme_restored = True

    def watch_theme(self, theme: str) -> None:
        """A theme picked from the command palette is the theme of the next run too."""
        if getattr(self, "_theme_restored", False):
            from quizcnn.tui import prefs

            if not prefs.save("theme", theme):
                from quizcnn.messages import t

                self.notify(t("tui_theme_unsaved", self.ui_lang), severity="warning")

    # -- the database thread ------------------------------------------------------------------
    async def in_db(self, fn: Callable[P, R], *args: P.args, **kw: P.kwargs) -> R:
        """Run ``fn`` on the database thread; the UI keeps running while it works."""
        return await asyncio.wrap_future(self.db.submit(fn, *args, **kw))

    async def in_io(self, fn: Callable[P, R], *args: P.args, **kw: P.kwargs) -> R:
        """Run read-only work (bank, first card, rendering) off the UI and the DB thread."""
        return await asyncio.wrap_future(self.io.submit(fn, *args, **kw))

    async def wait_store(self) -> Store | None:
        await self._store_ready.wait()
        return self.store

    # -- start-up -------------------------------------------------------------------------------
    async def wait_startable(self) -> None:
        await self._startable.wait()

    def on_mount(self) -> None:
        if self.autostart:
            # 'quizcnn drill': the first question is the first screen; Home is built only
            # when the user goes there (``go_home``)
            from quizcnn.tui.screens.drill import DrillScreen

            self.drill_opened = True
            self.push_screen(DrillScreen())
        else:
            from quizcnn.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())
            if getattr(self.args, "command", None) == "interview":  # 'quizcnn interview'
                from quizcnn.tui.screens.interview import from_args

                self.push_screen(from_args(self.args))
        for problem in self.key_problems:
            self.notify(safe.text(problem), title="keymap.toml", severity="warning", timeout=8,
                        markup=False)
        self.set_timer(30.0, self.settled)  # in case the start-up never finishes
        self.run_worker(self._boot(), name="boot", group="boot")

    async def _boot(self) -> None:
        try:
            await self._load()
        finally:
            if self.bank is not None and self.index_key is not None:
                # the start-up index for the next run, written last: a busy thread next to
                # the store's would starve the UI's (write_index never raises)
                from quizcnn.tui import index

                with contextlib.suppress(RuntimeError):  # the app closed first: no index
                    await self.in_io(index.write_index, self.bank, self.index_key)
            self.settled()
            self.booted = True

    async def _load(self) -> None:
        """Quick counts and the index first (Home and a first card can paint), then the bank,
        then the store (SQLAlchemy; Alembic only when the DB needs creating or migrating)."""

        self.counts, self.index = await asyncio.wrap_future(self._early)
        if self.index is not None:
            self._startable.set()
            self.broadcast(BankLoaded)
            await self._let_first_card_paint()
        try:
            self.bank = await self.in_io(self.load_bank)
        except Exception as e:  # the bank loader reports problems itself; this is a bug
            self.bank = None
            self.store_fault = ("tui_bank_failed", f"{type(e).__name__}: {e}")
        self._startable.set()
        self.broadcast(BankLoaded)
        if self.index is None:
            await self._let_first_card_paint()
        if self.bank is None:
            self._store_ready.set()
            self.broadcast(StoreFailed, self.store_error)
            return
        try:
            self.store = await self.in_db(self._open_store, self.bank)
        except Exception as e:
            from quizcnn.store import StoreError

            msg = str(e) if isinstance(e, StoreError) else f"{type(e).__name__}: {e}"
            self.store_fault = ("tui_db_failed", msg)
            self._store_ready.set()
            self.broadcast(StoreFailed, self.store_error)
            return
        self._store_ready.set()
        await self.refresh_counts()
        self.broadcast(StoreReady)

    def _early_reads(self) -> tuple[QuickCounts | None, dict[str, Any] | None]:
        """(quick counts, index); also imports what the first card needs, off the UI thread."""
        from quizcnn.tui import data, index

        counts = data.quick(self.db_path, self.clock(), self.filters)
        found = index.load_index(self.index_key) if self.index_key is not None else None
        import quizcnn.tui.screens.drill  # noqa: F401

        if found is not None and self.early_card_ok:  # the card a drill opened now starts with
            from quizcnn.tui.flow import prepare

            f = self.filters
            q = data.provisional(self.db_path, None, found, f, self.clock(), cram=self.cram)
            if q is not None:
                self._early_card = (f, prepare(q, f.display_lang(q), None, self.rng.randrange(2**31)))
        return counts, found

    def take_early_card(self) -> CardView | None:
        """The card prepared during start-up, if the filters are still the same (once)."""
        early, self._early_card = self._early_card, None
        if early is not None and early[0] == self.filters:
            return early[1]
        return None

    async def _let_first_card_paint(self) -> None:
        """Loading the bank and the ORM holds the GIL for a while: a drill opened at once
        paints its first question before that (a person reading Home gives it this time)."""
        waited = 0.0
        while not self._first_card.is_set() and waited < 5.0:
            if waited >= 0.3 and not self.drill_opened:
                break
            await asyncio.sleep(0.02)
            waited += 0.02

    @property
    def early_card_ok(self) -> bool:
        """A card shown before the queue is built is a guess at its first card (a wrong guess
        is studied first, taking the place of the last card of a limited queue); a cram
        queue's first card is guessed from the studied cards, as ``build_queue`` orders them."""
        return True

    @property
    def can_start(self) -> bool:
        return self.bank is not None or self.index is not None

    def load_bank(self) -> Bank:
        from quizcnn.tui import data

        return self.bank_loader() if self.bank_loader else data.load_bank(self.bank_args)

    def _open_store(self, bank: Bank) -> Store:
        from quizcnn.store.db import open_store
        from quizcnn.store.sync import sync_bank

        store = open_store(self.db_path)
        try:
            sync_bank(store, bank.questions, now=self.clock())
        except BaseException:
            store.close()
            raise
        return store

    async def refresh_counts(self) -> None:
        from quizcnn.tui import data

        self.counts = await self.in_io(data.quick, self.db_path, self.clock(), self.filters)
        try:
            self.stats = await self.in_io(data.stats, self.db_path, self.clock())
        except Exception:  # stats are a nicety on Home; never fatal
            self.stats = None

    def broadcast(self, message_class: Callable[..., Message], *args: object) -> None:
        """Send a fresh message to every screen on the stack."""
        for screen in self.screen_stack:
            screen.post_message(message_class(*args))

    async def reload_bank(self) -> None:
        """Re-read the bank (after an edit or an add) and sync the store with it."""
        self.bank = await self.in_io(self.load_bank)
        if self.store is not None:
            from quizcnn.store.sync import sync_bank

            await self.in_db(sync_bank, self.store, self.bank.questions, now=self.clock())
            if self.flow is not None:
                self.flow.bank = self.bank
        await self.refresh_counts()
        self.broadcast(BankLoaded)

    # -- screens ----------------------------------------------------------------------------------
    def action_show_help(self) -> None:
        from quizcnn.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_screen(self, name: str) -> None:
        from importlib import import_module

        cls = {"drill": "DrillScreen", "stats": "StatsScreen", "browse": "BrowseScreen",
               "add": "AddScreen", "help": "HelpScreen", "home": None}[name]
        if cls is None:
            self.go_home()
            return
        if isinstance(self.screen, getattr(import_module(f"quizcnn.tui.screens.{name}"), cls)):
            return
        self.drill_opened = self.drill_opened or name == "drill"
        module = import_module(f"quizcnn.tui.screens.{name}")
        self.push_screen(getattr(module, cls)())

    def go_home(self) -> None:
        """Back to Home: pop down to it, or build it when the app opened on the drill."""
        from quizcnn.tui.screens.home import HomeScreen

        if any(isinstance(s, HomeScreen) for s in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(HomeScreen())

    def started(self) -> None:
        """The first screen is painted. ``quizcnn.tui.launch`` turned the garbage collector
        off before Textual was imported; the objects made so far are frozen (later collections
        never walk them). Collection stays off while the bank and the store load (``settled``).
        """
        if self.gc_paused:
            gc.freeze()

    def settled(self) -> None:
        """The bank, the store and the counts are in (or failed): freeze what they made and
        let the garbage collector run again (once).

        With 10,000 questions the load makes ~180,000 long-lived objects and leaves ~2,000
        of garbage; one full collection over them holds every thread for ~130 ms, which a
        keypress would wait for. Frozen, they are never walked; the garbage they leave is
        kept (a few hundred KB)."""
        if self.gc_paused:
            self.gc_paused = False
            gc.freeze()
            gc.enable()

    def first_paint(self) -> bool:
        """Called by the first screen once its content has been painted (the first question,
        or Home with its counts); True when the app now exits (``on_first_paint`` said so)."""
        self.started()
        if self.drill_opened:
            self._first_card.set()
        return self.on_first_paint()

    def on_first_paint(self) -> bool:
        """Hook for subclasses, called once with the first screen on show; return True when
        the app exits now. Does nothing here."""
        return False

    @property
    def store_loaded(self) -> bool:
        """The store is open and synced (or failed to open): ``wait_store`` would not wait."""
        return self._store_ready.is_set()

    def on_unmount(self) -> None:
        # workers still starting up stop at their next await instead of handing new work
        # to the threads shut down below
        self.workers.cancel_all()
        flow, store = self.flow, self.store
        if flow is not None:
            self.db.submit(_quiet, flow.end)
        if store is not None:
            self.db.submit(store.close)
        self.db.shutdown(wait=True)
        self.io.shutdown(wait=True)


def _quiet(fn: Callable[[], object]) -> None:
    try:
        fn()
    except Exception:  # closing the session is bookkeeping; the answers are already saved
        pass


def _sources_key(args_bank: list[str]) -> list[str]:
    """What the bank is read from; the index is valid only for the same sources."""
    from quizcnn.paths import extra_bank_dirs, user_bank_dir

    try:
        from quizcnn.resources import questions_dir

        shipped = str(questions_dir())
    except (FileNotFoundError, OSError):
        shipped = ""
    return [shipped, str(user_bank_dir()), *[str(p) for p in extra_bank_dirs(args_bank)]]


def _start_filters(args: object) -> tuple[Filters, frozenset[str], str]:
    """(filters, the ones set by command-line flags, the app's language): each filter from
    its flag, else from the last run (``prefs.remembered``), else the default."""
    from quizcnn.tui import prefs

    saved = prefs.remembered()
    lang = getattr(args, "lang", None)
    topics = tuple(getattr(args, "topic", None) or ())
    tags = tuple(getattr(args, "tag", None) or ())
    flags = frozenset(name for name, value in (("lang", lang), ("topics", topics), ("tags", tags))
                      if value)
    filters = Filters(lang=lang or saved.lang or "en", topics=topics or saved.topics,
                      tags=tags or saved.tags)
    return filters, flags, prefs.ui_lang_for(filters.lang, saved.ui_lang)


def _utcnow() -> datetime:
    from quizcnn.store.dates import utcnow

    return utcnow()


def run(args: object, app_class: type[QuizApp] = QuizApp) -> int:
    """Run the app (``app_class``: a subclass, e.g. a benchmark's probe) until it exits."""
    app = app_class(args)
    app.run()
    return int(app.return_code or 0)
