"""One line of bank Markdown (a choice option) as styled text: `code`, *em*, **strong**,
~~strike~~ and links ("text (address)"); nothing in it is read as Textual markup."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from textual.content import Content, Span

from quizcnn.tui import safe

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# styles for a widget that declares these component classes (see ChoiceList)
STYLES = {"code_inline": ".code_inline", "em": ".em", "strong": ".strong", "s": ".s"}
INLINE_CSS = """
    &:dark > .code_inline { background: $warning 10%; color: $text-warning 95%; }
    &:light > .code_inline { background: $error 5%; color: $text-error 95%; }
    &:ansi > .code_inline { background: ansi_default; }
    & > .em { text-style: italic; }
    & > .strong { text-style: bold; }
    & > .s { text-style: strike; }
"""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    from quizcnn.cjkbreaks import drop_soft_breaks

    md = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")
    md.core.ruler.push("quizcnn_cjk_breaks", drop_soft_breaks)
    return md


def inline(text: str) -> Content:
    """``text`` parsed as inline Markdown; on any parser trouble, the text as it is."""
    text = safe.text(text)
    try:
        tokens = _parser().parseInline(text)
    except Exception:  # a parser bug must not hide the option
        return Content(text)
    parts: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[str, int]] = []
    links: list[str] = []
    pos = 0

    def add(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for tok in (tokens[0].children or []) if tokens else []:
        kind = tok.type
        if kind in ("text", "text_special", "html_inline"):
            add(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            add(" ")
        elif kind == "code_inline":
            spans.append(Span(pos, pos + len(tok.content), STYLES["code_inline"]))
            add(tok.content)
        elif kind in ("em_open", "strong_open", "s_open"):
            opened.append((STYLES[kind[:-5]], pos))
        elif kind in ("em_close", "strong_close", "s_close") and opened:
            style, start = opened.pop()
            spans.append(Span(start, pos, style))
        elif kind == "link_open":  # an address written out (<https://...>) is shown once
            links.append("" if tok.markup == "autolink" else str(tok.attrs.get("href", "")))
        elif kind == "link_close" and links:
            href = links.pop()
            if href:
                add(f" ({href})")
        elif kind == "image":
            add(f"[image: {tok.content}] ({tok.attrs.get('src', '')})")
    return Content(safe.text("".join(parts)), spans=spans)
