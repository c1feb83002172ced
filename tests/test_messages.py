"""The message catalogue: every key in both languages, formatting and fallbacks."""

from __future__ import annotations

import re
import string
import types

import pytest

from quizcnn.messages import MESSAGES, RATING_NAMES, pick, pick_exact, rating_name, t, untranslated

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
HALF_NEXT_TO_HAN = re.compile(rf"[{HAN}][,:()?!;]|[,:()?!;][{HAN}]")


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_key_has_chinese():
    assert untranslated() == []


def test_both_languages_take_the_same_fields():
    bad = [k for k, (en, zh) in MESSAGES.items() if fields(en) != fields(zh)]
    assert bad == []


def test_chinese_uses_full_width_punctuation():
    bad = [k for k, (_en, zh) in MESSAGES.items() if HALF_NEXT_TO_HAN.search(zh)]
    assert bad == []


def test_t_formats_in_the_language_and_falls_back_to_english():
    assert t("hint", "en", hint="x") == "Hint: x"
    assert t("hint", "zh", hint="x") == "提示：x"
    assert t("right", "fr") == "Right."


def test_untranslated_names_a_key_without_chinese(monkeypatch):
    monkeypatch.setitem(MESSAGES, "only_english", ("Only English", ""))
    assert untranslated() == ["only_english"]
    assert t("only_english", "zh") == "Only English"


def test_rating_names():
    assert RATING_NAMES == {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
    assert [rating_name(r, "zh") for r in (1, 2, 3, 4)] == ["重来", "困难", "良好", "简单"]


def test_pick_prefers_the_language_then_english_then_any():
    assert pick({"en": "a", "zh": "b"}, "zh") == "b"
    assert pick({"en": "a"}, "zh") == "a"
    assert pick({"de": "c"}, "zh") == "c"
    assert pick({}, "en") is None and pick(None, "en") is None
    assert pick_exact({"en": "a"}, "zh") is None and pick_exact("text", "en") is None
    assert pick_exact({"zh": "b"}, "zh") == "b"


def test_a_key_defined_in_two_catalogues_fails_loudly(monkeypatch):

    import quizcnn.messages as messages

    one = types.SimpleNamespace(__name__="one", CATALOGUE={"k": ("a", "甲")})
    two = types.SimpleNamespace(__name__="two", CATALOGUE={"k": ("b", "乙")})
    monkeypatch.setattr(messages, "_PARTS", (one, two))
    with pytest.raises(ValueError, match="'k' is defined twice"):
        messages._merge()
