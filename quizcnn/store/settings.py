"""Study settings, stored as JSON values in the ``settings`` table (defaults below)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Settings:
    desired_retention: float = 0.9  # FSRS target probability of recall
    learning_steps: tuple[int, ...] = (1, 10)  # minutes, for new cards
    relearning_steps: tuple[int, ...] = (10,)  # minutes, after a lapse
    maximum_interval: int = 36500  # days
    enable_fuzzing: bool = True  # spread intervals a little (py-fsrs fuzz)
    new_per_day: int = 20
    reviews_per_day: int = 200
    rollover_hour: int = 4  # local hour a study day starts
    leech_threshold: int = 8  # lapses before a card is flagged as a leech
    learn_ahead_minutes: int = 20  # show a learning card this early when nothing else is left


def _int(low: int, high: int) -> Callable[[object], bool]:
    """A whole number in [low, high]; JSON true/false is not one (in Python a bool is an int)."""
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _steps(v: object) -> bool:
    return isinstance(v, tuple) and all(_int(1, 1440)(x) for x in v)


_CHECKS = {
    "desired_retention": lambda v: (isinstance(v, float | int) and not isinstance(v, bool)
                                    and 0.7 <= v <= 0.99),
    "learning_steps": _steps,
    "relearning_steps": _steps,
    "maximum_interval": _int(1, 36500),
    "enable_fuzzing": lambda v: isinstance(v, bool),
    "new_per_day": _int(0, 9999),
    "reviews_per_day": _int(0, 99999),
    "rollover_hour": _int(0, 23),
    "leech_threshold": _int(1, 999),
    "learn_ahead_minutes": _int(0, 1440),
}
_WANTED = {
    "desired_retention": "a number from 0.7 to 0.99",
    "learning_steps": "a list of minutes, each 1 to 1440, e.g. [1, 10]",
    "relearning_steps": "a list of minutes, each 1 to 1440, e.g. [10]",
    "maximum_interval": "a whole number of days from 1 to 36500",
    "enable_fuzzing": "true or false",
    "new_per_day": "a whole number from 0 to 9999",
    "reviews_per_day": "a whole number from 0 to 99999",
    "rollover_hour": "a whole hour from 0 to 23",
    "leech_threshold": "a whole number from 1 to 999",
    "learn_ahead_minutes": "a whole number of minutes from 0 to 1440",
}

NAMES = tuple(f.name for f in fields(Settings))


def validate(name: str, value: object) -> object:
    """Return the value in its stored shape, or raise ValueError with a readable message."""
    if name not in _CHECKS:
        raise ValueError(f"unknown setting '{name}' (known: {', '.join(NAMES)})")
    if isinstance(value, list):
        value = tuple(value)
    try:
        ok = _CHECKS[name](value)
    except TypeError:
        ok = False
    if not ok:
        shown = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=True)
        raise ValueError(f"bad value for setting '{name}': {shown[:60]} (expected "
                         f"{_WANTED[name]})")
    return value


def from_rows(rows: dict[str, str]) -> Settings:
    """Build Settings from stored JSON texts; unknown or bad entries fall back to defaults."""
    values: dict[str, Any] = {}  # each checked by validate() for its field
    for name, text in rows.items():
        try:
            values[name] = validate(name, json.loads(text))
        except (ValueError, TypeError):
            continue
    return Settings(**values)


def to_json(value: object) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value)


def as_dict(s: Settings) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(s).items()}
