from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def deck(tmp_path):
    """deck(text, name="deck.md", folder=tmp_path) writes a deck file and returns its path."""

    def write(text: str, name: str = "deck.md", folder: Path | None = None) -> Path:
        folder = folder or tmp_path / "bank"
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write

