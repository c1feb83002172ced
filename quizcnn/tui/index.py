"""A small index of the bank for the first paint: where each question lives.

Written after every full bank load (``cache_dir()/tui-index-<sources>.json``). At start-up the drill
reads the first card's deck files alone (through the bank's parse cache) instead of the whole
bank, so the first question can be painted before the bank, the ORM and Alembic are loaded.
The index is trusted only while every bank folder and the card's own files are unchanged
(mtime and size); otherwise the app simply waits for the full bank. JSON only.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizcnn.bank.load import Bank
    from quizcnn.bank.model import Question
    from quizcnn.tui.data import Filters

VERSION = 2
MAX_FILE = 256 * 1024 * 1024  # the index of a 100,000-question bank is ~20 MB


def index_path(key: list[str] | None = None) -> Path:
    """One index per set of bank sources (so ``--bank`` runs do not evict the usual one)."""
    import hashlib

    from quizcnn.paths import cache_dir

    tag = hashlib.sha1(json.dumps(key).encode()).hexdigest()[:12] if key else "default"
    return cache_dir() / f"tui-index-{tag}.json"


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


def write_index(bank: Bank, key: list[str], path: Path | None = None) -> None:
    """Record, for each question, its origin, files, topic, languages, order and tags."""
    path = path or index_path(key)
    files = [str(f) for f in bank.files]
    where = {f: i for i, f in enumerate(files)}
    ids: dict[str, list[object]] = {}
    for pos, q in enumerate(bank.questions):
        fs = sorted({where[str(v.file)] for v in q.variants.values() if str(v.file) in where})
        ids[q.id] = [q.origin, fs, q.topic, sorted(q.variants), q.difficulty, pos,
                     list(q.tags or ())]
    dirs = sorted({os.path.dirname(f) for f in files})
    data = {"version": VERSION, "key": key, "files": files,
            "stats": [_stat(f) for f in files], "dirs": {d: _stat(d) for d in dirs}, "ids": ids}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            # dumps, not dump: json.dump's chunked encoder holds the GIL in long stretches
            # (~45 ms for 10,000 questions, a stalled UI); the one-shot encoder takes ~5 ms
            fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        pass  # an index we cannot write only costs start-up time


def load_index(key: list[str], path: Path | None = None) -> dict[str, Any] | None:
    """The index, if it was written for these bank sources and no folder changed since."""
    from quizcnn.fileio import FileRefused, read_bytes

    try:  # a regular file, capped: a FIFO in the cache folder must not hang the start-up
        data = json.loads(read_bytes(path or index_path(key), cap=MAX_FILE))
    except (FileRefused, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("key") != key:
        return None
    try:
        if any(_stat(d) != s for d, s in data["dirs"].items()):
            return None
    except (AttributeError, TypeError):
        return None
    return data


def first_new(index: dict[str, Any], filters: Filters) -> str | None:
    """The first new card in queue order (easiest first, in bank order) among the filtered."""
    best: tuple[tuple[int, int], str] | None = None
    for qid, (_origin, _fs, topic, langs, level, pos, tags) in index["ids"].items():
        if filters.topics and topic not in filters.topics:
            continue
        if filters.tags and not set(filters.tags) & set(tags):
            continue
        if filters.only_lang and filters.only_lang not in langs:
            continue
        if best is None or (level, pos) < best[0]:
            best = ((level, pos), qid)
    return best[1] if best else None


def question(index: dict[str, Any], bank_id: str) -> Question | None:
    """The bank Question for ``bank_id`` read from its own files only, or None."""
    entry = index["ids"].get(bank_id)
    if entry is None:
        return None
    origin, fs = entry[0], entry[1]
    files = [index["files"][i] for i in fs]
    if any(_stat(f) != index["stats"][i] for f, i in zip(files, fs, strict=True)):
        return None
    try:
        from quizcnn.bank.assemble import _card
        from quizcnn.bank.read import read_file

        main, translations = None, {}
        for f in files:
            blocks, _diags, skipped = read_file(Path(f))
            if skipped:
                return None
            for b in blocks:
                if b.meta.get("translation_of", "").strip() == bank_id:
                    translations[b.lang] = b
                elif b.id == bank_id:
                    main = b
        if main is None:
            return None
        return _card(main, origin, translations)
    except Exception:  # the full bank will be read anyway; never fail the start for this
        return None
