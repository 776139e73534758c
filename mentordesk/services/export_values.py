"""The text inside an export's columns: dates, times, zones and JSON kept in TEXT columns.

SQLite takes any text in a TEXT column, and the schema's CHECKs cover only the choice
columns (status, kind, owner); but the store parses a date column with
``date.fromisoformat``, a zone with ``ZoneInfo``, the channels as JSON. A hand-edited file
with "2026-02-30" in it would import and then fail each time the mentee's page opens, so
every such value is checked here before a row is written, and the message names the table,
row and column, what was found and what is expected. No SQL here.

Formats are keyed by column name, which means one thing in every table that has it. A
column without an entry is checked only for its type (``export_reading._check_value``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime, time

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.reminders import MAX_MINUTES
from mentordesk.domain.validation import suggest_zones, validate_zone

#: What an instant column holds: UTC, to the second, as ``planner.zones.utc_iso`` writes it
#: (range queries compare this text as a string, so another spelling would sort wrong).
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_WALL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", re.ASCII)
_HHMM = re.compile(r"\d{2}:\d{2}", re.ASCII)
_WEEKDAYS = re.compile(r"(?:[1-7](?:,[1-7])*)?", re.ASCII)


class _Bad(Exception):
    """What the value should be, for the message."""


def _show(value: object, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def _instant(text: str) -> None:
    try:
        if _INSTANT.fullmatch(text):
            datetime.fromisoformat(text.replace("Z", "+00:00"))
            return
    except ValueError:
        pass
    raise _Bad('a UTC date and time such as "2026-03-02T14:00:00Z"')


def _day(text: str) -> None:
    if text == "":
        return  # read as "no date"
    try:
        if _DAY.fullmatch(text):
            date.fromisoformat(text)
            return
    except ValueError:
        pass
    raise _Bad('a date such as "2026-03-02"')


def _wall(text: str) -> None:
    try:
        if _WALL.fullmatch(text):
            datetime.fromisoformat(text)
            return
    except ValueError:
        pass
    raise _Bad('a local date and time such as "2026-03-02T09:00"')


def _hhmm(text: str) -> None:
    try:
        if _HHMM.fullmatch(text):
            time.fromisoformat(text)
            return
    except ValueError:
        pass
    raise _Bad('a time of day such as "09:00"')


def _zone(text: str) -> None:
    try:
        canonical: str | None = validate_zone(text)
    except ValidationError:
        canonical = None
    if canonical == text:
        return  # exactly as written: ZoneInfo's lookup is case-sensitive on most systems
    close = [canonical] if canonical else suggest_zones(text)
    hint = f"did you mean {' or '.join(close)}?" if close else "e.g. Europe/London"
    raise _Bad(f"a time zone MentorDesk knows ({hint})")


def _weekdays(text: str) -> None:
    if not _WEEKDAYS.fullmatch(text):
        raise _Bad('weekday numbers 1 (Monday) to 7 separated by commas, such as "1,2,3,4,5"')


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise _Bad("JSON text") from None


def _channels(text: str) -> None:
    value = _json(text)
    plain = isinstance(value, list) and all(
        isinstance(c, dict) and set(c) >= {"kind", "value"}
        and isinstance(c["kind"], str) and isinstance(c["value"], str)
        for c in value
    )  # fmt: skip
    if not plain:
        raise _Bad('a JSON list of channels such as [{"kind": "email", "value": "a@b.org"}]')


def _text_list(text: str) -> None:
    value = _json(text)
    if not (isinstance(value, list) and all(isinstance(t, str) for t in value)):
        raise _Bad('a JSON list of text such as ["career", "backend"]')


def _wall_list(text: str) -> None:
    value = _json(text)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad('a JSON list of local dates and times such as ["2026-03-02T09:00"]')
    for item in value:
        _wall(item)


COLUMN_FORMATS: dict[str, Callable[[str], object]] = {
    **dict.fromkeys(
        ("created_at", "updated_at", "imported_at", "recorded_at", "done_at", "editing_since",
         "revised_at", "first_unrevised_edit_at", "start_utc", "end_utc", "last_utc",
         "last_contact_utc", "original_start_utc", "new_start_utc", "instances_until", "at_utc"),
        _instant,
    ),
    **dict.fromkeys(
        ("start_date", "target_date", "revisit_date", "due_date", "done_on", "given_on",
         "happened_on", "due"),
        _day,
    ),
    **dict.fromkeys(("start_local", "original_start_local", "new_start_local"), _wall),
    **dict.fromkeys(("time_zone", "zone"), _zone),
    **dict.fromkeys(("work_start", "work_end"), _hhmm),
    "work_days": _weekdays,
    "channels": _channels,
    "tags": _text_list,
    "exdates": _wall_list,
}  # fmt: skip


def _setting_zone(value: object) -> None:
    if not isinstance(value, str):
        raise _Bad("a time zone name in quotes")
    _zone(value)


def _setting_hhmm(value: object) -> None:
    if not isinstance(value, str):
        raise _Bad('a time of day in quotes, such as "09:00"')
    _hhmm(value)


def _setting_text(value: object) -> None:
    if not isinstance(value, str):
        raise _Bad('text in quotes, such as "Sam Rivera"')


def _setting_weekdays(value: object) -> None:
    ok = isinstance(value, list) and all(
        type(d) is int and 1 <= d <= 7
        for d in value  # bool is an int: not a weekday
    )
    if not ok:
        raise _Bad("a JSON list of weekday numbers 1 (Monday) to 7, such as [1, 2, 3, 4, 5]")


def _setting_backup_cap(value: object) -> None:
    # The Preferences' rule: a smaller cap would make each backup delete the older ones.
    from mentordesk.services.backups import MIN_SIZE_CAP

    if type(value) is not int or value < MIN_SIZE_CAP:
        raise _Bad(f"a whole number of bytes of at least {MIN_SIZE_CAP} (100 MB)")


def _setting_reminder_minutes(value: object) -> None:
    if type(value) is not int or not 0 <= value <= MAX_MINUTES:
        raise _Bad(f"a whole number of minutes from 0 (no reminders) to {MAX_MINUTES}")


#: The settings the app reads (into its Settings, or the backups' size cap); other keys
#: need only be JSON.
SETTING_FORMATS: dict[str, Callable[[object], None]] = {
    "backup_size_cap_bytes": _setting_backup_cap,
    "mentor_name": _setting_text,
    "reminder_minutes": _setting_reminder_minutes,
    "time_zone": _setting_zone,
    "work_start": _setting_hhmm,
    "work_end": _setting_hhmm,
    "work_days": _setting_weekdays,
}


def check_text(column: str, value: str, where: str) -> None:
    """ValidationError naming ``where`` when ``value`` is not what ``column`` holds."""
    check = COLUMN_FORMATS.get(column)
    if check is None:
        return
    try:
        check(value)
    except _Bad as exc:
        raise ValidationError(
            "file", f"{where}: {_show(value)} is not {exc} — correct it in the file."
        ) from None


def check_setting(row: dict[str, object], number: int) -> None:
    """A settings row's value is JSON, and what the app reads for its key."""
    key, value = row.get("key"), row.get("value")
    if not isinstance(value, str):
        return  # its type was checked with the column's
    where = f"'settings' row {number} ({_show(key)}), 'value'"
    try:
        parsed = _json(value)
        check = SETTING_FORMATS.get(key) if isinstance(key, str) else None
        if check is not None:
            check(parsed)
    except _Bad as exc:
        raise ValidationError(
            "file", f"{where}: {_show(value)} is not {exc} — correct it in the file."
        ) from None
