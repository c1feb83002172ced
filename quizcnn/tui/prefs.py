"""Small preferences of the app kept between runs (the theme), in the config dir as JSON.

Read before the first paint, so it is a tiny file read with the standard library. A missing,
unreadable or malformed file means the defaults; writes are atomic. Nothing in it is executed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def prefs_path() -> Path:
    from quizcnn.paths import config_dir

    return config_dir() / "app.json"


def load(path: Path | None = None) -> dict[str, str]:
    """The saved preferences (string values only); {} when there are none or they are bad."""
    try:
        with open(path or prefs_path(), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save(key: str, value: str, path: Path | None = None) -> bool:
    """Set one preference; False when the file cannot be written (the app goes on)."""
    path = path or prefs_path()
    data = load(path)
    data[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
