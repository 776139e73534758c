"""Moving meetings in and out of iCalendar files.

The reading and writing of .ics text is ``mentordesk/planner/ics.py``; this module
connects it to the store: which meetings to export with which UIDs, and importing
events as a mentee's meetings (with cancelled and moved occurrences) or as busy times,
all in one transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from mentordesk.appdata.paths import write_private_file
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.ics import ImportedEvent, ImportReport
from mentordesk.planner.occurrence_rule import occurring
from mentordesk.planner.recurrence import last_occurrence
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.clock import utc_now
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentor import MentorSettings
from mentordesk.store.database import Database
from mentordesk.store.repositories.busy import BusyRepository, meeting_sequences
from mentordesk.store.repositories.meetings import MeetingRepository
from mentordesk.store.repositories.mentees import MenteeRepository

_ICS_PREFIX_KEY = "ics_uid_prefix"


def _still_to_come(meeting: Meeting, now: datetime) -> bool:
    last = last_occurrence(meeting.start, meeting.rrule)
    return last is None or last + meeting.duration > now


class CalendarTransfer:
    def __init__(
        self,
        db: Database,
        meetings: MeetingRepository,
        mentees: MenteeRepository,
        busy: BusyRepository,
        meeting_service: MeetingService,
        mentor: MentorSettings,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.db = db
        self.meetings = meetings
        self.mentees = mentees
        self.busy = busy
        self.meeting_service = meeting_service
        self.mentor = mentor

    def has_uid_prefix(self) -> bool:
        """Whether an export has chosen this database's UID token (then exporting only
        reads, and works on a read-only file)."""
        return bool(self.mentor.repo.get_value(_ICS_PREFIX_KEY))

    def _uid_prefix(self) -> str:
        """A random token per database, so two databases' meeting UIDs never collide."""
        prefix = self.mentor.repo.get_value(_ICS_PREFIX_KEY)
        if not prefix:
            import secrets

            prefix = secrets.token_hex(6)
            self.mentor.repo.set_values({_ICS_PREFIX_KEY: prefix})
        return str(prefix)

    def export_ics(
        self,
        mentee_id: int | None,
        path: Path | str,
        now: datetime | None = None,
        meeting_id: int | None = None,
        *,
        upcoming_only: bool = False,
    ) -> int:
        """Writes one meeting (or series), a mentee's meetings (``upcoming_only``: those with
        an occurrence still to come), or everyone's upcoming ones to ``path``; returns how many.

        UIDs are stable per meeting, so a re-export updates the calendar rather than
        duplicating; SEQUENCE grows with each edit.
        """
        from mentordesk.planner.ics_write import ExportItem, build_ics

        now = now or utc_now()

        if meeting_id is not None:
            meetings = [self.meetings.get(meeting_id)]
        elif mentee_id is not None:
            self.mentees.get(mentee_id)
            meetings = self.meetings.for_mentee(mentee_id)
            if upcoming_only:
                meetings = [m for m in meetings if _still_to_come(m, now)]
        else:
            meetings = [m for m in self.meetings.list(descending=False) if _still_to_come(m, now)]
        ids = [m.id or 0 for m in meetings]
        facts = self.meetings.occurrences(ids)
        sequences = meeting_sequences(self.db, ids)
        prefix = self._uid_prefix()
        items = []
        for m in meetings:
            records = facts.get(m.id or 0, [])
            cancelled = [
                r.original_start for r in records if r.status is OccurrenceStatus.CANCELLED
            ]
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
        # Whole or not at all: an existing calendar file is never left cut off.
        write_private_file(Path(path), build_ics(items, now))
        return len(items)

    def import_ics(self, path: Path | str, mentee_id: int | None, busy: bool) -> ImportReport:
        """Reads ``path`` as busy times or as a mentee's meetings, in one transaction.

        Raises ValidationError for a file that cannot be read or is refused.
        """
        from mentordesk.planner.ics import read_ics

        if busy == (mentee_id is not None):
            raise ValidationError("mentee", "Import as busy times or as a mentee's meetings.")
        source = Path(path)
        contents = read_ics(source, default_zone=self.mentor.zone().key)
        skipped = list(contents.skipped)
        counts = {"meetings": 0, "busy_times": 0, "cancelled": 0, "moved": 0}
        with self.db.transaction():
            if busy:
                counts["busy_times"] = self.busy.replace_source(source.name, contents.events)
            else:
                mentee = self.mentees.get(mentee_id or 0)
                for event in contents.events:
                    try:
                        self._import_meeting(mentee.id or 0, event, counts)
                    except ValidationError as exc:
                        skipped.append(f"skipped '{event.title}': {exc.message}")
        if busy:
            self.feed.report(Changes.of(Kind.BUSY))
        else:
            self.feed.report(Changes.of(Kind.MEETINGS, mentee=mentee_id))
        return ImportReport(events=len(contents.events), skipped=tuple(skipped), **counts)

    def _import_meeting(self, mentee_id: int, event: ImportedEvent, counts: dict[str, int]) -> None:
        from mentordesk.planner.ics import whole_minutes

        with self.db.transaction():
            saved = self.meeting_service.save(
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
            for original in occurring(saved, event.exdates):
                cancel = OccurrenceRecord(meeting_id, original, OccurrenceStatus.CANCELLED)
                self.meetings.record_occurrence(cancel)
                counts["cancelled"] += 1
            new_starts = dict(event.moved)
            for original in occurring(saved, new_starts):
                move = OccurrenceRecord(
                    meeting_id,
                    original,
                    OccurrenceStatus.MOVED,
                    new_start=new_starts[original],
                    reason="moved in the imported calendar",
                )
                self.meetings.record_occurrence(move)
                counts["moved"] += 1
