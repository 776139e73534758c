"""What the Today page and a mentee's dashboard show: assembled from the other services."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from mentordesk.domain.cadence import check_in, due_check_ins
from mentordesk.domain.contacts import Contact
from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    Meeting,
    Mentee,
    Occurrence,
    Resource,
    Win,
)
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.views import CheckIn, NoteSummary, OpenAction, TodayOverview
from mentordesk.services.clock import utc_now
from mentordesk.services.contacts import ContactService
from mentordesk.services.goals import GoalService
from mentordesk.services.meetings import MeetingService
from mentordesk.services.records import RecordService
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.notes import NoteRepository

#: Today lists the goals waiting longest for a look; a large practice can have thousands.
GOALS_ON_TODAY = 30


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
    #: Contacts logged or calls that held no occurrence, latest first.
    contacts: list[Contact] = field(default_factory=list)


class Overview:
    def __init__(
        self,
        mentees: MenteeRepository,
        notes: NoteRepository,
        meetings: MeetingService,
        records: RecordService,
        goals: GoalService,
        contacts: ContactService,
    ) -> None:
        self.contacts = contacts
        self.mentees = mentees
        self.notes = notes
        self.meetings = meetings
        self.records = records
        self.goals = goals

    def today(self, now: datetime | None = None) -> TodayOverview:
        now = now or utc_now()
        actions = self.notes.open_actions(limit=30)
        names = self.mentees.names(a.mentee_id for a in actions)
        return TodayOverview(
            now=now,
            upcoming=self.meetings.upcoming(now, days=14, limit=15),
            check_ins=self.check_ins(now.date()),
            recent_notes=self.notes.recent(10),
            open_actions=[OpenAction(a, names.get(a.mentee_id, "")) for a in actions],
            goals_to_revisit=self.goals.to_revisit(now.date(), limit=GOALS_ON_TODAY),
        )

    def check_ins(self, today: date, limit: int = 15) -> list[CheckIn]:
        """Active mentees due soon or overdue, most overdue first."""
        return due_check_ins(self.mentees.due_candidates(today, limit=limit), today)

    def check_ins_for(self, mentees: Iterable[Mentee], today: date) -> dict[int, CheckIn]:
        """Each mentee's check-in state (any status), keyed by mentee id."""
        return {m.id: check_in(m, today) for m in mentees if m.id is not None}

    def mentee_dashboard(self, mentee_id: int, now: datetime | None = None) -> MenteeDashboard:
        now = now or utc_now()
        mentee = self.mentees.get(mentee_id)
        records = self.records
        return MenteeDashboard(
            mentee=mentee,
            check_in=check_in(mentee, now.date()),
            goals=self.goals.progress(mentee_id),
            upcoming=self.meetings.occurrences_between(now, now + timedelta(days=60), mentee_id)[
                :10
            ],
            meetings=self.meetings.meetings.for_mentee(mentee_id),
            notes=self.notes.summaries(self.notes.ids(mentee_id=mentee_id)[:50]),
            actions=self.notes.actions_for_mentee(mentee_id),
            feedback=records.feedback.for_mentee(mentee_id),
            wins=records.wins.for_mentee(mentee_id),
            resources=records.resources.for_mentee(mentee_id),
            contacts=self.contacts.for_mentee(mentee_id),
        )
