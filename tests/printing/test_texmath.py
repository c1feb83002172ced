"""LaTeX subset -> Typst math: whitelisted, always compiles, never runs author text."""

from __future__ import annotations

import json
import tempfile

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quizcnn.printing.texmath import to_typst, typst_string

typst = pytest.importorskip("typst")


def _compiles(math: str) -> None:
    with tempfile.TemporaryDirectory() as root:
        typst.compile(f"${math}$ and $ {math} $".encode(), root=root)


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"\frac{1}{C_{out}} + \frac{1}{k^2}", "frac(1, C_(o u t)) + frac(1, k^(2))"),
        (r"\lfloor (n + 2p - k)/s \rfloor + 1", "floor.l paren.l n + 2 p - k paren.r slash s floor.r + 1"),
        (r"\prod_{i<l} s_i", "product_(i < l) s_(i)"),
        (r"\text{params} = C \times k", 'upright("params") = C times k'),
        (r"\alpha \le \beta", "alpha <= beta"),
    ],
)
def test_known_commands(latex, expected):
    assert to_typst(latex) == expected
    _compiles(to_typst(latex))


@pytest.mark.parametrize(
    "latex",
    [r'#read("/etc/passwd")', r"\input{/etc/passwd}", r"\foo{x}", '"', "\\", "}{", "^_^", "$",
     r"\text{#import}", "卷积 α×β"],
)
def test_hostile_input_stays_text(latex):
    out = to_typst(latex)
    # '#' only ever appears inside a string literal
    outside = out
    for lit in __import__("re").findall(r'"(?:[^"\\]|\\.)*"', out):
        outside = outside.replace(lit, "")
    assert "#" not in outside and "$" not in outside
    _compiles(out)


ALPHABET = st.sampled_from(
    list("abcxyzkns0123456789+-*/=<>()[]{}^_,.;:!|'&#$%\"\\ ")
    + [r"\frac", r"\lfloor", r"\rfloor", r"\times", r"\text", r"\alpha", r"\sqrt", r"\left",
       r"\right", r"\\", r"\,", r"\foo", "卷", "×", "\n"]
)


@settings(max_examples=60)
@given(st.lists(ALPHABET, max_size=25).map("".join))
def test_any_input_compiles(latex):
    _compiles(to_typst(latex))


PRINTABLE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from(["\n", "\t", "\\", '"']),
    max_size=40,
)


def _typst_eval(literal: str) -> object:
    return json.loads(typst.eval(b"", literal, ignore_system_fonts=True))


@given(PRINTABLE)
@example("a\\b")
@example('\\"#read("/etc/passwd")\\')
@example("\\u{41} \\n")
def test_typst_string_round_trips_through_typst_eval(text):
    lit = typst_string(text)
    assert lit.startswith('"') and lit.endswith('"')
    assert "\n" not in lit
    assert _typst_eval(lit) == text  # Typst reads back exactly what was written


def test_typst_string_drops_control_characters():
    assert _typst_eval(typst_string("a\x00b\x1b[31mc\x85d\re")) == "ab[31mcde"
