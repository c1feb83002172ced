"""Study days: local time with a rollover hour, while every stored time is UTC.

A "day" starts at ``rollover`` o'clock local time (default 4 a.m., as Anki does), so a late
session after midnight still counts for the evening before.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(dt: datetime) -> datetime:
    """Attach or convert to ``timezone.utc`` (naive values are taken as UTC)."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    if dt.tzinfo is UTC:
        return dt
    return dt.astimezone(UTC)


def study_day(dt: datetime, rollover: int = 4) -> date:
    """The local study day a UTC instant belongs to."""
    local = as_utc(dt).astimezone()  # the machine's local zone (TZ)
    return (local - timedelta(hours=rollover)).date()


def day_start(day: date, rollover: int = 4) -> datetime:
    """The UTC instant a local study day starts."""
    naive = datetime.combine(day, time(hour=rollover))
    return naive.astimezone().astimezone(UTC)  # naive -> local zone -> UTC


def day_bounds(day: date, rollover: int = 4) -> tuple[datetime, datetime]:
    return day_start(day, rollover), day_start(day + timedelta(days=1), rollover)
