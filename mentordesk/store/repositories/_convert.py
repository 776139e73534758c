"""Conversions between column text and domain values."""

from __future__ import annotations

from datetime import UTC, date, datetime, time


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def instant(value: datetime | None) -> str | None:
    """Instants are stored as UTC ISO-8601 text that sorts as a string."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive instant: attach a time zone")
    # isoformat pads the year (strftime does not): one canonical, sortable form.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def parse_instant(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def parse_day(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text)


def hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches ``text`` literally anywhere (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
