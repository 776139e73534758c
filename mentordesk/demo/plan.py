"""The small demo's story as data: dates are day offsets from the seeding day.

Offsets (negative = past) keep the demo alive whatever day it is seeded on: there
are always meetings coming up and check-ins falling due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from mentordesk.domain.models import (
    FeedbackDirection,
    GoalStatus,
    Mentee,
    MilestoneStatus,
    Owner,
    ResourceKind,
)


@dataclass(frozen=True, slots=True)
class MilestoneSpec:
    title: str
    status: MilestoneStatus = MilestoneStatus.TODO
    due: int | None = None
    done: int | None = None


@dataclass(frozen=True, slots=True)
class GoalSpec:
    title: str
    description: str
    status: GoalStatus
    start: int
    target: int | None = None
    revisit: int | None = None
    milestones: tuple[MilestoneSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class MeetingSpec:
    """A meeting or series. ``days`` is a rough first date: a series snaps to its rule.

    ``zone`` None means the mentee's zone. Every past occurrence is marked held
    except ``missed`` (counted back from the latest: 1 is the latest past one).
    """

    key: str
    title: str
    days: int
    at: time
    minutes: int = 45
    rrule: str | None = None
    zone: str | None = None
    location: str = ""
    missed: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionSpec:
    text: str
    owner: Owner = Owner.MENTEE
    due: int | None = None
    done: int | None = None
    created: int | None = None  # for actions not taken from a note


@dataclass(frozen=True, slots=True)
class NoteSpec:
    """A note, written right after a past occurrence of ``meeting`` (1 = the latest)

    or, without a meeting, ``days`` from the seeding day at ``at`` in the mentor's zone.
    """

    title: str
    body: str
    meeting: str | None = None
    occurrence: int = 1
    days: int = 0
    at: time = time(17, 30)
    shareable: bool = False
    actions: tuple[ActionSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedbackSpec:
    direction: FeedbackDirection
    body: str
    days: int


@dataclass(frozen=True, slots=True)
class WinSpec:
    title: str
    days: int
    goal: int | None = None  # index into the mentee's goals


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    title: str
    url: str
    kind: ResourceKind
    notes: str = ""
    goal: int | None = None  # index into the mentee's goals


@dataclass(frozen=True, slots=True)
class MenteeSpec:
    mentee: Mentee
    goals: tuple[GoalSpec, ...] = ()
    meetings: tuple[MeetingSpec, ...] = ()
    notes: tuple[NoteSpec, ...] = ()
    actions: tuple[ActionSpec, ...] = ()
    feedback: tuple[FeedbackSpec, ...] = ()
    wins: tuple[WinSpec, ...] = ()
    resources: tuple[ResourceSpec, ...] = ()


# Short aliases keep the cast files readable.
TODO = MilestoneStatus.TODO
DOING = MilestoneStatus.IN_PROGRESS
DONE = MilestoneStatus.DONE
TO_MENTEE = FeedbackDirection.TO_MENTEE
FROM_MENTEE = FeedbackDirection.FROM_MENTEE
MENTOR = Owner.MENTOR
MENTEE = Owner.MENTEE
