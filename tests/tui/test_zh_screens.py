"""The app's screens and dialogs in Chinese (Home's footer, Help, the command palette, the
topic and tag dialogs, why bank files were skipped, the interview date, the mock interview, the
summary, Add): no English the app wrote is left on screen (tests.tui.zhcheck), the Chinese is
there, and English stays English. Each starts in English and switches with ``l`` on Home, as
a user does."""

from __future__ import annotations

from textual.widgets import Footer

from tests.tui.conftest import pilot_test, until
from tests.tui.screentext import screen_text
from tests.tui.zhcheck import english_left


def _name(app) -> str:
    return app.screen.__class__.__name__


async def _home(pilot, app, lang: str) -> None:
    """Home with its counts, its plan panel and its footer, speaking ``lang``."""
    await until(pilot, lambda: app.store is not None and app.stats is not None)
    await until(pilot, lambda: app.screen.query(Footer))
    if lang == "zh":
        await pilot.press("l")
        await until(pilot, lambda: app.ui_lang == "zh")
    done = "面试日期" if lang == "zh" else "Interview date"
    await until(pilot, lambda: done in str(app.screen.query_one("#plan").render()))
    await pilot.pause(0.05)


def _footer(app) -> str:
    return screen_text(app).splitlines()[-1]


def _without(text: str, words) -> str:
    """``text`` without content the check would take for the app's English: the test bank's
    topic names (t-basic, t-choice: named after the card types) and keymap.toml binding ids
    (home.topic, drill.choice5), which are file syntax and stay as they are."""
    import re

    text = re.sub(r"\b[a-z]+\.[a-z]+[0-9]*\b", "", text)
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, "")
    return text


def _topics(app) -> set[str]:
    return {q.topic for q in app.bank.questions} | {x for q in app.bank.questions
                                                    for x in q.tags or ()}


@pilot_test
async def test_home_footer_at_80_columns_keeps_quit_help_and_the_palette(make_app):
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "en")
        row = _footer(app)
        for word in ("Start", "Browse", "Add", "Stats", "Interview", "q Quit", "? Help",
                     "^p Commands"):
            assert word in row, (word, row)
        await pilot.press("l")  # en -> zh
        await until(pilot, lambda: "退出" in _footer(app))
        row = _footer(app)
        for word in ("s 开始", "b 浏览", "a 添加", "g 统计", "i 模拟面试", "q 退出", "? 帮助",
                     "^p 命令"):
            assert word in row, (word, row)
        assert english_left(screen_text(app)) == []


@pilot_test
async def test_help_screen_in_chinese_and_in_english(make_app):
    from quizcnn.tui.screens.help import HelpScreen

    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "en")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        english = app.screen.text()
        assert "Typed answers" in english and "Interview date" in english
        await pilot.press("escape")
        await until(pilot, lambda: _name(app) == "HomeScreen")
        await pilot.press("l")
        await until(pilot, lambda: app.ui_lang == "zh")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_text = app.screen.text()
        # the whole text (most of it is below the fold), and what is on screen
        assert english_left(_without(help_text, ())) == []
        assert english_left(_without(screen_text(app), ())) == []
        for said in ("需要输入的答案", "命令面板：ctrl+p", "首页", "面试日期", "模拟面试",
                     "结束本轮", "重来"):
            assert said in help_text, said
        assert "esc 返回" in _footer(app)
        # the key column lines up although a Chinese description is twice as wide
        rows = [r for r in help_text.splitlines() if r.endswith((" home.start", " home.plan"))]
        from rich.cells import cell_len

        assert len(rows) == 2
        assert {cell_len(r) - len(r.split()[-1]) for r in rows} == {cell_len(rows[0])
                                                                     - len("home.start")}


@pilot_test
async def test_command_palette_in_chinese(make_app):
    from textual.command import CommandList, CommandPalette

    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        palette = app.screen
        listed = palette.query_one(CommandList)
        await until(pilot, lambda: listed.option_count >= 10)
        hits = "\n".join(str(listed.get_option_at_index(i).prompt)
                         for i in range(listed.option_count))
        for said in ("开始练习", "浏览题库", "添加题目", "统计", "帮助", "首页", "配色主题",
                     "退出", "截图"):
            assert said in hits, said
        # the app's own commands first
        assert hits.index("开始练习") < hits.index("配色主题")
        # Textual's keys panel (its widgets' keys in English) is left out in Chinese
        assert "按键面板" not in hits
        assert english_left(hits) == []
        text = screen_text(app)
        assert "搜索命令" in text and english_left(text) == []
        await pilot.press(*"zzqq")  # nothing matches: said in Chinese
        await until(pilot, lambda: "没有找到匹配的命令" in screen_text(app))
        assert english_left(screen_text(app)) == []
        await pilot.press(*["backspace"] * 4)
        await pilot.press(*"stats")  # the English name finds the command too
        await until(pilot, lambda: "热力图" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: _name(app) == "StatsScreen")


