"""Forgiving number input: ``12544``, ``12,544``, ``12 544``, ``1.2e4``, ``3/4``, ``1.5M``, ``25%``."""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

_POW10 = re.compile(r"^(?P<a>[+-]?\d+(?:\.\d*)?)\s*[x×*·]\s*10\s*\^\s*\{?(?P<e>[+-]?\d+)\}?$")


def parse_number(text: str, unit: str | None = None) -> Fraction | None:
    """The exact value of a number as people type it, or None (``read_number`` says why)."""
    from quizcnn.problems.answers import AnswerError

    try:
        return read_number(text, unit)
    except AnswerError:
        return None


def read_number(text: str, unit: str | tuple[str | None, ...] | None = None) -> Fraction:
    """The exact value of a number as people type it; AnswerError (English and Chinese) says
    why it cannot be read.

    The reading rules are the problem generator's (``quizcnn.problems.answers``), so a bank
    question and a generated problem accept the same answers; this adds the question's own
    unit word (or any of several: a translation's own and the card's) and the ``1.5 x 10^6``
    form.
    """
    from quizcnn.problems.answers import AnswerError
    from quizcnn.problems.answers import parse_number as read

    if not isinstance(text, str) or len(text) > 200:
        raise AnswerError("the answer is too long", "答案太长")
    s = unicodedata.normalize("NFKC", text).strip().strip("$").strip().replace("−", "-")
    units = (unit,) if isinstance(unit, str) else (unit or ())
    for u in dict.fromkeys(unicodedata.normalize("NFKC", w).strip() for w in units if w):
        found = next((w for w in (u, u.rstrip("s")) if w and s.lower().endswith(w.lower())), None)
        if found:
            s = s[: -len(found)].strip()
            break
    m = _POW10.match(s)
    if m:
        if abs(int(m.group("e"))) > 60:
            raise AnswerError(f"the exponent in '{s}' is out of range", f"'{s}' 中的指数超出范围")
        return Fraction(m.group("a")) * Fraction(10) ** int(m.group("e"))
    try:
        return Fraction(read(s))
    except (ValueError, ZeroDivisionError, OverflowError) as e:
        if isinstance(e, AnswerError):
            raise
        raise AnswerError(f"could not read '{s[:40]}' as a number",
                          f"无法把 '{s[:40]}' 读成一个数") from None


def grouped(text: str) -> str:
    """A whole number written as digits, shown with thousands separators as generated answers
    are (``118013952`` -> ``118,013,952``; ``-4096`` -> ``-4,096``); other text unchanged."""
    s = text.strip()
    if re.fullmatch(r"[+-]?\d{4,}", s):
        return f"{int(s):,}"
    return text


def parse_tolerance(text: str) -> tuple[float, bool] | None:
    """``0.5`` -> (0.5, absolute); ``1%`` -> (0.01, relative); None if unreadable."""
    s = text.strip()
    relative = s.endswith("%")
    value = parse_number(s[:-1] if relative else s)
    if value is None or value < 0:
        return None
    return (float(value / 100) if relative else float(value)), relative
