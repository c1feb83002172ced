"""The bank's LaTeX math subset -> Typst math source, through a whitelist.

Typst math is its own language, not LaTeX, and a Typst source can run code (``#read``,
``#import``). So this translator never passes author text through: every command it knows
maps to a fixed Typst spelling, letters and digits are re-emitted one by one, and anything
else (unknown commands, ``#``, quotes, non-ASCII) becomes a quoted Typst string, which Typst
shows as text. The result is safe to place between ``$ ... $`` in a generated source.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, TypeAlias

from quizcnn import mathtext
from quizcnn.texlex import tokenize

GREEK = {
    name: name
    for name in (
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho "
        "sigma tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon "
        "Phi Psi Omega"
    ).split()
}
GREEK |= {"varepsilon": "epsilon.alt", "varphi": "phi.alt", "vartheta": "theta.alt"}

SYMBOLS = {
    "times": "times",
    "cdot": "dot.op",
    "cdots": "dots.c",
    "ldots": "dots.h",
    "dots": "dots.h",
    "le": "<=",
    "leq": "<=",
    "ge": ">=",
    "geq": ">=",
    "ne": "!=",
    "neq": "!=",
    "approx": "approx",
    "to": "->",
    "rightarrow": "->",
    "leftarrow": "<-",
    "infty": "infinity",
    "pm": "plus.minus",
    "in": "in",
    "prod": "product",
    "sum": "sum",
    "lfloor": "floor.l",
    "rfloor": "floor.r",
    "lceil": "ceil.l",
    "rceil": "ceil.r",
    "lvert": "bar.v",
    "rvert": "bar.v",
    "mid": "bar.v",
    "{": "brace.l",
    "}": "brace.r",
    "%": '"%"',
    ",": "thin",
    ";": "med",
    ":": "med",
    " ": "space",
    "quad": "quad",
    "qquad": "wide",
    "\\": "\\ ",
    "min": "min",
    "max": "max",
    "log": "log",
    "ln": "ln",
    "exp": "exp",
    "sin": "sin",
    "cos": "cos",
    "tanh": "tanh",
    "arg": "arg",
    "left": "",
    "right": "",
    "big": "",
    "Big": "",
    "bigl": "",
    "bigr": "",
} | GREEK

TEXT_COMMANDS = set(mathtext.TEXT_COMMANDS)
PLAIN_CHARS = {
    "+": "+",
    "-": "-",
    "=": "=",
    "<": "<",
    ">": ">",
    "/": "slash",
    "(": "paren.l",
    ")": "paren.r",
    ",": "comma",
    ";": "semi",
    ":": "colon",
    "!": "!",
    "|": "bar.v",
    "'": "'",
    "*": "ast.op",
    "&": "",
    "[": "bracket.l",
    "]": "bracket.r",
    ".": ".",
}
UNICODE_OPS = {"⌊": "floor.l", "⌋": "floor.r", "⌈": "ceil.l", "⌉": "ceil.r", "‖": "bar.v.double",
               "⟨": "chevron.l", "⟩": "chevron.r", "−": "-", "×": "times", "·": "dot.op", "≤": "<=", "≥": ">=", "≠": "!=", "…": "dots.h"}


def typst_string(text: str) -> str:
    """A Typst string literal that shows ``text`` as it is."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0:
            continue
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@dataclass
class _Group:
    items: list[Node]


# a parsed piece of math: a {...} group, or a tuple whose first item names its kind
# (("num", text), ("frac", a, b), ("sqrt", body, index or None), ...)
Node: TypeAlias = "_Group | tuple[Any, ...]"


