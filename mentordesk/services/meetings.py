"""Meetings and their occurrences: saving, listing, the time window, held, conflicts, and
keeping the zone-derived times right."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mentordesk.domain.contacts import Contact, ContactChannel, held_refusal
from mentordesk.domain.date_window import validate_in_window
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, Mentee, Occurrence, OccurrenceRecord, OccurrenceStatus
from mentordesk.domain.validation import validate_name, validate_zone
from mentordesk.domain.views import NoteSummary, UpcomingMeeting
from mentordesk.planner.conflicts import Busy, Conflict, busy_occurrences, find_conflicts
from mentordesk.planner.ics import ImportedEvent
from mentordesk.planner.occurrence_rule import occurrence_start
from mentordesk.planner.recurrence import expand, validate_rrule
from mentordesk.planner.zones import tz_database_version
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.clock import utc_now
from mentordesk.services.mentor import MentorSettings
from mentordesk.services.occurrence_window import occurrence_window
from mentordesk.store.repositories.busy import BusyRepository
from mentordesk.store.repositories.contacts import ContactRepository
from mentordesk.store.repositories.meetings import MeetingRepository
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.notes import NoteRepository
from mentordesk.store.repositories.settings import SettingsRepository

_TZ_VERSION_KEY = "tz_database_version"
#: The reason kept on an occurrence held early (moved to the end of its call).
HELD_EARLY_REASON = "held early"


@dataclass(slots=True, frozen=True)
class MeetingListing:
    """A row of the Meetings page: the meeting (or series) and who it is with."""

    meeting: Meeting
    mentee_name: str
    mentee_zone: str


class MeetingService:
    def __init__(
        self,
        meetings: MeetingRepository,
        mentees: MenteeRepository,
        notes: NoteRepository,
        busy: BusyRepository,
        settings: SettingsRepository,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.meetings = meetings
        self.mentees = mentees
        self.notes = notes
        self.busy = busy
        self.settings = settings
        # The held rule reads the mentor's day; calls that hold no occurrence are contacts.
        self.mentor = MentorSettings(settings, feed)
        self.contacts = ContactRepository(meetings.db)

    def refresh_derived_times(self) -> int:
        """Recompute meetings' UTC columns when the zone rules changed; returns rows done."""
        version = tz_database_version()
        if self.settings.get_value(_TZ_VERSION_KEY) == version:
            # Series nearing the end of their occurrence rows get more (usually none).
            return self.meetings.extend_instances()
        count = self.meetings.recompute_utc()
        self.settings.set_values({_TZ_VERSION_KEY: version})
        return count

    def save(self, meeting: Meeting) -> Meeting:
        title = validate_name(meeting.title, "title", "Meeting title")
        validate_zone(meeting.zone, "zone")
        validate_in_window(meeting.start, "start", "The meeting's date")
        if meeting.duration <= timedelta(0):
            raise ValidationError("duration", "Duration must be positive — e.g. 45 minutes.")
        rule = validate_rrule(meeting.rrule, meeting.start) if meeting.rrule else None
        clean = replace(meeting, title=title, rrule=rule or None)
        saved = self.meetings.add(clean) if clean.id is None else self.meetings.update(clean)
        self.feed.report(Changes.of(Kind.MEETINGS, mentee=saved.mentee_id))
        return saved

    def get(self, meeting_id: int) -> Meeting:
        return self.meetings.get(meeting_id)

    def notes_about(self, meeting_id: int) -> list[NoteSummary]:
        return self.notes.for_meeting(meeting_id)

    def occurrences_between(
        self, start: datetime, end: datetime, mentee_id: int | None = None
    ) -> list[Occurrence]:
        """Every occurrence in [start, end), with held/cancelled/moved facts applied.

        A moved occurrence is in the window when its new start is.
        """
        return [u.occurrence for u in occurrence_window(self.meetings, start, end, mentee_id)]

    def occurrence_near(self, meeting_id: int, moment: datetime) -> Occurrence | None:
        """The call a note written at ``moment`` belongs to: the meeting's latest occurrence
        that had started by then (an hour's grace for notes prepared just before), else its
        next one; a moved occurrence counts where it was held. None when the meeting is gone
        or has no occurrence within a month (a note never belongs to a call further away)."""
        try:
            meeting = self.meetings.get(meeting_id)
        except KeyError:
            return None
        reach = timedelta(days=31)
        near = [
            o
            for o in self.occurrences_between(moment - reach, moment + reach, meeting.mentee_id)
            if o.meeting.id == meeting_id and o.status is not OccurrenceStatus.CANCELLED
        ]
        started = [o for o in near if o.start <= moment + timedelta(hours=1)]
        if started:
            return max(started, key=lambda o: o.start)
        return min(near, key=lambda o: o.start, default=None)

    def upcoming(
        self, now: datetime | None = None, days: int = 14, limit: int = 20
    ) -> list[UpcomingMeeting]:
        now = now or utc_now()
        # Start a meeting-length back so the one in progress still shows.
        return occurrence_window(
            self.meetings,
            now - timedelta(hours=2),
            now + timedelta(days=days),
            limit=limit,
            skip_cancelled=True,
            keep=lambda o: o.end > now,
        )

    def _fact(self, meeting_id: int, original: datetime) -> OccurrenceRecord | None:
        return next(
            (r for r in self.meetings.occurrences([meeting_id])[meeting_id]
             if r.original_start == original),
            None,
        )  # fmt: skip

    def held_refusal(
        self, meeting_id: int, original_start: datetime | None = None, now: datetime | None = None
    ) -> str | None:
        """Why this occurrence cannot be marked held yet, or None when it can: the one rule
        (``domain/contacts.py``) for the Planner, Meetings, call end and the CLI; a moved
        occurrence is judged where it was moved to."""
        meeting = self.meetings.get(meeting_id)
        start = occurrence_start(meeting, original_start or meeting.start)
        fact = self._fact(meeting_id, start)
        at = fact.new_start if fact is not None and fact.new_start is not None else start
        return held_refusal(at, now or utc_now(), self.mentor.zone())

    def mark_held(
        self,
        meeting_id: int,
        original_start: datetime | None = None,
        now: datetime | None = None,
        *,
        move_to: datetime | None = None,
    ) -> OccurrenceRecord:
        """Marks one occurrence held (the series stays); it counts as the last contact.

        ``move_to`` holds it early: the occurrence moves there (e.g. the end of a call
        started ahead of it) and is held. Otherwise a day still ahead is refused
        (``held_refusal``); a moved occurrence keeps its move.
        """
        meeting = self.meetings.get(meeting_id)
        start = occurrence_start(meeting, original_start or meeting.start)
        fact = self._fact(meeting_id, start)
        if move_to is not None:
            anchor = move_to.astimezone(meeting.start.tzinfo).replace(second=0, microsecond=0)
            record = OccurrenceRecord(
                meeting_id, start, OccurrenceStatus.HELD, anchor, HELD_EARLY_REASON
            )
        else:
            refusal = self.held_refusal(meeting_id, start, now)
            if refusal is not None:
                raise ValidationError("start", refusal)
            moved = fact.new_start if fact is not None else None
            reason = fact.reason if fact is not None and moved is not None else ""
            record = OccurrenceRecord(meeting_id, start, OccurrenceStatus.HELD, moved, reason)
        held = self.meetings.record_occurrence(record)
        self.feed.report(Changes.of(Kind.MEETINGS, Kind.CONTACT, mentee=meeting.mentee_id))
        return held

    def mark_not_held(self, meeting_id: int, original_start: datetime) -> None:
        """Undoes a wrong "held": the occurrence is scheduled again (a moved one stays moved;
        one held early goes back to its own time), and the last contact moves back."""
        meeting = self.meetings.get(meeting_id)
        start = occurrence_start(meeting, original_start)
        fact = self._fact(meeting_id, start)
        if fact is None or fact.status is not OccurrenceStatus.HELD:
            raise ValidationError("start", "That occurrence is not marked held.")
        if fact.new_start is not None and fact.reason != HELD_EARLY_REASON:
            self.meetings.record_occurrence(
                OccurrenceRecord(
                    meeting_id, start, OccurrenceStatus.MOVED, fact.new_start, fact.reason
                )
            )
        else:
            self.meetings.forget_occurrence(meeting_id, start)
        self.feed.report(Changes.of(Kind.MEETINGS, Kind.CONTACT, mentee=meeting.mentee_id))

    def call_ended(
        self,
        mentee_id: int,
        note_id: int,
        meeting_id: int | None,
        original_start: datetime | None,
        at: datetime,
        held_early: bool | None = None,
    ) -> None:
        """A call ended: the contact it was. Its occurrence is marked held; one on a later
        day is held early (moved to ``at``) when ``held_early``, or stays and the call counts
        as a contact when not (None: refused with ``held_refusal``'s message). A call
        without a meeting is a contact."""
        if meeting_id is not None:
            refusal = self.held_refusal(meeting_id, original_start, at)
            if refusal is None or held_early:
                early = refusal is not None
                self.mark_held(meeting_id, original_start, at, move_to=at if early else None)
                return
            if held_early is None:
                raise ValidationError("start", refusal)
        # A call reopened and ended again is still one call: it moves to its new end.
        earlier = self.contacts.call_of_note(note_id)
        if earlier is None:
            self.contacts.add(Contact(mentee_id, at, ContactChannel.CALL, note_id=note_id))
        else:
            self.contacts.update(replace(earlier, at=max(earlier.at, at)))
        self.feed.report(Changes.of(Kind.CONTACT, mentee=mentee_id))

    def listing(self, search: str = "", descending: bool = True) -> list[MeetingListing]:
        """Meetings and series (title or mentee matching ``search``) with their mentee."""
        meetings = self.meetings.list(search, descending)
        ids = {m.mentee_id for m in meetings}
        # One query for all beats one per mentee once there are more than a few.
        found = self.mentees.list() if len(ids) > 20 else self._mentees_by_id(ids)
        people = {m.id: m for m in found}
        return [
            MeetingListing(m, people[m.mentee_id].name, people[m.mentee_id].time_zone)
            for m in meetings
        ]

    def unreadable(self) -> list[str]:
        """One line per meeting the calendar leaves out: rows older versions let in (a rule
        that never advances, a date outside the window). For ``check``; pages skip them."""
        problems: list[str] = []
        for m in self.meetings.list(limit=-1):
            try:
                validate_in_window(m.start, "start", "its date")
                if m.rrule:
                    validate_rrule(m.rrule, m.start)
            except (ValueError, OverflowError) as exc:
                problems.append(
                    f"meeting {m.id} ('{m.title[:40]}') is left out of the calendar: {exc}"
                    " — edit or delete it."
                )
        return problems

    def _mentees_by_id(self, ids: set[int]) -> list[Mentee]:
        return [self.mentees.get(i) for i in sorted(ids)]

    def busy_times(self) -> list[ImportedEvent]:
        return self.busy.all()

    def conflicts(
        self, meeting: Meeting, horizon: timedelta = timedelta(days=365)
    ) -> list[Conflict]:
        """Occurrences of ``meeting`` (new or moved) within ``horizon`` of its start that
        overlap another of the mentor's meetings (any mentee) or an imported busy time."""
        first = meeting.start
        window = (first, first + horizon)
        planned = [
            (start, start + meeting.duration)
            for start in expand(meeting.start, meeting.rrule, *window)
        ]
        if not planned:
            return []
        span = (planned[0][0] - timedelta(days=1), planned[-1][1])
        taken = [
            Busy(o.meeting.title, o.start, o.end, "meeting", u.mentee_name)
            for u in occurrence_window(self.meetings, *span)
            if (o := u.occurrence).meeting.id != meeting.id
            and o.status is not OccurrenceStatus.CANCELLED
        ]
        for event in self.busy_times():
            taken.extend(
                busy_occurrences(
                    event.title, event.start, event.duration, event.rrule, span, event.exdates
                )
            )
        return find_conflicts(planned, taken)
