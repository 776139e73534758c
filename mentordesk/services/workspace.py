"""The one object the window and the CLI both use: the store plus the domain rules.

No Qt here. Pages call these methods and get dataclasses back; every write
validates first (ValidationError names the field) and runs in one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict
from zoneinfo import ZoneInfo

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
from mentordesk.domain.note_items import LinkedItem, NoteSync, Revision
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.search_query import SearchQuery, name_matcher, parse_search
from mentordesk.domain.validation import (
    validate_mentee,
    validate_name,
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
from mentordesk.planner.conflicts import Busy, Conflict, busy_occurrences, find_conflicts
from mentordesk.planner.ics import ImportedEvent, ImportReport
from mentordesk.planner.overlap import local_midnight
from mentordesk.planner.recurrence import expand, last_occurrence, validate_rrule
from mentordesk.planner.zones import tz_database_version
from mentordesk.services.mentor import MentorSettings
from mentordesk.services.occurrence_window import occurrence_window
from mentordesk.store.database import Database

# Re-exported: the UI catches store errors from here, never importing the store itself.
from mentordesk.store.errors import StoreError as StoreError
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

if TYPE_CHECKING:
    from mentordesk.domain.backup_policy import BackupInfo, ThinResult
    from mentordesk.planner.grid import Grid, GridPerson
    from mentordesk.services.full_export import ExportSummary, ImportSummary

log = logging.getLogger(__name__)
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


class _NoteFilters(TypedDict, total=False):
    mentee_ids: list[int]
    created_from: datetime
    created_before: datetime


@dataclass(slots=True, frozen=True)
class NoteSearch:
    """The notes a search lists, and what to tell the mentor about it (a filter that could
    not be used, a ``mentee:`` that names nobody)."""

    ids: list[int]
    query: SearchQuery
    messages: tuple[str, ...] = ()


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
        self._build(db)

    def rebind(self, db: Database) -> None:
        """Points this workspace (and every service it built) at another open database,
        e.g. the moved or decrypted file; the old one is the caller's to close."""
        self._build(db)

    def _build(self, db: Database) -> None:
        self.db = db
        self.mentees = MenteeRepository(db)
        self.goals = GoalRepository(db)
        self.meetings = MeetingRepository(db, last_occurrence)
        self.notes = NoteRepository(db)
        self.feedback = FeedbackRepository(db)
        self.wins = WinRepository(db)
        self.resources = ResourceRepository(db)
        self.settings_repo = SettingsRepository(db)
        self.mentor = MentorSettings(self.settings_repo)

    @classmethod
    def open(
        cls, path: Path | str, *, readonly: bool = False, key: bytes | None = None
    ) -> Workspace:
        """Opens (creating if needed) and migrates; raises a StoreError subclass if refused
        (``recovery.DatabaseNeedsRecovery`` for a damaged MentorDesk file,
        ``recovery.DatabaseLocked`` for an encrypted one without its key)."""
        import mentordesk.services.recovery as recovery
        from mentordesk.appdata import known_databases
        from mentordesk.store.errors import StoreError

        path = Path(path).expanduser()
        # A file MentorDesk moved (out of a synced folder): its old path finds it.
        path = known_databases.moved_to(path) or path
        recovery.refuse_before_open(path)
        try:
            workspace = cls(Database(path, readonly=readonly, key=key))
        except StoreError as exc:
            raise recovery.classify(path, exc) from None
        if not readonly:
            workspace.refresh_derived_times()
        recovery.remember_opened(path)  # the one place every opened database is recorded
        return workspace

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def key(self) -> bytes | None:
        """The key the open file was unlocked with; None for a plain file."""
        return self.db.key

    @property
    def encrypted(self) -> bool:
        return self.db.key is not None

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
        return self.mentor.load()

    def save_settings(self, settings: Settings) -> Settings:
        return self.mentor.save(settings)

    def mentor_zone(self) -> ZoneInfo:
        """The mentor's zone (``MentorSettings.zone``): where "today" is read."""
        return self.mentor.zone()

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
        """Notes to list; a search lists at most the newest ``SEARCH_LIST_LIMIT`` matches.

        ``search`` may hold ``mentee:``, ``before:`` and ``after:`` filters (see find_notes).
        """
        return self.find_notes(search, mentee_id, sort, descending).ids

    def find_notes(
        self,
        search: str = "",
        mentee_id: int | None = None,
        sort: str = "created",
        descending: bool = True,
    ) -> NoteSearch:
        """``note_ids`` with the messages for the mentor: ``mentee:`` is any mentee whose
        name holds the text (active ones first), dates are days in the mentor's zone."""
        query = parse_search(search)
        filters, messages = self._note_filters(query)
        if filters is None:
            return NoteSearch([], query, messages)
        ids = self.notes.ids(query.terms, mentee_id, sort, descending, SEARCH_LIST_LIMIT, **filters)
        # How much was searched for, never what: the words are the mentor's.
        log.debug("note search: %d words, %d filters, %d matches", len(query.terms.split()),
                  len(filters), len(ids))  # fmt: skip
        return NoteSearch(ids, query, messages)

    def search_snippets(self, ids: list[int], search: str) -> dict[int, str]:
        """A few words around the matches in each note, matched words between
        ``search_query.MATCH_START`` and ``MATCH_END``; notes without a match are left out."""
        return self.notes.snippets(ids, parse_search(search).terms)

    def _note_filters(self, query: SearchQuery) -> tuple[_NoteFilters | None, tuple[str, ...]]:
        """The repository's filter arguments, or None when no note can pass them."""
        filters: _NoteFilters = {}
        messages = query.errors
        if query.mentee is not None:
            active, named = self.notes.mentees_named(name_matcher(query.mentee))
            if not named:
                note = f"No mentee's name contains “{query.mentee}” — check the spelling."
                return None, (*messages, note)
            filters["mentee_ids"] = active or named
        if query.after is not None or query.before is not None:
            zone = self.settings().time_zone
            if query.after is not None:
                filters["created_from"] = local_midnight(query.after, zone)
            if query.before is not None:
                filters["created_before"] = local_midnight(query.before, zone)
        return filters, messages

    def note_summaries(self, ids: list[int]) -> list[NoteSummary]:
        return self.notes.summaries(ids)

    def note(self, note_id: int) -> Note:
        return self.notes.get(note_id)

    def save_note(self, note: Note) -> Note:
        self.mentees.get(note.mentee_id)
        return self.notes.add(note) if note.id is None else self.notes.update(note)

    def search_notes(self, text: str, limit: int = 50) -> list[NoteSummary]:
        """The best ``limit`` matches of ``text`` (filters as in find_notes)."""
        query = parse_search(text)
        filters, _ = self._note_filters(query)
        if filters is None:
            return []
        return self.notes.summaries(self.notes.search(query.terms, limit, **filters))

    # -- notes being written: autosave, tagged lines, history (mentordesk/note_editing.py) --

    def start_note(
        self,
        mentee_id: int,
        *,
        meeting_id: int | None = None,
        title: str = "",
        body: str = "",
        shareable: bool = False,
    ) -> Note:
        """A new note, private unless ``shareable``."""
        from mentordesk.services.note_editing import start_note

        return start_note(
            self, mentee_id, meeting_id=meeting_id, title=title, body=body, shareable=shareable
        )

    def write_note_body(
        self, note_id: int, body: str, now: datetime | None = None, *, in_call: bool = False
    ) -> NoteSync:
        """The autosave: body, tagged lines' items and a due revision, durably, in one go;
        ``in_call`` says call mode is writing it (a crash reopens it there)."""
        from mentordesk.services.note_editing import write_note_body

        return write_note_body(self, note_id, body, now, in_call)

    def close_note(self, note_id: int, now: datetime | None = None) -> None:
        """A clean close: a last revision if changed, old revisions thinned."""
        from mentordesk.services.note_editing import close_note

        close_note(self, note_id, now)

    def unclosed_notes(self, in_call: bool | None = None) -> list[Note]:
        """Notes edited since their last clean close (reopen them after a crash); ``in_call``
        keeps those call mode (True) or the note editor (False) was writing."""
        from mentordesk.services.note_editing import unclosed_notes

        return unclosed_notes(self, in_call)

    def note_revisions(self, note_id: int) -> list[Revision]:
        """Newest first."""
        from mentordesk.services.note_editing import note_revisions

        return note_revisions(self, note_id)

    def take_revision(
        self, note_id: int, reason: str, now: datetime | None = None
    ) -> Revision | None:
        """None when the note is unchanged since its last revision."""
        from mentordesk.services.note_editing import take_revision

        return take_revision(self, note_id, reason, now)

    def linked_items(self, note_id: int) -> list[LinkedItem]:
        from mentordesk.services.note_editing import linked_items

        return linked_items(self, note_id)

    def set_item_shareable(self, kind: str, item_id: int, shareable: bool) -> None:
        from mentordesk.services.note_editing import set_item_shareable

        set_item_shareable(self, kind, item_id, shareable)

    def set_note_details(self, note_id: int, title: str, shareable: bool) -> Note:
        """Title and privacy of a note (its items' privacy follows); not its body."""
        from mentordesk.services.note_editing import set_note_details

        return set_note_details(self, note_id, title, shareable)

    def delete_note(self, note_id: int) -> None:
        """Removes the note with its revisions and the items its tagged lines made."""
        from mentordesk.services.note_editing import delete_note

        delete_note(self, note_id)

    def end_call(
        self,
        note_id: int,
        meeting_id: int | None,
        original_start: datetime | None,
        now: datetime | None = None,
    ) -> list[LinkedItem]:
        """Closes the note (revision "call end"), marks the meeting held; returns its items."""
        from mentordesk.services.note_editing import end_call

        return end_call(self, note_id, meeting_id, original_start, now)

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
        self,
        mentee_id: int | None,
        path: Path | str,
        now: datetime | None = None,
        meeting_id: int | None = None,
    ) -> int:
        """Writes one meeting or series, a mentee's meetings, or everyone's upcoming ones to
        ``path``; returns a count."""
        from mentordesk.services.calendar_transfer import export_ics

        return export_ics(self, mentee_id, path, now or _now(), meeting_id)

    def import_ics(self, path: Path | str, mentee_id: int | None, busy: bool) -> ImportReport:
        """Reads ``path`` as busy times or as a mentee's meetings, in one transaction."""
        from mentordesk.services.calendar_transfer import import_ics

        return import_ics(self, path, mentee_id, busy)

    # -- the planner and changes to meetings (the work is in mentordesk/meeting_changes.py) --

    def planner_people(self, mentee_ids: Sequence[int]) -> list[GridPerson]:
        """The mentor ("You (NAME)", settings' zone and hours) first, then each mentee."""
        from mentordesk.services.meeting_changes import planner_people

        return planner_people(self, mentee_ids)

    def planner_grid(
        self, mentee_ids: Sequence[int], first_day: date, days: int = 7, slot_minutes: int = 30
    ) -> Grid:
        from mentordesk.services.meeting_changes import planner_grid

        return planner_grid(self, mentee_ids, first_day, days, slot_minutes)

    def reschedule_occurrence(
        self, meeting_id: int, original_start: datetime, new_start: datetime, reason: str
    ) -> OccurrenceRecord:
        """Moves one occurrence; the original start and the reason stay in its history."""
        from mentordesk.services.meeting_changes import reschedule_occurrence

        return reschedule_occurrence(self, meeting_id, original_start, new_start, reason)

    def cancel_occurrence(
        self, meeting_id: int, original_start: datetime, reason: str = ""
    ) -> OccurrenceRecord:
        from mentordesk.services.meeting_changes import cancel_occurrence

        return cancel_occurrence(self, meeting_id, original_start, reason)

    def end_series(
        self, meeting_id: int, from_original_start: datetime, reason: str = ""
    ) -> Meeting:
        """Cancels the rest of a series from one occurrence (not its first) on."""
        from mentordesk.services.meeting_changes import end_series

        return end_series(self, meeting_id, from_original_start, reason)

    def delete_meeting(self, meeting_id: int) -> None:
        """Removes a meeting or series; its notes stay with the mentee, unlinked."""
        from mentordesk.services.meeting_changes import delete_meeting

        delete_meeting(self, meeting_id)

    # -- backups (the work is in mentordesk/backups.py) ---------------------------------------

    def backup_now(self, folder: Path | str | None = None) -> Path:
        """A checked backup into ``folder`` (default: NAME-backups beside the file); its path.

        Uses this workspace's connection: call it on the thread that opened the workspace
        (from a worker thread: ``mentordesk.services.backups.backup_file(workspace.path)``).
        """
        from mentordesk.services.backups import backup_now

        return backup_now(self, folder)

    def list_backups(self) -> list[BackupInfo]:
        """The backups in this database's backups folder, newest first."""
        from mentordesk.services.backups import list_backups

        return list_backups(self)

    def restore(self, path: Path | str) -> Path:
        """Backs up the current state, then copies the backup at ``path`` into this database
        (the same workspace keeps working); returns the safety backup's path."""
        from mentordesk.services.backups import restore

        return restore(self, path)

    def changed_since_last_backup(self) -> bool:
        from mentordesk.services.backups import changed_since_last_backup

        return changed_since_last_backup(self)

    def thin_backups(self, now: datetime | None = None) -> ThinResult:
        """Deletes the backups the keeping rules (and the size cap) no longer keep."""
        from mentordesk.services.backups import thin_backups

        return thin_backups(self, now)

    def backup_size_cap(self) -> int:
        """The total size the backups may take, in bytes (a setting; default 2 GB)."""
        from mentordesk.services.backups import size_cap

        return size_cap(self)

    def set_backup_size_cap(self, cap_bytes: int) -> None:
        """Raises ValidationError below 100 MB; thin afterwards to apply it."""
        from mentordesk.services.backups import set_size_cap

        set_size_cap(self, cap_bytes)

    # -- full export and import (the work is in mentordesk/full_export.py) ---------------------

    def export_all(
        self,
        folder: Path | str,
        progress: Callable[[int, int], object] | None = None,
        *,
        own_connection: bool = False,
    ) -> ExportSummary:
        """Everything, private notes included, into ``folder`` (new or empty): JSON, a CSV per
        table, notes as Markdown. ``own_connection``: safe to call from a worker thread."""
        from mentordesk.services.full_export import export_all

        return export_all(self, folder, progress, own_connection=own_connection)

    def import_all(
        self, path: Path | str, progress: Callable[[int, int], object] | None = None
    ) -> ImportSummary:
        """Restores a full export (its JSON file) into this database, which must be empty;
        ValidationError with nothing written otherwise."""
        from mentordesk.services.full_export import import_all

        return import_all(self, path, progress)
