"""The meeting dialog's repeat fields <-> RFC 5545 RRULE text.

The fields say what a mentor usually means (weekly, every N weeks, monthly on the 2nd
Tuesday; ending never, after N times, or on a date). A rule the fields cannot say
exactly parses to None, so the caller keeps its text rather than silently changing it.
Stored rules keep UNTIL as anchor wall-clock time (see ics.py), so the end date is
written as that day's last second.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from mentordesk.domain.errors import ValidationError

MAX_INTERVAL = 52  # weeks
MAX_COUNT = 500
DEFAULT_COUNT = 10
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ORDINAL_WORDS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
_UNTIL = re.compile(r"(\d{8})(?:T(\d{6}))?")
_BYDAY = re.compile(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)")


class Repeat(StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"  # on the same weekday: the 2nd Tuesday, the last Friday


class End(StrEnum):
    NEVER = "never"
    COUNT = "count"
    UNTIL = "until"


@dataclass(frozen=True, slots=True)
class RepeatFields:
    """What the form shows. ``interval`` is in weeks (WEEKLY); ``ordinal`` is 1-4 or -1
    for the last such weekday of the month (MONTHLY). Unused fields keep their defaults."""

    repeat: Repeat = Repeat.NONE
    interval: int = 1
    ordinal: int = 0
    end: End = End.NEVER
    count: int = DEFAULT_COUNT
    until: date | None = None


def _day(day: date) -> str:
    """'Tue 9 Mar 2027'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def month_ordinals(day: date) -> tuple[int, ...]:
    """How ``day`` can be named within its month: (2,) for a 2nd Tuesday, (4, -1) for a
    4th that is also the last, (-1,) for a 5th (months without one would skip it)."""
    nth = (day.day - 1) // 7 + 1
    last = day.day + 7 > calendar.monthrange(day.year, day.month)[1]
    if nth == 5:
        return (-1,)
    return (nth, -1) if last else (nth,)


def ordinal_name(ordinal: int, day: date) -> str:
    """'2nd Tuesday', 'last Friday'."""
    return f"{_ORDINAL_WORDS[ordinal]} {day:%A}"


def build_rule(fields: RepeatFields, start: date) -> str | None:
    """The RRULE text for ``fields`` starting on ``start`` (None for a single meeting).

    Raises ValidationError naming 'rrule' (how it repeats) or 'repeat_end' (when it stops).
    """
    validate_fields(fields, start)
    if fields.repeat is Repeat.NONE:
        return None
    if fields.repeat is Repeat.WEEKLY:
        parts = ["FREQ=WEEKLY"]
        if fields.interval != 1:
            parts.append(f"INTERVAL={fields.interval}")
    else:
        parts = ["FREQ=MONTHLY", f"BYDAY={fields.ordinal}{DAY_CODES[start.weekday()]}"]
    if fields.end is End.COUNT:
        parts.append(f"COUNT={fields.count}")
    elif fields.end is End.UNTIL:
        assert fields.until is not None
        parts.append(f"UNTIL={fields.until:%Y%m%d}T235959")
    return ";".join(parts)


def validate_fields(fields: RepeatFields, start: date) -> None:
    if fields.repeat is Repeat.NONE:
        return
    if fields.repeat is Repeat.WEEKLY and not 1 <= fields.interval <= MAX_INTERVAL:
        raise ValidationError(
            "rrule", f"Repeat every 1 to {MAX_INTERVAL} weeks — {fields.interval} is out of range."
        )
    if fields.repeat is Repeat.MONTHLY and fields.ordinal not in month_ordinals(start):
        names = " or ".join(f"the {ordinal_name(o, start)}" for o in month_ordinals(start))
        raise ValidationError(
            "rrule", f"{_day(start)} is {names} of its month — repeat on that day."
        )
    if fields.end is End.COUNT and not 1 <= fields.count <= MAX_COUNT:
        raise ValidationError(
            "repeat_end", f"A series has 1 to {MAX_COUNT} meetings — {fields.count} is too many."
        )
    if fields.end is End.UNTIL:
        if fields.until is None:
            raise ValidationError("repeat_end", "Choose the date of the last meeting.")
        if fields.until < start:
            raise ValidationError(
                "repeat_end",
                f"The series would end on {_day(fields.until)}, before its first meeting"
                f" on {_day(start)} — choose a later end date.",
            )


