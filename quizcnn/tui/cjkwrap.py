"""Chinese text wraps between any two characters, with punctuation kept in its place.

Textual lays text out with Rich's word wrapper, whose "word" is a run of non-space characters.
Chinese puts no spaces between words, so a whole clause is one word: it jumps to the next line
whole, leaving the line before half empty ("无法读取这个答案：'1x2x3'" then the rest of the
sentence below it). CJK typography allows a break between any two characters, except that
closing punctuation (，。）」…) never starts a line and opening punctuation (（「…) never ends
one.

:func:`install` gives Rich's wrapper that notion of a word: a single CJK character with the
opening punctuation before it and the closing punctuation after it, or a run of other
non-space characters (with closing punctuation after it), plus the spaces that follow.
Text without CJK characters is cut into exactly the words it was before, so English layout
is unchanged. It replaces one module-level pattern of Rich (``rich._wrap.re_word``, read by
``rich._wrap.words`` on every call, which ``divide_line`` and so Textual's ``Content.wrap``
use); tests/tui/test_cjkwrap.py fails loudly if a Rich or Textual upgrade stops using it.
"""

from __future__ import annotations

import re

# Han, kana, Hangul, CJK symbols and punctuation, fullwidth forms (double width in terminals)
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff" \
       "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_OPEN = "（［｛〔〈《「『【〖“‘"
_CLOSE = "，。、；：！？）］｝〕〉》」』】〗”’…—％"
WORD = re.compile(
    rf"\s*(?:[{_OPEN}]*(?:[^\s{_CJK}]+|[{_CJK}])[{_CLOSE}]*|\S)\s*"
)


def install() -> None:
    """Make Rich (and so Textual) wrap CJK text between characters; safe to call twice."""
    import rich._wrap

    rich._wrap.re_word = WORD
