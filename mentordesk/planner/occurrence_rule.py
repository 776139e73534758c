"""The one rule for "is this really an occurrence of that meeting?".

Marking held, moving, cancelling, ending a series, importing a calendar's exceptions and
listing moved occurrences all ask it; a series must produce the start (in its anchor
zone), a single meeting must be asked about its own start.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting
from mentordesk.planner.recurrence import expand


def when_text(moment: datetime) -> str:
    return f"{moment:%a %d %b %Y %H:%M} ({moment.tzinfo})"


def series_occurrence(start: datetime, rrule: str | None, moment: datetime) -> datetime | None:
    """The occurrence of the series (``start``, ``rrule``) at ``moment``, or None."""
    return next(expand(start, rrule, moment, moment + timedelta(minutes=1)), None)


def is_occurrence(meeting: Meeting, moment: datetime) -> bool:
    """Whether the meeting takes place at ``moment`` (any zone) as planned."""
    if moment.tzinfo is None:
        return False
    local = moment.astimezone(meeting.start.tzinfo)
    if not meeting.rrule:
        return local == meeting.start
    return series_occurrence(meeting.start, meeting.rrule, local) is not None


def occurring(meeting: Meeting, moments: Iterable[datetime]) -> list[datetime]:
    """Those of ``moments`` at which the meeting takes place (``is_occurrence`` for each).

    One expansion over the span of ``moments``, not one per moment: a calendar file's
    hundreds of exceptions would otherwise expand the series hundreds of times.
    """
    aware = [m for m in moments if m.tzinfo is not None]
    if not aware:
        return []
    anchor = meeting.start.tzinfo
    if not meeting.rrule:
        return [m for m in aware if m.astimezone(anchor) == meeting.start]
    # Wall-clock keys: what ``expand``'s same-zone comparisons see (a fold reads as one).
    starts = {
        s.replace(tzinfo=None)
        for s in expand(
            meeting.start, meeting.rrule, min(aware), max(aware) + timedelta(minutes=1), 10**6
        )
    }
    return [m for m in aware if m.astimezone(anchor).replace(tzinfo=None, fold=0) in starts]


def occurrence_start(meeting: Meeting, original_start: datetime) -> datetime:
    """``original_start`` as the meeting produces it (anchor zone, with its fold), or a
    ValidationError that names the meeting and the time."""
    if original_start.tzinfo is None:
        raise ValidationError("start", "The occurrence's start needs its time zone.")
    start = original_start.astimezone(meeting.start.tzinfo)
    if not meeting.rrule:
        if start != meeting.start:
            raise ValidationError(
                "start",
                f"'{meeting.title}' is a single meeting at {when_text(meeting.start)}"
                f" — it has no occurrence at {when_text(start)}.",
            )
        return meeting.start  # keeps the fold it was saved with
    found = series_occurrence(meeting.start, meeting.rrule, start)
    if found is None:
        raise ValidationError(
            "start", f"'{meeting.title}' has no occurrence at {start:%Y-%m-%d %H:%M}."
        )
    return found
