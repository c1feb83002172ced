"""What a plan is (the date, the daily minutes, the topics, the target) and how input is checked.

Checks raise ``PlanError(key, **fields)``: a message key of ``quizcnn.messages.plan`` and what
it names, so the command and the app say it in the user's language.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

MINUTES = (5, 600)  # a daily budget, in minutes
TARGETS = (0.7, 0.99)
DEFAULT_MINUTES = 40
DEFAULT_TARGET = 0.9
MAX_DAYS = 730  # a date at most two years out


class PlanError(ValueError):
    """Bad plan input: ``key`` names a message in ``quizcnn.messages.plan``, ``fields`` fill it."""

    def __init__(self, key: str, **fields: object):
        super().__init__(key)
        self.key = key
        self.fields = fields

    def text(self, lang: str) -> str:
        from quizcnn.messages import t

        return t(self.key, lang, **self.fields)


@dataclass(frozen=True)
class PlanSpec:
    interview: date
    minutes: int = DEFAULT_MINUTES
    topics: tuple[str, ...] = ()  # () = every topic
    target: float = DEFAULT_TARGET


def parse_date(text: str, today: date) -> date:
    """A YYYY-MM-DD date after ``today`` (the current study day)."""
    shown = text[:40]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise PlanError("plan_bad_date", text=shown)
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError("plan_bad_date", text=shown) from None
    if day <= today:
        raise PlanError("plan_past_date", day=day.isoformat(), today=today.isoformat())
    if (day - today).days > MAX_DAYS:
        raise PlanError("plan_far_date", day=day.isoformat(), most=MAX_DAYS)
    return day


def check_minutes(value: int) -> int:
    lo, hi = MINUTES
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise PlanError("plan_bad_minutes", value=value, lo=lo, hi=hi)
    return value


def check_target(value: float) -> float:
    lo, hi = TARGETS
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or not lo <= value <= hi:
        raise PlanError("plan_bad_target", value=value, lo=lo, hi=hi)
    return float(value)
