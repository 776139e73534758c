"""Read models: what list pages and the Today page show, assembled by the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mentordesk.domain.models import ActionItem, Mentee, Occurrence
from mentordesk.domain.progress import GoalProgress


@dataclass(slots=True, frozen=True)
class NoteSummary:
    id: int
    mentee_id: int
    mentee_name: str
    title: str
    excerpt: str
    shareable: bool
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True, frozen=True)
class UpcomingMeeting:
    occurrence: Occurrence
    mentee_name: str
    mentee_zone: str


@dataclass(slots=True, frozen=True)
class CheckIn:
    mentee: Mentee
    last_contact: datetime | None
    due_on: date
    days_overdue: int  # negative: due in that many days

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue > 0


@dataclass(slots=True, frozen=True)
class GoalToRevisit:
    """A goal on Today's "Goals to revisit", and why (``GoalProgress.revisit_reason``)."""

    mentee_id: int
    mentee_name: str
    progress: GoalProgress
    reason: str


@dataclass(slots=True, frozen=True)
class OpenAction:
    item: ActionItem
    mentee_name: str


@dataclass(slots=True, frozen=True)
class TodayOverview:
    now: datetime
    upcoming: list[UpcomingMeeting] = field(default_factory=list)
    check_ins: list[CheckIn] = field(default_factory=list)
    recent_notes: list[NoteSummary] = field(default_factory=list)
    open_actions: list[OpenAction] = field(default_factory=list)
    goals_to_revisit: list[GoalToRevisit] = field(default_factory=list)
