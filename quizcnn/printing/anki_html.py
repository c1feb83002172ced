"""Bank Markdown -> the HTML of an Anki note field (math for Anki's MathJax).

Built on the same parsed tree as the printed sets (``printing.ir``), with MarkupSafe doing the
escaping: every string from a bank file or a problem reaches the field through ``escape``, so
a forgotten call cannot leak raw HTML. Three more things matter in Anki that do not in a page:

- Math is written between Anki's MathJax delimiters, ``\\(...\\)`` and ``\\[...\\]``, as the
  LaTeX source (escaped, which MathJax reads back as text).
- ``{{`` and ``}}`` from bank text are broken up, so text can never open or close a cloze
  deletion (``{&#123;`` in text, ``{ {`` in math, where TeX ignores the space).
- A ``\\(`` or ``\\[`` written as text is broken with a word joiner (U+2060), so MathJax does
  not read prose as math.

Cloze gaps are passed in as placeholders (``gap_token(i)``) and replaced here, after
escaping, by ``{{c1::answer::hint}}`` in the form their context needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from quizcnn.printing import ir

_GAP = re.compile("\ue000(\\d+)\ue001")
_TEXT_DELIM = re.compile(r"\\([()\[\]])")
WORD_JOINER = "\u2060"


def gap_token(i: int) -> str:
    """A placeholder for gap ``i`` that survives Markdown parsing and escaping unchanged."""
    return f"\ue000{i}\ue001"


class Renderer:
    """Renders parsed Markdown for one field; ``gaps`` are (answer, hint) pairs for clozes."""

    def __init__(self, gaps: Sequence[tuple[str, str | None]] = ()) -> None:
        self.gaps = tuple(gaps)

    # ---- leaves ------------------------------------------------------------------------------

    def text(self, s: str) -> Markup:
        safe = str(escape(_TEXT_DELIM.sub(lambda m: "\\" + WORD_JOINER + m.group(1), s)))
        safe = _break_braces_text(safe)
        return Markup(_GAP.sub(lambda m: self._gap(int(m.group(1)), math=False), safe))

    def math(self, tex: str, display: bool) -> Markup:
        safe = _break_braces_math(str(escape(tex)))
        safe = _GAP.sub(lambda m: self._gap(int(m.group(1)), math=True), safe)
        left, right = (r"\[", r"\]") if display else (r"\(", r"\)")
        return Markup(left + safe + right)

    def _gap(self, i: int, *, math: bool) -> str:
        answer, hint = self.gaps[i] if i < len(self.gaps) else ("", None)
        if math:
            body = _break_braces_math(str(escape(answer))).replace("::", ": :")
            tail = "::" + _break_braces_math(str(escape(hint))) if hint else ""
            # spaces keep the closing "}}" apart from TeX's own braces on either side
            return " {{c1::" + body + tail + " }} "
        body = _break_braces_text(str(escape(answer))).replace("::", ":&#58;")
        tail = "::" + _break_braces_text(str(escape(hint))).replace("::", ":&#58;") if hint else ""
        return "{{c1::" + body + tail + "}}"

    # ---- trees -------------------------------------------------------------------------------

    def inlines(self, nodes: Sequence[ir.Inline]) -> Markup:
        return Markup("").join(self.inline(n) for n in nodes)

    def inline(self, node: ir.Inline) -> Markup:
        match node:
            case ir.Text(text=t):
                return self.text(t)
            case ir.Code(text=t):
                return Markup("<code>%s</code>") % self.text(t)
            case ir.Math(tex=t):
                return self.math(t, display=False)
            case ir.Strong(children=c):
                return Markup("<b>%s</b>") % self.inlines(c)
            case ir.Emph(children=c):
                return Markup("<i>%s</i>") % self.inlines(c)
            case ir.Link(children=c, url=u):
                # links stay inert: the address is shown as text
                return Markup('%s <span class="url">(%s)</span>') % (self.inlines(c), self.text(u))
            case ir.Break(hard=h):
                return Markup("<br>") if h else Markup(" ")
        return Markup("")

    def blocks(self, nodes: Sequence[ir.Block]) -> Markup:
        return Markup("\n").join(self.block(b) for b in nodes)

    def block(self, node: ir.Block) -> Markup:
        match node:
            case ir.Para(children=c):
                return Markup("<p>%s</p>") % self.inlines(c)
            case ir.Heading(children=c):
                return Markup("<p><b>%s</b></p>") % self.inlines(c)
            case ir.CodeBlock(text=t):
                return Markup("<pre><code>%s</code></pre>") % self.text(t)
            case ir.MathBlock(tex=t):
                return Markup("<p>%s</p>") % self.math(t, display=True)
            case ir.ListBlock(ordered=o, items=items, start=s):
                body = Markup("").join(Markup("<li>%s</li>") % self.blocks(i) for i in items)
                if o:
                    start = Markup(' start="%d"') % int(s) if s != 1 else Markup("")
                    return Markup("<ol%s>%s</ol>") % (start, body)
                return Markup("<ul>%s</ul>") % body
            case ir.Quote(children=c):
                return Markup("<blockquote>%s</blockquote>") % self.blocks(c)
            case ir.Table(header=h, rows=rows):
                head = Markup("").join(Markup("<th>%s</th>") % self.inlines(x) for x in h)
                body = Markup("").join(
                    Markup("<tr>%s</tr>")
                    % Markup("").join(Markup("<td>%s</td>") % self.inlines(x) for x in row)
                    for row in rows
                )
                return Markup("<table><tr>%s</tr>%s</table>") % (head, body)
            case ir.Rule():
                return Markup("<hr>")
        return Markup("")

    def markdown(self, source: str) -> Markup:
        return self.blocks(ir.parse(source))

    def line(self, source: str) -> Markup:
        return self.inlines(ir.parse_inline(source))


def _break_braces_text(s: str) -> str:
    return s.replace("{{", "{&#123;").replace("}}", "}&#125;")


def _break_braces_math(s: str) -> str:
    while "{{" in s or "}}" in s:
        s = s.replace("{{", "{ {").replace("}}", "} }")
    return s


def markdown(source: str) -> Markup:
    """A whole Markdown text (prompt, answer, explanation) as field HTML."""
    return Renderer().markdown(source)


def line(source: str) -> Markup:
    """A short text (an option, an answer, a solution step) as inline field HTML."""
    return Renderer().line(source)


def bullet_list(items: Sequence[str]) -> Markup:
    if not items:
        return Markup("")
    return Markup("<ul>%s</ul>") % Markup("").join(Markup("<li>%s</li>") % line(x) for x in items)
