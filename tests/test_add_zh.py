"""`quizcnn add` in the command line's language (QUIZCNN_LANG, else the app's last language):
its prompts, messages and --edit template in Chinese; English stays English."""

from __future__ import annotations

import os
import sys

from quizcnn.bank import load
from quizcnn.cli import main
from quizcnn.paths import data_dir


def _han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def test_add_with_options_says_it_in_chinese(monkeypatch, capsys):
    monkeypatch.setenv("QUIZCNN_LANG", "zh")
    assert main(["add", "--topic", "conv", "--id", "zh-flags", "--front", "Stride?",
                 "--back", "How far the window moves."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("已把“zh-flags”添加到 ") and "conv.md:" in out
    assert load(None).by_id["zh-flags"].text().lang == "en"  # --lang not given: English card


def test_add_asks_in_chinese_and_writes_a_chinese_card(monkeypatch, capsys):
    monkeypatch.setenv("QUIZCNN_LANG", "zh")
    answers = iter(["basic", "conv", "为什么常用 3x3 卷积？", "参数更少，感受野可以叠加。",
                    "zh-asked", ""])
    asked: list[str] = []

    def reply(prompt: str = "") -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", reply)
    assert main(["add"]) == 0
    assert asked[:2] == ["题型（basic/cloze/choice/numeric/generated）[basic]：",
                         "主题[general]："]
    assert all(_han(p) for p in asked), asked
    assert "已把“zh-asked”添加到" in capsys.readouterr().out
    card = load(None).by_id["zh-asked"]
    assert card.text("zh").lang == "zh" and "3x3" in card.text("zh").prompt


def test_add_problems_and_the_kept_draft_in_chinese(monkeypatch, capsys):
    monkeypatch.setenv("QUIZCNN_LANG", "zh")
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    assert main(["add"]) == 2
    assert capsys.readouterr().err == "quizcnn add: 请用选项给出题目（见 --help），或使用 --edit\n"
    # a numeric question whose answer is not a number: kept as a draft, said in Chinese
    assert main(["add", "--type", "numeric", "--topic", "conv", "--front", "How many?",
                 "--back", "many"]) == 1
    err = capsys.readouterr().err
    assert "quizcnn add: 未保存；你的题目保存在 " in err and "修改后再添加：quizcnn add --edit --from" in err


def test_add_edit_template_in_chinese_untouched_is_kept(monkeypatch, capsys):
    monkeypatch.setenv("QUIZCNN_LANG", "zh")
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.delenv("VISUAL", raising=False)
    assert main(["add", "--edit", "--type", "choice"]) == 1
    err = capsys.readouterr().err
    assert "模板没有改动，没有添加任何题目" in err
    (draft,) = (data_dir() / "drafts").glob("*.md")
    text = draft.read_text(encoding="utf-8")
    # the prose is Chinese; the headings and fields are the bank's syntax and the card is
    # a Chinese one
    assert "## 你的题目" in text and "在这里写题目" in text and "一个错误选项" in text
    assert "### Answer" in text and "lang: zh\n" in text and "type: choice" in text


def test_add_stays_english_in_english(monkeypatch, capsys):
    monkeypatch.setenv("QUIZCNN_LANG", "en")
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.delenv("VISUAL", raising=False)
    assert main(["add", "--edit"]) == 1
    err = capsys.readouterr().err
    assert "the template was not changed; nothing added" in err
    (draft,) = (data_dir() / "drafts").glob("*.md")
    text = draft.read_text(encoding="utf-8")
    assert "## Your question" in text and "Write the question here" in text
    assert "lang:" not in text
