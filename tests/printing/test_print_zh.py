"""``quizcnn print --lang zh`` and ``--lang both``: the set's own words come from the message
catalogue in the set's language(s); the command's messages in the command line's language.

"No English left" is checked with tests.tui.zhcheck (the catalogue's English pieces), on the
text a reader sees: the HTML's visible text and <title>, the Markdown, the PDF through
pdftotext. A catalogue piece that a card's own Chinese text happens to contain (a layer's
name, say) is content, not the app's words, and is not counted.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from argparse import Namespace
from html.parser import HTMLParser

import pytest

from quizcnn.cli import main
from quizcnn.messages import t
from quizcnn.printing import labels
from quizcnn.printing.model import Item, PracticeSet, Text2
from tests.tui.zhcheck import english_left

BASE = ["--date", "2026-11-28", "--seed", "11", "--count", "8"]
CJK = "\u3400-\u9fff\uf900-\ufaff"
STRAY_SPACE = re.compile(rf"[{CJK}][ \t]+[{CJK}]")
# pdftotext -layout keeps columns apart with runs of spaces; one space inside a line is a word gap
ONE_SPACE = re.compile(rf"[{CJK}] [{CJK}]")


@pytest.fixture(autouse=True)
def _english_command_line(monkeypatch):
    monkeypatch.delenv("QUIZCNN_LANG", raising=False)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["print", *args])
    out, err = capsys.readouterr()
    return code, out, err


class _Visible(HTMLParser):
    """The text a browser shows (and the <title>), without the style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.parts.append(data)


def visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "".join(parser.parts)


def _content(count: int = 8) -> str:
    """Every Chinese text of the set's problems (what the bank and the templates wrote)."""
    from quizcnn.commands.print_ import _load_bank
    from quizcnn.printing.select import Request, build

    (ps,) = build(Request(count=count, seed=11, lang="zh", date="2026-11-28"),
                  _load_bank(Namespace(bank=[])))
    texts: list[str] = []
    for item in ps.items:
        texts += [item.prompt.get("zh"), item.answer.get("zh"), item.explanation.get("zh")]
        texts += item.points("zh") + item.choices.get("zh", ())
        for s in item.steps.get("zh", ()):
            texts += [s.title, s.formula, s.substitution, s.result]
    return "\n".join(texts)


def app_english(text: str) -> list[str]:
    """The catalogue's English pieces in ``text`` that the set's content does not hold."""
    content = _content()
    left = []
    for hit in english_left(text):
        piece = ast.literal_eval(hit.split(": ", 1)[1])
        if piece not in content:
            left.append(hit)
    return left


def _zh_words() -> list[str]:
    return ["CNN 练习题", "A 卷 · 种子 11 · 2026-11-28 · 共 8 题", "姓名：", "参考答案 · A 卷",
            "答案："]


def test_chinese_html_has_only_chinese_fixed_words(tmp_path, capsys):
    out = tmp_path / "zh.html"
    assert run(capsys, "-o", str(out), "--lang", "zh", *BASE)[0] == 0
    page = out.read_text()
    assert '<html lang="zh-Hans">' in page
    assert "<title>CNN 练习题（A 卷）</title>" in page
    text = visible(page)
    for words in _zh_words():
        assert words in text, words
    assert app_english(text) == []
    assert "practice set" not in text and "Version" not in text and "seed" not in text
    assert [m[0] for m in STRAY_SPACE.finditer(text)] == []


def test_chinese_markdown_has_only_chinese_fixed_words(tmp_path, capsys):
    out = tmp_path / "zh.md"
    assert run(capsys, "-o", str(out), "--lang", "zh", *BASE)[0] == 0
    text = out.read_text()
    assert text.startswith("# CNN 练习题\n\nA 卷 · 种子 11 · 2026-11-28 · 共 8 题\n")
    assert "\n## 参考答案 · A 卷\n" in text
    assert text.count("\n答案：") == 8
    assert app_english(text) == []
    assert [m[0] for m in STRAY_SPACE.finditer(text)] == []


def test_chinese_separate_key_is_titled_in_chinese(tmp_path, capsys):
    out = tmp_path / "zh.md"
    assert run(capsys, "-o", str(out), "--lang", "zh", "--key", "separate", *BASE)[0] == 0
    key = (tmp_path / "zh-key.md").read_text()
    assert key.startswith("# CNN 练习题 · 参考答案\n")
    assert app_english(key) == []


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _need_pdf() -> None:
    from quizcnn.printing import typ

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    if typ.find_cjk_font(typ.font_paths()) is None:
        pytest.skip("no CJK font on this machine")


def test_chinese_pdf_has_only_chinese_fixed_words(tmp_path, capsys):
    _need_pdf()
    out = tmp_path / "zh.pdf"
    assert run(capsys, "-o", str(out), "--lang", "zh", *BASE)[0] == 0
    text = _pdf_text(out)
    for words in ("CNN 练习题", "A 卷 · 种子 11 · 2026-11-28 · 共 8 题", "姓名：", "参考答案 · A 卷"):
        assert words in text, words
    # the footer, on every page: the title, the version and the seed in Chinese
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    assert all("CNN 练习题 · A 卷 · 种子 11" in page for page in pages)
    assert text.count("答案：") == 8
    assert app_english(text) == []
    assert "\ufffd" not in text
    assert [m[0] for m in ONE_SPACE.finditer(text)] == []


