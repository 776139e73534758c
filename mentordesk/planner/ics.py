"""Reading iCalendar (.ics) files: plain Python, no SQL, no Qt.

``icalendar`` is imported inside the functions that need it: it costs ~70 ms,
which start-up must not pay. Reading is bounded against hostile files (size,
property length, number of events, repeat frequency) before and while parsing.
Writing is ``ics_write.py``.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mentordesk.domain.date_window import FIRST_YEAR, LAST_YEAR, in_window
from mentordesk.domain.errors import ValidationError
from mentordesk.planner.ics_limits import (
    MAX_FILE_BYTES,
    MAX_TZID,
    bound_exceptions,
    check_bounds,
    shorten_zone_ids,
)
from mentordesk.planner.recurrence import validate_rrule

_ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*$")


@dataclass(slots=True)
class ImportedEvent:
    """One usable event of a file: a single time or a series, anchored in its zone."""

    uid: str
    title: str
    start: datetime  # aware, tzinfo is the anchor ZoneInfo
    duration: timedelta
    rrule: str | None = None
    exdates: tuple[datetime, ...] = ()  # cancelled original starts, anchor zone
    moved: tuple[tuple[datetime, datetime], ...] = ()  # (original start, new start)
    location: str = ""

    @property
    def zone(self) -> str:
        return str(self.start.tzinfo)


@dataclass(slots=True)
class IcsContents:
    events: list[ImportedEvent] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per item not used


@dataclass(slots=True, frozen=True)
class ImportReport:
    """What an import did: how many events it kept and one line per item it could not use."""

    events: int
    meetings: int
    busy_times: int
    cancelled: int
    moved: int
    skipped: tuple[str, ...]


def whole_minutes(duration: timedelta) -> int:
    """Meetings are stored in minutes; rounded up, so a 10-second event keeps its minute."""
    return max(1, -(-int(duration.total_seconds()) // 60))


def read_ics(path: Path, default_zone: str = "UTC") -> IcsContents:
    """The usable events of ``path``; floating times are read in ``default_zone``.

    Raises ValidationError("file", ...) when the file cannot be read or is refused.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValidationError("file", f"Cannot read {path}: {exc.strerror or exc}.") from None
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            "file", f"{path.name} is {size / 2**20:.1f} MB; calendar files over 10 MB are refused."
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError("file", f"Cannot read {path}: {exc.strerror or exc}.") from None
    return parse_ics(raw, default_zone, name=path.name)


def parse_ics(raw: bytes, default_zone: str = "UTC", name: str = "the file") -> IcsContents:
    check_bounds(raw, name)
    raw = shorten_zone_ids(raw)
    import icalendar

    try:
        with warnings.catch_warnings():
            # Guesses about odd TZIDs are reported per event below, not as warnings.
            warnings.simplefilter("ignore")
            calendars = icalendar.Calendar.from_ical(raw, multiple=True)
    except (*_BROKEN, RecursionError) as exc:
        raise ValidationError("file", f"{name} is not a calendar file ({exc}).") from None
    if not calendars:
        raise ValidationError("file", f"{name} holds no calendar (no BEGIN:VCALENDAR).")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _contents([e for cal in calendars for e in cal.walk("VEVENT")], default_zone)


# What icalendar and datetime raise on a broken value (icalendar's own errors are ValueErrors).
_BROKEN = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError)


def _contents(vevents: list[Any], default_zone: str) -> IcsContents:
    result = IcsContents()
    masters: dict[str, ImportedEvent] = {}
    overrides: list[tuple[Any, str, str]] = []
    for index, vevent in enumerate(vevents):
        title = _text(vevent, "SUMMARY") or "(no title)"
        uid = _text(vevent, "UID") or f"no-uid-{index}"
        try:
            if vevent.get("RECURRENCE-ID") is not None:
                overrides.append((vevent, uid, title))
                continue
            event = _event(vevent, uid, title, default_zone, result.skipped)
        except _BROKEN as exc:
            result.skipped.append(f"skipped '{title}': it could not be read ({exc})"[:300])
            continue
        if event is not None:
            masters.setdefault(uid, event)
            result.events.append(event)
    for vevent, uid, title in overrides:
        try:
            _apply_override(vevent, uid, masters, default_zone, result)
        except _BROKEN as exc:
            result.skipped.append(f"skipped a change to '{title}': it could not be read ({exc})")
    for event in result.events:
        event.exdates, event.moved = bound_exceptions(
            event.start, event.title, event.exdates, event.moved, result.skipped
        )
    return result


