"""Messages of adding questions (the Add screen and `quizcnn add`): see quizcnn/messages/__init__.py."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
