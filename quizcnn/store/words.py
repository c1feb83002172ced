"""Counts in messages: "1 card", "2 cards"."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` with ``word`` in the singular for exactly one, else ``many`` (default word + s)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
