"""Soft line breaks in Chinese text: a wrapped source line must not become a space.

CommonMark turns a soft line break (a newline inside a paragraph) into a space, which is right
for English and wrong for Chinese: "卷积核" at the end of one line and "覆盖" at the start of
the next must read "卷积核覆盖", not "卷积核 覆盖". The rule is the one CSS Text uses for
segment breaks: the break disappears when the characters on both sides are East Asian wide,
full-width or half-width (Han, kana, CJK punctuation such as "，" and "。") and neither is
Hangul (Korean separates words with spaces); a break between a CJK and a Latin character, a
digit, code or math keeps its space, except next to full-width punctuation, which carries its
own spacing ("开销：" then "VGG-16" reads "开销：VGG-16", not "开销： VGG-16").

- :func:`drop_soft_breaks` is a markdown-it core rule: every parser that renders bank Markdown
  (the app's Markdown and inline views, the printed sets: HTML, PDF/Typst, Markdown) runs it,
  so the rule is applied once, on the token stream, never on code.
- :func:`join_lines` applies the same rule to Markdown source shown as text (the line-mode
  drill), only inside paragraphs (found with the block parser), so code blocks, tables and
  headings keep their lines.

Standard library at import; markdown-it is imported only when a source has a break to judge.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
# a quick test for text that may have a break to remove: a newline with a non-ASCII
# character on one side (Han, kana, CJK punctuation and full-width forms are all above U+2E80)
_CANDIDATE = re.compile("[\u2e80-\uffff\U00020000-\U0003ffff][ \t]*\n|\n[ \t>]*[\u2e80-\uffff\U00020000-\U0003ffff]")


def wide(ch: str) -> bool:
    """True for one East Asian wide, full-width or half-width character that is not Hangul."""
    return (
        len(ch) == 1
        and unicodedata.east_asian_width(ch) in ("W", "F", "H")
        and not _HANGUL.match(ch)
    )


def _wide_punctuation(ch: str) -> bool:
    return wide(ch) and unicodedata.category(ch)[0] == "P"


def joins(before: str, after: str) -> bool:
    """True when a soft break between text ending in ``before`` and text starting with
    ``after`` should vanish (both sides CJK, or either side full-width punctuation)."""
    if not before or not after:
        return False
    b, a = before[-1], after[0]
    return (wide(b) and wide(a)) or _wide_punctuation(b) or _wide_punctuation(a)


_MARKUP = ("_open", "_close")


def _edge(tokens: list[Any], start: int, step: int) -> str:
    """The character next to a break: the nearest text token's last (step -1) or first
    (step +1) character, looking through emphasis and link markers and empty text; "" when the neighbour
    is code, math, an image, another break or nothing."""
    i = start + step
    while 0 <= i < len(tokens):
        tok = tokens[i]
        if tok.type.endswith(_MARKUP) or (tok.type == "text" and not tok.content):
            i += step
            continue
        if tok.type == "text" and tok.content:
            text: str = tok.content  # markdown-it's Token.content
            return text[-1] if step < 0 else text[0]
        return ""
    return ""


def drop_soft_breaks(state: Any) -> None:
    """markdown-it core rule: remove each ``softbreak`` token between two CJK characters.

    Register after "inline" (``md.core.ruler.push("cjk_breaks", drop_soft_breaks)``); the
    text tokens on both sides are left as they are, so nothing else changes.
    """
    for block in state.tokens:
        children = block.children if block.type == "inline" else None
        if not children:
            continue
        keep = [
            tok
            for i, tok in enumerate(children)
            if not (tok.type == "softbreak"
                    and joins(_edge(children, i, -1), _edge(children, i, +1)))
        ]
        if len(keep) != len(children):
            block.children = keep


def _paragraph_lines(source: str) -> set[int]:
    """Indexes of the source lines that continue a paragraph (its first line excluded)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").disable("inline").parse(source)
    lines: set[int] = set()
    for tok in tokens:
        if tok.type == "paragraph_open" and tok.map:
            lines.update(range(tok.map[0] + 1, tok.map[1]))
    return lines


def join_lines(source: str) -> str:
    """Markdown source with each line break inside a paragraph removed where the line ends
    with a CJK character and the next starts with one (its indentation dropped too)."""
    if not _CANDIDATE.search(source):
        return source
    try:
        continuing = _paragraph_lines(source)
    except Exception:  # a parser bug: show the source as written
        return source
    lines = source.split("\n")
    out = [lines[0]]
    for n in range(1, len(lines)):
        line = lines[n]
        rest = line.lstrip(" \t")
        prev = out[-1].rstrip(" \t")
        if n in continuing and joins(prev, rest):
            out[-1] = prev + rest
        else:
            out.append(line)
    return "\n".join(out)


__all__ = ["drop_soft_breaks", "join_lines", "joins", "wide"]
