"""Forgiving number input: ``12544``, ``12,544``, ``12 544``, ``1.2e4``, ``3/4``, ``1.5M``, ``25%``."""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

_POW10 = re.compile(r"^(?P<a>[+-]?\d+(?:\.\d*)?)\s*[x×*·]\s*10\s*\^\s*\{?(?P<e>[+-]?\d+)\}?$")


def parse_number(text: str, unit: str | None = None) -> Fraction | None:
    """The exact value of a number as people type it, or None.

    The reading rules are the problem generator's (``quizcnn.problems.answers``), so a bank
    question and a generated problem accept the same answers; this adds the question's own
    unit word and the ``1.5 x 10^6`` form.
    """
    from quizcnn.problems.answers import AnswerError
    from quizcnn.problems.answers import parse_number as read

    if not isinstance(text, str) or len(text) > 200:
        return None
    s = unicodedata.normalize("NFKC", text).strip().strip("$").strip().replace("−", "-")
    if unit:
        for u in (unit, unit.rstrip("s")):
            if u and s.lower().endswith(u.lower()):
                s = s[: -len(u)].strip()
                break
    m = _POW10.match(s)
    if m:
        if abs(int(m.group("e"))) > 60:
            return None
        return Fraction(m.group("a")) * Fraction(10) ** int(m.group("e"))
    try:
        return Fraction(read(s))
    except (AnswerError, ValueError, ZeroDivisionError, OverflowError):
        return None


def parse_tolerance(text: str) -> tuple[float, bool] | None:
    """``0.5`` -> (0.5, absolute); ``1%`` -> (0.01, relative); None if unreadable."""
    s = text.strip()
    relative = s.endswith("%")
    value = parse_number(s[:-1] if relative else s)
    if value is None or value < 0:
        return None
    return (float(value / 100) if relative else float(value)), relative
