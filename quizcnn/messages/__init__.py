"""Everything the app and the line-mode drill say, in English and Chinese: one catalogue.

Each key holds its English and Chinese text side by side, so adding a message is one entry in
the ``CATALOGUE`` of one of this package's modules, one module per part of the app (``drill``,
``tui``, ``stats``, ``browse``, ``add``, ``help``, ``cli``, ``backup``, ``printing``, ``plan``,
``interview``, ``model``); ``MESSAGES`` merges them and a key
defined twice fails at import. :func:`t` formats a message in a language (``en`` for anything but ``zh``). Bank and
problem text (questions, misconceptions) is content, not UI, and lives with the content.
:func:`untranslated` lists keys whose Chinese is missing (a test keeps it empty).
:func:`pick` chooses from a ``{lang: text}`` mapping such as a generated problem's prompt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from quizcnn.messages import (
    add,
    backup,
    browse,
    cli,
    drill,
    help,
    interview,
    model,
    plan,
    printing,
    stats,
    tui,
)

LANGS = ("en", "zh")

_PARTS = (drill, tui, stats, browse, add, help, cli, backup, printing, plan, interview, model)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in _PARTS:
        for key, texts in part.CATALOGUE.items():
            if key in merged:
                raise ValueError(f"message key {key!r} is defined twice (again in {part.__name__})")
            merged[key] = texts
    return merged


MESSAGES: dict[str, tuple[str, str]] = _merge()

# the English rating names, by FSRS rating (1 Again ... 4 Easy)
RATING_NAMES: dict[int, str] = {r: MESSAGES[f"rating_{r}"][0] for r in (1, 2, 3, 4)}

T = TypeVar("T")


def t(key: str, lang: str, **fmt: object) -> str:
    """The message ``key`` in ``lang`` (Chinese for ``zh``, else English), formatted with
    ``fmt``; Chinese falls back to English while a key has none."""
    en, zh = MESSAGES[key]
    text = zh if lang == "zh" and zh else en
    return text.format(**fmt) if fmt else text


def rating_name(rating: int, lang: str) -> str:
    """The name of an FSRS rating (1-4) in ``lang``."""
    return t(f"rating_{int(rating)}", lang)


_SHORT_INTERVAL = None
_ZH_UNITS = {"m": "分钟", "h": "小时", "d": "天", "mo": "个月", "y": "年"}


def interval(short: str, lang: str) -> str:
    """A short interval as the scheduler writes it (``1m``, ``5h``, ``3d``, ``2.5mo``,
    ``1.2y``) in ``lang``: unchanged in English, ``1分钟`` / ``5小时`` / ``3天`` / ``2.5个月`` /
    ``1.2年`` in Chinese (anything else unchanged)."""
    global _SHORT_INTERVAL
    if lang != "zh":
        return short
    if _SHORT_INTERVAL is None:
        import re

        _SHORT_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)(mo|m|h|d|y)")
    m = _SHORT_INTERVAL.fullmatch(short.strip())
    return f"{m[1]}{_ZH_UNITS[m[2]]}" if m else short


def untranslated() -> list[str]:
    """Keys with no Chinese text."""
    return sorted(key for key, (_en, zh) in MESSAGES.items() if not zh.strip())


def pick(by_lang: Mapping[str, T] | None, lang: str) -> T | None:
    """From a ``{lang: value}`` mapping: ``lang``'s value, else English, else any (None when
    empty)."""
    if not by_lang:
        return None
    return by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()))


def pick_exact(by_lang: object, lang: str) -> object | None:
    """The value for exactly ``lang`` from a ``{lang: value}`` dict (None when missing or
    ``by_lang`` is not a dict)."""
    if isinstance(by_lang, dict):
        return by_lang.get(lang) or None
    return None