def test_bilingual_sets_give_each_fixed_phrase_in_both_languages(tmp_path, capsys):
    out = tmp_path / "both.md"
    assert run(capsys, "-o", str(out), "--lang", "both", *BASE)[0] == 0
    text = out.read_text()
    assert text.startswith(
        "# CNN practice set / CNN 练习题\n\n"
        "Version A · seed 11 · 2026-11-28 · 8 problems\n\n"
        "A 卷 · 种子 11 · 2026-11-28 · 共 8 题\n")
    assert "\n## Answer key · Version A / 参考答案 · A 卷\n" in text
    # each language's part of an answer has its own label
    assert text.count("\nAnswer: ") == 8 and text.count("\n答案：") >= 1
    page_out = tmp_path / "both.html"
    assert run(capsys, "-o", str(page_out), "--lang", "both", *BASE)[0] == 0
    page = page_out.read_text()
    assert "<title>CNN practice set / CNN 练习题 (Version A / A 卷)</title>" in page
    assert '<p class="meta" lang="zh-Hans">A 卷 · 种子 11 · 2026-11-28 · 共 8 题</p>' in page
    assert '<p class="name">Name / 姓名：<span></span></p>' in page


def test_bilingual_pdf_header_and_footer(tmp_path, capsys):
    _need_pdf()
    out = tmp_path / "both.pdf"
    assert run(capsys, "-o", str(out), "--lang", "both", *BASE)[0] == 0
    text = _pdf_text(out)
    for words in ("CNN practice set / CNN 练习题", "Version A · seed 11 · 2026-11-28 · 8 problems",
                  "A 卷 · 种子 11 · 2026-11-28 · 共 8 题", "Name / 姓名：",
                  "Answer key · Version A / 参考答案 · A 卷",
                  "CNN practice set / CNN 练习题 · Version A · seed 11 / A 卷 · 种子 11"):
        assert words in text, words


def test_a_given_title_is_kept_in_every_language(tmp_path, capsys):
    out = tmp_path / "zh.md"
    assert run(capsys, "-o", str(out), "--lang", "zh", "--title", "期中复习", *BASE)[0] == 0
    assert out.read_text().startswith("# 期中复习\n")


def _one(lang: str, n: int) -> PracticeSet:
    item = Item(ref="x", kind="basic", prompt=Text2({"en": "Why?", "zh": "为什么？"}),
                answer=Text2({"en": "So.", "zh": "因此。"}))
    return PracticeSet("", "2026-11-28", 5, "B", lang, (item,) * n)


def test_labels_count_and_languages():
    assert labels.facts(_one("en", 1)) == ["Version B · seed 5 · 2026-11-28 · 1 problem"]
    assert labels.facts(_one("en", 2)) == ["Version B · seed 5 · 2026-11-28 · 2 problems"]
    assert labels.facts(_one("zh", 2)) == ["B 卷 · 种子 5 · 2026-11-28 · 共 2 题"]
    assert labels.name(_one("en", 1)) == "Name: "
    assert labels.name(_one("zh", 1)) == "姓名："
    assert labels.heading(_one("zh", 1), key_only=True) == "CNN 练习题 · 参考答案"
    assert labels.footer(_one("en", 1)) == "CNN practice set · Version B · seed 5"
    assert labels.html_title(_one("zh", 1)) == "CNN 练习题（B 卷）"


def test_chinese_catalogue_words_of_a_set_have_no_stray_spaces():
    from quizcnn.messages import printing

    for key in printing.CATALOGUE:
        zh = t(key, "zh")
        assert not STRAY_SPACE.search(zh), (key, zh)


# ---- the command's own messages, in the command line's language -----------------------------


def test_errors_in_the_command_line_language(tmp_path, capsys, monkeypatch):
    out = tmp_path / "set.md"
    out.write_text("mine")
    code, _, err = run(capsys, "-o", str(out), *BASE)
    assert code == 2 and "already exists; add --force" in err
    monkeypatch.setenv("QUIZCNN_LANG", "zh")
    code, _, err = run(capsys, "-o", str(out), *BASE)
    assert code == 2
    assert err.strip() == f"quizcnn print: {out}：文件已存在；加 --force 可覆盖"
    assert out.read_text() == "mine"
    code, _, err = run(capsys, "-o", str(tmp_path / "set.txt"), *BASE)
    assert code == 2 and "未知格式“.txt”" in err
    assert english_left(err.replace(str(tmp_path), "")) == []
    code, _, err = run(capsys, "-o", str(tmp_path / "none.md"), "--topic", "池化",
                       "--lang", "zh", *BASE)
    assert code == 2
    assert "没有符合 主题 池化；语言 zh 的题目（题目来源：题库和生成的题）" in err
    assert english_left(err.replace(str(tmp_path), "")) == []
    assert not (tmp_path / "none.md").exists()


def test_the_app_s_last_language_is_the_command_s(tmp_path, capsys):
    from quizcnn.tui import prefs

    assert prefs.save_many({"lang": "zh", "ui_lang": "zh"})
    code, _, err = run(capsys, "-o", str(tmp_path / "no-dir" / "set.md"), *BASE)
    assert code == 2 and "没有这个文件夹" in err
    assert english_left(err.replace(str(tmp_path), "")) == []


def test_a_bilingual_pdf_marks_its_chinese_as_chinese():
    from quizcnn.printing import typ

    src = typ.source(_one("both", 1), cjk_font=None)
    assert 'lang: "en")' in src  # the document
    # the header's Chinese line and each translated problem and answer
    assert src.count('#text(lang: "zh", region: "cn")[#"B 卷 · 种子 5') == 1
    assert src.count('lang: "zh", region: "cn"); ') == 2
    assert typ.source(_one("zh", 1), cjk_font=None).count('lang: "zh"') == 1