@pilot_test
async def test_topic_and_tag_dialogs_in_chinese(make_app):
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        for key, intro in (("t", "选择要学的主题"), ("f", "选择要学的标签")):
            await pilot.press(key)
            await until(pilot, lambda: _name(app) == "TopicsScreen")
            text = screen_text(app)
            assert intro in text and "完成" in _footer(app) and "勾选" in _footer(app)
            assert english_left(_without(text, _topics(app))) == []
            await pilot.press("escape")
            await until(pilot, lambda: _name(app) == "HomeScreen")


@pilot_test
async def test_why_files_were_skipped_in_chinese(make_app, bank_dir):
    (bank_dir / "broken.md").write_bytes(b"## Bad\nid: bad\ntype: basic\n\n\xff\xfe not UTF-8\n")
    (bank_dir / "odd.md").write_text("## Odd\nid: odd\ntype: nonsense\ntopic: x\n\nText?\n",
                                     encoding="utf-8")
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        assert "按 w 查看原因" in screen_text(app)
        await pilot.press("w")
        await until(pilot, lambda: _name(app) == "ProblemsScreen")
        text = screen_text(app)
        assert "已跳过" in text and "broken.md" in text and "请修正这些文件" in text
        assert "broken.md:5: 错误:" in text  # where and how bad, in Chinese
        # the dialog's own words: without the paths (the test's folder names) and what the
        # bank reader says (quizcnn.bank's words, not the catalogue's)
        from textual.widgets import Static

        ours = str(app.screen.query_one(Static).render())
        reader = [str(d.message) for d in app.bank.errors] + [d.hint for d in app.bank.errors]
        # (and the command to run: its name is the same in both languages)
        assert english_left(_without(ours, [str(bank_dir), "quizcnn bank check", *reader])) == []
        assert english_left(_footer(app)) == []


@pilot_test
async def test_interview_date_dialog_and_panel_in_chinese(make_app):
    from quizcnn.tui.widgets.plan_panel import PlanDialog

    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        await pilot.press("l")  # zh -> both: still spoken in Chinese, the panel too
        await until(pilot, lambda: app.filters.lang == "both")
        await until(pilot, lambda: "面试日期" in str(app.screen.query_one("#plan").render()))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, PlanDialog))
        await pilot.pause(0.05)
        text = screen_text(app)
        for said in ("面试日期", "每天分钟数", "保存", "清除计划", "取消"):
            assert said in text, said
        assert english_left(text) == []


@pilot_test
async def test_mock_interview_in_chinese_with_both_card_languages(make_app):
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        await pilot.press("l")  # both card languages: the interview speaks Chinese
        await until(pilot, lambda: app.filters.lang == "both")
        await pilot.press("i")
        await until(pilot, lambda: _name(app) == "InterviewScreen"
                    and app.screen.asked is not None)
        await pilot.pause(0.05)
        text = screen_text(app)
        assert "第 1 题" in text or "第1题" in text.replace(" ", ""), text
        assert "跳过" in _footer(app) and "结束本轮" in _footer(app)
        assert english_left(text) == []
        await pilot.press("escape")  # the round ends: the report, in Chinese
        await until(pilot, lambda: app.screen.state == "report")
        await pilot.pause(0.05)
        assert english_left(screen_text(app)) == []
        assert "跳过" not in _footer(app)  # nothing left to skip


@pilot_test
async def test_summary_in_chinese(make_app):
    app = make_app(topics=("t-lang",))
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        await pilot.press("s")
        await until(pilot, lambda: _name(app) == "DrillScreen"
                    and getattr(app.screen, "state", "") == "ask")
        await pilot.press("space")
        await until(pilot, lambda: app.screen.state == "revealed")
        await pilot.press("3")
        await until(pilot, lambda: app.screen.state == "feedback")
        await pilot.press("q")
        await until(pilot, lambda: _name(app) == "SummaryScreen")
        await pilot.pause(0.05)
        text = screen_text(app)
        assert "本次学习小结" in text and "回答 1 张" in text
        assert "首页" in _footer(app) and "再练一轮" in _footer(app)
        assert english_left(text) == []


