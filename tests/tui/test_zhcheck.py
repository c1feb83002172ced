"""The screen check used by the Chinese screen tests finds the app's English and only it."""

from __future__ import annotations

from quizcnn.messages import t
from tests.tui.zhcheck import english_left


def test_english_catalogue_text_is_found_and_chinese_is_not() -> None:
    assert english_left(t("home_loading", "en"))
    assert english_left("x " + t("home_due", "en", n=3) + " y")
    assert english_left(t("home_loading", "zh")) == []
    assert english_left(t("home_due", "zh", n=3)) == []


def test_content_and_key_names_are_not_flagged() -> None:
    assert english_left("ReLU 之后接 BatchNorm；按 Esc 返回，Ctrl+S 保存") == []
    assert english_left("Residue") == []  # whole words only
