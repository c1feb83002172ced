"""Messages of the Stats screen (TUI): see quizcnn/messages/__init__.py."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
