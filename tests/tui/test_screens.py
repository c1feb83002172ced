"""Home filters, Add, Browse, Stats, Help, keymap overrides: pilot tests and plain checks."""

from __future__ import annotations

from textual.widgets import Input, Select, Static, TextArea

from tests.tui.conftest import NOW, pilot_test, reviews, start_drill, until, wait_state
from tests.tui.screentext import screen_text


@pilot_test
async def test_home_counts_and_language_filter(make_app):
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        home = app.screen
        await until(pilot, lambda: "New 7 (of 7)" in str(home.query_one("#today").render()))
        await pilot.press("l")  # en -> zh
        assert app.filters.lang == "zh"
        assert "语言：中文（l）" in str(home.query_one("#filters").render())
        drill = await start_drill(pilot, app)
        assert drill.card.bank_id == "t-lang"  # the only card with a Chinese text
        assert drill.card.lang == "zh" and "卷积" in drill.card.prompt_md
        await pilot.press("l")  # the language key switches the session to English
        await until(pilot, lambda: drill.card.lang == "en")
        assert "convolutions" in drill.card.prompt_md
        assert app.filters.lang == "en" and app.ui_lang == "en"


@pilot_test
async def test_topic_filter_dialog(make_app):
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        await pilot.press("t")
        await until(pilot, lambda: app.screen.__class__.__name__ == "TopicsScreen")
        await pilot.press("j", "space", "enter")  # second topic in the list: t-choice
        await until(pilot, lambda: app.filters.topics == ("t-choice",))
        drill = await start_drill(pilot, app)
        assert drill.card.bank_id == "t-choice"


@pilot_test
async def test_add_question_writes_the_user_bank(make_app):
    from quizcnn.paths import user_bank_dir

    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        await pilot.press("a")
        await until(pilot, lambda: app.screen.__class__.__name__ == "AddScreen")
        add = app.screen
        add.query_one("#type", Select).value = "numeric"
        add.query_one("#topic", Input).value = "my-topic"
        add.query_one("#prompt", TextArea).load_text("How many weights has a 3x3 conv, 1 in, 1 out?")
        await pilot.press("ctrl+s")  # no answer yet: refused, nothing written
        await until(pilot, lambda: "Not saved" in str(add.query_one("#errors").render()))
        assert not (user_bank_dir() / "my-topic.md").exists()
        add.query_one("#answer", TextArea).load_text("9")
        add.query_one("#id", Input).value = "my-weights"
        await pilot.press("ctrl+s")
        # the bank is reloaded, then the screen closes: wait for both (a loaded machine can
        # run the check between the two)
        await until(pilot, lambda: app.bank is not None and "my-weights" in app.bank.by_id
                    and app.screen.__class__.__name__ == "HomeScreen")
    text = (user_bank_dir() / "my-topic.md").read_text(encoding="utf-8")
    assert "id: my-weights" in text and "answer: 9" in text


