"""Chinese wraps between characters, punctuation stays put, English wraps as before."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets import Static

from quizcnn.tui.cjkwrap import _CLOSE, _OPEN, WORD, install
from tests.tui.conftest import pilot_test
from tests.tui.screentext import screen_text

RICH_WORD = re.compile(r"\s*\S+\s*")  # Rich's own pattern, which install() replaces
SENTENCE = "无法读取这个答案：'1x2x3' 是一个形状；这里只要一个数。没有记录任何内容，请再试一次。"


def cut(pattern: re.Pattern[str], text: str) -> list[str]:
    out, at = [], 0
    while (m := pattern.match(text, at)) is not None and m.end() > at:
        out.append(m.group(0))
        at = m.end()
    return out


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_the_words_cover_the_text_exactly(text: str) -> None:
    assert "".join(cut(WORD, text)) == (text if text.strip() else "")


@given(st.text(alphabet=st.characters(max_codepoint=0x2000), max_size=80))
def test_text_without_cjk_is_cut_as_rich_cuts_it(text: str) -> None:
    assert cut(WORD, text) == cut(RICH_WORD, text)


def test_a_cjk_word_is_one_character_with_its_punctuation() -> None:
    assert cut(WORD, "答案：（示例）'1x2x3' 是") == ["答", "案：", "（示", "例）", "'1x2x3' ", "是"]


class _One(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text, markup=False)


@pilot_test
async def test_installed_chinese_fills_each_line_and_no_line_starts_with_a_closer() -> None:
    install()
    app = _One(SENTENCE)
    async with app.run_test(size=(30, 6)) as pilot:
        await pilot.pause()
        rows = [r.rstrip() for r in screen_text(app).splitlines() if r.strip()]
    assert rows[0] == "无法读取这个答案：'1x2x3' 是一"  # not cut after the quoted shape
    assert all(not row or row[0] not in _CLOSE for row in rows)
    assert all(not row or row[-1] not in _OPEN for row in rows)
    assert "".join(rows).replace("' 是", "'是") == SENTENCE.replace("' 是", "'是")


def test_the_app_installs_it(tmp_path, monkeypatch) -> None:
    import rich._wrap

    from quizcnn.tui.app import QuizApp

    monkeypatch.setattr(rich._wrap, "re_word", RICH_WORD)
    monkeypatch.setenv("QUIZCNN_HOME", str(tmp_path))
    QuizApp()
    assert rich._wrap.re_word is WORD
