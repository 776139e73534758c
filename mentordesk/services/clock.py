"""The services' one reading of the clock (UTC, never naive)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def aware(now: datetime | None) -> datetime:
    """``now``, or the clock; a naive moment is refused (it names no zone)."""
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise ValueError("naive datetime: attach a time zone")
    return now
