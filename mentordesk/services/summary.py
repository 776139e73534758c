"""Progress summaries: one mentee's shared progress over a period, as plain data.

Sharing rules: goals the mentor includes in summaries (the Roadmap's switch, read in
``_goal_shared``), their milestones and held meetings are shared; action items, wins,
feedback and resources only when their "Include in summaries" is on (and, for those a
tagged line made, their note shares them: ``store/repositories/summary.py``), and the
summary counts those it leaves out. Notes never reach a summary, so neither does a private
note or ``## Private`` section. Everything is read for one mentee id only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mentordesk.domain.models import (
    FeedbackDirection,
    Goal,
    GoalStatus,
    Mentee,
    MenteeStatus,
    MilestoneStatus,
    OccurrenceStatus,
    Owner,
)
from mentordesk.domain.progress import GoalProgress
from mentordesk.planner.recurrence import last_occurrence
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.clock import aware
from mentordesk.services.goals import GoalService
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentees import MenteeService
from mentordesk.services.mentor import MentorSettings, zone_or_utc
from mentordesk.services.summary_content import (
    GoalSection,
    HeldMeeting,
    MilestoneLine,
    MonthCount,
    ProgressSummary,
    SummaryFigures,
    SummaryHeader,
    SummaryPeriod,
)
from mentordesk.store.database import Database
from mentordesk.store.repositories.busy import BusyRepository
from mentordesk.store.repositories.goals import GoalRepository
from mentordesk.store.repositories.meetings import MeetingRepository
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.notes import NoteRepository
from mentordesk.store.repositories.records import (
    WinRepository,
)
from mentordesk.store.repositories.settings import SettingsRepository
from mentordesk.store.repositories.summary import SummaryRepository

_STATUS = {
    GoalStatus.NOT_STARTED: "Not started",
    GoalStatus.IN_PROGRESS: "In progress",
    GoalStatus.AT_RISK: "Needs attention",
    GoalStatus.DONE: "Done",
    GoalStatus.DROPPED: "Set aside",
}
_CLOSED = (GoalStatus.DONE, GoalStatus.DROPPED)
_PAPER_KEY = "summary_paper"
#: The chart shows at most this many months (the last ones of the period).
CHART_MONTHS = 12


def _goal_shared(goal: Goal) -> bool:
    """Whether the mentor lets ``goal`` into summaries (the Roadmap's "Include in
    summaries"), read here and only here."""
    return goal.shareable


def _month(day: date) -> date:
    return day.replace(day=1)


def _chart(done_days: list[date], period: SummaryPeriod) -> tuple[MonthCount, ...]:
    counts = Counter(_month(d) for d in done_days)
    months: list[date] = []
    month = _month(period.end)
    while month >= _month(period.start) and len(months) < CHART_MONTHS:
        months.append(month)
        month = _month(month - timedelta(days=1))
    return tuple(MonthCount(m, counts.get(m, 0)) for m in reversed(months))


class SummaryService:
    """Builds summaries; ``on_own_connection`` gives one that a worker thread may use."""

    def __init__(
        self,
        db: Database,
        roster: MenteeService,
        goals: GoalService,
        schedule: MeetingService,
        mentor: MentorSettings,
    ) -> None:
        self.db = db
        self.shared = SummaryRepository(db)
        self.roster = roster
        self.goals = goals
        self.schedule = schedule
        self.mentor = mentor

    @contextmanager
    def on_own_connection(self) -> Iterator[SummaryService]:
        """The same service reading through a connection of its own, for a worker thread
        (SQLite connections never cross threads); it only reads, so it reports nothing."""
        db = Database.second(self.db.path)
        try:
            feed = ChangeFeed()
            mentees, notes = MenteeRepository(db), NoteRepository(db)
            settings = SettingsRepository(db)
            mentor = MentorSettings(settings, feed)
            goals = GoalService(db, GoalRepository(db), WinRepository(db), mentees, feed, mentor)
            meetings = MeetingService(MeetingRepository(db, last_occurrence), mentees, notes,
                                      BusyRepository(db), settings, feed)  # fmt: skip
            yield SummaryService(db, MenteeService(mentees, feed), goals, meetings, mentor)
        finally:
            db.close()

    def paper_preference(self) -> str:
        """The paper the mentor last chose for a summary ("a4", "letter"); "" for none yet."""
        value = self.mentor.repo.get_value(_PAPER_KEY, "")
        return value if isinstance(value, str) else ""

    def set_paper_preference(self, paper: str) -> None:
        if paper != self.paper_preference():
            self.mentor.repo.set_values({_PAPER_KEY: paper})
            self.mentor.feed.report(Changes.of(Kind.SETTINGS))

    def today(self, now: datetime | None = None) -> date:
        """The mentor's date: what "last month" and "generated on" are read against."""
        return aware(now).astimezone(self.mentor.zone()).date()

    def since_start(self, mentee: Mentee, now: datetime | None = None) -> SummaryPeriod:
        """From the first day of the mentee's history (or the day they were added, in the
        mentor's zone, when that is earlier: records entered later can carry older dates)."""
        today = self.today(now)
        created = mentee.created_at
        added = created.astimezone(self.mentor.zone()).date() if created else today
        first = self.shared.first_day(mentee.id or 0) or added
        return SummaryPeriod(min(added, first, today), today)

    def active_mentees(self) -> list[Mentee]:
        return [m for m in self.roster.list() if m.status is MenteeStatus.ACTIVE]

    def build(
        self, mentee_id: int, period: SummaryPeriod, now: datetime | None = None
    ) -> ProgressSummary:
        mentee = self.roster.get(mentee_id)
        settings = self.mentor.load()
        mentor_zone, mentee_zone = self.mentor.zone(), zone_or_utc(mentee.time_zone)
        goals = [g for g in self.goals.progress(mentee_id) if _goal_shared(g.goal)]
        sections = tuple(self._goal(g, period) for g in goals)
        meetings = self._held(mentee_id, period, mentor_zone, mentee_zone)
        wins = self.shared.wins(mentee_id, period.start, period.end)
        feedback = self.shared.feedback(mentee_id, period.start, period.end)
        given = tuple(f for f in feedback if f.direction is FeedbackDirection.TO_MENTEE)
        received = tuple(f for f in feedback if f.direction is FeedbackDirection.FROM_MENTEE)
        actions = self.shared.open_actions(mentee_id)
        done_days = [m.on for g in sections for m in g.completed_in_period if m.on]
        return ProgressSummary(
            header=SummaryHeader(
                mentee.name, settings.mentor_name, period, self.today(now),
                mentee.time_zone, str(mentor_zone),
            ),
            figures=SummaryFigures(
                meetings_held=len(meetings),
                minutes_held=sum(m.minutes for m in meetings),
                milestones_completed=len(done_days),
                goals_active=sum(g.goal.status not in _CLOSED for g in goals),
                goals_done=sum(g.goal.status is GoalStatus.DONE for g in goals),
                wins=len(wins),
                feedback_given=len(given),
                feedback_received=len(received),
            ),
            goals=sections,
            meetings=meetings,
            wins=tuple(wins),
            feedback_given=given,
            feedback_received=received,
            mentee_actions=tuple(a for a in actions if a.owner is Owner.MENTEE),
            mentor_actions=tuple(a for a in actions if a.owner is Owner.MENTOR),
            next_session=self._next_session(mentee_id, now, mentee_zone),
            resources=tuple(self.shared.resources(mentee_id)),
            chart=_chart(done_days, period),
            left_out=self.shared.left_out(mentee_id, period.start, period.end),
        )  # fmt: skip

    def _goal(self, progress: GoalProgress, period: SummaryPeriod) -> GoalSection:
        goal = progress.goal
        lines = tuple(
            MilestoneLine(
                m.title,
                m.status is MilestoneStatus.DONE,
                m.done_on if m.status is MilestoneStatus.DONE else m.due_date,
                m.status is MilestoneStatus.DONE and m.done_on in period,
            )
            for m in progress.milestones
        )
        return GoalSection(
            goal.title, _STATUS[goal.status], progress.percent, goal.description,
            goal.target_date, lines,
        )  # fmt: skip

    def _held(
        self, mentee_id: int, period: SummaryPeriod, mentor_zone: ZoneInfo, mentee_zone: ZoneInfo
    ) -> tuple[HeldMeeting, ...]:
        start = datetime.combine(period.start, time(), mentor_zone)
        end = datetime.combine(period.end + timedelta(days=1), time(), mentor_zone)
        return tuple(
            HeldMeeting(
                o.meeting.title,
                o.start.astimezone(mentee_zone),
                o.start.astimezone(mentor_zone),
                int(o.meeting.duration.total_seconds() // 60),
            )
            for o in self.schedule.occurrences_between(start, end, mentee_id)
            if o.status is OccurrenceStatus.HELD
        )

    def _next_session(
        self, mentee_id: int, now: datetime | None, zone: ZoneInfo
    ) -> datetime | None:
        at = aware(now)
        for o in self.schedule.occurrences_between(at, at + timedelta(days=92), mentee_id):
            if o.status is not OccurrenceStatus.CANCELLED:
                return o.start.astimezone(zone)
        return None
