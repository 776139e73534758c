"""Does a meeting time suit everyone? Night and out-of-hours times, and the nearest slot
inside everyone's working hours (for the meeting and reschedule dialogs and a grid drag).

A time is "night" for someone when any part of the meeting falls outside their daytime
(07:00-22:00 local), "off" when it is awake but outside their working hours or on a day
they do not work. Slots are searched on the UTC quarter-hour grid, as ``overlap`` walks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Mentee, Settings, WorkingHours
from mentordesk.planner.overlap import ALL_DAYS, DAY_END, DAY_START, QUARTER, Person, inside
from mentordesk.planner.zones import is_zone

Misfit = Literal["off", "night"]
#: How far a suggestion may be from the time asked for.
SEARCH_HORIZON = timedelta(days=14)
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Attendee:
    """Someone at the meeting: ``who`` as the dialog names them ("you", "Maya"), ``subject``
    for a sentence about them ("you", "she", "they", or the name again)."""

    who: str
    subject: str
    person: Person


@dataclass(frozen=True)
class Unsuited:
    attendee: Attendee
    local_start: datetime
    level: Misfit

    @property
    def message(self) -> str:
        who, person = self.attendee, self.attendee.person
        head = f"{self.local_start:%H:%M} for {who.who}"
        if self.level == "night":
            return f"{head} — {who.subject} will be asleep"
        days = _days_text(person.days)
        return f"{head} — outside working hours ({days}{person.start:%H:%M}–{person.end:%H:%M})"


def _days_text(days: frozenset[int]) -> str:
    if days == ALL_DAYS:
        return ""
    ordered = sorted(days)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{_DAY_NAMES[ordered[0] - 1]}–{_DAY_NAMES[ordered[-1] - 1]} "
    return ", ".join(_DAY_NAMES[d - 1] for d in ordered) + " "


def subject_of(name: str, pronouns: str) -> str:
    """'she/her' -> 'she'; no pronouns given: the name itself (never a guess)."""
    first = pronouns.split("/")[0].strip().lower()
    return first if first else name


def _quarters(start: datetime, duration: timedelta) -> list[datetime]:
    count = max(1, -(-int(duration.total_seconds()) // int(QUARTER.total_seconds())))
    return [start + QUARTER * i for i in range(count)]


def _level(person: Person, moments: Sequence[datetime]) -> Misfit | None:
    tz = ZoneInfo(person.zone)
    if all(inside(m, tz, person.start, person.end, person.days) for m in moments):
        return None
    if all(inside(m, tz, DAY_START, DAY_END, ALL_DAYS) for m in moments):
        return "off"
    return "night"


def unsuited(attendees: Sequence[Attendee], start: datetime, duration: timedelta) -> list[Unsuited]:
    """Everyone for whom the meeting falls outside working hours or at night, night first."""
    moments = _quarters(start, duration)
    found = []
    for attendee in attendees:
        level = _level(attendee.person, moments)
        if level is not None:
            local = start.astimezone(ZoneInfo(attendee.person.zone))
            found.append(Unsuited(attendee, local, level))
    return sorted(found, key=lambda u: u.level != "night")


def suits_everyone(
    people: Sequence[Person], start: datetime, duration: timedelta, *, daytime: bool = False
) -> bool:
    """Inside everyone's working hours (``daytime``: everyone is at least awake)."""
    moments = _quarters(start, duration)
    allowed = (None, "off") if daytime else (None,)
    return all(_level(p, moments) in allowed for p in people)


def nearest_slot(
    people: Sequence[Person],
    around: datetime,
    duration: timedelta,
    *,
    not_before: datetime | None = None,
    forward_only: bool = False,
    daytime: bool = False,
) -> datetime | None:
    """The start nearest to ``around`` (later wins a tie) inside everyone's working hours
    (``daytime``: when everyone is awake), on the quarter-hour grid, not before
    ``not_before``; None when there is none within SEARCH_HORIZON."""
    if not people:
        return None
    base = around - timedelta(minutes=around.minute % 15, seconds=around.second,
                              microseconds=around.microsecond)  # fmt: skip
    if base < around:
        base += QUARTER  # never earlier than asked when searching forward
    for step in range(int(SEARCH_HORIZON / QUARTER)):
        tries = [base + QUARTER * step]
        if not forward_only and step:
            tries.append(base - QUARTER * step)
        for start in tries:
            if not_before is not None and start < not_before:
                continue
            if suits_everyone(people, start, duration, daytime=daytime):
                return start
    return None


def person(zone: str, hours: WorkingHours) -> Person:
    return Person(zone, hours.start, hours.end, frozenset(hours.days))


def attendees(settings: Settings, zone: str, mentee: Mentee | None, name: str) -> list[Attendee]:
    """The mentor ("you", in ``zone``) and the mentee (``name``: how the dialog calls them);
    a mentee whose zone the tz database does not know is left out."""
    found = [Attendee("you", "you", person(zone, settings.hours))]
    if mentee is not None and is_zone(mentee.time_zone):
        subject = subject_of(name, mentee.pronouns)
        found.append(Attendee(name, subject, person(mentee.time_zone, mentee.hours)))
    return found


def suggested_start(
    people: Sequence[Attendee], around: datetime, duration: timedelta, now: datetime
) -> tuple[datetime | None, bool]:
    """The nearest start inside everyone's hours, else when all are awake (second: True)."""
    persons = [a.person for a in people]
    slot = nearest_slot(persons, around, duration, not_before=now)
    if slot is not None:
        return slot, False
    return nearest_slot(persons, around, duration, not_before=now, daytime=True), True
