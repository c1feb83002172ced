"""What both layer-text parsers share: size limits, guards that run before :func:`ast.parse`,
error snippets, comment stripping and the fixes for text pasted from web pages."""

from __future__ import annotations

import ast
import re
from typing import Literal, overload

from quizcnn.core.errors import ParseError

MAX_LAYER_CHARS = 5_000
MAX_TEXT_CHARS = 400_000
MAX_LAYERS = 5_000
MAX_BRACKET_DEPTH = 24
MAX_VALUE_DEPTH = 3  # Conv2d(..., padding=((1, 1),)) is already more than PyTorch takes
MAX_DIGITS = 9
MAX_ARITH_DEPTH = 10  # operators nested in one argument (16 * 5 * 5 is 2)
MAX_ARITH_VALUE = 10**9
MAX_SHAPE_DIM = 10_000_000

# a long run of digits that is not the fraction of a float (momentum=0.010000000000000009 is
# what print(model) shows for some ported models; the float's value is checked after parsing)
_DIGIT_RUN = re.compile(r"(?<![\w.])\d[\d_]{" + str(MAX_DIGITS) + r",}(?![\w.])")
_SIGN_RUN = re.compile(r"(?:[-+~]\s*){3,}")
PRINT_PREFIX = re.compile(r"\s*\(([^()\s]{1,100})\):\s*")
# control characters in an error snippet become "?" (core imports nothing above it; what the
# shells print is cleaned again by quizcnn.termtext)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")

# Text copied from web pages and documents: odd spaces and typographic quotes, one char each,
# so columns in messages stay right.
PASTE_FIXES = str.maketrans(
    {
        "\ufeff": " ",
        "\xa0": " ",
        "\u202f": " ",
        "\u3000": " ",
        **{chr(c): " " for c in range(0x2000, 0x200B)},
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)


def snippet(text: str, limit: int = 60) -> str:
    flat = " ".join(_CONTROL.sub("?", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def parse_error(
    message: str, text: str | None = None, line: int | None = None, rule: str = "parse"
) -> ParseError:
    return ParseError(message, layer=None if text is None else snippet(text), rule=rule, line=line)


def _bracket_depth(text: str) -> int:
    depth = best = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            best = max(best, depth)
        elif ch in ")]}":
            depth -= 1
    return best


def guard_text(text: str, limit: int, what: str) -> None:
    if not isinstance(text, str):
        raise parse_error(f"expected text, got {type(text).__name__}")
    if len(text) > limit:
        raise parse_error(f"{what} is {len(text):,} characters long; the limit is {limit:,}", text[:40])
    if "\x00" in text:
        raise parse_error("the text contains a NUL character", text)
    code = "\n".join(strip_comment(ln) for ln in text.splitlines())
    if _bracket_depth(code) > MAX_BRACKET_DEPTH:
        raise parse_error(f"brackets are nested more than {MAX_BRACKET_DEPTH} deep", text)
    m = _DIGIT_RUN.search(code)
    if m:
        raise parse_error(
            f"number too long (more than {MAX_DIGITS} digits): {snippet(m.group(), 20)}", text
        )
    m = _SIGN_RUN.search(code)
    if m:
        raise parse_error(f"too many signs in a row: {m.group().strip()!r}", text)


@overload
def ast_parse(source: str, mode: Literal["eval"], text: str, line: int | None = None,
              col0: int = 0) -> ast.Expression: ...
@overload
def ast_parse(source: str, mode: Literal["exec"], text: str, line: int | None = None,
              col0: int = 0) -> ast.Module: ...
def ast_parse(source: str, mode: Literal["eval", "exec"], text: str, line: int | None = None,
              col0: int = 0) -> ast.Expression | ast.Module:
    """ast.parse that only ever raises ParseError. ``line``: the line number of a one-line
    source inside a bigger text; ``line=0`` means the source is the whole multi-line text."""
    try:
        tree = ast.parse(source, mode=mode)
        assert isinstance(tree, ast.Expression | ast.Module)
        return tree
    except SyntaxError as e:
        lineno = e.lineno or 1
        col = (e.offset or 1) + (col0 if lineno == 1 else 0)
        msg = (e.msg or "invalid syntax").split(" (<unknown>")[0]
        where = lineno if line == 0 else line
        if line == 0:  # name the offending line, not the whole text
            rows = text.splitlines()
            text = rows[lineno - 1] if 0 < lineno <= len(rows) else text
        raise parse_error(f"column {col}: not valid layer syntax ({msg})", text, where) from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as e:
        raise parse_error(f"text too complex to read ({type(e).__name__})", text, line or None) from None


def strip_comment(line: str) -> str:
    quote = None
    for j, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            return line[:j]
    return line
