"""The one terminal-text cleaner against hostile input."""

from __future__ import annotations

import re

import pytest

from quizcnn.termtext import clean, show_math

ESC = "\x1b"
# what must never reach a terminal: ESC, C0 other than tab/newline, DEL, C1, bidi, zero-width
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        (f"{ESC}[31mred{ESC}[0m", "red"),  # SGR colour: the whole sequence, not just ESC
        (f"{ESC}[2J{ESC}[H home", " home"),  # clear screen, cursor home
        (f"{ESC}[?1049h alt", " alt"),  # private-mode CSI
        (f"{ESC}]0;owned\x07title", "title"),  # OSC window title ended by BEL
        (f"{ESC}]8;;http://x{ESC}\\link{ESC}]8;;{ESC}\\", "link"),  # OSC 8 hyperlink, ST
        (f"{ESC}P1$r data{ESC}\\after", "after"),  # DCS string
        (f"{ESC}_apc{ESC}\\x", "x"),  # APC string
        (f"a{ESC}7b{ESC}8c", "abc"),  # two-byte escapes (save/restore cursor)
        (f"{ESC}(Bcharset {ESC}creset", "charset reset"),  # nF escape, RIS
        (f"lone{ESC}", "lone"),  # a lone ESC at the end
        ("\x9b31mred", "red"),  # 8-bit CSI
        ("\x9d0;t\x9cx", "x"),  # 8-bit OSC ended by 8-bit ST
        ("\x90dcs\x9cx", "x"),  # 8-bit DCS
        ("a\rb\bc\x07d\x00e\x7ff", "abcdef"),  # CR, backspace, bell, NUL, DEL
        ("safe\u202eevil\u202c", "safeevil"),  # right-to-left override
        ("\u2066iso\u2069 \u061c", "iso "),  # isolates and the Arabic letter mark
        ("ze\u200bro\u200c\u200d\u200e\u200f\ufeffwidth", "zerowidth"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("中文 and ünïcode ∑", "中文 and ünïcode ∑"),
    ],
)
def test_clean_removes_whole_sequences_and_keeps_text(hostile, shown):
    assert clean(hostile) == shown


def test_clean_leaves_nothing_dangerous_in_random_hostile_text():
    import random

    rng = random.Random(14)
    alphabet = [ESC, "[", "]", "\\", "\x07", "\x9b", "\x9c", "\x9d", "\x90", "\u202e", "\u200b",
                "\r", "\n", "\t", "0", ";", "m", "a", "P", "_", "\x00", "\x85", "中"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
        out = clean(text)
        assert not FORBIDDEN.search(out), (text, out)
        assert clean(out) == out  # cleaning is idempotent


def test_clean_one_line_folds_whitespace():
    assert clean("a\n\tb  c\r\n", one_line=True) == "a b c"
    assert clean(f"x{ESC}[1m\ny", one_line=True) == "x y"


def test_clean_takes_any_object_and_none():
    assert clean(None) == ""
    assert clean(ValueError(f"bad {ESC}[31mthing")) == "bad thing"


def test_show_math_renders_and_cleans():
    out = show_math(f"$3 \\times 3${ESC}[31m")
    assert "×" in out and ESC not in out and "[31m" not in out
    assert show_math(None) == ""
