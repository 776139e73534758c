"""The one check of a recurrence rule, and the one place a rule becomes occurrences.

Every rule is checked here before anything expands it: one that comes from the meeting
dialog, an .ics file, a JSON export, the command line or an old database row. dateutil
does what a rule says, however absurd: INTERVAL=0 never advances (a hang), a rule no
date satisfies (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) walks day by day to year 9999
(~3 s), BYHOUR x BYMINUTE x BYSECOND lists make thousands of meetings a day. So the
parts are read and bounded first (RFC 5545 ranges, at most one time of day), and every
expansion stops at the end of the date window (``domain/date_window.py``) and after
COUNT occurrences, counted here rather than by dateutil, which would search to 9999
for a COUNT the rule cannot reach.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import lru_cache
from itertools import islice

from dateutil.rrule import rrulestr

from mentordesk.domain.date_window import FIRST_YEAR, LAST_YEAR, in_window
from mentordesk.domain.errors import ValidationError

# Hostile or careless rules (COUNT=1000000000) must stay bounded.
MAX_OCCURRENCES = 5000
MAX_RULE_LENGTH = 500
MAX_INTERVAL = 366
MAX_LIST = 64  # values in one BYxxx list (BYDAY with ordinals can list a few dozen)
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_TOO_OFTEN = ("SECONDLY", "MINUTELY", "HOURLY")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Allowed range of each numeric BYxxx list (RFC 5545 3.3.10); negatives count from the end.
_RANGES: dict[str, tuple[int, int, bool]] = {
    "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
_TIME_OF_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")
_NUMBER = re.compile(r"[+-]?\d{1,3}", re.ASCII)
_BYDAY = re.compile(r"([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", re.ASCII)
_UNTIL = re.compile(r"(\d{8})(?:T(\d{6})(Z?))?", re.ASCII)
# Expansion never runs past the window: a rule without an end, or one whose dates run
# out before its COUNT, stops here instead of at year 9999.
_WINDOW_END = f"{LAST_YEAR}1231T235959"


def _refuse(field: str, rule: str, why: str) -> ValidationError:
    return ValidationError(
        field, f"Repeat rule '{rule[:80]}' is not valid ({why}) — e.g. FREQ=WEEKLY;INTERVAL=2."
    )


def _parts(cleaned: str, field: str) -> dict[str, str]:
    """The rule's KEY=VALUE parts, upper-cased, each checked on its own."""
    if len(cleaned) > MAX_RULE_LENGTH:
        raise ValidationError(
            field, f"Repeat rule is {len(cleaned)} characters long; at most {MAX_RULE_LENGTH}."
        )
    parts: dict[str, str] = {}
    for part in cleaned.upper().split(";"):
        key, sep, value = part.partition("=")
        if not sep or not value:
            raise _refuse(field, cleaned, f"'{part[:20]}' is not KEY=VALUE")
        if key in parts:
            raise _refuse(field, cleaned, f"{key} is given twice")
        parts[key] = value
    freq = parts.get("FREQ")
    if freq in _TOO_OFTEN:
        raise ValidationError(field, "Meetings repeat daily at most — use FREQ=DAILY or WEEKLY.")
    if freq not in FREQUENCIES:
        raise _refuse(field, cleaned, f"FREQ must be one of {', '.join(FREQUENCIES)}")
    for key, value in parts.items():
        _check_part(key, value, cleaned, field)
    _check_combination(parts, cleaned, field)

    if "COUNT" in parts and "UNTIL" in parts:
        raise _refuse(field, cleaned, "give COUNT or UNTIL, not both")
    return parts


# RFC 5545 3.3.10: which BYxxx parts a frequency may carry (BYSETPOS is kept to the
# monthly and yearly rules calendars write). Besides following the RFC, this keeps
# dateutil's search for a rule's first date short (see _refusal).
_ONLY_WITH = {
    "BYWEEKNO": ("YEARLY",),
    "BYYEARDAY": ("YEARLY",),
    "BYSETPOS": ("MONTHLY", "YEARLY"),
    "BYMONTHDAY": ("DAILY", "MONTHLY", "YEARLY"),
}
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check_combination(parts: dict[str, str], rule: str, field: str) -> None:
    freq = parts["FREQ"]
    for key, freqs in _ONLY_WITH.items():
        if key in parts and freq not in freqs:
            raise _refuse(field, rule, f"{key} goes only with FREQ={' or '.join(freqs)}")
    ordinals = [m.group(2) for d in parts.get("BYDAY", "").split(",") if (m := _BYDAY.fullmatch(d))]
    if freq in ("DAILY", "WEEKLY") and any(ordinals):
        raise _refuse(field, rule, "a numbered weekday (BYDAY=1MO) needs FREQ=MONTHLY or YEARLY")
    if freq == "MONTHLY" and any(o and int(o) > 5 for o in ordinals):
        raise _refuse(field, rule, "a month has at most 5 of each weekday (BYDAY=1MO to 5MO)")
    if "BYMONTH" in parts and "BYMONTHDAY" in parts:
        longest = max(_MONTH_DAYS[int(m) - 1] for m in parts["BYMONTH"].split(","))
        if all(abs(int(d)) > longest for d in parts["BYMONTHDAY"].split(",")):
            raise _refuse(field, rule, "no date matches it: those months are shorter")


