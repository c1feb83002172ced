"""Bank text is data: cleaned by ``quizcnn.termtext`` and kept out of Textual markup."""

from __future__ import annotations

from quizcnn.termtext import clean, show_math


def text(value: object) -> str:
    """Plain text for a widget created with ``markup=False`` (escapes and controls removed)."""
    return clean(value)


def markup(value: object) -> str:
    """Bank text to embed inside Textual markup: cleaned, then ``[`` escaped."""
    from textual.markup import escape

    return escape(text(value))


def markdown(md: object) -> str:
    """Bank Markdown for the Markdown widget: cleaned, ``$...$`` math turned into Unicode.

    The Markdown widget does not interpret Textual markup, so ``[b]`` stays literal there.
    """
    return show_math(md)


__all__ = ["markdown", "markup", "text"]
