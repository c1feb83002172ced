"""Messages of drills and problems on the user's own model (`--model`)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
