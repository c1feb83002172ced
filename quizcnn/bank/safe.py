"""Bank text is data: helpers that make it safe to print in a terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """Text with terminal control characters (escape sequences, bidi overrides) removed."""
    return _CONTROL.sub("", text)


def rich_escape(text: str) -> str:
    """Escape Rich/Textual markup (``[bold]``) so bank text shows literally."""
    return plain(text).replace("\\", "\\\\").replace("[", "\\[")
