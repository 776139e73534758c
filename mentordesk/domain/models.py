"""Dataclasses for everything MentorDesk stores.

Instants (created, updated) are aware UTC datetimes. A meeting's truth is its
wall-clock start in the zone it was planned in: ``Meeting.start`` is aware and
carries that ``ZoneInfo`` (and ``fold`` for a repeated hour).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class MenteeStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ALUMNI = "alumni"


class GoalStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    AT_RISK = "at_risk"
    DONE = "done"
    DROPPED = "dropped"


class MilestoneStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    #: No longer part of the plan: kept for the record, left out of progress.
    DROPPED = "dropped"


class OccurrenceStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"
    MOVED = "moved"


class Owner(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class FeedbackDirection(StrEnum):
    TO_MENTEE = "to_mentee"
    FROM_MENTEE = "from_mentee"


class ResourceKind(StrEnum):
    ARTICLE = "article"
    VIDEO = "video"
    PODCAST = "podcast"
    COURSE = "course"
    BOOK = "book"
    OTHER = "other"


WEEKDAYS = (1, 2, 3, 4, 5)  # ISO weekday numbers, Monday = 1


@dataclass(slots=True)
class WorkingHours:
    start: time = time(9, 0)
    end: time = time(17, 0)
    days: tuple[int, ...] = WEEKDAYS


@dataclass(slots=True)
class Channel:
    kind: str  # "email", "video", "chat", "phone", ...
    value: str


@dataclass(slots=True)
class Mentee:
    name: str
    time_zone: str
    pronouns: str = ""
    organisation: str = ""
    role: str = ""
    hours: WorkingHours = field(default_factory=WorkingHours)
    channels: tuple[Channel, ...] = ()
    background: str = ""
    interests: str = ""
    expectations: str = ""
    cadence_days: int = 14
    status: MenteeStatus = MenteeStatus.ACTIVE
    tags: tuple[str, ...] = ()
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: The latest contact (domain/contacts.py: held occurrence, call, logged contact);
    #: derived by the store, never written.
    last_contact: datetime | None = None

    @property
    def email(self) -> str:
        """The first e-mail channel's address ('' without one): the mentee's address."""
        return next((c.value for c in self.channels if c.kind == "email"), "")


@dataclass(slots=True)
class Goal:
    mentee_id: int
    title: str
    description: str = ""
    status: GoalStatus = GoalStatus.NOT_STARTED
    start_date: date | None = None
    target_date: date | None = None
    revisit_date: date | None = None
    position: int = 0
    id: int | None = None
    #: What "done" looks like, as agreed with the mentee.
    success_criteria: str = ""
    #: Hand-set progress (0-100) for a goal without milestones; milestones override it.
    manual_percent: int | None = None
    #: Goes into the progress summary; off for a goal the mentor keeps to themselves.
    shareable: bool = True
    created_at: datetime | None = None


@dataclass(slots=True)
class GoalRevisit:
    """One "Mark revisited…": when the goal was looked at again, and what was said."""

    goal_id: int
    revisited_on: date
    note: str = ""
    id: int | None = None


@dataclass(slots=True)
class Milestone:
    goal_id: int
    title: str
    status: MilestoneStatus = MilestoneStatus.TODO
    due_date: date | None = None
    done_on: date | None = None
    position: int = 0
    id: int | None = None


@dataclass(slots=True)
class Meeting:
    """A single meeting or a recurring series (``rrule`` set, RFC 5545 RRULE)."""

    mentee_id: int
    title: str
    start: datetime  # aware, tzinfo is the anchor ZoneInfo
    duration: timedelta = timedelta(minutes=45)
    rrule: str | None = None
    location: str = ""
    id: int | None = None

    @property
    def zone(self) -> str:
        return str(self.start.tzinfo)


@dataclass(slots=True)
class OccurrenceRecord:
    """A per-occurrence fact of a meeting, keyed by its original wall-clock start."""

    meeting_id: int
    original_start: datetime  # aware, in the meeting's anchor zone
    status: OccurrenceStatus
    new_start: datetime | None = None
    reason: str = ""
    recorded_at: datetime | None = None
    id: int | None = None


@dataclass(slots=True)
class Occurrence:
    """One expanded occurrence of a meeting, with what happened to it."""

    meeting: Meeting
    original_start: datetime
    start: datetime
    status: OccurrenceStatus = OccurrenceStatus.SCHEDULED
    reason: str = ""

    @property
    def end(self) -> datetime:
        return self.start + self.meeting.duration


@dataclass(slots=True)
class Note:
    mentee_id: int
    body: str
    title: str = ""
    shareable: bool = False
    meeting_id: int | None = None
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(slots=True)
class ActionItem:
    mentee_id: int
    text: str
    owner: Owner = Owner.MENTOR
    due_date: date | None = None
    done_at: datetime | None = None
    note_id: int | None = None
    id: int | None = None
    created_at: datetime | None = None
    shareable: bool = False

    @property
    def is_open(self) -> bool:
        return self.done_at is None


@dataclass(slots=True)
class Feedback:
    mentee_id: int
    direction: FeedbackDirection
    #: What happened (a tagged line's text when the feedback came from a note).
    body: str
    given_on: date
    id: int | None = None
    why_it_matters: str = ""
    suggested_action: str = ""
    #: Goes into progress summaries ("Include in summaries").
    shareable: bool = False
    #: The note whose tagged line made it (its text then follows that line).
    note_id: int | None = None


@dataclass(slots=True)
class Win:
    mentee_id: int
    title: str
    happened_on: date
    goal_id: int | None = None
    id: int | None = None
    #: The milestone whose completion made this win (undoing the completion removes it).
    milestone_id: int | None = None
    shareable: bool = False
    #: The note whose tagged line made it (its text then follows that line).
    note_id: int | None = None


@dataclass(slots=True)
class Resource:
    title: str
    url: str
    kind: ResourceKind = ResourceKind.ARTICLE
    mentee_id: int | None = None
    goal_id: int | None = None
    notes: str = ""
    id: int | None = None
    shared_on: date | None = None
    #: Goes into progress summaries; resources were always shared before the flag existed.
    shareable: bool = True


@dataclass(slots=True)
class Settings:
    mentor_name: str = ""
    time_zone: str = "UTC"
    hours: WorkingHours = field(default_factory=WorkingHours)