@pilot_test
async def test_esc_on_the_add_form_with_unsaved_text_asks_first(make_app):
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        await pilot.press("a")
        await until(pilot, lambda: app.screen.__class__.__name__ == "AddScreen")
        await pilot.press("escape")  # nothing typed: leaves at once
        await until(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")
        await pilot.press("a")
        await until(pilot, lambda: app.screen.__class__.__name__ == "AddScreen")
        add = app.screen
        await pilot.press(*"my-topic")  # the topic field has the focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is add  # still here, and it says why
        assert "Esc again" in str(add.query_one("#errors").render())
        await pilot.press("x")  # typing again takes the warning back
        await until(pilot, lambda: "Esc again" not in str(add.query_one("#errors").render()))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is add and add.query_one("#topic", Input).value == "my-topicx"
        await pilot.press("escape")  # the second Esc in a row throws the text away
        await until(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")


@pilot_test
async def test_browse_search_and_history(make_app):
    app = make_app(topics=("t-numeric",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press(*"12544", "enter")
        await wait_state(pilot, drill, "feedback")
        await pilot.press("q")
        await until(pilot, lambda: app.screen.__class__.__name__ == "SummaryScreen")
        assert "Answered 1" in str(app.screen.query_one("#body").render())
        await pilot.press("enter")
        await pilot.press("b")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BrowseScreen")
        browse = app.screen
        await pilot.press(*"outputs")  # typing goes to the search box
        await until(pilot, lambda: browse.query_one("#table").row_count == 1)
        await pilot.press("enter", "enter")
        await until(pilot, lambda: "Reviews 1" in str(app.screen.query_one("#history").render()))
        assert "answer: 12544" in str(app.screen.query_one("#history").render())


@pilot_test
async def test_stats_help_and_palette(make_app):
    app = make_app(topics=("t-basic",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        await pilot.press("3")
        await wait_state(pilot, drill, "feedback")
        await pilot.press("question_mark")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen")
        assert "drill.hint" in str(app.screen.query_one(Static).render())
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is drill)
        app.theme = "textual-light"  # the charts use theme colours: light works too
        app.open_screen("stats")
        await until(pilot, lambda: "Streak: 1 day." in str(app.screen.query_one("#retention").render()))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is drill)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press(*"browse")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BrowseScreen")
    assert len(reviews(app.db_file)) == 1


@pilot_test
async def test_keymap_overrides_and_bad_entries(make_app, tmp_path):
    from quizcnn.tui.keymap import keymap_path, load_overrides

    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\n"drill.hint" = "f2"\n"no.such" = "x"\n"drill.undo" = 3\n',
                    encoding="utf-8")
    overrides, problems = load_overrides()
    assert overrides == {"drill.hint": "f2"}
    assert len(problems) == 2 and "unknown binding id 'no.such'" in problems[0]
    app = make_app(topics=("t-numeric",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press("f2")
        await until(pilot, lambda: "Multiply" in str(drill.query_one("#hints").render()))
        await pilot.press(*"12544", "enter")
        await wait_state(pilot, drill, "feedback")
    [(_b, rating, correct, _a, _m)] = reviews(app.db_file)
    assert correct == 1 and rating == 2  # a hint caps a right answer at Hard


def test_broken_keymap_file_is_reported_not_fatal(tmp_path):
    from quizcnn.tui.keymap import load_overrides

    bad = tmp_path / "keymap.toml"
    bad.write_text("[keys\n", encoding="utf-8")
    overrides, problems = load_overrides(bad)
    assert overrides == {} and "not valid TOML" in problems[0]


def test_first_card_without_a_db_is_the_easiest_new_card(bank_dir, tmp_path):
    from quizcnn.bank import load
    from quizcnn.tui.data import Filters, first_card

    bank = load([bank_dir])
    assert first_card(tmp_path / "none.sqlite3", bank, Filters(), NOW) == "t-basic"
    assert first_card(tmp_path / "none.sqlite3", bank, Filters(lang="zh"), NOW) == "t-lang"


@pilot_test
async def test_skipped_bank_file_warning_and_why(make_app, bank_dir):
    (bank_dir / "broken.md").write_bytes(b"## Bad\nid: bad\ntype: basic\n\n\xff\xfe not UTF-8\n")
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.bank is not None)
        home = app.screen
        await until(pilot, lambda: "1 bank file skipped" in str(home.query_one("#warning").render()))
        await pilot.press("w")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ProblemsScreen")
        assert "broken.md" in str(app.screen.query_one(Static).render())


@pilot_test
async def test_links_are_shown_not_opened(make_app):
    from textual.widgets import Markdown

    app = make_app(topics=("t-basic",))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        drill = await start_drill(pilot, app)
        prompt = drill.query_one("#prompt", Markdown)
        assert prompt._open_links is False
        prompt.post_message(Markdown.LinkClicked(prompt, "https://example.com/[b]x[/b]"))
        await until(pilot, lambda: any("https://example.com/[b]x[/b]" in str(n.message)
                                       for n in app._notifications))


@pilot_test
async def test_drill_command_opens_on_the_question_then_home(make_app):
    """'quizcnn drill': the first screen is the question (no Home under it); ending the
    session leads to the summary, and from there to a Home built on the way."""
    from textual.widgets import Footer

    from quizcnn.tui.screens.drill import DrillScreen
    from quizcnn.tui.screens.home import HomeScreen

    app = make_app(topics=("t-basic",))
    app.autostart = True
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DrillScreen)
                    and app.screen.card is not None)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        drill = app.screen
        assert drill.card.bank_id == "t-basic"
        await until(pilot, lambda: drill.state == "ask" and drill.card.item is not None)
        # the footer, mounted after the first paint, lists the keys
        await until(pilot, lambda: len(drill.query_one(Footer).children) > 3)
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        await pilot.press("4")  # Easy: not coming back today, so the session ends
        await wait_state(pilot, drill, "feedback")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "SummaryScreen")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert len(app.screen_stack) == 2  # the default screen and Home, nothing left above
        await until(pilot, lambda: len(app.screen.query_one(Footer).children) > 3)
        assert [(r[0], r[1]) for r in reviews(app.db_file)] == [("t-basic", 4)]


@pilot_test
async def test_tag_filter_on_home_narrows_topics_counts_and_the_drill(make_app):
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        home = app.screen
        await pilot.press("f")
        await until(pilot, lambda: app.screen.__class__.__name__ == "TopicsScreen")
        await pilot.press("j", "space", "enter")  # tags sorted: arithmetic, shapes
        await until(pilot, lambda: app.filters.tags == ("shapes",))
        await until(pilot, lambda: "New 2 (of 2)" in str(home.query_one("#today").render()))
        assert "Tags: shapes (f)" in str(home.query_one("#filters").render())
        assert [r[0] for r in home.rows()] == ["t-gen", "t-numeric"]
        drill = await start_drill(pilot, app)
        assert drill.card.bank_id in ("t-gen", "t-numeric")
        assert {c.bank_id for c in drill.flow.queue.main} | {drill.card.bank_id} == \
            {"t-gen", "t-numeric"}


@pilot_test
async def test_drill_command_passes_tag_and_limit(make_app):
    import argparse

    from quizcnn.tui.app import QuizApp

    args = argparse.Namespace(command="drill", tag=["shapes"], limit=1, cram=False, topic=None,
                              lang=None, db=None, bank=[])
    probe = QuizApp(args, clock=lambda: NOW, seed=1, bank_loader=lambda: None)
    assert probe.filters.tags == ("shapes",) and probe.limit == 1 and not probe.cram
    probe.db.shutdown()
    probe.io.shutdown()

    app = make_app(topics=())
    app.autostart, app.limit = True, 1
    app.filters = app.filters.__class__(tags=("shapes",))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "flow", None) is not None
                    and app.screen.state == "ask" and app.screen.card.item is not None)
        drill = app.screen
        assert drill.card.bank_id in ("t-gen", "t-numeric")
        assert len(drill.flow.queue.main) == 0  # --limit 1: this card is the whole session


