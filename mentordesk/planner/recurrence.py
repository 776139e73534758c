"""Expanding a meeting's RFC 5545 recurrence rule in its anchor zone.

Expansion happens on naive wall-clock times in the anchor zone, so 09:00 New
York stays 09:00 New York across DST. Attaching the zone with fold=0 gives
RFC 5545's reading of a gap (moved forward by the gap's length) and of a fold
(the first of the two times).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from dateutil.rrule import rrulestr

from mentordesk.domain.errors import ValidationError

# Hostile or careless rules (FREQ=SECONDLY;COUNT=1000000000) must stay bounded.
MAX_OCCURRENCES = 5000


def validate_rrule(rule: str, start: datetime, field: str = "rrule") -> str:
    cleaned = rule.strip().removeprefix("RRULE:")
    if not cleaned:
        return ""
    try:
        rrulestr(cleaned, dtstart=start.replace(tzinfo=None))
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            field, f"Repeat rule '{cleaned}' is not valid ({exc}) — e.g. FREQ=WEEKLY;INTERVAL=2."
        ) from None
    freq = cleaned.upper().split("FREQ=", 1)[-1].split(";", 1)[0]
    if freq in {"SECONDLY", "MINUTELY", "HOURLY"}:
        raise ValidationError(field, "Meetings repeat daily at most — use FREQ=DAILY or WEEKLY.")
    return cleaned


def expand(
    start: datetime,
    rule: str | None,
    window_start: datetime,
    window_end: datetime,
    limit: int = MAX_OCCURRENCES,
) -> Iterator[datetime]:
    """Occurrence starts (aware, anchor zone) that begin in [window_start, window_end)."""
    anchor = start.tzinfo
    if anchor is None:
        raise ValueError("start must be aware")
    if not rule:
        if window_start <= start < window_end:
            yield start
        return
    naive_start = start.replace(tzinfo=None)
    rset = rrulestr(rule, dtstart=naive_start, forceset=True)
    # Compare in the anchor's wall clock; allow a day of slack for offsets.
    lo = window_start.astimezone(anchor).replace(tzinfo=None) - timedelta(days=1)
    hi = window_end.astimezone(anchor).replace(tzinfo=None) + timedelta(days=1)
    count = 0
    for naive in rset.xafter(max(lo, naive_start), inc=True):
        if naive >= hi or count >= limit:
            return
        if naive < lo:
            continue
        moment = naive.replace(tzinfo=anchor)
        if window_start <= moment < window_end:
            count += 1
            yield moment


def last_occurrence(start: datetime, rule: str | None) -> datetime | None:
    """The last start of a finite series, or None when it repeats for ever."""
    if not rule:
        return start
    upper = rule.upper()
    if "COUNT=" not in upper and "UNTIL=" not in upper:
        return None
    rset = rrulestr(rule, dtstart=start.replace(tzinfo=None), forceset=True)
    last = None
    for i, naive in enumerate(rset):
        last = naive
        if i >= MAX_OCCURRENCES:
            break
    return None if last is None else last.replace(tzinfo=start.tzinfo)
