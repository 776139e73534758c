"""The front object the window and the CLI both hold: one open database and the focused
services built on it.

No Qt here, and no rules: each service (``services/*.py``) owns its job and gets what it
needs in its constructor; the Workspace builds them (the rarely used ones on first use)
and keeps the names callers already use as one-line forwards. New code may call the
services directly (``workspace.schedule``, ``workspace.note_editing``, …).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    Goal,
    Meeting,
    Mentee,
    Milestone,
    Occurrence,
    OccurrenceRecord,
    Resource,
    Settings,
    Win,
)
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.views import TodayOverview, UpcomingMeeting
from mentordesk.planner.recurrence import last_occurrence
from mentordesk.services.changes import ChangeFeed, Changes
from mentordesk.services.contacts import ContactService
from mentordesk.services.goals import GoalService
from mentordesk.services.meetings import MeetingListing, MeetingService
from mentordesk.services.mentees import MenteeService
from mentordesk.services.mentor import MentorSettings
from mentordesk.services.note_editing import NoteEditing
from mentordesk.services.notes import SEARCH_LIST_LIMIT, NoteSearch, NoteService
from mentordesk.services.overview import MenteeDashboard, Overview
from mentordesk.services.records import RecordService
from mentordesk.services.summary import SummaryService
from mentordesk.services.workspace_notes import NoteForwards
from mentordesk.store.database import Database

# Re-exported: the UI catches store errors from here, never importing the store itself.
from mentordesk.store.errors import StoreError as StoreError
from mentordesk.store.repositories.busy import BusyRepository
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
    from mentordesk.planner.conflicts import Conflict
    from mentordesk.planner.ics import ImportedEvent
    from mentordesk.services.agenda import Agenda
    from mentordesk.services.backups import Backups
    from mentordesk.services.brief import BriefService
    from mentordesk.services.calendar_transfer import CalendarTransfer
    from mentordesk.services.full_export import FullExport
    from mentordesk.services.history import HistoryService
    from mentordesk.services.meeting_changes import MeetingChanges

__all__ = ["SEARCH_LIST_LIMIT", "MeetingListing", "MenteeDashboard", "NoteSearch", "Workspace"]

#: The services built on first use; ``rebind`` forgets them with the old database.
_LAZY = ("meeting_changes", "calendar", "backups", "full_export", "agenda", "brief", "history")


class Workspace(NoteForwards):
    """A MentorDesk database opened for use. Close it when done (or use ``with``)."""

    def __init__(self, db: Database) -> None:
        #: Committed writes are reported here (services/changes.py); it outlives ``rebind``.
        self.changes = ChangeFeed()
        self._build(db)

    def rebind(self, db: Database) -> None:
        """Points this workspace (and every service it built) at another open database,
        e.g. the moved or decrypted file; the old one is the caller's to close."""
        self._build(db)
        self.changes.report(Changes.everything())

    def _build(self, db: Database) -> None:
        for name in _LAZY:
            self.__dict__.pop(name, None)
        self.db = db
        self.mentees = MenteeRepository(db)
        self.goals = GoalRepository(db)
        self.meetings = MeetingRepository(db, last_occurrence)
        self.notes = NoteRepository(db)
        self.feedback = FeedbackRepository(db)
        self.wins = WinRepository(db)
        self.resources = ResourceRepository(db)
        self.settings_repo = SettingsRepository(db)
        feed = self.changes
        self.mentor = MentorSettings(self.settings_repo, feed)
        self.roster = MenteeService(self.mentees, feed)
        self.roadmap = GoalService(db, self.goals, self.wins, self.mentees, feed, self.mentor)
        self.schedule = MeetingService(
            self.meetings, self.mentees, self.notes, BusyRepository(db), self.settings_repo, feed
        )
        self.contacts = ContactService(self.schedule.contacts, self.mentees, self.mentor, feed)
        self.note_search = NoteService(self.notes, self.mentees, self.mentor, feed)
        self.note_editing = NoteEditing(
            db, self.notes, self.mentees, self.schedule, self.mentor, feed
        )
        self.records = RecordService(
            self.notes, self.feedback, self.wins, self.resources, self.note_editing, feed
        )
        self.overview = Overview(
            self.mentees, self.notes, self.schedule, self.records, self.roadmap, self.contacts
        )
        self.summaries = SummaryService(db, self.roster, self.roadmap, self.schedule, self.mentor)

    @cached_property
    def meeting_changes(self) -> MeetingChanges:
        from mentordesk.services.meeting_changes import MeetingChanges

        return MeetingChanges(
            self.db, self.meetings, self.schedule, self.mentees, self.mentor, self.changes
        )

    @cached_property
    def agenda(self) -> Agenda:
        from mentordesk.services.agenda import Agenda

        return Agenda(
            self.overview, self.schedule, self.mentees, self.wins, self.mentor, self.changes
        )

    @cached_property
    def brief(self) -> BriefService:
        from mentordesk.services.brief import BriefService

        return BriefService(self.mentees, self.notes, self.feedback, self.wins, self.schedule,
                            self.roadmap, self.mentor)  # fmt: skip

    @cached_property
    def history(self) -> HistoryService:
        """A mentee's timeline, in pages (services/history.py)."""
        from mentordesk.services.history import HistoryService
        from mentordesk.store.repositories.history import HistoryRepository

        return HistoryService(HistoryRepository(self.db), self.mentees)

    @cached_property
    def calendar(self) -> CalendarTransfer:
        from mentordesk.services.calendar_transfer import CalendarTransfer

        return CalendarTransfer(
            self.db,
            self.meetings,
            self.mentees,
            self.schedule.busy,
            self.schedule,
            self.mentor,
            self.changes,
        )

    @cached_property
    def backups(self) -> Backups:
        from mentordesk.services.backups import Backups

        return Backups(self.db, self.mentor, self.schedule.refresh_derived_times, self.changes)

    @cached_property
    def full_export(self) -> FullExport:
        from mentordesk.services.full_export import FullExport

        return FullExport(
            self.db, self.mentor, self.roster, self.schedule, self.overview, self.changes
        )

    @classmethod
    def open(
        cls, path: Path | str, *, readonly: bool = False, key: bytes | None = None
    ) -> Workspace:
        """Opens (creating if needed) and migrates; raises a StoreError if refused (recovery.
        DatabaseNeedsRecovery: a damaged file; DatabaseLocked: encrypted, without its key)."""
        import mentordesk.services.recovery as recovery
        from mentordesk.appdata import known_databases

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
    def wal_kept(self) -> Path | None:
        """Where the file and -wal were kept when opening it replayed a -wal found beside it
        (``store/wal_guard.py``); None when there was none."""
        return self.db.wal_kept

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

    # -- the file ------------------------------------------------------------------------

    def refresh_derived_times(self) -> int:
        return self.schedule.refresh_derived_times()

    def check(self) -> list[str]:
        problems = self.db.check()
        # A damaged file cannot be read row by row; a sound one can still hold odd rows.
        return problems or self.schedule.unreadable()

    def engine(self) -> str:
        """E.g. "SQLite 3.46.1 (SQLCipher 4.6.1 community)", for About and crash reports."""
        return self.db.engine()

    def counts(self) -> dict[str, int]:
        return self.db.counts(("mentees", "goals", "meetings", "notes"))

    def is_empty(self) -> bool:
        """A brand-new file: no mentees and no mentor profile yet (shows the welcome)."""
        return self.roster.count() == 0 and not self.mentor.has_mentor()

    # -- the mentor ----------------------------------------------------------------------

    def settings(self) -> Settings:
        return self.mentor.load()

    def save_settings(self, settings: Settings) -> Settings:
        return self.mentor.save(settings)

    def mentor_zone(self) -> ZoneInfo:
        """The mentor's zone (``MentorSettings.zone``): where "today" is read."""
        return self.mentor.zone()

    # -- forwards to the services (their docstrings say more) ----------------------------

    def list_mentees(
        self, search: str = "", sort: str = "name", descending: bool = False
    ) -> list[Mentee]:
        return self.roster.list(search, sort, descending)

    def mentee(self, mentee_id: int) -> Mentee:
        return self.roster.get(mentee_id)

    def find_mentee(self, name_or_id: str) -> Mentee:
        return self.roster.find(name_or_id)

    def save_mentee(self, mentee: Mentee) -> Mentee:
        return self.roster.save(mentee)

    def delete_mentee(self, mentee_id: int) -> None:
        self.roster.delete(mentee_id)

    def mentee_dashboard(self, mentee_id: int, now: datetime | None = None) -> MenteeDashboard:
        return self.overview.mentee_dashboard(mentee_id, now)

    def today(self, now: datetime | None = None) -> TodayOverview:
        return self.overview.today(now)

    def goal_progress(self, mentee_id: int) -> list[GoalProgress]:
        return self.roadmap.progress(mentee_id)

    def add_goal(self, goal: Goal, milestones: Sequence[Milestone] = ()) -> Goal:
        return self.roadmap.add_goal(goal, tuple(milestones))

    def add_action(self, item: ActionItem) -> ActionItem:
        return self.records.add_action(item)

    def set_action_done(self, item_id: int, done: bool = True) -> None:
        self.records.set_action_done(item_id, done)

    def add_feedback(self, fb: Feedback) -> Feedback:
        return self.records.add_feedback(fb)

    def add_win(self, win: Win) -> Win:
        return self.records.add_win(win)

    def add_resource(self, res: Resource) -> Resource:
        return self.records.add_resource(res)

    def save_meeting(self, meeting: Meeting) -> Meeting:
        return self.schedule.save(meeting)

    def meeting(self, meeting_id: int) -> Meeting:
        return self.schedule.get(meeting_id)

    def list_meetings(self, search: str = "", descending: bool = True) -> list[MeetingListing]:
        return self.schedule.listing(search, descending)

    def occurrences_between(
        self, start: datetime, end: datetime, mentee_id: int | None = None
    ) -> list[Occurrence]:
        return self.schedule.occurrences_between(start, end, mentee_id)

    def upcoming(
        self, now: datetime | None = None, days: int = 14, limit: int = 20
    ) -> list[UpcomingMeeting]:
        return self.schedule.upcoming(now, days, limit)

    def mark_held(
        self, meeting_id: int, original_start: datetime | None = None, now: datetime | None = None
    ) -> OccurrenceRecord:
        return self.schedule.mark_held(meeting_id, original_start, now)

    def conflicts(
        self, meeting: Meeting, horizon: timedelta = timedelta(days=365)
    ) -> list[Conflict]:
        return self.schedule.conflicts(meeting, horizon)

    def busy_times(self) -> list[ImportedEvent]:
        return self.schedule.busy_times()
