"""Which of the app's own English words are on a screen that should be all Chinese.

The check is against the message catalogue (quizcnn.messages): every English message whose
Chinese differs is cut at its ``{placeholders}`` into fixed pieces; a piece with a word of
three or more letters that shows on the screen is English the app wrote. Content (a card's
own text, topic names, technical terms such as ReLU) is not in the catalogue and is not
flagged. Key names (Esc, Ctrl+S, Enter) are allowed: they are the keys' names on a keyboard.
"""

from __future__ import annotations

import re
from functools import cache

from quizcnn.messages import MESSAGES

_FIELD = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[A-Za-z]{3,}")
# names of keys and of the program, the same in both languages
ALLOWED = {"esc", "ctrl", "enter", "tab", "space", "shift", "quizcnn", "cnn", "fsrs", "pdf",
           "html", "json", "markdown", "anki", "onnx", "sqlite",
           # quizcnn's commands, named in its messages ("quizcnn plan: ...")
           "plan", "export", "import", "drill", "stats", "bank", "calc", "generate",
           "interview", "print", "add"}


@cache
def _pieces() -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for key, (en, zh) in MESSAGES.items():
        if en.strip() == zh.strip():
            continue
        for piece in _FIELD.split(en):
            piece = piece.strip(" \t\n:;,.()[]/-")
            words = [w.lower() for w in _WORD.findall(piece)]
            if any(w not in ALLOWED for w in words):
                found.append((key, piece))
    return tuple(found)


def english_left(text: str) -> list[str]:
    """``key: piece`` for each catalogue English piece found in ``text`` (matched on whole
    words: 'Due' is not found inside 'Residue')."""
    hits = []
    for key, piece in _pieces():
        # a word joined by a hyphen is part of a name (receptive-field, --merge): not matched
        if re.search(rf"(?<![A-Za-z-]){re.escape(piece)}(?![A-Za-z]|-\w)", text):
            hits.append(f"{key}: {piece!r}")
    return hits
