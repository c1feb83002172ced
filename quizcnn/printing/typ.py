"""A practice set as a Typst source, compiled to PDF with the ``typst`` package.

Safety: the source is generated here, never written by an author. Every piece of bank or
problem text enters it as a Typst string literal (``#"..."``), which Typst prints as it is;
math goes through the whitelisting LaTeX -> Typst translator in ``texmath``. Compilation
uses an empty temporary folder as the Typst root, so even a ``#read`` that somehow got in
would find nothing to read.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from quizcnn.printing import ir, labels
from quizcnn.printing.model import Item, PracticeSet
from quizcnn.printing.texmath import to_typst, typst_string

LATIN_FONT = "Libertinus Serif"  # embedded in the typst package
CJK_FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC")
MONO_FONTS = ("DejaVu Sans Mono", "Noto Sans Mono CJK SC")


def font_paths(extra: list[str] | None = None) -> list[str]:
    paths = list(extra or [])
    env = os.environ.get("QUIZCNN_FONT_PATH", "")
    paths += [p for p in env.split(os.pathsep) if p.strip()]
    return [p for p in paths if Path(p).is_dir()]


def find_cjk_font(paths: list[str], *, system: bool = True) -> str | None:
    import typst

    families = set(typst.Fonts(include_system_fonts=system, font_paths=paths).families())
    return next((f for f in CJK_FONTS if f in families), None)


def needs_cjk(ps: PracticeSet) -> bool:
    if "zh" in ps.langs:
        return True
    return any(_has_cjk(t) for item in ps.items for t in _texts(item, ps.langs))


def _texts(item: Item, langs: tuple[str, ...]) -> Iterator[str]:
    for lang in langs:
        yield item.prompt.get(lang)
        yield item.answer.get(lang)
        yield item.explanation.get(lang)
        yield from item.points(lang)
        yield from item.choices.get(lang, ())


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def source(ps: PracticeSet, *, cjk_font: str | None, include_key: bool = True,
           key_only: bool = False) -> str:
    lang = ps.langs[0]
    fonts = ", ".join(typst_string(f) for f in (LATIN_FONT, *([cjk_font] if cjk_font else ())))
    mono = ", ".join(typst_string(f) for f in MONO_FONTS)
    paper = "a4" if ps.paper == "a4" else "us-letter"
    footer = typst_string(labels.footer(ps))
    out = [
        f"#set document(title: {typst_string(labels.title(ps))})",
        f'#set page(paper: "{paper}", margin: (x: 18mm, top: 16mm, bottom: 18mm),'
        f" footer: context [#set text(size: 8pt, fill: luma(110)); #{footer} #h(1fr)"
        ' #counter(page).display("1 / 1", both: true)])',
        f'#set text(font: ({fonts},), size: 10.5pt, lang: "{lang}"'
        + (', region: "cn"' if lang == "zh" else "") + ")",
        "#set par(leading: 0.7em, spacing: 0.9em)",
        f"#show raw: set text(font: ({mono},), size: 9pt)",
        "#show math.equation: set text(font: (\"New Computer Modern Math\","
        + (f" {typst_string(cjk_font)}" if cjk_font else "") + "))",
        "",
        _header(ps, key_only),
        "",
    ]
    if not key_only:
        for n, item in enumerate(ps.items, 1):
            out.append(_problem(ps, n, item))
    if include_key or key_only:
        if not key_only:
            out.append("#pagebreak()")
        out.append(_key(ps))
    return "\n".join(out) + "\n"


def _header(ps: PracticeSet, key_only: bool) -> str:
    facts = " \\\n".join(_in_lang(ps, lang, f"#{typst_string(line)}")
                          for lang, line in zip(ps.langs, labels.facts(ps), strict=True))
    name = "" if key_only else (
        f"#h(1fr) #{typst_string(labels.name(ps))}#box(width: 14em, stroke: (bottom: 0.5pt))"
    )
    return (
        f"#block(width: 100%, stroke: (bottom: 1.2pt), inset: (bottom: 6pt))["
        f"#text(size: 17pt, weight: \"bold\")[#{typst_string(labels.heading(ps, key_only))}] \\\n"
        f"#text(size: 9pt, fill: luma(90))[{facts}] {name}]"
    )


def _numbered(label: str, body: str, below: str, *, breakable: bool = False) -> str:
    """One unbreakable block: a number (or nothing) in the margin column, then the body.

    Each language of a problem gets its own block, so a long problem with its translation
    can continue on the next page instead of leaving most of this one empty.
    """
    mark = f"#strong[#{typst_string(label)}]" if label else ""
    return (f"#block(breakable: {'true' if breakable else 'false'}, width: 100%, below: {below})"
            f"[#grid(columns: (2.2em, 1fr), [{mark}], [{body}])]")


def _translated(text: str, lang: str) -> str:
    region = ', region: "cn"' if lang == "zh" else ""
    return (f"#block(stroke: (left: 1.5pt + luma(200)), inset: (left: 8pt))"
            f'[#set text(fill: luma(70), lang: "{lang}"{region}); {text}]')


def _in_lang(ps: PracticeSet, lang: str, content: str) -> str:
    """Content in a language other than the document's, marked as such (Typst sets Chinese
    punctuation and line breaks by it)."""
    if lang == ps.langs[0]:
        return content
    region = ', region: "cn"' if lang == "zh" else ""
    return f'#text(lang: "{lang}"{region})[{content}]'


def _problem(ps: PracticeSet, n: int, item: Item) -> str:
    out: list[str] = []
    for k, lang in enumerate(ps.langs):
        if k and lang not in item.prompt.by_lang:
            continue
        part = [blocks(ir.parse(item.prompt.get(lang)))]
        shown = item.choices.get(lang)
        if shown:
            opts = ", ".join(f"[{inlines(ir.parse_inline(c))}]" for c in shown)
            part.append(f'#enum(numbering: "A.", tight: true, {opts})')
        text = "\n\n".join(part)
        out.append(_numbered("" if k else f"{n}.", _translated(text, lang) if k else text, "0.8em"))
    # Room to work: weak spacing, dropped at a page break instead of pushing content on.
    room = 1.6 if item.choices else item.space_lines * 1.25
    out.append(f"#v({room:.2f}em, weak: true)")
    return "\n".join(out)


def _key(ps: PracticeSet) -> str:
    out = [f"#heading(level: 1, outlined: false)[#{typst_string(labels.key_heading(ps))}]", ""]
    for n, item in enumerate(ps.items, 1):
        for k, lg in enumerate(ps.langs):
            if k and lg not in item.answer.by_lang:
                continue
            lead, rest = ir.split_answer(item.answer.get(lg))
            lines = [f"#strong[#{typst_string(labels.answer(lg))}]"
                     f"{inlines(lead)}"]
            if rest:
                lines.append(blocks(rest))
            steps = item.steps.get(lg) or item.steps.get("en") or ()
            if steps:
                rows = []
                for s in steps:
                    pieces = [inlines(ir.parse_inline(x)) for x in (s.formula, s.substitution,
                                                                     s.result) if x]
                    chain = " #sym.arrow.r ".join(pieces)
                    rows.append(f"[{inlines(ir.parse_inline(s.title))}"
                                f"#{typst_string(labels.colon(lg))}{chain}]")
                lines.append("#enum(tight: true, " + ", ".join(rows) + ")")
            points = item.points(lg)
            if points:
                lines.append(f"#strong[#{typst_string(labels.key_points(lg))}]\n"
                             "#list(tight: true, "
                             + ", ".join(f"[{inlines(ir.parse_inline(p))}]" for p in points) + ")")
            if item.explanation:
                lines.append(blocks(ir.parse(item.explanation.get(lg))))
            text = "\n\n".join(lines)
            # A key entry may run onto the next page; a problem may not.
            out.append(_numbered("" if k else f"{n}.", _translated(text, lg) if k else text,
                                 "0.7em", breakable=True))
        out.append("#v(0.5em, weak: true)")
    return "\n".join(out)


def _math_inline(tex: str) -> str:
    body = to_typst(tex).strip()
    if not body:
        return ""
    if body.endswith("\\"):
        body += " "
    return f"${body}$"


def inlines(nodes: tuple[ir.Inline, ...]) -> str:
    return "".join(_inline(n) for n in nodes)


def _inline(node: ir.Inline) -> str:
    match node:
        case ir.Text(text=t):
            return f"#{typst_string(t)}"
        case ir.Code(text=t):
            return f"#raw({typst_string(t)})"
        case ir.Math(tex=t):
            return _math_inline(t)
        case ir.Strong(children=c):
            return f"#strong[{inlines(c)}]"
        case ir.Emph(children=c):
            return f"#emph[{inlines(c)}]"
        case ir.Link(children=c, url=u):
            return f"{inlines(c)} #text(size: 0.85em, fill: luma(90))[#{typst_string(f'({u})')}]"
        case ir.Break(hard=h):
            return " #linebreak() " if h else '#" "'
    return ""


def blocks(nodes: tuple[ir.Block, ...]) -> str:
    return "\n\n".join(b for b in (_block(n) for n in nodes) if b)


def _block(node: ir.Block) -> str:
    match node:
        case ir.Para(children=c):
            return inlines(c)
        case ir.Heading(children=c):
            return f"#strong[{inlines(c)}]"
        case ir.CodeBlock(text=t):
            return f"#raw({typst_string(t.rstrip(chr(10)))}, block: true)"
        case ir.MathBlock(tex=t):
            body = to_typst(t).strip()
            return f"$ {body} $" if body else ""
        case ir.ListBlock(ordered=o, items=items, start=s):
            cells = ", ".join(f"[{blocks(item)}]" for item in items)
            if o:
                return f"#enum(start: {int(s)}, tight: true, {cells})"
            return f"#list(tight: true, {cells})"
        case ir.Quote(children=c):
            return f"#quote(block: true)[{blocks(c)}]"
        case ir.Table(header=h, rows=rows):
            ncol = max(1, len(h), *(len(r) for r in rows))
            table_cells: list[str] = []
            for row in (h, *rows):
                padded = list(row)[:ncol] + [()] * (ncol - len(row))
                table_cells += [f"[{inlines(cell)}]" for cell in padded]
            return f"#table(columns: {ncol}, inset: 4pt, {', '.join(table_cells)})"
        case ir.Rule():
            return "#line(length: 100%, stroke: 0.5pt + luma(180))"
    return ""


def compile_pdf(src: str, *, date: str, paths: list[str], system_fonts: bool = True) -> bytes:
    """Compile in an empty root folder with a fixed timestamp (byte-identical output)."""
    import typst

    stamp = datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="quizcnn-typst-") as root:
        # typst 0.15's stub ties input, root and font_paths to one type variable, so source
        # bytes with a str root (which typst accepts) cannot be typed there
        return typst.compile(  # type: ignore[misc]
            src.encode("utf-8"),
            root=root,
            font_paths=paths,
            ignore_system_fonts=not system_fonts,
            timestamp=int(stamp.timestamp()),
        )
