"""The one cleaner for untrusted text on its way to a terminal.

Bank files, model files, paths and error messages that quote them are data: before any of
it reaches the line-mode drill, the CLI or the TUI it passes through :func:`clean`, which
removes

- whole escape sequences: CSI (``ESC [ ... final``, and the 8-bit ``0x9b`` form), OSC
  (``ESC ] ... BEL/ST``, and ``0x9d``), DCS/SOS/PM/APC strings (7-bit and 8-bit), any other
  other escape (``ESC ( B``, ``ESC 7``, ``ESC c``) and a lone ESC, so no ``[31m`` or window title is left behind;
- C0 controls except tab and newline (carriage return, backspace, bell, ...), DEL and C1;
- bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, U+061C) and zero-width
  and direction marks (U+200B-U+200F, U+FEFF), which can make text read differently from
  what it is.

``one_line=True`` also folds every run of whitespace (newlines and tabs included) into one
space, for text shown inside a single line (a table cell, an error message).
:func:`show_math` is ``clean`` for bank Markdown, with ``$...$`` math turned into Unicode and a
line break between two CJK characters inside a paragraph removed (``quizcnn.cjkbreaks``).
Standard library only; nothing here imports a UI.
"""

from __future__ import annotations

import re

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS / SOS / PM / APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape (nF, Fp, Fe, Fs: ESC ( B, ESC 7, ESC c), lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit OSC
    r"|[\x90\x98\x9e\x9f][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # 8-bit DCS / SOS / PM / APC
)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean(text: object, *, one_line: bool = False) -> str:
    """``text`` (any object; None is empty) safe for a terminal: escape sequences, control
    characters, bidi overrides and zero-width characters removed; with ``one_line`` every run
    of whitespace becomes one space."""
    if text is None:
        return ""
    out = _CONTROLS.sub("", _ESCAPES.sub("", str(text)))
    return " ".join(out.split()) if one_line else out


def show_math(md: object) -> str:
    """Bank Markdown cleaned, with ``$...$`` math rendered as Unicode (the source is shown
    when rendering fails, so a renderer bug cannot end a session)."""
    from quizcnn.cjkbreaks import join_lines
    from quizcnn.mathtext import render_markdown_math

    text = clean(md)
    try:
        return join_lines(clean(render_markdown_math(text)))
    except Exception:  # any renderer bug: show the cleaned source instead
        return text


__all__ = ["clean", "show_math"]