def _tokenize(src: str) -> tuple[list[tuple[str, str]], list[tuple[int, int]]]:
    """Tokens (``quizcnn.texlex``, white space dropped) and, for each, its (start, end)."""
    toks = tokenize(src)
    return [(t.kind, t.text) for t in toks], [(t.start, t.end) for t in toks]


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.tokens, self.spans = _tokenize(src)
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def sequence(self, depth: int = 0) -> list[Node]:
        items: list[Node] = []
        while (tok := self.peek()) is not None:
            if tok[0] == "close":
                if depth > 0:
                    return items
                self.take()
                items.append(("lit", "}"))
                continue
            items.append(self.atom(depth))
        return items

    def group_arg(self, depth: int) -> Node:
        tok = self.peek()
        if tok is None:
            return _Group([])
        if tok[0] == "open":
            self.take()
            inner = self.sequence(depth + 1)
            if self.peek() is not None:
                self.take()
            return _Group(inner)
        return self.atom(depth)

    def raw_arg(self) -> str:
        """The source text of a ``{...}`` argument, spaces kept (for \\text)."""
        tok = self.peek()
        if tok is None or tok[0] != "open":
            return ""
        start = self.spans[self.pos][1]
        self.take()
        level = 1
        while (tok := self.peek()) is not None:
            end = self.spans[self.pos][0]
            self.take()
            if tok[0] == "open":
                level += 1
            elif tok[0] == "close":
                level -= 1
                if level == 0:
                    return self.src[start:end]
        return self.src[start:]

    def optional_arg(self, depth: int) -> Node | None:
        """``[...]`` after a command (the index of \\sqrt[n]{x})."""
        tok = self.peek()
        if tok is None or tok != ("char", "["):
            return None
        self.take()
        items: list[Node] = []
        while (tok := self.peek()) is not None and tok != ("char", "]"):
            items.append(self.atom(depth))
        if tok is not None:
            self.take()
        return _Group(items)

    def atom(self, depth: int) -> Node:
        kind, val = self.take()
        if kind == "open":
            inner = self.sequence(depth + 1)
            if self.peek() is not None:
                self.take()
            return _Group(inner)
        if kind == "script":
            return ("script", val, self.group_arg(depth))
        if kind == "cmd":
            if val == "frac" or val == "dfrac" or val == "tfrac":
                return ("frac", self.group_arg(depth), self.group_arg(depth))
            if val == "sqrt":
                index = self.optional_arg(depth)
                return ("sqrt", self.group_arg(depth), index)
            if val in TEXT_COMMANDS:
                return ("text", self.raw_arg())
            if val == "mathbb":
                return ("text", "".join(mathtext.BLACKBOARD.get(c, c) for c in self.raw_arg()))
            return ("cmd", val)
        return (kind, val)


def _bare_or_quoted(ch: str) -> str:
    """A non-ASCII character: symbols and letters stand bare in Typst math, the rest quoted."""
    if ch in UNICODE_OPS:
        return UNICODE_OPS[ch]
    cat = unicodedata.category(ch)
    if not ch.isascii() and cat[0] in "LSPN" and cat not in ("Ps", "Pe", "Pi", "Pf"):
        return ch
    return typst_string(ch) if ch.isprintable() and not ch.isspace() else ""


def _from_unicode(text: str) -> str:
    """A symbol the terminal renderer knows (as Unicode), spelled for Typst math."""
    if not text.strip():
        return "space" if text else ""
    if text.isascii() and text.isalpha():
        return f"op({typst_string(text)})"
    if len(text) == 1:
        return PLAIN_CHARS.get(text) or _bare_or_quoted(text)
    return typst_string(text)


def _emit(node: Node, *, wrap: bool = False) -> str:
    if isinstance(node, _Group):
        inner = _emit_seq(node.items)
        return f"({inner})" if wrap else inner
    kind = node[0]
    if kind == "num":
        return typst_string(node[1]) if "," in node[1] else node[1]
    if kind == "char":
        ch: str = node[1]
        if ch.isascii() and ch.isalpha():
            return ch
        if ch in PLAIN_CHARS:
            return PLAIN_CHARS[ch]
        if ch in UNICODE_OPS:
            return UNICODE_OPS[ch]
        return _bare_or_quoted(ch)
    if kind == "lit":
        return typst_string(node[1])
    if kind == "cmd":
        name = node[1]
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in mathtext.SYMBOLS:
            return _from_unicode(mathtext.SYMBOLS[name])
        return typst_string("\\" + name)
    if kind == "frac":
        return f"frac({_arg(node[1])}, {_arg(node[2])})"
    if kind == "sqrt":
        if node[2] is not None:
            return f"root({_arg(node[2])}, {_arg(node[1])})"
        return f"sqrt({_arg(node[1])})"
    if kind == "text":
        return f"upright({typst_string(node[1])})"
    if kind == "script":
        return '""' + _script(node)
    return ""


def _script(node: tuple[Any, ...]) -> str:
    name: str = node[1]  # "_" or "^"
    return name + "(" + _arg(node[2]) + ")"


def _arg(node: Node) -> str:
    """An argument in parentheses: never empty, and never ending in a line-break backslash."""
    text = _emit(node).strip()
    if not text:
        return '""'
    return text + " " if text.endswith("\\") else text


def _emit_seq(items: list[Node]) -> str:
    parts: list[str] = []
    scripts: list[set[str]] = []  # which of "^" and "_" each part already carries
    for item in items:
        if isinstance(item, tuple) and item[0] == "script":
            # one sub- and one superscript per base, as in LaTeX; a repeat gets an empty base
            if not parts or item[1] in scripts[-1]:
                parts.append('""')
                scripts.append(set())
            parts[-1] += _script(item)
            scripts[-1].add(item[1])
            continue
        text = _emit(item)
        if text:
            parts.append(text)
            scripts.append(set())
    return " ".join(parts)


def to_typst(latex: str) -> str:
    """Translate one math span (without the dollars) to Typst math source."""
    try:
        return _emit_seq(_Parser(latex).sequence())
    except RecursionError:
        return typst_string(latex)
