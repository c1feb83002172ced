"""A practice set as one self-contained HTML file (inline CSS, no external references).

Built from :class:`quizcnn.htmltext.Html` templates, so every string from a bank file or a
problem is escaped as it is put in (no escape call to forget); math is shown as Unicode text;
links are printed as text with their URL, never made active.
"""

from __future__ import annotations

from functools import lru_cache

from quizcnn.htmltext import Html
from quizcnn.printing import ir, labels
from quizcnn.printing.model import Item, PracticeSet

CSS = Html("""
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
pre code { padding: 0; background: none; }
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
""")


NL = Html("\n")


def render(ps: PracticeSet, *, include_key: bool = True, key_only: bool = False) -> str:
    first = ps.langs[0]
    page = Html("@page {{ size: {}; margin: 18mm 16mm; }}").format(
        "A4" if ps.paper == "a4" else "letter")
    parts = [
        Html("<!doctype html>"),
        Html('<html lang="{}">').format(_lang_attr(first)),
        Html("<head>"),
        Html('<meta charset="utf-8">'),
        Html('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        Html("<title>{}</title>").format(labels.html_title(ps)),
        Html("<style>{}{}</style>").format(CSS, page),
        Html("</head>"),
        Html("<body>"),
        _header(ps, key_only),
    ]
    if not key_only:
        parts.append(Html('<ol class="problems">'))
        parts += [_problem(ps, n, item) for n, item in enumerate(ps.items, 1)]
        parts.append(Html("</ol>"))
    if include_key or key_only:
        parts.append(_key(ps, key_only))
    parts += [Html("</body>"), Html("</html>"), Html("")]
    return str(NL.join(parts))


def _header(ps: PracticeSet, key_only: bool) -> Html:
    title = Html("{}").format(labels.heading(ps, key_only))
    facts = Html("").join(
        Html('<p class="meta"{}>{}</p>').format(
            Html("") if len(ps.langs) == 1 else Html(' lang="{}"').format(_lang_attr(lang)), line)
        for lang, line in zip(ps.langs, labels.facts(ps), strict=True))
    name = Html("") if key_only else Html('<p class="name">{}<span></span></p>').format(
        labels.name(ps))
    return Html("<header><h1>{}</h1>{}{}</header>").format(title, facts, name)


# What is drawn once per problem uses ``%`` (formatting in C), cheaper than ``.format``;
# both escape their arguments alike.


def _problem(ps: PracticeSet, number: int, item: Item) -> Html:
    out = [Html('<li class="problem" id="p%s-%s">') % (ps.version, number)]
    for n, lang in enumerate(ps.langs):
        if n and lang not in item.prompt.by_lang:
            continue
        out.append(_lang_div(lang, translation=bool(n)))
        out.append(blocks(ir.parse(item.prompt.get(lang))))
        shown = item.choices.get(lang)
        if shown:
            out.append(Html('<ol class="choices">'))
            out += [Html("<li>%s</li>") % inlines(ir.parse_inline(c)) for c in shown]
            out.append(Html("</ol>"))
        out.append(Html("</div>"))
    if not item.choices:
        out.append(Html('<div class="work" style="height: %.1frem"></div>')
                   % (item.space_lines * 1.5))
    out.append(Html("</li>"))
    return NL.join(out)


def _lang_div(lang: str, *, translation: bool) -> Html:
    return Html('<div class="lang-%s%s" lang="%s">') % (
        lang, " translation" if translation else "", _lang_attr(lang))


def _key(ps: PracticeSet, key_only: bool) -> Html:
    out = [
        Html('<section class="%s"><h2>%s</h2>') % (
            "key" if not key_only else "key-only", labels.key_heading(ps)),
        Html('<ol class="answers">'),
    ]
    for item in ps.items:
        out.append(Html('<li class="answer">'))
        for n, lg in enumerate(ps.langs):
            if n and lg not in item.answer.by_lang:
                continue
            out.append(_lang_div(lg, translation=bool(n)))
            lead, rest = ir.split_answer(item.answer.get(lg))
            out.append(Html('<p class="answer-line"><strong>%s</strong>%s</p>') % (
                labels.answer(lg), inlines(lead)))
            if rest:
                out.append(blocks(rest))
            steps = item.steps.get(lg) or item.steps.get("en") or ()
            if steps:
                out.append(Html('<ol class="steps">'))
                for s in steps:
                    parts = [inlines(ir.parse_inline(x)) for x in (s.formula, s.substitution,
                                                                   s.result) if x]
                    chain = Html(' <span class="arrow">→</span> ').join(parts)
                    out.append(Html('<li>%s%s<span class="formula">%s</span></li>') % (
                        inlines(ir.parse_inline(s.title)), labels.colon(lg), chain))
                out.append(Html("</ol>"))
            points = item.points(lg)
            if points:
                out.append(Html('<div class="key-points"><p><strong>%s</strong></p>')
                           % labels.key_points(lg))
                out.append(Html("<ul>%s</ul></div>") % Html("").join(
                    Html("<li>%s</li>") % inlines(ir.parse_inline(p)) for p in points))
            if item.explanation:
                out.append(Html('<div class="explanation">'))
                out.append(blocks(ir.parse(item.explanation.get(lg))))
                out.append(Html("</div>"))
            out.append(Html("</div>"))
        out.append(Html("</li>"))
    out += [Html("</ol>"), Html("</section>")]
    return NL.join(out)


def _lang_attr(lang: str) -> str:
    return "zh-Hans" if lang == "zh" else "en"


@lru_cache(maxsize=8192)
def _math(tex: str) -> Html:
    from quizcnn.mathtext import to_unicode

    return Html("%s") % to_unicode(tex)


def inlines(nodes: tuple[ir.Inline, ...]) -> Html:
    return Html("").join(_inline(n) for n in nodes)


def _inline(node: ir.Inline) -> Html:
    match node:
        case ir.Text(text=t):
            return Html("%s") % t
        case ir.Code(text=t):
            return Html("<code>%s</code>") % t
        case ir.Math(tex=t):
            return Html('<span class="math">%s</span>') % _math(t)
        case ir.Strong(children=c):
            return Html("<strong>%s</strong>") % inlines(c)
        case ir.Emph(children=c):
            return Html("<em>%s</em>") % inlines(c)
        case ir.Link(children=c, url=u):
            return Html('%s <span class="url">(%s)</span>') % (inlines(c), u)
        case ir.Break(hard=h):
            return Html("<br>") if h else NL
    return Html("")


def blocks(nodes: tuple[ir.Block, ...]) -> Html:
    return NL.join(_block(b) for b in nodes)


def _block(node: ir.Block) -> Html:
    match node:
        case ir.Para(children=c):
            return Html("<p>%s</p>") % inlines(c)
        case ir.Heading(children=c):
            return Html("<p><strong>%s</strong></p>") % inlines(c)
        case ir.CodeBlock(text=t):
            return Html("<pre><code>%s</code></pre>") % t
        case ir.MathBlock(tex=t):
            return Html('<p class="math math-block">%s</p>') % _math(t)
        case ir.ListBlock(ordered=o, items=items, start=s):
            tag = Html("ol" if o else "ul")
            start = Html(' start="%d"') % int(s) if o and s != 1 else Html("")
            body = Html("").join(Html("<li>%s</li>") % blocks(item) for item in items)
            return Html("<%s%s>%s</%s>") % (tag, start, body, tag)
        case ir.Quote(children=c):
            return Html("<blockquote>%s</blockquote>") % blocks(c)
        case ir.Table(header=h, rows=rows):
            head = Html("").join(Html("<th>%s</th>") % inlines(cell) for cell in h)
            body = Html("").join(
                Html("<tr>%s</tr>")
                % Html("").join(Html("<td>%s</td>") % inlines(cell) for cell in row)
                for row in rows
            )
            return Html("<table><thead><tr>%s</tr></thead><tbody>%s</tbody></table>") % (
                head, body)
        case ir.Rule():
            return Html("<hr>")
    return Html("")
