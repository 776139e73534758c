"""The one object the window and the CLI both use: the store plus the domain rules.

No Qt here. Pages call these methods and get dataclasses back; every write
validates first (ValidationError names the field) and runs in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from mentordesk.domain.cadence import check_in, due_check_ins
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    Goal,
    Meeting,
    Mentee,
    Milestone,
    Note,
    Occurrence,
    OccurrenceRecord,
    OccurrenceStatus,
    Resource,
    Settings,
    Win,
)
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.validation import (
    validate_mentee,
    validate_name,
    validate_settings,
    validate_text,
    validate_url,
    validate_zone,
)
from mentordesk.domain.views import (
    CheckIn,
    NoteSummary,
    OpenAction,
    TodayOverview,
    UpcomingMeeting,
)
from mentordesk.occurrence_window import occurrence_window
from mentordesk.planner.conflicts import Busy, Conflict, busy_occurrences, find_conflicts
from mentordesk.planner.ics import ImportedEvent, ImportReport
from mentordesk.planner.recurrence import expand, last_occurrence, validate_rrule
from mentordesk.planner.zones import system_zone, tz_database_version
from mentordesk.store.database import Database
from mentordesk.store.repositories.goals import GoalRepository
from mentordesk.store.repositories.meetings import MeetingRepository
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.notes import NoteRepository
from mentordesk.store.repositories.records import (
    FeedbackRepository,
    ResourceRepository,
    WinRepository,
)
from mentordesk.store.repositories.settings import SettingsRepository

_TZ_VERSION_KEY = "tz_database_version"
#: A search lists at most this many notes, the newest: more is not read, and it keeps
#: a common word instant at 200,000 notes.
SEARCH_LIST_LIMIT = 2000


@dataclass(slots=True)
class MenteeDashboard:
    mentee: Mentee
    check_in: CheckIn
    goals: list[GoalProgress]
    upcoming: list[Occurrence]
    meetings: list[Meeting]
    notes: list[NoteSummary]
    actions: list[ActionItem]
    feedback: list[Feedback]
    wins: list[Win]
    resources: list[Resource]


@dataclass(slots=True, frozen=True)
class MeetingListing:
    """A row of the Meetings page: the meeting (or series) and who it is with."""

    meeting: Meeting
    mentee_name: str
    mentee_zone: str


def _now() -> datetime:
    return datetime.now(UTC)


class Workspace:
    """A MentorDesk database opened for use. Close it when done (or use ``with``)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.mentees = MenteeRepository(db)
        self.goals = GoalRepository(db)
        self.meetings = MeetingRepository(db, last_occurrence)
        self.notes = NoteRepository(db)
        self.feedback = FeedbackRepository(db)
        self.wins = WinRepository(db)
        self.resources = ResourceRepository(db)
        self.settings_repo = SettingsRepository(db)

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False) -> Workspace:
        """Opens (creating if needed) and migrates; raises a StoreError subclass if refused."""
        workspace = cls(Database(path, readonly=readonly))
        if not readonly:
            workspace.refresh_derived_times()
        return workspace

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- upkeep ------------------------------------------------------------------

    def refresh_derived_times(self) -> int:
        """Recompute meetings' UTC columns when the zone rules changed; returns rows done."""
        version = tz_database_version()
        if self.settings_repo.get_value(_TZ_VERSION_KEY) == version:
            # Series nearing the end of their occurrence rows get more (usually none).
            return self.meetings.extend_instances()
        count = self.meetings.recompute_utc()
        self.settings_repo.set_values({_TZ_VERSION_KEY: version})
        return count

    def check(self) -> list[str]:
        return self.db.check()

    def counts(self) -> dict[str, int]:
        return self.db.counts(("mentees", "goals", "meetings", "notes"))

    def is_empty(self) -> bool:
        """A brand-new file: no mentees and no mentor profile yet (shows the welcome)."""
        return self.mentees.count() == 0 and not self.settings_repo.has_mentor()

    # -- settings ------------------------------------------------------------------

    def settings(self) -> Settings:
        return self.settings_repo.load(default_zone=system_zone())

    def save_settings(self, settings: Settings) -> Settings:
        clean = validate_settings(settings)
        self.settings_repo.save(clean)
        return clean

    # -- mentees -------------------------------------------------------------------

    def list_mentees(
        self, search: str = "", sort: str = "name", descending: bool = False
    ) -> list[Mentee]:
        return self.mentees.list(search, sort, descending)

    def mentee(self, mentee_id: int) -> Mentee:
        return self.mentees.get(mentee_id)

    def find_mentee(self, name_or_id: str) -> Mentee:
        """The one mentee with this name or id; ValidationError if none or several."""
        found = self.mentees.find(name_or_id)
        if not found:
            raise ValidationError(
                "mentee", f"No mentee is called '{name_or_id}' — check the name or use the id."
            )
        if len(found) > 1:
            ids = ", ".join(str(m.id) for m in found)
            raise ValidationError(
                "mentee", f"Several mentees are called '{name_or_id}' (ids {ids}) — use the id."
            )
        return found[0]

    def save_mentee(self, mentee: Mentee) -> Mentee:
        clean = validate_mentee(mentee)
        return self.mentees.add(clean) if clean.id is None else self.mentees.update(clean)

    def delete_mentee(self, mentee_id: int) -> None:
        """Removes the mentee and, by cascade, everything that belongs to them."""
        self.mentees.delete(mentee_id)

    def mentee_dashboard(self, mentee_id: int, now: datetime | None = None) -> MenteeDashboard:
        now = now or _now()
        mentee = self.mentees.get(mentee_id)
        return MenteeDashboard(
            mentee=mentee,
            check_in=check_in(mentee, now.date()),
            goals=self.goal_progress(mentee_id),
            upcoming=self.occurrences_between(now, now + timedelta(days=60), mentee_id)[:10],
            meetings=self.meetings.for_mentee(mentee_id),
            notes=self.notes.summaries(self.notes.ids(mentee_id=mentee_id)[:50]),
            actions=self.notes.actions_for_mentee(mentee_id),
            feedback=self.feedback.for_mentee(mentee_id),
            wins=self.wins.for_mentee(mentee_id),
            resources=self.resources.for_mentee(mentee_id),
        )

    # -- goals -----------------------------------------------------------------------

    def goal_progress(self, mentee_id: int) -> list[GoalProgress]:
        goals = self.goals.for_mentee(mentee_id)
        milestones = self.goals.milestones(g.id for g in goals if g.id is not None)
        return [GoalProgress(g, milestones.get(g.id or 0, [])) for g in goals]

    def add_goal(
        self, goal: Goal, milestones: list[Milestone] | tuple[Milestone, ...] = ()
    ) -> Goal:
        title = validate_name(goal.title, "title", "Goal title")
        if goal.start_date and goal.target_date and goal.target_date < goal.start_date:
            raise ValidationError(
                "target_date", "Target date is before the start date — choose a later target."
            )
        for m in milestones:
            validate_name(m.title, "milestone", "Milestone title")
        return self.goals.add(replace(goal, title=title), milestones)

    # -- meetings ---------------------------------------------------------------------

    def save_meeting(self, meeting: Meeting) -> Meeting:
        title = validate_name(meeting.title, "title", "Meeting title")
        validate_zone(meeting.zone, "zone")
        if meeting.duration <= timedelta(0):
            raise ValidationError("duration", "Duration must be positive — e.g. 45 minutes.")
        rule = validate_rrule(meeting.rrule, meeting.start) if meeting.rrule else None
        clean = replace(meeting, title=title, rrule=rule or None)
        return self.meetings.add(clean) if clean.id is None else self.meetings.update(clean)

    def occurrences_between(
        self, start: datetime, end: datetime, mentee_id: int | None = None
    ) -> list[Occurrence]:
        """Every occurrence in [start, end), with held/cancelled/moved facts applied.

        A moved occurrence is in the window when its new start is.
        """
        return [u.occurrence for u in occurrence_window(self.meetings, start, end, mentee_id)]

    def upcoming(
        self, now: datetime | None = None, days: int = 14, limit: int = 20
    ) -> list[UpcomingMeeting]:
        now = now or _now()
        # Start a meeting-length back so the one in progress still shows.
        return occurrence_window(
            self.meetings,
            now - timedelta(hours=2),
            now + timedelta(days=days),
            limit=limit,
            skip_cancelled=True,
            keep=lambda o: o.end > now,
        )

    def _mentees_by_id(self, ids: set[int]) -> list[Mentee]:
        return [self.mentees.get(i) for i in sorted(ids)]

    def mark_held(
        self, meeting_id: int, original_start: datetime | None = None
    ) -> OccurrenceRecord:
        """Marks one occurrence held (the series stays); it counts as the last contact."""
        meeting = self.meetings.get(meeting_id)
        start = original_start or meeting.start
        if start.tzinfo is None:
            raise ValidationError("start", "The occurrence's start needs its time zone.")
        start = start.astimezone(meeting.start.tzinfo)
        if meeting.rrule:
            window = list(expand(meeting.start, meeting.rrule, start, start + timedelta(minutes=1)))
            if not window:
                raise ValidationError(
                    "start", f"'{meeting.title}' has no occurrence at {start:%Y-%m-%d %H:%M}."
                )
        elif start != meeting.start:
            raise ValidationError("start", "A single meeting is held at its own start time.")
        return self.meetings.record_occurrence(
            OccurrenceRecord(meeting_id, start, OccurrenceStatus.HELD)
        )

    # -- notes, actions, feedback, wins, resources ---------------------------------------

    def note_ids(
        self,
        search: str = "",
        mentee_id: int | None = None,
        sort: str = "created",
        descending: bool = True,
    ) -> list[int]:
        """Notes to list; a search lists at most the newest ``SEARCH_LIST_LIMIT`` matches."""
        return self.notes.ids(search, mentee_id, sort, descending, SEARCH_LIST_LIMIT)

    def note_summaries(self, ids: list[int]) -> list[NoteSummary]:
        return self.notes.summaries(ids)

    def note(self, note_id: int) -> Note:
        return self.notes.get(note_id)

    def save_note(self, note: Note) -> Note:
        self.mentees.get(note.mentee_id)
        return self.notes.add(note) if note.id is None else self.notes.update(note)

    def search_notes(self, text: str, limit: int = 50) -> list[NoteSummary]:
        return self.notes.summaries(self.notes.search(text, limit))

    def add_action(self, item: ActionItem) -> ActionItem:
        text = validate_text(item.text, "text", "Action item")
        return self.notes.add_action(replace(item, text=text))

    def set_action_done(self, item_id: int, done: bool = True) -> None:
        self.notes.set_action_done(item_id, done)

    def add_feedback(self, fb: Feedback) -> Feedback:
        return self.feedback.add(replace(fb, body=validate_text(fb.body, "body", "Feedback")))

    def add_win(self, win: Win) -> Win:
        validate_name(win.title, "title", "Win")
        return self.wins.add(win)

    def add_resource(self, res: Resource) -> Resource:
        validate_name(res.title, "title", "Resource title")
        return self.resources.add(replace(res, url=validate_url(res.url)))

    # -- today ------------------------------------------------------------------------------

    def today(self, now: datetime | None = None) -> TodayOverview:
        now = now or _now()
        actions = self.notes.open_actions(limit=30)
        names = self.mentees.names(a.mentee_id for a in actions)
        return TodayOverview(
            now=now,
            upcoming=self.upcoming(now, days=14, limit=15),
            check_ins=self.check_ins(now.date()),
            recent_notes=self.notes.recent(10),
            open_actions=[OpenAction(a, names.get(a.mentee_id, "")) for a in actions],
        )

    def check_ins(self, today: date, limit: int = 15) -> list[CheckIn]:
        """Active mentees due soon or overdue, most overdue first."""
        return due_check_ins(self.mentees.due_candidates(today, limit=limit), today)

    # -- list pages ---------------------------------------------------------------------

    def check_ins_for(self, mentees: Iterable[Mentee], today: date) -> dict[int, CheckIn]:
        """Each mentee's check-in state (any status), keyed by mentee id."""
        return {m.id: check_in(m, today) for m in mentees if m.id is not None}

    def list_meetings(self, search: str = "", descending: bool = True) -> list[MeetingListing]:
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

    def meeting(self, meeting_id: int) -> Meeting:
        return self.meetings.get(meeting_id)

    def meeting_notes(self, meeting_id: int) -> list[NoteSummary]:
        return self.notes.for_meeting(meeting_id)

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
            Busy(o.meeting.title, o.start, o.end, "meeting")
            for o in self.occurrences_between(*span)
            if o.meeting.id != meeting.id and o.status is not OccurrenceStatus.CANCELLED
        ]
        for event in self.busy_times():
            taken.extend(
                busy_occurrences(
                    event.title, event.start, event.duration, event.rrule, span, event.exdates
                )
            )
        return find_conflicts(planned, taken)

    def busy_times(self) -> list[ImportedEvent]:
        from mentordesk.store.repositories.busy import BusyRepository

        return BusyRepository(self.db).all()

    # -- iCalendar (the work lives in mentordesk/calendar_transfer.py) -----------------------

    def export_ics(
        self, mentee_id: int | None, path: Path | str, now: datetime | None = None
    ) -> int:
        """Writes a mentee's meetings, or everyone's upcoming ones, to ``path``; returns a count."""
        from mentordesk.calendar_transfer import export_ics

        return export_ics(self, mentee_id, path, now or _now())

    def import_ics(self, path: Path | str, mentee_id: int | None, busy: bool) -> ImportReport:
        """Reads ``path`` as busy times or as a mentee's meetings, in one transaction."""
        from mentordesk.calendar_transfer import import_ics

        return import_ics(self, path, mentee_id, busy)
