"""A parse cache: one JSON file per deck in quizcnn.paths.cache_dir()/bank.

Keyed by the deck's absolute path, mtime, size and the parser version. A missing, corrupt or
stale cache entry is simply ignored and rebuilt; writes are atomic (temp file + replace).
JSON only: nothing in the cache is ever executed or unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

MAX_ENTRY = 64 * 1024 * 1024  # a 4 MB deck's blocks and diagnostics as JSON fit easily


def cache_root() -> Path:
    from quizcnn.paths import cache_dir

    return cache_dir() / "bank"


def _entry(path: Path) -> Path:
    digest = hashlib.sha1(str(path).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_root() / f"{digest}.json"


def get(path: Path, key: list[Any]) -> dict[str, Any] | None:
    from quizcnn.fileio import FileRefused, read_bytes

    try:  # a regular file, capped (a FIFO here must not hang loading)
        data = json.loads(read_bytes(_entry(path), cap=MAX_ENTRY))
    except (FileRefused, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data


def put(path: Path, key: list[Any], payload: dict[str, Any]) -> None:
    entry = _entry(path)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                # one-shot encoder: faster, and it holds the GIL only briefly (see tui/index.py)
                fh.write(json.dumps({"key": key, **payload}, ensure_ascii=False,
                                    separators=(",", ":")))
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, TypeError):
        pass  # a cache we cannot write only costs time


def clear() -> int:
    n = 0
    root = cache_root()
    if root.is_dir():
        for p in root.glob("*.json"):
            p.unlink(missing_ok=True)
            n += 1
    return n