def _text(vevent: Any, name: str) -> str:
    try:
        return str(vevent.get(name, "") or "").strip()
    except _BROKEN:
        return ""


def _event(
    vevent: Any, uid: str, title: str, default_zone: str, skipped: list[str]
) -> ImportedEvent | None:
    def skip(reason: str) -> None:
        skipped.append(f"skipped '{title}': {reason}")

    if str(vevent.get("STATUS", "")).upper() == "CANCELLED":
        skip("it is cancelled")
        return None
    start = _start(vevent, "DTSTART", default_zone, title, skipped)
    if start is None:
        return None
    if isinstance(start, str):
        skip(start)
        return None
    duration = _duration(vevent, start)
    if duration is None or duration <= timedelta(0):
        skip("it has no length (no end time or duration)")
        return None
    rule = None
    if vevent.get("RRULE") is not None:
        try:
            rule = _rule(vevent.get("RRULE"), start)
        except ValidationError as exc:
            skip(exc.message)
            return None
    exdates: list[datetime] = []
    far = 0
    for value in _values(vevent.get("EXDATE")):
        moment = _aware(value, start.tzinfo)
        if moment is not None and not in_window(moment):
            far += 1  # converting a date near year 1 or 9999 would overflow
        elif moment is not None:
            exdates.append(moment.astimezone(start.tzinfo))
    if far:
        skip_dates = f"{far} of its cancelled dates lie outside {FIRST_YEAR}–{LAST_YEAR}"
        skipped.append(f"note '{title}': {skip_dates}; they were left out")
    return ImportedEvent(
        uid=uid,
        title=title,
        start=start,
        duration=duration,
        rrule=rule,
        exdates=tuple(sorted(set(exdates))),
        location=str(vevent.get("LOCATION", "") or "").strip(),
    )


def _apply_override(
    vevent: Any, uid: str, masters: dict[str, ImportedEvent], default_zone: str, out: IcsContents
) -> None:
    title = str(vevent.get("SUMMARY", "") or "").strip() or "(no title)"
    master = masters.get(uid)
    if master is None or master.rrule is None:
        # A changed occurrence of a series the file does not hold: a meeting of its own.
        event = _event(vevent, uid, title, default_zone, out.skipped)
        if event is not None:
            out.events.append(event)
        return
    original = _aware(vevent.get("RECURRENCE-ID").dt, master.start.tzinfo)
    if original is None:
        out.skipped.append(f"skipped a change to '{title}': its date has no time of day")
        return
    if not in_window(original):
        out.skipped.append(
            f"skipped a change to '{title}': its date is outside {FIRST_YEAR}–{LAST_YEAR}"
        )
        return
    original = original.astimezone(master.start.tzinfo)
    if str(vevent.get("STATUS", "")).upper() == "CANCELLED":
        master.exdates = tuple(sorted({*master.exdates, original}))
        return
    new_start = _start(vevent, "DTSTART", default_zone, title, out.skipped)
    if new_start is None or isinstance(new_start, str):
        out.skipped.append(f"skipped a change to '{title}' on {original:%Y-%m-%d}: no usable time")
        return
    new_start = new_start.astimezone(master.start.tzinfo)
    if new_start != original:
        master.moved = (*master.moved, (original, new_start))


