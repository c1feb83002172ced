"""Messages of the interview-date planner and its simulator (`quizcnn plan`)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