@pilot_test
async def test_cram_session_logs_answers_without_rescheduling(make_app):
    import sqlite3

    def due_of(db):
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT due, state FROM cards WHERE bank_id = 't-basic'").fetchone()
        finally:
            con.close()

    app = make_app(topics=("t-basic",))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        await pilot.press("4")
        await wait_state(pilot, drill, "feedback")
        await pilot.press("ctrl+q")
    before = due_of(app.db_file)

    cram = make_app(topics=("t-basic",))
    cram.autostart, cram.cram = True, True
    async with cram.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: getattr(cram.screen, "flow", None) is not None
                    and cram.screen.state == "ask" and cram.screen.card is not None)
        drill = cram.screen
        assert drill.card.bank_id == "t-basic"
        assert "studying ahead" in str(drill.query_one("#status").render())
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        await pilot.press("1")
        await wait_state(pilot, drill, "feedback")
        assert "schedule is unchanged" in str(drill.query_one("#saved").render())
        await pilot.press("ctrl+q")
    assert due_of(cram.db_file) == before
    con = sqlite3.connect(cram.db_file)
    kinds = [k for (k,) in con.execute("SELECT kind FROM reviews ORDER BY id")]
    con.close()
    assert kinds == ["review", "cram"]


@pilot_test
async def test_theme_picked_is_kept_for_the_next_run(make_app):
    from quizcnn.tui import prefs

    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        app.theme = "textual-light"
        await pilot.pause(0.05)
    assert prefs.load() == {"theme": "textual-light"}

    def theme_of_a_new_app() -> str:
        fresh = make_app(topics=())
        fresh.db.shutdown()
        fresh.io.shutdown()
        return fresh.theme

    assert theme_of_a_new_app() == "textual-light"
    # a broken or unknown saved theme is ignored
    prefs.prefs_path().write_text("{not json", encoding="utf-8")
    assert theme_of_a_new_app() == "textual-dark"
    prefs.save("theme", "no-such-theme")
    assert theme_of_a_new_app() == "textual-dark"


@pilot_test
async def test_corrupt_db_in_the_drill_says_why_and_changes_nothing(make_app):
    app = make_app(topics=())
    garbage = bytes(range(256)) * 20
    app.db_file.write_bytes(garbage)
    app.autostart = True
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "state", "") == "done")
        drill = app.screen
        assert "Cannot study now" in str(drill.query_one("#status").render())
        assert "not an SQLite database" in str(drill.query_one("#hints").render())
        assert drill.card is None
        await pilot.press("q")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")
    assert app.db_file.read_bytes() == garbage


