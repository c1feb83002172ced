"""Messages of the mock interview (`quizcnn interview`) and its report."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
