"""Messages of the command line (export, import, db, calc, optimize, print, ...)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {}
