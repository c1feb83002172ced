"""Small preferences of the app kept between runs (the theme), in the config dir as JSON.

Read before the first paint, so it is a tiny file read with the standard library. A missing,
unreadable or malformed file means the defaults; writes are atomic. Nothing in it is executed.
"""

from __future__ import annotations

import json
from pathlib import Path

MAX_FILE = 64 * 1024


def prefs_path() -> Path:
    from quizcnn.paths import config_dir

    return config_dir() / "app.json"


def load(path: Path | None = None) -> dict[str, str]:
    """The saved preferences (string values only); {} when there are none or they are bad."""
    from quizcnn.fileio import FileRefused, read_bytes

    try:  # a regular file of at most 64 KB (a FIFO here must not hang the start-up)
        data = json.loads(read_bytes(path or prefs_path(), cap=MAX_FILE))
    except (FileRefused, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save(key: str, value: str, path: Path | None = None) -> bool:
    """Set one preference; False when the file cannot be written (the app goes on)."""
    path = path or prefs_path()
    data = load(path)
    data[key] = value
    from quizcnn.fileio import FileRefused, write_atomic

    try:  # never replaces a symbolic link or anything but a regular file
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    except (OSError, FileRefused):
        return False
    return True
