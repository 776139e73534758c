"""Changing planned meetings: the planner's people and grid, moving or cancelling one
occurrence, ending a series early, deleting a meeting.

Every change is checked before anything is written, and each is one transaction. A
series' truth stays its wall-clock start, zone and rule; a moved or cancelled occurrence
is a fact kept beside it, keyed by the occurrence's original start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.grid import Grid, GridPerson, build_grid
from mentordesk.planner.occurrence_rule import occurrence_start
from mentordesk.planner.occurrence_rule import when_text as _when
from mentordesk.planner.overlap import Person
from mentordesk.planner.recurrence import expand
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentor import MentorSettings
from mentordesk.store.database import Database
from mentordesk.store.repositories.meetings import MeetingRepository
from mentordesk.store.repositories.mentees import MenteeRepository


def _moved_start(meeting: Meeting, new_start: datetime, original: datetime) -> datetime:
    """The new start as a real wall-clock time in the anchor zone, or ValidationError."""
    if new_start.tzinfo is None:
        raise ValidationError("new_start", "The new start needs its time zone.")
    anchor = meeting.start.tzinfo
    moved = new_start.astimezone(UTC).astimezone(anchor)
    if moved.astimezone(UTC) == original.astimezone(UTC):
        raise ValidationError(
            "new_start",
            f"That is when it already is ({_when(original)}) — choose another time.",
        )
    if moved.fold and moved.replace(fold=0).utcoffset() != moved.utcoffset():
        # The stored wall-clock start has no fold: it would read back an hour early.
        raise ValidationError(
            "new_start",
            f"{moved:%H:%M} on {moved:%Y-%m-%d} happens twice in {anchor} (clocks go back)"
            " and only the first can be kept — choose the first, or another time.",
        )
    return moved


def _rule_until(rule: str, naive_cut: datetime) -> str:
    """``rule`` ending just before ``naive_cut``, COUNT or UNTIL replaced.

    UNTIL is the anchor's wall clock, as every stored rule has it (expansion runs on the
    wall clock; the .ics export writes it in UTC with a Z, as RFC 5545 asks).
    """
    kept = [p for p in rule.split(";") if p.split("=", 1)[0].strip().upper() not in _ENDS]
    until = naive_cut - timedelta(seconds=1)
    return ";".join([*kept, f"UNTIL={until:%Y%m%dT%H%M%S}"])


_ENDS = frozenset({"COUNT", "UNTIL"})


class MeetingChanges:
    def __init__(
        self,
        db: Database,
        repo: MeetingRepository,
        meetings: MeetingService,
        mentees: MenteeRepository,
        mentor: MentorSettings,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.db = db
        self.repo = repo
        self.meetings = meetings
        self.mentees = mentees
        self.mentor = mentor

    def planner_people(self, mentee_ids: Sequence[int]) -> list[GridPerson]:
        """The mentor first (their zone and hours from the settings), then each mentee once."""
        settings = self.mentor.load()
        name = settings.mentor_name.strip()
        hours = settings.hours
        people = [
            GridPerson(
                f"You ({name})" if name else "You",
                Person(self.mentor.zone().key, hours.start, hours.end, frozenset(hours.days)),
            )
        ]
        for mentee_id in dict.fromkeys(mentee_ids):
            mentee = self.mentees.get(mentee_id)
            h = mentee.hours
            people.append(
                GridPerson(mentee.name, Person(mentee.time_zone, h.start, h.end, frozenset(h.days)))
            )
        return people

    def planner_grid(
        self, mentee_ids: Sequence[int], first_day: date, days: int = 7, slot_minutes: int = 30
    ) -> Grid:
        return build_grid(self.planner_people(mentee_ids), first_day, days, slot_minutes)

    def reschedule_occurrence(
        self, meeting_id: int, original_start: datetime, new_start: datetime, reason: str
    ) -> OccurrenceRecord:
        """Moves one occurrence (of a series or a single meeting); the original and the reason
        stay in its history. Moving it again replaces the earlier move."""
        meeting = self.meetings.get(meeting_id)
        original = occurrence_start(meeting, original_start)
        why = " ".join(reason.split())
        if not why:
            raise ValidationError(
                "reason", "Say why it moved — e.g. 'Priya is travelling that week'."
            )
        moved = _moved_start(meeting, new_start, original)
        record = self.repo.record_occurrence(
            OccurrenceRecord(meeting_id, original, OccurrenceStatus.MOVED, moved, why)
        )
        self._report(meeting)
        return record

    def cancel_occurrence(
        self, meeting_id: int, original_start: datetime, reason: str = ""
    ) -> OccurrenceRecord:
        """Cancels one occurrence; a moved one is cancelled where it was first planned."""
        meeting = self.meetings.get(meeting_id)
        original = occurrence_start(meeting, original_start)
        record = self.repo.record_occurrence(
            OccurrenceRecord(
                meeting_id, original, OccurrenceStatus.CANCELLED, reason=" ".join(reason.split())
            )
        )
        self._report(meeting)
        return record

    def end_series(
        self, meeting_id: int, from_original_start: datetime, reason: str = ""
    ) -> Meeting:
        """Cancels the rest of a series from one occurrence on: the rule ends just before it.

        Earlier occurrences and what happened to them are kept; the facts of the dropped
        ones go, so an export does not send moves of occurrences that no longer exist.
        ``reason`` is accepted for the page's sake but not kept: a rule has no place for it.
        """
        meeting = self.meetings.get(meeting_id)
        if not meeting.rrule:
            raise ValidationError(
                "start",
                f"'{meeting.title}' is a single meeting, not a series —"
                " cancel or delete it instead.",
            )
        cut = occurrence_start(meeting, from_original_start)
        if next(expand(meeting.start, meeting.rrule, meeting.start, cut), None) is None:
            raise ValidationError(
                "start",
                f"{_when(cut)} is the first occurrence of '{meeting.title}': that is the whole"
                " series — delete the meeting instead.",
            )
        naive_cut = cut.replace(tzinfo=None, fold=0)
        held = [
            r.original_start
            for r in self.repo.occurrences([meeting_id])[meeting_id]
            if r.status is OccurrenceStatus.HELD
            and r.original_start.replace(tzinfo=None) >= naive_cut
        ]
        if held:
            raise ValidationError(
                "start",
                f"The meeting on {_when(held[-1])} was held — end the series after it.",
            )
        with self.db.transaction():
            ended = self.meetings.save(
                replace(meeting, rrule=_rule_until(meeting.rrule, naive_cut))
            )
            self.repo.forget_occurrences(meeting_id, cut)
        self._report(meeting)
        return ended

    def delete_meeting(self, meeting_id: int) -> None:
        """Removes a meeting or a whole series with its occurrences' history; notes written
        about it stay with the mentee (their link to it is cleared)."""
        try:
            meeting = self.repo.get(meeting_id)
        except KeyError:
            return  # already gone
        self.repo.delete(meeting_id)
        self._report(meeting)

    def _report(self, meeting: Meeting) -> None:
        self.feed.report(Changes.of(Kind.MEETINGS, Kind.CONTACT, mentee=meeting.mentee_id))
