"""Bank Markdown -> a small document tree that each printer renders with its own escaping.

Parsing once with markdown-it-py and rendering from this tree keeps every output format
safe by construction: text from a bank file only ever reaches a printer as a ``Text`` or
``Code`` string, which the printer escapes; raw HTML in the source becomes visible text;
links keep their URL as text and are never made active.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

# ---- inline nodes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Math:
    tex: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class Break:
    hard: bool = False


Inline = Text | Code | Math | Strong | Emph | Link | Break

# ---- block nodes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str
    lang: str = ""


@dataclass(frozen=True)
class MathBlock:
    tex: str


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class Quote:
    children: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...] = field(default=())


@dataclass(frozen=True)
class Rule:
    pass


Block = Para | Heading | CodeBlock | MathBlock | ListBlock | Quote | Table | Rule


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    from quizcnn.cjkbreaks import drop_soft_breaks

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(dollarmath_plugin, double_inline=True, allow_space=True, allow_digits=True)
    md.core.ruler.push("quizcnn_cjk_breaks", drop_soft_breaks)  # "卷积核\n覆盖": no space
    return md


# Terminal escapes and other control characters from a bank file never reach a printed set.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ONE_MATH = re.compile(r"\$([^$\n\\]|\\.)+\$")


@lru_cache(maxsize=8192)
def parse(source: str) -> tuple[Block, ...]:
    """Parse Markdown (with ``$...$`` / ``$$...$$`` math) into blocks.

    Cached: solution steps and answers repeat across a printed set.
    """
    from markdown_it.tree import SyntaxTreeNode

    source = _CONTROL.sub("", source or "")
    if not source.strip():
        return ()
    if _ONE_MATH.fullmatch(source) and "$$" not in source:
        return (Para((Math(source[1:-1].strip()),)),)
    tree = SyntaxTreeNode(_parser().parse(source))
    return tuple(b for node in tree.children for b in _block(node))


def _block(node: SyntaxTreeNode) -> list[Block]:
    t = node.type
    if t == "paragraph":
        return [Para(_inlines(node.children[0]))] if node.children else []
    if t == "heading":
        return [Heading(int(node.tag[1:]), _inlines(node.children[0]) if node.children else ())]
    if t in ("fence", "code_block"):
        return [CodeBlock(node.content, (node.info or "").split(" ")[0])]
    if t in ("math_block", "math_block_label"):
        return [MathBlock(node.content.strip())]
    if t in ("bullet_list", "ordered_list"):
        items = tuple(
            tuple(b for child in item.children for b in _block(child)) for item in node.children
        )
        start = int(node.attrs.get("start", 1) or 1) if t == "ordered_list" else 1
        return [ListBlock(t == "ordered_list", items, start)]
    if t == "blockquote":
        return [Quote(tuple(b for child in node.children for b in _block(child)))]
    if t == "table":
        return [_table(node)]
    if t == "hr":
        return [Rule()]
    if t == "html_block":
        return [Para((Text(node.content.rstrip("\n")),))]
    # Anything unexpected is kept as its visible text.
    text = node.content or ""
    return [Para((Text(text),))] if text else []


def _table(node: SyntaxTreeNode) -> Table:
    header: tuple[tuple[Inline, ...], ...] = ()
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    for section in node.children:
        for tr in section.children:
            cells = tuple(_inlines(cell.children[0]) if cell.children else () for cell in tr.children)
            if section.type == "thead":
                header = cells
            else:
                rows.append(cells)
    return Table(header, tuple(rows))


def _inlines(inline_node: SyntaxTreeNode) -> tuple[Inline, ...]:
    return tuple(_inline(child) for child in inline_node.children)


def _inline(node: SyntaxTreeNode) -> Inline:
    t = node.type
    if t == "text":
        return Text(node.content)
    if t == "code_inline":
        return Code(node.content)
    if t in ("math_inline", "math_inline_double"):
        return Math(node.content.strip())
    if t == "strong":
        return Strong(tuple(_inline(c) for c in node.children))
    if t == "em":
        return Emph(tuple(_inline(c) for c in node.children))
    if t == "link":
        return Link(tuple(_inline(c) for c in node.children), str(node.attrs.get("href", "")))
    if t == "image":
        alt = "".join(plain(_inline(c)) for c in node.children) or "image"
        return Text(f"[{alt}: {node.attrs.get('src', '')}]")
    if t == "softbreak":
        return Break(False)
    if t == "hardbreak":
        return Break(True)
    # html_inline and anything unknown: shown as the characters the author typed.
    return Text(node.content or "")


def plain(node: Inline | Block) -> str:
    """The node's text without markup (math as its source)."""
    match node:
        case Text(text=s) | Code(text=s):
            return s
        case Math(tex=s) | MathBlock(tex=s):
            return s
        case Strong(children=c) | Emph(children=c) | Para(children=c) | Heading(children=c):
            return "".join(plain(x) for x in c)
        case Link(children=c, url=u):
            return "".join(plain(x) for x in c) + f" ({u})"
        case Break():
            return " "
        case CodeBlock(text=s):
            return s
        case ListBlock(items=items):
            return "\n".join(" ".join(plain(b) for b in item) for item in items)
        case Quote(children=c):
            return "\n".join(plain(b) for b in c)
        case Table(header=h, rows=rows):
            return "\n".join(
                " | ".join("".join(plain(x) for x in cell) for cell in row) for row in (h, *rows)
            )
    return ""


@lru_cache(maxsize=8192)
def parse_inline(text: str) -> tuple[Inline, ...]:
    """A short Markdown string (an answer, a solution step) as one line of inline nodes."""
    out: list[Inline] = []
    for block in parse(text):
        if out:
            out.append(Break(True))
        if isinstance(block, Para | Heading):
            out += block.children
        elif isinstance(block, MathBlock):
            out.append(Math(block.tex))
        else:
            out.append(Text(plain(block)))
    return tuple(out)


def split_answer(text: str) -> tuple[tuple[Inline, ...], tuple[Block, ...]]:
    """An answer's first paragraph (shown after "Answer:") and the blocks that follow it."""
    parsed = parse(text)
    if parsed and isinstance(parsed[0], Para):
        return parsed[0].children, parsed[1:]
    return (), parsed
