"""Forgiving number input: ``12544``, ``12,544``, ``12 544``, ``1.2e4``, ``3/4``, ``1.5M``, ``25%``."""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

_SUFFIX = {"k": 10**3, "K": 10**3, "M": 10**6, "G": 10**9, "B": 10**9, "T": 10**12}
_NUM = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_RE = re.compile(rf"^(?P<a>{_NUM})(?:\s*/\s*(?P<b>{_NUM}))?\s*(?P<suf>[kKMGBT]|%)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_EXP = re.compile(r"(?:[eE]|\^\s*\{?)([+-]?\d{1,9})")
_POW10 = re.compile(r"^(?P<a>[+-]?\d+(?:\.\d*)?)\s*[x×*·]\s*10\s*\^\s*\{?(?P<e>[+-]?\d+)\}?$")


def parse_number(text: str, unit: str | None = None) -> Fraction | None:
    """The exact value of a number as people type it, or None."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    s = unicodedata.normalize("NFKC", text).strip().strip("$").strip()
    s = s.replace("−", "-").replace("\u2009", "").replace("_", "")
    if unit:
        for u in (unit, unit.rstrip("s")):
            if u and s.lower().endswith(u.lower()):
                s = s[: -len(u)].strip()
                break
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    s = re.sub(r"(?<=\d) (?=\d{3}\b)", "", s)
    if any(abs(int(e)) > 60 for e in _EXP.findall(s)):
        return None
    m = _POW10.match(s)
    if m:
        try:
            return Fraction(m.group("a")) * Fraction(10) ** int(m.group("e"))
        except (ValueError, ZeroDivisionError, OverflowError):
            return None
    m = _RE.match(s)
    if not m:
        return None
    try:
        value = Fraction(m.group("a"))
        if m.group("b") is not None:
            den = Fraction(m.group("b"))
            if den == 0:
                return None
            value /= den
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    suf = m.group("suf")
    if suf == "%":
        value /= 100
    elif suf:
        value *= _SUFFIX[suf]
    return value


def parse_tolerance(text: str) -> tuple[float, bool] | None:
    """``0.5`` -> (0.5, absolute); ``1%`` -> (0.01, relative); None if unreadable."""
    s = text.strip()
    relative = s.endswith("%")
    value = parse_number(s[:-1] if relative else s)
    if value is None or value < 0:
        return None
    return (float(value / 100) if relative else float(value)), relative