def test_keymap_problems_in_chinese(tmp_path):
    from quizcnn.tui.keymap import load_overrides

    bad = tmp_path / "keymap.toml"
    bad.write_text("[keys\n", encoding="utf-8")
    assert "不是有效的 TOML" in load_overrides(bad, lang="zh")[1][0]
    bad.write_text('[keys]\n"no.such" = "x"\n"home.lang" = "b"\n', encoding="utf-8")
    _overrides, problems = load_overrides(bad, lang="zh")
    assert "未知的按键编号“no.such”" in problems[0]
    assert "“home.lang”和“home.browse”都绑定在按键“b”上" in problems[1]
    assert english_left("\n".join(problems).replace(str(bad), "")) == []
    assert "unknown binding id 'no.such'" in load_overrides(bad)[1][0]


def test_a_store_failure_is_said_in_the_language_spoken_now(make_app):
    from quizcnn.tui.data import Filters

    app = make_app(topics=())
    app.store_fault = ("tui_db_failed", "/x/progress.sqlite3 is a folder")
    assert app.store_error == "progress database: /x/progress.sqlite3 is a folder"
    app.filters = Filters(lang="zh")
    assert app.store_error == "学习进度数据库出错：/x/progress.sqlite3 is a folder"


@pilot_test
async def test_add_screen_in_chinese_writes_a_chinese_card(make_app):
    from textual.widgets import Input, Select, Static, TextArea

    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        await pilot.press("a")
        await until(pilot, lambda: _name(app) == "AddScreen")
        add = app.screen
        await pilot.pause(0.05)
        text = screen_text(app)
        for said in ("问答", "中文", "主题（题目放进哪一组）", "例如 receptive-field", "标题"):
            assert said in text, said
        assert "ctrl+s 保存" in _footer(app).lower() or "^s 保存" in _footer(app)
        assert english_left(text) == []
        assert add.query_one("#lang", Select).value == "zh"  # a new card in the language spoken
        await pilot.press("ctrl+s")  # nothing filled in: says why, in Chinese
        await until(pilot, lambda: "未保存" in str(add.query_one("#errors", Static).render()))
        assert "主题是空的" in str(add.query_one("#errors", Static).render())
        add.query_one("#topic", Input).value = "my-topic"
        add.query_one("#id", Input).value = "zh-added"
        add.query_one("#prompt", TextArea).text = "为什么常用 3x3 卷积？"
        add.query_one("#answer", TextArea).text = "参数更少。"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.bank is not None and "zh-added" in app.bank.by_id
                    and _name(app) == "HomeScreen")
        assert app.bank.by_id["zh-added"].text("zh").lang == "zh"
        await pilot.press("a")
        await until(pilot, lambda: _name(app) == "AddScreen")
        add = app.screen
        await pilot.press(*"x", "escape")  # unsaved text: asks first, in Chinese
        await until(pilot, lambda: "再按一次 Esc" in str(add.query_one("#errors").render()))


@pilot_test
async def test_screenshot_from_the_palette_is_saved_here(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        [shot] = [c for c in app.get_system_commands(app.screen) if c.title == "截图"]
        shot.callback()
        await until(pilot, lambda: list(tmp_path.glob("*.svg")))


@pilot_test
async def test_summary_says_learning_cards_are_due_now_not_at_a_past_time(make_app):
    from datetime import timedelta

    from quizcnn.drill.session import Tally
    from quizcnn.tui.screens.summary import SummaryScreen
    from tests.tui.conftest import NOW

    def summary(minutes: int) -> SummaryScreen:
        return SummaryScreen({"tally": Tally(answered=1, correct=1, new=1), "minutes": 1.0,
                              "waiting": NOW + timedelta(minutes=minutes)})

    app = make_app(topics=())
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app, "zh")
        await app.push_screen(past := summary(-5))
        assert "学习中的卡片现在又到期了" in past.text() and "08:55" not in past.text()
        await app.push_screen(later := summary(10))
        assert "学习中的卡片将在 09:10 回来" in later.text()
