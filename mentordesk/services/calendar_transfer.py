"""Moving meetings in and out of iCalendar files, for the services (``Workspace``).

The reading and writing of .ics text is ``mentordesk/planner/ics.py``; this module
connects it to the store: which meetings to export with which UIDs, and importing
events as a mentee's meetings (with cancelled and moved occurrences) or as busy times,
all in one transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.ics import ImportedEvent, ImportReport
from mentordesk.planner.recurrence import expand, last_occurrence

if TYPE_CHECKING:
    from mentordesk.services.workspace import Workspace

_ICS_PREFIX_KEY = "ics_uid_prefix"


def _uid_prefix(ws: Workspace) -> str:
    """A random token per database, so two databases' meeting UIDs never collide."""
    prefix = ws.settings_repo.get_value(_ICS_PREFIX_KEY)
    if not prefix:
        import secrets

        prefix = secrets.token_hex(6)
        ws.settings_repo.set_values({_ICS_PREFIX_KEY: prefix})
    return str(prefix)


def export_ics(
    ws: Workspace,
    mentee_id: int | None,
    path: Path | str,
    now: datetime,
    meeting_id: int | None = None,
) -> int:
    """Writes one meeting (or series), a mentee's meetings, or everyone's upcoming ones to
    ``path``; returns how many.

    UIDs are stable per meeting, so a re-export updates the calendar rather than
    duplicating; SEQUENCE grows with each edit.
    """
    from mentordesk.planner.ics_write import ExportItem, build_ics
    from mentordesk.store.repositories.busy import meeting_sequences

    if meeting_id is not None:
        meetings = [ws.meetings.get(meeting_id)]
    elif mentee_id is not None:
        ws.mentees.get(mentee_id)
        meetings = ws.meetings.for_mentee(mentee_id)
    else:
        meetings = []
        for m in ws.meetings.list(descending=False):
            last = last_occurrence(m.start, m.rrule)
            if last is None or last + m.duration > now:
                meetings.append(m)
    ids = [m.id or 0 for m in meetings]
    facts = ws.meetings.occurrences(ids)
    sequences = meeting_sequences(ws.db, ids)
    prefix = _uid_prefix(ws)
    items = []
    for m in meetings:
        records = facts.get(m.id or 0, [])
        cancelled = [r.original_start for r in records if r.status is OccurrenceStatus.CANCELLED]
        moved = [(r.original_start, r.new_start) for r in records if r.new_start is not None]
        items.append(
            ExportItem(
                meeting=m,
                uid=f"meeting-{m.id}-{prefix}@mentordesk",
                sequence=sequences.get(m.id or 0, 0),
                cancelled=tuple(cancelled),
                moved=tuple(moved),
            )
        )
    Path(path).write_bytes(build_ics(items, now))
    return len(items)


def import_ics(ws: Workspace, path: Path | str, mentee_id: int | None, busy: bool) -> ImportReport:
    """Reads ``path`` as busy times or as a mentee's meetings, in one transaction.

    Raises ValidationError for a file that cannot be read or is refused.
    """
    from mentordesk.planner.ics import read_ics

    if busy == (mentee_id is not None):
        raise ValidationError("mentee", "Import as busy times or as a mentee's meetings.")
    source = Path(path)
    contents = read_ics(source, default_zone=ws.settings().time_zone)
    skipped = list(contents.skipped)
    counts = {"meetings": 0, "busy_times": 0, "cancelled": 0, "moved": 0}
    with ws.db.transaction():
        if busy:
            from mentordesk.store.repositories.busy import BusyRepository

            repo = BusyRepository(ws.db)
            counts["busy_times"] = repo.replace_source(source.name, contents.events)
        else:
            mentee = ws.mentees.get(mentee_id or 0)
            for event in contents.events:
                try:
                    _import_meeting(ws, mentee.id or 0, event, counts)
                except ValidationError as exc:
                    skipped.append(f"skipped '{event.title}': {exc.message}")
    return ImportReport(events=len(contents.events), skipped=tuple(skipped), **counts)


def _import_meeting(
    ws: Workspace, mentee_id: int, event: ImportedEvent, counts: dict[str, int]
) -> None:
    from mentordesk.planner.ics import whole_minutes

    with ws.db.transaction():
        saved = ws.save_meeting(
            Meeting(
                mentee_id=mentee_id,
                title=event.title,
                start=event.start,
                duration=timedelta(minutes=whole_minutes(event.duration)),
                rrule=event.rrule,
                location=event.location,
            )
        )
        meeting_id = saved.id or 0
        counts["meetings"] += 1
        for original in event.exdates:
            if _is_occurrence(saved, original):
                cancel = OccurrenceRecord(meeting_id, original, OccurrenceStatus.CANCELLED)
                ws.meetings.record_occurrence(cancel)
                counts["cancelled"] += 1
        for original, new_start in event.moved:
            if _is_occurrence(saved, original):
                move = OccurrenceRecord(
                    meeting_id,
                    original,
                    OccurrenceStatus.MOVED,
                    new_start=new_start,
                    reason="moved in the imported calendar",
                )
                ws.meetings.record_occurrence(move)
                counts["moved"] += 1


def _is_occurrence(meeting: Meeting, original: datetime) -> bool:
    moment = original.astimezone(meeting.start.tzinfo)
    return any(expand(meeting.start, meeting.rrule, moment, moment + timedelta(minutes=1)))
