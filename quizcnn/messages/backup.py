"""Messages of export, import, backups and `quizcnn db`: see quizcnn/messages/__init__.py."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