def _start(
    vevent: Any, name: str, default_zone: str, title: str, skipped: list[str]
) -> datetime | str | None:
    """The aware start in its own zone, a reason it is unusable, or None (reported)."""
    start = _start_in_zone(vevent, name, default_zone, title, skipped)
    if isinstance(start, datetime) and not in_window(start):
        # isoformat pads the year: strftime would write year 1 as '1'.
        return f"its date {start.isoformat()[:10]} is outside {FIRST_YEAR}–{LAST_YEAR}"
    return start


def _start_in_zone(
    vevent: Any, name: str, default_zone: str, title: str, skipped: list[str]
) -> datetime | str | None:
    prop = vevent.get(name)
    if prop is None or not hasattr(prop, "dt"):
        return "no start time"
    value = prop.dt
    if isinstance(value, date) and not isinstance(value, datetime):
        return "all-day events are not imported (no time of day)"
    if not isinstance(value, datetime):
        return "its start is not a date and time"
    tzid = prop.params.get("TZID")
    if tzid:
        zone = iana_zone(str(tzid))
        if zone is not None:
            return value.replace(tzinfo=zone)
        if value.tzinfo is None:
            return f"its time zone '{str(tzid)[:40]}' is not known"
        skipped.append(
            f"note '{title}': time zone '{str(tzid)[:40]}' is not a known zone name; kept in UTC"
            " (a series may be an hour off after a clock change)"
        )
        return value.astimezone(ZoneInfo("UTC"))
    if value.tzinfo is None:
        return value.replace(tzinfo=ZoneInfo(default_zone))
    return value.astimezone(ZoneInfo("UTC"))


def iana_zone(tzid: str) -> ZoneInfo | None:
    """The IANA zone a TZID means: its own name, a Windows name, or a '/vendor/Zone' id."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    cleaned = tzid.strip().strip('"').strip()
    if len(cleaned) > MAX_TZID:
        return None  # longer than any zone's path: the file system would refuse the name
    candidates = [cleaned, WINDOWS_TO_OLSON.get(cleaned, "")]
    parts = cleaned.strip("/").split("/")
    candidates += ["/".join(parts[i:]) for i in range(1, len(parts))]
    for name in candidates:
        if name and _ZONE_NAME.match(name) and ".." not in name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    return None


def _duration(vevent: Any, start: datetime) -> timedelta | None:
    end = vevent.get("DTEND")
    if end is not None and isinstance(end.dt, datetime):
        zone = iana_zone(str(end.params["TZID"])) if end.params.get("TZID") else None
        # An unknown TZID keeps the zone icalendar built from the file's VTIMEZONE.
        moment = end.dt.replace(tzinfo=zone) if zone else _aware(end.dt, start.tzinfo)
        if moment is None:
            return None
        # Aware subtraction in one zone is wall-clock; the length is the real one.
        return moment.astimezone(UTC) - start.astimezone(UTC)
    length = vevent.get("DURATION")
    if length is not None and isinstance(length.dt, timedelta):
        return length.dt
    return None


def _aware(value: object, zone: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=zone) if value.tzinfo is None else value


def _values(prop: object) -> list[object]:
    """The dates of an EXDATE property, given once or repeated."""
    if prop is None:
        return []
    props = prop if isinstance(prop, list) else [prop]
    return [d.dt for p in props for d in getattr(p, "dts", [])]


def _rule(prop: object, start: datetime) -> str:
    if isinstance(prop, list):
        raise ValidationError("rrule", "it has more than one repeat rule")
    text = prop.to_ical().decode()  # type: ignore[attr-defined]
    # Old Exchange writes 'BYDAY=MO, TU'; icalendar then escapes the separators.
    text = text.replace("\\", "").replace(" ", "")
    parts = []
    for part in text.split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "UNTIL" and value.upper().endswith("Z"):
            # Expansion runs on the anchor's wall clock, so UNTIL must be wall-clock too.
            until = datetime.strptime(value.upper(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            value = until.astimezone(start.tzinfo).strftime("%Y%m%dT%H%M%S")
        parts.append(f"{key}={value}")
    try:
        return validate_rrule(";".join(parts), start)
    except ValidationError as exc:
        raise ValidationError("rrule", exc.message[:1].lower() + exc.message[1:]) from None
