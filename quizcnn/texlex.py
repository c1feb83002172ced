"""The one tokenizer of the bank's LaTeX math subset.

Both renderers read math through it: ``quizcnn.mathtext`` (Unicode for the terminal and the
HTML page) and ``quizcnn.printing.texmath`` (Typst for PDF). A token is
``(kind, text, start, end)`` with ``src[start:end]`` the source it came from:

- ``cmd``: a control word (``\\frac`` -> ``frac``: ASCII letters, as in TeX) or a control
  symbol (``\\{`` -> ``{``; a lone trailing backslash -> ``\\``);
- ``open`` / ``close``: ``{`` and ``}``; ``script``: ``^`` or ``_``;
- ``num``: digits with a decimal point and thousands groups written ``1,234`` or
  ``1{,}234`` (text ``1,234``);
- ``space``: a run of white space (only with ``spaces=True``);
- ``char``: any other single character.

It only splits text; nothing is looked up, executed or evaluated.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Token(NamedTuple):
    kind: str
    text: str
    start: int
    end: int


_GROUP = re.compile(r"\d{3}(?!\d)")


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _number_end(src: str, i: int) -> int:
    """End of a number: digits, a decimal point, thousands groups written 1,234 or 1{,}234."""
    j, n = i, len(src)
    while j < n:
        if src[j].isdigit() or (src[j] == "." and j + 1 < n and src[j + 1].isdigit()):
            j += 1
        elif src.startswith(",", j) and _GROUP.match(src, j + 1):
            j += 1
        elif src.startswith("{,}", j) and _GROUP.match(src, j + 3):
            j += 3
        else:
            break
    return j


def tokenize(src: str, *, spaces: bool = False) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(src)
    while i < n:
        start, ch = i, src[i]
        if ch.isspace():
            while i < n and src[i].isspace():
                i += 1
            if spaces:
                out.append(Token("space", " ", start, i))
            continue
        if ch == "\\":
            j = i + 1
            if j < n and _is_letter(src[j]):
                while j < n and _is_letter(src[j]):
                    j += 1
                out.append(Token("cmd", src[i + 1:j], start, j))
                i = j
            else:
                out.append(Token("cmd", src[j] if j < n else "\\", start, min(j + 1, n)))
                i = j + 1
            continue
        if ch in "{}":
            kind = "open" if ch == "{" else "close"
        elif ch in "^_":
            kind = "script"
        elif ch.isdigit():
            j = _number_end(src, i)
            out.append(Token("num", src[i:j].replace("{,}", ","), start, j))
            i = j
            continue
        else:
            kind = "char"
        out.append(Token(kind, ch, start, i + 1))
        i += 1
    return out
