"""Study settings, stored as JSON values in the ``settings`` table (defaults below)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields


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


_CHECKS = {
    "desired_retention": lambda v: isinstance(v, float | int) and 0.7 <= v <= 0.99,
    "learning_steps": lambda v: all(isinstance(x, int) and 0 < x <= 1440 for x in v),
    "relearning_steps": lambda v: all(isinstance(x, int) and 0 < x <= 1440 for x in v),
    "maximum_interval": lambda v: isinstance(v, int) and 1 <= v <= 36500,
    "enable_fuzzing": lambda v: isinstance(v, bool),
    "new_per_day": lambda v: isinstance(v, int) and 0 <= v <= 9999,
    "reviews_per_day": lambda v: isinstance(v, int) and 0 <= v <= 99999,
    "rollover_hour": lambda v: isinstance(v, int) and 0 <= v <= 23,
    "leech_threshold": lambda v: isinstance(v, int) and 1 <= v <= 999,
    "learn_ahead_minutes": lambda v: isinstance(v, int) and 0 <= v <= 1440,
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
        raise ValueError(f"bad value for setting '{name}': {value!r}")
    return value


def from_rows(rows: dict[str, str]) -> Settings:
    """Build Settings from stored JSON texts; unknown or bad entries fall back to defaults."""
    values = {}
    for name, text in rows.items():
        try:
            values[name] = validate(name, json.loads(text))
        except (ValueError, TypeError):
            continue
    return Settings(**values)


def to_json(value: object) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value)


def as_dict(s: Settings) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(s).items()}
