"""Expanding a meeting's RFC 5545 recurrence rule in its anchor zone.

Expansion happens on naive wall-clock times in the anchor zone, so 09:00 New
York stays 09:00 New York across DST. Attaching the zone with fold=0 gives
RFC 5545's reading of a gap (moved forward by the gap's length) and of a fold
(the first of the two times).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from mentordesk.planner.rrule_check import MAX_OCCURRENCES, validate_rrule, wall_starts

__all__ = ["MAX_OCCURRENCES", "expand", "last_occurrence", "starts_until", "validate_rrule"]

# Wall-clock times and UTC disagree about order by up to a day (Pacific/Apia skipped
# 30 December 2011), so searches by wall clock look this far past a UTC bound.
_SLACK = timedelta(days=2)


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
    starts = wall_starts(rule, start)
    # Compare in the anchor's wall clock, with slack for offsets.
    lo = window_start.astimezone(anchor).replace(tzinfo=None) - _SLACK
    hi = window_end.astimezone(anchor).replace(tzinfo=None) + _SLACK
    count = 0
    for naive in starts:
        if naive >= hi or count >= limit:
            return
        if naive < lo:
            continue
        moment = naive.replace(tzinfo=anchor)
        if window_start <= moment < window_end:
            count += 1
            yield moment


def starts_until(
    start: datetime, rule: str | None, until: datetime, limit: int = MAX_OCCURRENCES
) -> tuple[list[datetime], datetime | None]:
    """A series' occurrence starts (aware, anchor zone) from its first up to ``until``.

    Returns the starts and the instant from which starts were left out: None when
    every occurrence is listed, else ``until`` or, when ``limit`` cut the series
    short, an earlier instant. Every occurrence before that instant is listed, and
    none at or after it, so a caller can expand the rest with ``expand`` and never
    count one twice. A single meeting is always listed, whatever ``until`` says.
    """
    anchor = start.tzinfo
    if anchor is None:
        raise ValueError("start must be aware")
    if not rule:
        return [start], None
    rset = wall_starts(rule, start)
    # Wall-clock order is not always UTC order (a gap reads forward, Apia skipped a
    # whole day), so look _SLACK past the cut before deciding where it lies.
    hi = until.astimezone(anchor).replace(tzinfo=None) + _SLACK
    listed: list[datetime] = []
    left_out: list[datetime] = []
    cut: datetime | None = None
    for naive in rset:
        if cut is None and (naive >= hi or len(listed) >= limit):
            cut = naive
        if cut is not None and naive >= cut + _SLACK:
            break
        moment = naive.replace(tzinfo=anchor)
        if cut is None and moment < until:
            listed.append(moment)
        else:
            left_out.append(moment)
    if not left_out:
        return listed, None
    first_left_out = min(min(left_out), until)
    return [m for m in listed if m < first_left_out], first_left_out


def last_occurrence(start: datetime, rule: str | None) -> datetime | None:
    """The last start of a finite series, or None when it repeats for ever."""
    if not rule:
        return start
    validate_rrule(rule, start)  # even an endless rule: a caller may expand it next
    upper = rule.upper()
    if "COUNT=" not in upper and "UNTIL=" not in upper:
        return None
    rset = wall_starts(rule, start)
    last = None
    for i, naive in enumerate(rset):
        last = naive
        if i >= MAX_OCCURRENCES:
            break
    return None if last is None else last.replace(tzinfo=start.tzinfo)
