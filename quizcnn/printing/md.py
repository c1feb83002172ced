"""A practice set as Markdown, for pasting into notes.

The bank's Markdown structure passes through (paragraphs, lists, code, tables, math as
``$...$``), re-emitted from the parsed tree; text is escaped so that raw HTML, link tricks
and stray markup from a bank file show as the characters the author typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizcnn.printing import ir, labels
from quizcnn.printing.model import Item, PracticeSet, choice_letter

# escaped wherever they are: emphasis, code, links, raw HTML, entities, math, tables, strike
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$&])")
# markers that start a block only at the start of a line: heading, list, quote, setext line
_LINE_START = re.compile(r"^( {0,3})(?:([#+=-])|(\d{1,9})([.)]))", re.MULTILINE)


def esc(text: str) -> str:
    """Escape Markdown (and inline HTML) metacharacters in plain text: only the characters
    that would be markup where they stand (``2026-12-03`` and ``(1)`` stay as written)."""
    return _SPECIAL.sub(r"\\\1", text)


def line_starts(text: str) -> str:
    """Escape a block marker (``#``, ``-``, ``+``, ``=``, ``1.``) that begins a line of a
    paragraph, where it would start a heading or a list."""
    def fix(m: re.Match[str]) -> str:
        if m[2]:
            return f"{m[1]}\\{m[2]}"
        return f"{m[1]}{m[3]}\\{m[4]}"

    return _LINE_START.sub(fix, text)


def _code(text: str) -> str:
    ticks = "`"
    while ticks in text:
        ticks += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def math_text(tex: str) -> str:
    """TeX as written, but inert outside a math renderer: '<' and '>' become TeX's ``\\lt`` and
    ``\\gt`` (so ``$a<img onerror=...>$`` or ``</div><script>`` in a bank file never reaches
    a Markdown viewer as raw HTML), and a dollar, which would end the math, is escaped."""
    return tex.replace("$", "\\$").replace("<", "\\lt ").replace(">", "\\gt ")


def _math(tex: str) -> str:
    return "$" + math_text(tex) + "$"


def inlines(nodes: tuple[ir.Inline, ...]) -> str:
    return "".join(_inline(n) for n in nodes)


def _inline(node: ir.Inline) -> str:
    match node:
        case ir.Text(text=t):
            return esc(t)
        case ir.Code(text=t):
            return _code(t)
        case ir.Math(tex=t):
            return _math(t)
        case ir.Strong(children=c):
            return f"**{inlines(c)}**"
        case ir.Emph(children=c):
            return f"*{inlines(c)}*"
        case ir.Link(children=c, url=u):
            return f"{inlines(c)} ({_code(u)})"
        case ir.Break(hard=h):
            return "  \n" if h else "\n"
    return ""


def blocks(nodes: tuple[ir.Block, ...], indent: str = "") -> str:
    out = [_block(b, indent) for b in nodes]
    return "\n\n".join(x for x in out if x)


def _block(node: ir.Block, indent: str) -> str:
    match node:
        case ir.Para(children=c) | ir.Heading(children=c):
            text = line_starts(inlines(c)) if isinstance(node, ir.Para) else f"**{inlines(c)}**"
            return "\n".join(indent + line for line in text.split("\n"))
        case ir.CodeBlock(text=t):
            fence = "```"
            while fence in t:
                fence += "`"
            body = "\n".join(indent + line for line in t.rstrip("\n").split("\n"))
            return f"{indent}{fence}\n{body}\n{indent}{fence}"
        case ir.MathBlock(tex=t):
            body = "\n".join(indent + line for line in math_text(t).split("\n"))
            return f"{indent}$$\n{body}\n{indent}$$"
        case ir.ListBlock(ordered=o, items=items, start=s):
            lines = []
            for i, item in enumerate(items):
                mark = f"{s + i}." if o else "-"
                sub = blocks(item, indent + " " * (len(mark) + 1))
                lines.append(indent + mark + " " + sub[len(indent) + len(mark) + 1 :])
            return "\n".join(lines)
        case ir.Quote(children=c):
            return "\n".join(indent + "> " + line for line in blocks(c).split("\n"))
        case ir.Table(header=h, rows=rows):
            ncol = max(1, len(h), *(len(r) for r in rows))

            def row(given: Sequence[tuple[ir.Inline, ...]]) -> str:
                cells = list(given)[:ncol] + [()] * (ncol - len(given))
                return indent + "| " + " | ".join(inlines(c).replace("\n", " ") for c in cells) + " |"

            return "\n".join([row(h), indent + "|" + "---|" * ncol, *(row(r) for r in rows)])
        case ir.Rule():
            return indent + "---"
    return ""


def render(ps: PracticeSet, *, include_key: bool = True, key_only: bool = False) -> str:
    out = [f"# {esc(labels.heading(ps, key_only))}", ""]
    for line in labels.facts(ps):  # one paragraph per language
        out += [esc(line), ""]
    if not key_only:
        for n, item in enumerate(ps.items, 1):
            out += _problem(ps, n, item)
    if include_key or key_only:
        out += [f"## {esc(labels.key_heading(ps))}", ""]
        for n, item in enumerate(ps.items, 1):
            out += _answer(ps, n, item)
    return "\n".join(out).rstrip("\n") + "\n"


def _problem(ps: PracticeSet, n: int, item: Item) -> list[str]:
    out = [f"### {n}.", ""]
    for lang in ps.langs:
        if lang not in item.prompt.by_lang and lang != ps.langs[0]:
            continue
        out += [blocks(ir.parse(item.prompt.get(lang))), ""]
        for i, choice in enumerate(item.choices.get(lang, ())):
            out.append(f"- **{choice_letter(i)}.** {inlines(ir.parse_inline(choice))}")
        if item.choices.get(lang):
            out.append("")
    return out


def _answer(ps: PracticeSet, n: int, item: Item) -> list[str]:
    out = [f"**{n}.**", ""]
    for lang in ps.langs:
        if lang not in item.answer.by_lang and lang != ps.langs[0]:
            continue
        lead, rest = ir.split_answer(item.answer.get(lang))
        out += [f"{labels.answer(lang)}{inlines(lead)}", ""]
        if rest:
            out += [blocks(rest), ""]
        steps = item.steps.get(lang) or item.steps.get("en") or ()
        for i, s in enumerate(steps, 1):
            parts = [inlines(ir.parse_inline(p)) for p in (s.formula, s.substitution, s.result) if p]
            out.append(f"{i}. {inlines(ir.parse_inline(s.title))}{labels.colon(lang)}"
                       + " → ".join(parts))
        if steps:
            out.append("")
        points = item.points(lang)
        if points:
            out += [f"**{labels.key_points(lang)}**", ""]
            out += [f"- {inlines(ir.parse_inline(p))}" for p in points] + [""]
        if item.explanation:
            out += [blocks(ir.parse(item.explanation.get(lang))), ""]
    return out

