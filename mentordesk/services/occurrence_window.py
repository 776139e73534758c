"""Occurrences in a time window, for the services: the derived table plus the exceptions.

Unmoved occurrences come from ``meeting_instances`` (indexed, a page at a time when
there is a limit); moved ones and those past the table's horizon are few and are
read whole, the latter by expanding the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from mentordesk.domain.models import Occurrence, OccurrenceStatus
from mentordesk.domain.views import UpcomingMeeting
from mentordesk.planner.occurrence_rule import is_occurrence
from mentordesk.planner.recurrence import expand
from mentordesk.store.repositories.meeting_instances import InstanceRow
from mentordesk.store.repositories.meetings import MeetingRepository


def occurrence_window(
    meetings: MeetingRepository,
    start: datetime,
    end: datetime,
    mentee_id: int | None = None,
    limit: int | None = None,
    skip_cancelled: bool = False,
    keep: Callable[[Occurrence], bool] | None = None,
) -> list[UpcomingMeeting]:
    """Occurrences in [start, end) by start, the first ``limit`` that ``keep`` accepts.

    Unmoved occurrences come from the indexed occurrence table, a page at a
    time when there is a limit; moved ones and those past the table's horizon
    are few and read whole.
    """
    others = _moved_into(meetings, start, end, mentee_id, skip_cancelled)
    others += _past_horizon(meetings, start, end, mentee_id, skip_cancelled)
    # A few rows of slack for those ``keep`` drops (meetings that already ended).
    fetch = -1 if limit is None else limit + 10
    while True:
        rows = meetings.instances.unmoved(start, end, mentee_id, fetch, skip_cancelled)
        found = sorted([*map(_upcoming_of, rows), *others], key=_start_then_meeting)
        if keep is not None:
            found = [u for u in found if keep(u.occurrence)]
        if limit is None or len(rows) < fetch:
            return found if limit is None else found[:limit]
        # The page was cut: only what starts before its last row is surely complete.
        last = rows[-1].original_start
        complete = [u for u in found if u.occurrence.start < last]
        if len(complete) >= limit:
            return complete[:limit]
        fetch *= 4


def _moved_into(
    meetings: MeetingRepository,
    start: datetime,
    end: datetime,
    mentee_id: int | None,
    skip_cancelled: bool,
) -> list[UpcomingMeeting]:
    listed, unlisted = meetings.instances.moved_into(start, end, mentee_id, skip_cancelled)
    # Past the table's horizon, only the rule can say the original start is real.
    real = [r for r in unlisted if is_occurrence(r.meeting, r.original_start)]
    return [_upcoming_of(r) for r in [*listed, *real]]


def _past_horizon(
    meetings: MeetingRepository,
    start: datetime,
    end: datetime,
    mentee_id: int | None,
    skip_cancelled: bool,
) -> list[UpcomingMeeting]:
    """Unmoved occurrences of series whose table rows stop before ``end``: expanded."""
    series = meetings.instances.open_series(end, mentee_id)
    if not series:
        return []
    facts = meetings.occurrences(s.meeting.id or 0 for s in series)
    result: list[UpcomingMeeting] = []
    for s in series:
        by_start = {f.original_start: f for f in facts.get(s.meeting.id or 0, [])}
        for original in expand(s.meeting.start, s.meeting.rrule,
                               max(start, s.listed_until), end):  # fmt: skip
            fact = by_start.get(original)
            if fact is not None and (
                fact.new_start is not None
                or (skip_cancelled and fact.status is OccurrenceStatus.CANCELLED)
            ):
                continue  # a moved one is counted where it was moved to
            row = InstanceRow(s.meeting, original, fact, s.mentee_name, s.mentee_zone)
            result.append(_upcoming_of(row))
    return result


def _upcoming_of(row: InstanceRow) -> UpcomingMeeting:
    occurrence = Occurrence(row.meeting, row.original_start, row.original_start)
    if row.record is not None:
        occurrence.status = row.record.status
        occurrence.reason = row.record.reason
        if row.record.new_start is not None:
            occurrence.start = row.record.new_start
    return UpcomingMeeting(occurrence, row.mentee_name, row.mentee_zone)


def _start_then_meeting(u: UpcomingMeeting) -> tuple[datetime, int]:
    return u.occurrence.start, u.occurrence.meeting.id or 0