def _check_part(key: str, value: str, rule: str, field: str) -> None:
    if key == "FREQ":
        return
    if key == "INTERVAL":
        if not value.isdigit() or not 1 <= int(value) <= MAX_INTERVAL:
            raise _refuse(field, rule, f"INTERVAL must be 1 to {MAX_INTERVAL}")
    elif key == "COUNT":
        if not value.isdigit() or not 1 <= int(value) <= MAX_OCCURRENCES:
            raise _refuse(field, rule, f"COUNT must be 1 to {MAX_OCCURRENCES}")
    elif key == "UNTIL":
        _check_until(value, rule, field)
    elif key == "WKST":
        if value not in _WEEKDAYS:
            raise _refuse(field, rule, "WKST must be a weekday such as MO")
    elif key == "BYDAY":
        _check_list(key, value, rule, field, _byday_ok)
    elif key in _RANGES:
        low, high, signed = _RANGES[key]

        def number_ok(item: str) -> bool:
            if not _NUMBER.fullmatch(item):
                return False
            number = int(item)
            return low <= number <= high or (signed and -high <= number <= -low)

        _check_list(key, value, rule, field, number_ok)
        if key in _TIME_OF_DAY and "," in value:
            raise ValidationError(
                field, f"A meeting happens once a day at most — {key} takes one value."
            )
    else:
        raise _refuse(field, rule, f"{key} is not a part of a repeat rule")


def _byday_ok(item: str) -> bool:
    match = _BYDAY.fullmatch(item)
    return match is not None and (match.group(2) is None or 1 <= int(match.group(2)) <= 53)


def _check_list(key: str, value: str, rule: str, field: str, ok: Callable[[str], bool]) -> None:
    items = value.split(",")
    if len(items) > MAX_LIST:
        raise _refuse(field, rule, f"{key} lists {len(items)} values; at most {MAX_LIST}")
    bad = next((item for item in items if not ok(item)), None)
    if bad is not None:
        raise _refuse(field, rule, f"{key} value '{bad[:12]}' is out of range")


def _check_until(value: str, rule: str, field: str) -> None:
    match = _UNTIL.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        moment = datetime.strptime(match.group(1) + (match.group(2) or "000000"), "%Y%m%d%H%M%S")
    except ValueError:
        raise _refuse(field, rule, "UNTIL must be a date such as 20271231T235959") from None
    if not in_window(moment):
        raise _refuse(field, rule, f"UNTIL must lie in {FIRST_YEAR}–{LAST_YEAR}")


def validate_rrule(rule: str, start: datetime, field: str = "rrule") -> str:
    """``rule`` without an 'RRULE:' prefix, or ValidationError naming ``field``.

    '' for an empty rule. A rule is refused when a part is unknown or out of its range,
    when it repeats more than daily, or when no date matches it.
    """
    cleaned = rule.strip().removeprefix("RRULE:")
    if not cleaned:
        return ""
    refusal = _refusal(cleaned, start.replace(tzinfo=None, fold=0), field)
    if refusal is not None:
        raise refusal
    return cleaned


@lru_cache(maxsize=4096)
def _refusal(cleaned: str, naive_start: datetime, field: str) -> ValidationError | None:
    """Why the rule is refused from ``naive_start``, or None. Cached, refusals too: the
    pages expand the same rules often, and an old row with a bad rule is met on each."""
    try:
        parts = _parts(cleaned, field)
    except ValidationError as exc:
        return exc
    if not in_window(naive_start):
        return ValidationError(
            field,
            f"A series must start in {FIRST_YEAR}–{LAST_YEAR}; this one starts in"
            f" {naive_start.year}.",
        )
    # The pattern alone (no COUNT, no UNTIL) must give a date. dateutil looks for one up
    # to year 9999 (an UNTIL stops it only once a date is found); the RFC's limits on
    # which BYxxx go with which FREQ, checked in _parts, keep that walk under ~0.5 s.
    # Every 7n days is always the start's weekday: dateutil would walk to 9999 to see it.
    weekday = _WEEKDAYS[naive_start.weekday()]
    weekly = parts["FREQ"] == "DAILY" and int(parts.get("INTERVAL", "1")) % 7 == 0
    if weekly and "BYDAY" in parts and weekday not in parts["BYDAY"].split(","):
        return _refuse(field, cleaned, f"no date matches it: each day it gives is a {weekday}")
    parts.pop("COUNT", None)
    parts.pop("UNTIL", None)
    try:
        first = next(iter(rrulestr(_text(parts), dtstart=naive_start)), None)
    except (ValueError, TypeError, OverflowError) as exc:
        return _refuse(field, cleaned, str(exc)[:80])
    if first is None:
        return _refuse(field, cleaned, "no date matches it")
    return None


def _text(parts: dict[str, str]) -> str:
    return ";".join(f"{key}={value}" for key, value in parts.items())


def wall_starts(rule: str, start: datetime) -> Iterator[datetime]:
    """The series' naive wall-clock starts in the anchor zone, in order, bounded.

    Raises ValidationError when the rule is refused (``validate_rrule``). Stops after
    COUNT starts and at the end of the date window; callers bound the rest.
    """
    naive_start = start.replace(tzinfo=None, fold=0)
    cleaned = validate_rrule(rule, start)
    parts = _parts(cleaned, "rrule")
    count = int(parts.pop("COUNT", "0")) or None
    parts.setdefault("UNTIL", _WINDOW_END)
    try:
        found = iter(rrulestr(_text(parts), dtstart=naive_start))
    except (ValueError, TypeError, OverflowError) as exc:  # validated: not expected
        raise _refuse("rrule", cleaned, str(exc)[:80]) from None
    return islice(found, count)
