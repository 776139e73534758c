"""Writing iCalendar (.ics) files: one VEVENT per meeting, with TZID and VTIMEZONE.

Plain Python, no SQL, no Qt. ``icalendar`` is imported inside ``build_ics``: it costs
~70 ms, which start-up must not pay. Reading is ``ics.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from mentordesk.domain.models import Meeting


@dataclass(slots=True, frozen=True)
class ExportItem:
    """A meeting to write, with its stable UID and what happened to its occurrences."""

    meeting: Meeting
    uid: str
    sequence: int = 0
    cancelled: tuple[datetime, ...] = ()
    moved: tuple[tuple[datetime, datetime], ...] = ()


def build_ics(items: list[ExportItem], now: datetime | None = None) -> bytes:
    """A VCALENDAR with one VEVENT per meeting (plus one per moved occurrence)."""
    from icalendar import Calendar, Event, vRecur

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//MentorDesk//MentorDesk//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for item in items:
        m = item.meeting
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", item.sequence)
        event.add("summary", m.title)
        event.add("dtstart", m.start)
        event.add("dtend", _end(m.start, m.duration))
        if m.location:
            event.add("location", m.location)
        if m.rrule:
            event.add("rrule", vRecur.from_ical(_utc_until(m.rrule, m.start)))
            if item.cancelled:
                event.add("exdate", list(item.cancelled))
        elif item.cancelled:
            event.add("status", "CANCELLED")
        cal.add_component(event)
        for original, new_start in item.moved:
            moved = Event()
            moved.add("uid", item.uid)
            moved.add("dtstamp", stamp)
            moved.add("sequence", item.sequence)
            moved.add("summary", m.title)
            moved.add("recurrence-id", original)
            start = new_start.astimezone(m.start.tzinfo)
            moved.add("dtstart", start)
            moved.add("dtend", _end(start, m.duration))
            cal.add_component(moved)
    cal.add_missing_timezones()
    return cal.to_ical()


def _end(start: datetime, duration: timedelta) -> datetime:
    return (start.astimezone(UTC) + duration).astimezone(start.tzinfo)


def _utc_until(rule: str, start: datetime) -> str:
    """RFC 5545 wants UNTIL in UTC when DTSTART has a TZID; stored rules keep wall-clock."""
    parts = []
    for part in rule.split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "UNTIL" and len(value) == 15:
            local = datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=start.tzinfo)
            value = local.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        parts.append(f"{key}={value}")
    return ";".join(parts)
