"""The dates a meeting may have: a sane window, so no later step overflows.

Python's datetime stops at years 1 and 9999; an occurrence table two years ahead, a
day's slack around a window or a zone's first offset (London's 1847 LMT) all step past
those ends for a date near them, and an .ics file or a hand-edited export can hold any
year. Dates outside the window are refused where they come in (the meeting dialog, the
services, .ics and JSON imports) and clamped where they are only a bound (a search's
``after:``, a CLI date argument).
"""

from __future__ import annotations

from datetime import date, datetime

from mentordesk.domain.errors import ValidationError

FIRST_YEAR = 1900
LAST_YEAR = 2200
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)


def in_window(value: date | datetime) -> bool:
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_in_window(value: date | datetime, field: str, label: str = "The date") -> None:
    """Raises ValidationError naming ``field`` when ``value`` lies outside the window."""
    if not in_window(value):
        raise ValidationError(
            field,
            # isoformat pads the year (strftime writes year 1 as '1-01-01' here).
            f"{label} {value.isoformat()[:10]} is outside {FIRST_YEAR}–{LAST_YEAR}"
            " — use a date in that range.",
        )


def clamp_day(value: date) -> date:
    """``value`` moved into the window (for bounds such as a search's ``after:``)."""
    return min(max(value, FIRST_DAY), LAST_DAY)