def parse_rule(rule: str | None, start: datetime) -> RepeatFields | None:
    """The fields that say exactly what ``rule`` says from ``start`` (naive or aware, in
    the anchor zone), or None when they cannot (the caller then keeps the text)."""
    if not rule or not rule.strip().removeprefix("RRULE:"):
        return RepeatFields()
    parts: dict[str, str] = {}
    for part in rule.strip().removeprefix("RRULE:").upper().split(";"):
        key, sep, value = part.partition("=")
        if not sep or key in parts:
            return None
        parts[key] = value
    parts.pop("WKST", None)  # one weekday per week: the week's first day changes nothing
    repeat = _parse_repeat(parts, start.date())
    end = _parse_end(parts, start)
    if repeat is None or end is None or parts:
        return None
    return RepeatFields(repeat[0], repeat[1], repeat[2], *end)


def _parse_repeat(parts: dict[str, str], start: date) -> tuple[Repeat, int, int] | None:
    """Pops the keys it understands; None when they say something the fields cannot."""
    freq = parts.pop("FREQ", "")
    interval_text = parts.pop("INTERVAL", "1")
    byday = parts.pop("BYDAY", None)
    if not interval_text.isdigit():
        return None
    interval = int(interval_text)
    weekday = DAY_CODES[start.weekday()]
    match = _BYDAY.fullmatch(byday) if byday is not None else None
    if byday is not None and match is None:
        return None
    same_day = match is None or (match.group(1) is None and match.group(2) == weekday)
    if freq == "WEEKLY" and 1 <= interval <= MAX_INTERVAL and same_day:
        return Repeat.WEEKLY, interval, 0
    if freq == "MONTHLY" and interval == 1 and match is not None and match.group(1):
        ordinal = int(match.group(1))
        if match.group(2) == weekday and ordinal in month_ordinals(start):
            return Repeat.MONTHLY, 1, ordinal
    return None


def _parse_end(parts: dict[str, str], start: datetime) -> tuple[End, int, date | None] | None:
    count = parts.pop("COUNT", None)
    until = parts.pop("UNTIL", None)
    if count is not None and until is not None:
        return None
    if count is not None:
        if not count.isdigit() or not 1 <= int(count) <= MAX_COUNT:
            return None
        return End.COUNT, int(count), None
    if until is not None:
        match = _UNTIL.fullmatch(until)  # a UTC 'Z' form is not wall-clock: keep it as text
        if match is None:
            return None
        try:
            day = datetime.strptime(match.group(1), "%Y%m%d").date()
            at = datetime.strptime(match.group(2) or "000000", "%H%M%S").time()
        except ValueError:
            return None
        # Meetings happen at the start's time of day: an end before that time on the last
        # day excludes that day, which is the same as ending the day before.
        last = day if _time_of_day(start) <= at else day - timedelta(days=1)
        return End.UNTIL, DEFAULT_COUNT, last
    return End.NEVER, DEFAULT_COUNT, None


def _time_of_day(moment: datetime) -> time:
    return moment.time().replace(tzinfo=None, fold=0)


def describe(fields: RepeatFields, start: date) -> str:
    """'Every 2 weeks on Tuesdays, 10 times'; '' for a single meeting."""
    if fields.repeat is Repeat.NONE:
        return ""
    if fields.repeat is Repeat.MONTHLY:
        text = f"Monthly on the {ordinal_name(fields.ordinal, start)}"
    elif fields.interval == 1:
        text = f"Weekly on {start:%A}s"
    else:
        text = f"Every {fields.interval} weeks on {start:%A}s"
    if fields.end is End.COUNT:
        return f"{text}, {fields.count} times" if fields.count != 1 else f"{text}, once"
    if fields.end is End.UNTIL and fields.until is not None:
        return f"{text}, until {_day(fields.until)}"
    return f"{text}, no end date"


def without_end(rule: str) -> str:
    """``rule`` with COUNT and UNTIL dropped: the same occurrences, never ending."""
    return ";".join(
        part for part in rule.split(";") if not part.upper().startswith(("COUNT=", "UNTIL="))
    )
