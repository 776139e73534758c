"""When two or more people in different zones can meet: working-hours and daytime windows.

Time is walked on the UTC quarter-hour grid (every offset in use today is a multiple
of 15 minutes: +5:45, +8:45, +12:45), each quarter is judged in every person's
local clock, and slots of equal level are merged into windows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.validation import parse_hhmm, validate_zone

Level = Literal["work", "day"]
QUARTER = timedelta(minutes=15)
DAY_START, DAY_END = time(7, 0), time(22, 0)
ALL_DAYS = frozenset(range(1, 8))
SLOT_SIZES = (15, 30, 60)
MAX_DAYS = 62
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Person:
    """An IANA zone with working hours (local, same day) on ISO weekdays (1 = Monday)."""

    zone: str
    start: time
    end: time
    days: frozenset[int] = ALL_DAYS


@dataclass(frozen=True)
class Window:
    """[start, end) in UTC where everyone works ("work") or is awake ("day")."""

    start: datetime
    end: datetime
    level: Level

    def local(self, zone: str) -> datetime:
        return self.start.astimezone(ZoneInfo(zone))


def validate_person(person: Person, field: str = "person") -> Person:
    zone = validate_zone(person.zone, field)
    if person.end <= person.start:
        raise ValidationError(
            field,
            f"Working hours {person.start:%H:%M}-{person.end:%H:%M} in {zone} end before they"
            " start — hours that cross midnight are not supported; give hours that end"
            " later the same day, e.g. 09:00-17:00.",
        )
    if not person.days or not person.days <= ALL_DAYS:
        raise ValidationError(field, "Working days must be weekdays Mon to Sun — e.g. Mon-Fri.")
    return Person(zone, person.start, person.end, frozenset(person.days))


def _weekday(text: str, spec: str) -> int:
    key = text.strip().lower()[:3]
    if key not in _WEEKDAYS:
        raise ValidationError(
            "person", f"'{text}' in '{spec}' is not a weekday — use Mon, Tue, ... Sun."
        )
    return _WEEKDAYS.index(key) + 1


def parse_days(text: str, spec: str = "") -> frozenset[int]:
    """'Mon-Fri', 'Sun-Thu' (wraps), 'Mon,Wed,Fri' or 'Sat' -> ISO weekdays."""
    days: set[int] = set()
    for part in text.split(","):
        if "-" in part:
            first, last = (_weekday(p, spec or text) for p in part.split("-", 1))
            span = (last - first) % 7
            days.update((first - 1 + i) % 7 + 1 for i in range(span + 1))
        else:
            days.add(_weekday(part, spec or text))
    return frozenset(days)


_SPEC = re.compile(r"^(?P<zone>[^@]+)@(?P<start>[^-@]+)-(?P<end>[^@]+)(?:@(?P<days>.+))?$")


def parse_person(spec: str) -> Person:
    """'ZONE@HH:MM-HH:MM[@Mon-Fri]' -> a validated Person (hours apply daily by default)."""
    match = _SPEC.match(spec.strip())
    if match is None:
        raise ValidationError(
            "person",
            f"'{spec}' is not a person — use ZONE@HH:MM-HH:MM[@Mon-Fri],"
            " e.g. Europe/London@09:00-17:00@Mon-Fri.",
        )
    days = parse_days(match["days"], spec) if match["days"] else ALL_DAYS
    person = Person(
        match["zone"],
        parse_hhmm(match["start"], "person"),
        parse_hhmm(match["end"], "person"),
        days,
    )
    return validate_person(person)


def inside(start_utc: datetime, tz: ZoneInfo, begin: time, end: time, days: frozenset[int]) -> bool:
    """Does the quarter from ``start_utc`` lie wholly in [begin, end] of one local day?"""
    local = start_utc.astimezone(tz)
    local_end = (start_utc + QUARTER).astimezone(tz)
    return (
        local.isoweekday() in days
        and local_end.date() == local.date()
        and begin <= local.time()
        and local_end.time() <= end
    )


def validate_request(people: int, days: int, slot: int) -> None:
    """The limits ``overlap`` (and the planner grid) put on how many, how long, how fine."""
    if people < 1:
        raise ValidationError(
            "person", "Give at least one person — e.g. Europe/London@09:00-17:00."
        )
    if slot not in SLOT_SIZES:
        raise ValidationError("slot", f"Slot of {slot} minutes? Choose 15, 30 or 60.")
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError("days", f"{days} days? Choose 1 to {MAX_DAYS}.")


def local_midnight(day: date, zone: str) -> datetime:
    """The first instant of ``day`` in ``zone`` as UTC (a midnight gap reads forward)."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def overlap(
    people: Sequence[Person], first_day: date, days: int = 1, slot: int = 15
) -> list[Window]:
    """Windows where everyone works or everyone is awake, over ``days`` days.

    The range starts at midnight of ``first_day`` in the first person's zone and ends
    at midnight ``days`` later there (a DST day is 23 or 25 hours long). Slots are
    ``slot`` minutes from that midnight; a slot is "work" when every quarter of it is
    inside everyone's hours, else "day" when every quarter is 07:00-22:00 for everyone.
    """
    validate_request(len(people), days, slot)
    checked = [validate_person(p) for p in people]
    zones = [ZoneInfo(p.zone) for p in checked]
    begin = local_midnight(first_day, checked[0].zone)
    finish = local_midnight(first_day + timedelta(days=days), checked[0].zone)
    # Floor to the UTC quarter-hour grid (a no-op for every zone in use since 1972).
    begin -= timedelta(minutes=begin.minute % 15, seconds=begin.second)
    step = timedelta(minutes=slot)
    windows: list[Window] = []
    cursor = begin
    while cursor + step <= finish:
        level = _slot_level(cursor, slot // 15, checked, zones)
        if level is not None:
            last = windows[-1] if windows else None
            if last is not None and last.level == level and last.end == cursor:
                windows[-1] = Window(last.start, cursor + step, level)
            else:
                windows.append(Window(cursor, cursor + step, level))
        cursor += step
    return windows


def _slot_level(
    start: datetime, quarters: int, people: Sequence[Person], zones: Sequence[ZoneInfo]
) -> Level | None:
    moments = [start + QUARTER * i for i in range(quarters)]
    pairs = list(zip(people, zones, strict=True))
    if all(inside(m, tz, p.start, p.end, p.days) for m in moments for p, tz in pairs):
        return "work"
    if all(inside(m, tz, DAY_START, DAY_END, ALL_DAYS) for m in moments for _, tz in pairs):
        return "day"
    return None
