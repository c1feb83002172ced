"""The question: bank Markdown (already cleaned, math as Unicode); links are shown, not opened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Markdown

from quizcnn.tui import safe

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token


def _inert_links(state: StateCore) -> None:
    """markdown-it core rule: each link becomes its text followed by " (address)".

    The link tokens are dropped, so nothing in the rendered text can be clicked; an image
    becomes "[image: alt] (address)". An address written out is shown once, as it is.
    """

    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        out: list[Token] = []
        hrefs: list[tuple[str, str]] = []  # (href, text seen inside the link so far)
        for tok in block.children:
            if tok.type == "link_open":
                # an address written out (<https://...>) is its own text: shown once
                auto = tok.markup in ("autolink", "linkify")
                hrefs.append(("" if auto else str(tok.attrs.get("href", "")), ""))
                continue
            if tok.type == "link_close":
                href, inside = hrefs.pop() if hrefs else ("", "")
                if href and href != inside and f"mailto:{inside}" != href:
                    out.append(_text(f" ({href})"))
                continue
            if tok.type == "image":
                alt = tok.content or str(tok.attrs.get("alt", ""))
                src = str(tok.attrs.get("src", ""))
                out.append(_text(f"[image: {alt}] ({src})" if alt else f"[image] ({src})"))
                continue
            if hrefs and tok.type in ("text", "code_inline"):
                href, inside = hrefs[-1]
                hrefs[-1] = (href, inside + tok.content)
            out.append(tok)
        block.children = out


def _text(content: str) -> Token:
    from markdown_it.token import Token

    tok = Token("text", "", 0)
    tok.content = content
    return tok


def parser() -> MarkdownIt:
    """The gfm-like parser Textual uses, with links made inert and no space for a line break
    between two CJK characters."""
    from markdown_it import MarkdownIt

    from quizcnn.cjkbreaks import drop_soft_breaks

    md = MarkdownIt("gfm-like").disable("linkify")  # "model.py" is a file, not a web site
    md.core.ruler.push("quizcnn_inert_links", _inert_links)
    md.core.ruler.push("quizcnn_cjk_breaks", drop_soft_breaks)
    return md


class QuestionView(Markdown):
    """A Markdown widget that shows a link's address next to its text and never opens it.

    List bullets are ASCII: the default ones are ambiguous-width in CJK terminals.
    """

    BULLETS = ["- ", "* ", "+ ", "- ", "* "]
    # a layer line longer than the terminal wraps instead of running off the right edge
    # (Textual's code blocks scroll sideways, with the scroll bar hidden)
    DEFAULT_CSS = """
    QuestionView MarkdownFence {
        overflow: hidden hidden;
    }
    QuestionView MarkdownFence > Label {
        width: 1fr;
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    def __init__(self, markdown: str = "", **kw: Any) -> None:
        super().__init__(markdown, parser_factory=parser, open_links=False, **kw)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()  # no links are left after parsing; kept as a second guard
        from quizcnn.messages import t

        title = t("tui_link_not_opened", getattr(self.app, "ui_lang", "en"))
        self.notify(safe.text(event.href), title=title, markup=False)
