"""A practice set as one self-contained HTML file (inline CSS, no external references).

Every string from a bank file or a problem goes through ``html.escape``; math is shown as
Unicode text; links are printed as text with their URL, never made active.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from quizcnn.printing import ir
from quizcnn.printing.model import Item, PracticeSet
from quizcnn.printing.words import word

CSS = """
:root { --ink: #1d232b; --muted: #5b6570; --rule: #d5dae0; --accent: #2f5d8a; --soft: #f4f6f9; }
* { box-sizing: border-box; }
body { font: 16px/1.5 "Noto Serif", "Noto Serif CJK SC", Georgia, serif; color: var(--ink);
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
header { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: .5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
.meta { color: var(--muted); margin: 0; font-size: .9rem; }
.name { margin-top: .75rem; }
.name span { display: inline-block; min-width: 14rem; border-bottom: 1px solid var(--muted); }
ol.problems, ol.answers { padding-left: 1.75rem; }
li.problem, li.answer { margin-bottom: 1.25rem; break-inside: avoid; page-break-inside: avoid; }
li.problem::marker, li.answer::marker { font-weight: bold; }
.lang-zh { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }
.translation { color: var(--muted); border-left: 3px solid var(--rule); padding-left: .75rem; }
ol.choices { list-style: upper-alpha; padding-left: 1.75rem; }
.work { border: 1px dashed var(--rule); border-radius: 4px; margin-top: .5rem; }
code, pre { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; font-size: .88em; }
code { background: var(--soft); padding: 0 .2em; border-radius: 3px; }
pre { background: var(--soft); padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; }
.math { font-family: "DejaVu Serif", "Noto Serif", serif; font-style: italic; white-space: nowrap; }
.math-block { display: block; text-align: center; margin: .5rem 0; white-space: normal; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--rule); padding: .2rem .5rem; }
.url { color: var(--muted); font-size: .85em; word-break: break-all; }
.key { break-before: page; page-break-before: always; margin-top: 3rem; }
.answer-line { margin: 0 0 .3rem; }
.answer-line strong { color: var(--accent); }
ol.steps { margin: .25rem 0; padding-left: 1.5rem; }
.steps .formula { color: var(--muted); }
.arrow { color: var(--accent); padding: 0 .2em; }
.explanation { margin-top: .3rem; }
.key-points p { margin: .3rem 0 0; }
.key-points ul { margin: .1rem 0 0; padding-left: 1.4rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
}
"""


def render(ps: PracticeSet, *, include_key: bool = True, key_only: bool = False) -> str:
    first = ps.langs[0]
    page = f"@page {{ size: {'A4' if ps.paper == 'a4' else 'letter'}; margin: 18mm 16mm; }}"
    parts = [
        "<!doctype html>",
        f'<html lang="{"zh-Hans" if first == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(ps.title)} ({escape(word(first, 'version'))} {escape(ps.version)})</title>",
        f"<style>{CSS}{page}</style>",
        "</head>",
        "<body>",
        _header(ps, key_only),
    ]
    if not key_only:
        parts.append('<ol class="problems">')
        parts += [_problem(ps, item) for item in ps.items]
        parts.append("</ol>")
    if include_key or key_only:
        parts.append(_key(ps, key_only))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _header(ps: PracticeSet, key_only: bool) -> str:
    lang = ps.langs[0]
    title = escape(ps.title) + (f" · {escape(word(lang, 'key'))}" if key_only else "")
    meta = (
        f"{escape(word(lang, 'version'))} {escape(ps.version)} · {escape(word(lang, 'seed'))} "
        f"{ps.seed} · {escape(ps.date)} · {len(ps.items)} {escape(word(lang, 'problems'))}"
    )
    name = "" if key_only else f'<p class="name">{escape(word(lang, "name") + word(lang, "colon"))}<span></span></p>'
    return f'<header><h1>{title}</h1><p class="meta">{meta}</p>{name}</header>'


def _problem(ps: PracticeSet, item: Item) -> str:
    out = [f'<li class="problem" id="p{escape(ps.version)}-{_idx(ps, item)}">']
    for n, lang in enumerate(ps.langs):
        if n and lang not in item.prompt.by_lang:
            continue
        cls = f"lang-{lang}" + (" translation" if n else "")
        out.append(f'<div class="{cls}" lang="{_lang_attr(lang)}">')
        out.append(blocks(ir.parse(item.prompt.get(lang))))
        shown = item.choices.get(lang)
        if shown:
            out.append('<ol class="choices">')
            out += [f"<li>{inlines(ir.parse_inline(c))}</li>" for c in shown]
            out.append("</ol>")
        out.append("</div>")
    if not item.choices:
        out.append(f'<div class="work" style="height: {item.space_lines * 1.5:.1f}rem"></div>')
    out.append("</li>")
    return "\n".join(out)


def _key(ps: PracticeSet, key_only: bool) -> str:
    lang = ps.langs[0]
    cls = "key" if not key_only else "key-only"
    out = [
        f'<section class="{cls}"><h2>{escape(word(lang, "key"))} · '
        f"{escape(word(lang, 'version'))} {escape(ps.version)}</h2>",
        '<ol class="answers">',
    ]
    for item in ps.items:
        out.append('<li class="answer">')
        for n, lg in enumerate(ps.langs):
            if n and lg not in item.answer.by_lang:
                continue
            cls2 = f"lang-{lg}" + (" translation" if n else "")
            out.append(f'<div class="{cls2}" lang="{_lang_attr(lg)}">')
            lead, rest = ir.split_answer(item.answer.get(lg))
            out.append(
                f'<p class="answer-line"><strong>{escape(word(lg, "answer") + word(lg, "colon"))}</strong>'
                f"{inlines(lead)}</p>"
            )
            if rest:
                out.append(blocks(rest))
            steps = item.steps.get(lg) or item.steps.get("en") or ()
            if steps:
                out.append('<ol class="steps">')
                for s in steps:
                    parts = [inlines(ir.parse_inline(x)) for x in (s.formula, s.substitution,
                                                                   s.result) if x]
                    chain = ' <span class="arrow">→</span> '.join(parts)
                    out.append(f"<li>{inlines(ir.parse_inline(s.title))}{escape(word(lg, 'colon'))}"
                               f'<span class="formula">{chain}</span></li>')
                out.append("</ol>")
            points = item.points(lg)
            if points:
                out.append(f'<div class="key-points"><p><strong>{escape(word(lg, "key_points"))}'
                           "</strong></p>")
                out.append('<ul>' + "".join(f"<li>{inlines(ir.parse_inline(p))}</li>"
                                            for p in points) + "</ul></div>")
            if item.explanation:
                out.append('<div class="explanation">')
                out.append(blocks(ir.parse(item.explanation.get(lg))))
                out.append("</div>")
            out.append("</div>")
        out.append("</li>")
    out += ["</ol>", "</section>"]
    return "\n".join(out)


def _idx(ps: PracticeSet, item: Item) -> int:
    return ps.items.index(item) + 1


def _lang_attr(lang: str) -> str:
    return "zh-Hans" if lang == "zh" else "en"


@lru_cache(maxsize=8192)
def _math(tex: str) -> str:
    from quizcnn.mathtext import to_unicode

    return escape(to_unicode(tex))


def inlines(nodes: tuple[ir.Inline, ...]) -> str:
    return "".join(_inline(n) for n in nodes)


def _inline(node: ir.Inline) -> str:
    match node:
        case ir.Text(text=t):
            return escape(t)
        case ir.Code(text=t):
            return f"<code>{escape(t)}</code>"
        case ir.Math(tex=t):
            return f'<span class="math">{_math(t)}</span>'
        case ir.Strong(children=c):
            return f"<strong>{inlines(c)}</strong>"
        case ir.Emph(children=c):
            return f"<em>{inlines(c)}</em>"
        case ir.Link(children=c, url=u):
            return f'{inlines(c)} <span class="url">({escape(u)})</span>'
        case ir.Break(hard=h):
            return "<br>" if h else "\n"
    return ""


def blocks(nodes: tuple[ir.Block, ...]) -> str:
    return "\n".join(_block(b) for b in nodes)


def _block(node: ir.Block) -> str:
    match node:
        case ir.Para(children=c):
            return f"<p>{inlines(c)}</p>"
        case ir.Heading(children=c):
            return f"<p><strong>{inlines(c)}</strong></p>"
        case ir.CodeBlock(text=t):
            return f"<pre><code>{escape(t)}</code></pre>"
        case ir.MathBlock(tex=t):
            return f'<p class="math math-block">{_math(t)}</p>'
        case ir.ListBlock(ordered=o, items=items, start=s):
            tag = "ol" if o else "ul"
            start = f' start="{int(s)}"' if o and s != 1 else ""
            body = "".join(f"<li>{blocks(item)}</li>" for item in items)
            return f"<{tag}{start}>{body}</{tag}>"
        case ir.Quote(children=c):
            return f"<blockquote>{blocks(c)}</blockquote>"
        case ir.Table(header=h, rows=rows):
            head = "".join(f"<th>{inlines(cell)}</th>" for cell in h)
            body = "".join(
                "<tr>" + "".join(f"<td>{inlines(cell)}</td>" for cell in row) + "</tr>"
                for row in rows
            )
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        case ir.Rule():
            return "<hr>"
    return ""
