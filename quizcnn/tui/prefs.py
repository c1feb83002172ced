"""Small preferences of the app kept between runs, in the config dir as JSON (``app.json``).

The theme, the language (of the cards and of everything the app says: ``lang`` is Home's
language filter, ``en``, ``zh`` or ``both``; ``ui_lang`` is ``en`` or ``zh``, kept for
``both``) and Home's topic and tag filters. The app, ``quizcnn drill`` and ``quizcnn drill
--plain`` start from them; command-line flags override them for one run.

Read before the first paint, so it is a tiny file read with the standard library (no UI
import here: the line-mode drill and the CLI read it too). A missing, unreadable or malformed
file (or a value of the wrong kind) means the defaults; writes are atomic. Nothing in it is
executed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

MAX_FILE = 64 * 1024
LANGS = ("en", "zh", "both")
UI_LANGS = ("en", "zh")
MAX_NAMES = 200  # topics or tags remembered (a bank has a few dozen)


def prefs_path() -> Path:
    from quizcnn.paths import config_dir

    return config_dir() / "app.json"


def _load_raw(path: Path | None = None) -> dict[str, object]:
    from quizcnn.fileio import FileRefused, read_bytes

    try:  # a regular file of at most 64 KB (a FIFO here must not hang the start-up)
        data = json.loads(read_bytes(path or prefs_path(), cap=MAX_FILE))
    except (FileRefused, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str)}


def load(path: Path | None = None) -> dict[str, str]:
    """The saved preferences with string values; {} when there are none or they are bad."""
    return {k: v for k, v in _load_raw(path).items() if isinstance(v, str)}


@dataclass(frozen=True)
class Remembered:
    """The study choices of the last run (None / empty: not chosen)."""

    lang: str | None = None
    ui_lang: str | None = None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and v.strip())[:MAX_NAMES]


def remembered(path: Path | None = None) -> Remembered:
    """The language and filters saved by the last run (values of the wrong kind dropped)."""
    data = _load_raw(path)
    lang = data.get("lang")
    ui = data.get("ui_lang")
    return Remembered(
        lang=lang if isinstance(lang, str) and lang in LANGS else None,
        ui_lang=ui if isinstance(ui, str) and ui in UI_LANGS else None,
        topics=_names(data.get("topics")),
        tags=_names(data.get("tags")),
    )


def ui_lang_for(lang: str | None, previous: str | None = None) -> str:
    """The language the app speaks for a card-language filter: that language, or for
    ``both`` the one spoken before (English at first)."""
    if lang in UI_LANGS:
        return str(lang)
    return previous if previous in UI_LANGS else "en"


def cli_lang(environ: dict[str, str] | None = None, path: Path | None = None) -> str:
    """The language the command line speaks (``en`` or ``zh``): ``QUIZCNN_LANG`` when it is
    one of them, else the language the app last spoke (English at first)."""
    import os

    env = (os.environ if environ is None else environ).get("QUIZCNN_LANG", "").strip().lower()
    if env in UI_LANGS:
        return env
    saved = remembered(path)
    return ui_lang_for(saved.lang, saved.ui_lang)


def save_many(values: dict[str, str | list[str]], path: Path | None = None) -> bool:
    """Set several preferences at once; False when the file cannot be written (the app goes
    on)."""
    path = path or prefs_path()
    data = _load_raw(path)
    data.update(values)
    from quizcnn.fileio import FileRefused, write_atomic

    try:  # never replaces a symbolic link or anything but a regular file
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    except (OSError, FileRefused):
        return False
    return True


def save(key: str, value: str, path: Path | None = None) -> bool:
    """Set one preference; False when the file cannot be written (the app goes on)."""
    return save_many({key: value}, path)


def remember(lang: str, ui_lang: str, topics: tuple[str, ...], tags: tuple[str, ...],
             path: Path | None = None) -> bool:
    """Save the study choices for the next run."""
    return save_many({"lang": lang, "ui_lang": ui_lang, "topics": list(topics),
                      "tags": list(tags)}, path)
