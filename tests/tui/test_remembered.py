"""The language and Home's filters survive a restart; flags override them for one run; the
drill's language key switches the whole session; ``drill --plain`` starts from them too."""

from __future__ import annotations

import argparse
import json

from quizcnn.tui import prefs
from tests.tui.conftest import NOW, pilot_test, start_drill, until
from tests.tui.screentext import screen_text


def _app(bank_dir, db, **flags):
    from quizcnn.bank import load
    from quizcnn.tui.app import QuizApp

    args = argparse.Namespace(db=str(db), bank=[], **flags)
    return QuizApp(args, clock=lambda: NOW, seed=7, bank_loader=lambda: load([bank_dir]))


@pilot_test
async def test_language_and_filters_survive_a_restart(bank_dir, tmp_path, empty_db):
    import shutil

    db = tmp_path / "p.sqlite3"
    shutil.copyfile(empty_db, db)
    app = _app(bank_dir, db)
    assert app.filters.lang == "en" and app.filters.topics == ()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        await pilot.press("l")  # en -> zh
        await pilot.press("t")
        await until(pilot, lambda: app.screen.__class__.__name__ == "TopicsScreen")
        await pilot.press("j", "space", "enter")
        await until(pilot, lambda: app.filters.topics == ("t-choice",))
    saved = json.loads(prefs.prefs_path().read_text(encoding="utf-8"))
    assert saved["lang"] == "zh" and saved["ui_lang"] == "zh" and saved["topics"] == ["t-choice"]

    again = _app(bank_dir, db)
    assert again.filters.lang == "zh" and again.filters.topics == ("t-choice",)
    assert again.ui_lang == "zh" and again.from_flags == frozenset()
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: again.store is not None)
        line = str(again.screen.query_one("#filters").render())
        assert "语言：中文（l）" in line and "主题：t-choice（t）" in line
        assert "命令行" not in line


@pilot_test
async def test_flags_override_the_remembered_choices_and_home_says_so(bank_dir, tmp_path,
                                                                     empty_db):
    import shutil

    db = tmp_path / "p.sqlite3"
    shutil.copyfile(empty_db, db)
    prefs.remember("zh", "zh", ("t-choice",), ())
    app = _app(bank_dir, db, command="quizcnn", lang="en", topic=[], tag=[])
    assert app.filters.lang == "en" and app.filters.topics == ("t-choice",)
    assert app.from_flags == frozenset({"lang"})
    async with app.run_test(size=(120, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        line = str(app.screen.query_one("#filters").render())
        assert "Language: English (l) [command line, this run only]" in line
        assert "Topics: t-choice (t)   " in line
    # the flag was for that run: the remembered language is still Chinese
    assert prefs.remembered().lang == "zh"


@pilot_test
async def test_the_drill_language_key_switches_the_session(make_app):
    app = make_app(topics=("t-lang", "t-basic"))
    async with app.run_test(size=(100, 30)) as pilot:
        drill = await start_drill(pilot, app)
        first = drill.card.bank_id
        await pilot.press("l")
        await until(pilot, lambda: app.ui_lang == "zh")
        assert prefs.remembered().lang == "zh"
        assert app.flow.filters.lang == "zh"
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "撤销" in footer and "语言" in footer and "Undo" not in footer
        if first == "t-lang":
            await until(pilot, lambda: drill.card.lang == "zh")
    assert app.return_code in (None, 0)


def test_drill_plain_starts_from_the_remembered_choices(bank_dir, tmp_path, capsys,
                                                       monkeypatch):
    import io

    from quizcnn.cli import main

    prefs.remember("zh", "zh", ("t-lang",), ())
    monkeypatch.setattr("sys.stdin", io.StringIO("\n3\n"))
    code = main(["--bank", str(bank_dir), "--db", str(tmp_path / "d.sqlite3"), "drill",
                 "--plain"])
    out = capsys.readouterr().out
    assert code == 0
    assert "沿用上次的选择：语言 中文；主题 t-lang" in out
    assert "为什么堆叠两个 3x3 卷积" in out and "自评 1-4" in out


def test_drill_plain_flags_win(bank_dir, tmp_path, capsys, monkeypatch):
    import io

    from quizcnn.cli import main

    prefs.remember("zh", "zh", ("t-lang",), ())
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    code = main(["--bank", str(bank_dir), "--db", str(tmp_path / "d.sqlite3"), "drill",
                 "--plain", "--lang", "en", "--topic", "t-basic"])
    out = capsys.readouterr().out
    assert code == 0 and "沿用" not in out and "From last time" not in out
    assert "What does the stride" in out


def test_cli_lang_is_the_env_then_the_app_s_last_language(tmp_path) -> None:
    from quizcnn.tui import prefs

    path = tmp_path / "app.json"
    assert prefs.cli_lang({}, path) == "en"  # nothing saved: English
    prefs.remember("zh", "zh", (), (), path)
    assert prefs.cli_lang({}, path) == "zh"
    prefs.remember("both", "zh", (), (), path)  # both: the language the app spoke
    assert prefs.cli_lang({}, path) == "zh"
    assert prefs.cli_lang({"QUIZCNN_LANG": "EN"}, path) == "en"
    assert prefs.cli_lang({"QUIZCNN_LANG": "fr"}, path) == "zh"  # not a language: ignored
