"""Stats and Browse (with a question's history) in the language the user chose: with Chinese,
none of the app's own English is left on screen at 80x24; with English, still English."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static

from tests.tui.conftest import pilot_test, start_drill, until, wait_state
from tests.tui.screentext import screen_text
from tests.tui.zhcheck import english_left


async def _review_one(pilot, app) -> None:
    """Study the first card (rated Good) and come back to Home."""
    drill = await start_drill(pilot, app)
    await pilot.press("space")
    await wait_state(pilot, drill, "revealed")
    await pilot.press("3")
    await wait_state(pilot, drill, "feedback")
    await pilot.press("q")
    await until(pilot, lambda: app.screen.__class__.__name__ == "SummaryScreen")
    await pilot.press("enter")
    await until(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")


def _ui_text(app) -> str:
    """The screen's text without the bank's card ids, topic names and file paths: content, not
    the app's words (the test bank's topics are named after card types: 't-basic', 't-cloze';
    its path has the test's name in it). The question view's meta line (id, type, topic, file)
    is checked whole, without its path, rather than as wrapped on screen."""
    lines = screen_text(app).splitlines()
    for meta in app.screen.query("#meta"):
        r = meta.region
        del lines[r.y:r.bottom]
        q = app.screen.question
        lines.append(str(meta.render()).replace(f"{q.file}:{q.line}", ""))
    text = "\n".join(lines)
    for q in app.bank.questions:
        text = text.replace(q.id, "").replace(q.topic, "")
    return text


def _shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pilot_test
async def test_stats_and_browse_in_chinese_after_l_on_home(make_app):
    app = make_app(topics=(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        await pilot.press("l")  # Home: English -> Chinese, for the rest of the session
        assert app.ui_lang == "zh"
        await _review_one(pilot, app)  # t-lang: the only card with a Chinese text

        await pilot.press("g")
        await until(pilot, lambda: app.screen.__class__.__name__ == "StatsScreen")
        await until(pilot, lambda: "连续学习 1 天" in _shown(app, "#retention"))
        top = screen_text(app)
        assert english_left(top) == []
        for zh in ("每日复习量", "周一", "周日", "少", "多", "26 周共复习 1 次", "记忆保持率",
                   "近 7 天：1 次作答中，答对或记起了 100%。", "未来 30 天的到期卡片", "返回"):
            assert zh in top, zh
        app.screen.query_one("#box").scroll_end(animate=False)
        await until(pilot, lambda: "已学 1/1" in screen_text(app))
        bottom = screen_text(app)
        assert english_left(_ui_text(app)) == []
        assert "今天" in bottom and "已学 1/1" in bottom
        await pilot.press("escape")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")

        await pilot.press("b")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BrowseScreen")
        browse = app.screen
        await until(pilot, lambda: browse.query_one("#table", DataTable).row_count == 1)
        listed = screen_text(app)
        assert english_left(listed) == []
        for zh in ("编号", "题型", "标题", "主题", "问答", "找到 1 题（共 7 题）；按回车查看",
                   "双语", "搜索"):
            assert zh in listed, zh
        assert "Bilingual" not in listed  # the card's Chinese title, not its English one
        await pilot.press(*"stack")  # typing searches (the English text is searched too)
        await until(pilot, lambda: browse.query_one("#search").value == "stack")
        await until(pilot, lambda: browse.query_one("#table", DataTable).row_count == 1)
        await pilot.press(*"zzz")
        await until(pilot, lambda: browse.query_one("#table", DataTable).row_count == 0)
        assert "找到 0 题（共 7 题）" in screen_text(app)
        assert english_left(screen_text(app)) == []
        await pilot.press("backspace", "backspace", "backspace", "enter", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "QuestionScreen")
        await until(pilot, lambda: "复习 1 次" in _shown(app, "#history"))
        history = _shown(app, "#history")
        assert "良好" in history and "遗忘 0 次" in history and "按 x 暂停或恢复这张卡片" in history
        shown = screen_text(app)
        assert english_left(_ui_text(app)) == []
        assert "答案" in shown and "问答" in shown and "暂停/恢复" in shown
        await pilot.press("x")
        await until(pilot, lambda: "【已暂停】" in _shown(app, "#history"))
        assert english_left(_ui_text(app)) == []


@pilot_test
async def test_stats_and_browse_still_english(make_app):
    app = make_app(topics=("t-basic",), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _review_one(pilot, app)
        await pilot.press("g")
        await until(pilot, lambda: app.screen.__class__.__name__ == "StatsScreen")
        await until(pilot, lambda: "Streak: 1 day." in _shown(app, "#retention"))
        text = screen_text(app)
        for en in ("Reviews per day", "Mon", "less", "more", "1 review in 26 weeks",
                   "Last 7 days: 100% of 1 answer right or recalled.", "Due in the next 30 days"):
            assert en in text, en
        await pilot.press("escape")
        await pilot.press("b")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BrowseScreen")
        browse = app.screen
        await until(pilot, lambda: browse.query_one("#table", DataTable).row_count > 0)
        text = screen_text(app)
        for en in ("Id", "Type", "Title", "Topic", "basic", "Bilingual", "Enter opens one"):
            assert en in text, en
        await pilot.press(*"stride", "enter", "enter")
        await until(pilot, lambda: "Reviews 1" in _shown(app, "#history"))
        history = _shown(app, "#history")
        assert "Good" in history and "x: suspend or resume this card" in history


@pilot_test
async def test_stats_speaks_the_new_language_when_back_on_top(make_app):
    """The language changed while Stats was under another screen: it says everything again."""
    from dataclasses import replace

    app = make_app(topics=(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        app.open_screen("stats")
        await until(pilot, lambda: "Reviews per day" in screen_text(app))
        app.open_screen("help")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen")
        app.set_filters(replace(app.filters, lang="zh"))
        await pilot.press("escape")
        await until(pilot, lambda: "每日复习量" in screen_text(app))
        await until(pilot, lambda: "暂无" in screen_text(app) or "记忆保持率" in screen_text(app))
        assert english_left(screen_text(app)) == []


def test_heatmap_lines_up_in_chinese():
    """Weekday names are two cells a character: the day columns start one cell after the
    longest name on every row, the legend's too."""
    from textual.app import App

    from quizcnn.tui.widgets.bars import Heatmap

    class One(App):
        def compose(self):
            yield Heatmap(id="h")

    async def run() -> list[str]:
        app = One()
        async with app.run_test(size=(80, 12)) as pilot:
            app.query_one(Heatmap).set_days({date(2026, 6, 1): 3}, date(2026, 6, 1), lang="zh")
            await pilot.pause()
            return screen_text(app).splitlines()

    import asyncio

    rows = asyncio.run(run())
    assert [r[:3] for r in rows[:7]] == ["周一 ", "   ", "周三 ", "   ", "周五 ", "   ", "周日 "]
    assert rows[7].startswith(" " * 5 + "少 ") and rows[7].rstrip().endswith("26 周共复习 3 次")


@pilot_test
async def test_browse_lang_column_in_chinese_when_wide(make_app):
    app = make_app(topics=(), lang="zh")
    async with app.run_test(size=(124, 30)) as pilot:
        await until(pilot, lambda: app.bank is not None)
        app.open_screen("browse")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BrowseScreen")
        await until(pilot, lambda: app.screen.query_one("#table", DataTable).row_count == 1)
        text = screen_text(app)
        assert "语言" in text and "英、中" in text  # not cut to the English column's width
        assert english_left(_ui_text(app)) == []


def test_history_times_on_the_local_clock(monkeypatch):
    """The database keeps UTC; the history shows the user's own clock (as the summary does)."""
    import time

    from quizcnn.tui.screens.browse import local_time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert local_time("2026-06-01 09:00:00.000000") == "2026-06-01 17:00"
        assert local_time("2026-06-01 20:30:00") == "2026-06-02 04:30"
        assert local_time("not a time") == "not a time"
    finally:
        monkeypatch.undo()
        time.tzset()
