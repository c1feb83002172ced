"""Messages of the app's screens (Home, Browse, Add, Stats, Summary, help, footer)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
