"""Words of printed practice sets (PDF, HTML, Markdown): see quizcnn/messages/__init__.py."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