def test_conflicting_keymap_entries_are_named_and_defaults_kept(tmp_path):
    from quizcnn.tui.keymap import load_overrides

    f = tmp_path / "keymap.toml"
    f.write_text('[keys]\n"drill.rate1" = "space"\n"drill.hint" = "f2"\n"home.lang" = "b"\n'
                 '"drill.undo" = "s"\n"drill.skip" = "s"\n', encoding="utf-8")
    overrides, problems = load_overrides(f)
    # each clash drops one override (its default comes back); other entries apply
    assert overrides == {"drill.hint": "f2", "drill.skip": "s"}
    assert problems == [
        f"{f}: 'home.lang' and 'home.browse' are both on key 'b'; 'home.lang' keeps its "
        "default key 'l'",
        f"{f}: 'drill.undo' and 'drill.skip' are both on key 's'; 'drill.undo' keeps its "
        "default key 'u'",
        f"{f}: 'drill.reveal' and 'drill.rate1' are both on key 'space'; 'drill.rate1' keeps "
        "its default key '1'",
    ]


def test_the_default_keymap_has_no_conflicts_and_special_files_are_refused(tmp_path):
    import os

    from quizcnn.tui.keymap import load_overrides

    f = tmp_path / "keymap.toml"
    f.write_text('[keys]\n"drill.reveal" = "space"\n"drill.next" = "space"\n', encoding="utf-8")
    assert load_overrides(f) == ({"drill.reveal": "space", "drill.next": "space"}, [])
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    assert load_overrides(fifo) == (
        {}, [f"{fifo}: cannot read: a FIFO (named pipe), not a regular file; not read"])


def test_prefs_never_hang_on_a_fifo_nor_replace_a_symlink(tmp_path):
    import os

    from quizcnn.tui import prefs

    fifo = tmp_path / "app.json"
    os.mkfifo(fifo)
    assert prefs.load(fifo) == {}  # returns at once: a FIFO is not read
    assert prefs.save("theme", "x", fifo) is False and os.path.exists(fifo)
    real = tmp_path / "real.json"
    real.write_text('{"theme": "a"}', encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert prefs.save("theme", "b", link) is False
    assert link.is_symlink() and real.read_text(encoding="utf-8") == '{"theme": "a"}'


@pilot_test
async def test_home_and_the_summary_say_when_the_new_card_limit_is_reached(make_app):
    from quizcnn.store import open_store

    app = make_app(topics=())
    store = open_store(app.db_file)
    store.set_setting("new_per_day", 0)
    store.close()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.store is not None)
        home = app.screen
        await until(pilot, lambda: "limit (0) is reached; 7 new cards wait"
                    in str(home.query_one("#today").render()))
        assert "quizcnn db settings new_per_day 7" in str(home.query_one("#today").render())
        await pilot.press("enter")  # nothing to study: the summary says why
        await until(pilot, lambda: app.screen.__class__.__name__ == "SummaryScreen")
        body = str(app.screen.query_one("#body").render())
        assert "new-card limit (0) is reached; 7 new cards wait" in body


@pilot_test
async def test_l_on_home_speaks_the_new_language_at_once(make_app):
    from textual.widgets import DataTable

    from quizcnn.tui.widgets.plan_panel import PlanPanel

    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        home = app.screen
        await until(pilot, lambda: "Interview date" in str(home.query_one(PlanPanel).render()))
        await pilot.press("l")  # en -> zh
        await until(pilot, lambda: "面试" in str(home.query_one(PlanPanel).render()))
        assert "面试题练习" in str(home.query_one("#title").render())
        labels = [c.label.plain for c in home.query_one("#topics", DataTable).columns.values()]
        assert labels == ["主题", "到期", "新卡"]
        await pilot.pause()
        header = next(row for row in screen_text(app).splitlines() if row.strip().startswith("主题"))
        assert "到期" in header and "新卡" in header  # whole, not cut to the English widths
        await pilot.press("l", "l")  # zh -> both (still spoken in Chinese) -> en
        await until(pilot, lambda: "Interview date" in str(home.query_one(PlanPanel).render()))
        assert [c.label.plain for c in home.query_one("#topics", DataTable).columns.values()] \
            == ["Topic", "Due", "New"]
