"""A progress summary's content as plain data: what the PDF prints, nothing Qt, nothing private.

Every value here has passed the sharing rules (``store/repositories/summary.py`` and
``SummaryService``); a renderer only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import ActionItem, Feedback, Resource, Win


@dataclass(frozen=True, slots=True)
class SummaryPeriod:
    """The days a summary covers, both ends included (read in the mentor's zone)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValidationError(
                "period",
                f"The period starts ({self.start}) after it ends ({self.end}) — choose a"
                " start on or before the end.",
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"{self.start.day} {self.start:%b %Y} – {self.end.day} {self.end:%b %Y}"

    @classmethod
    def last_month(cls, today: date) -> SummaryPeriod:
        """The calendar month before ``today``'s."""
        end = today.replace(day=1) - timedelta(days=1)
        return cls(end.replace(day=1), end)

    @classmethod
    def last_quarter(cls, today: date) -> SummaryPeriod:
        """The calendar quarter before ``today``'s."""
        first_month = (today.month - 1) // 3 * 3 + 1
        end = today.replace(month=first_month, day=1) - timedelta(days=1)
        return cls(end.replace(month=end.month - 2, day=1), end)


@dataclass(frozen=True, slots=True)
class SummaryHeader:
    mentee_name: str
    mentor_name: str
    period: SummaryPeriod
    generated_on: date
    mentee_zone: str
    mentor_zone: str


@dataclass(frozen=True, slots=True)
class SummaryFigures:
    meetings_held: int
    minutes_held: int
    milestones_completed: int
    goals_active: int
    goals_done: int
    wins: int
    feedback_given: int
    feedback_received: int


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    title: str
    done: bool
    #: When it was done (done) or is due (open); None when the mentor set no date.
    on: date | None
    done_in_period: bool


@dataclass(frozen=True, slots=True)
class GoalSection:
    title: str
    status: str  # "In progress", "Done", ...
    percent: int  # the domain progress rule (GoalProgress.percent)
    description: str
    target_date: date | None
    milestones: tuple[MilestoneLine, ...]

    @property
    def completed_in_period(self) -> tuple[MilestoneLine, ...]:
        return tuple(m for m in self.milestones if m.done_in_period)


@dataclass(frozen=True, slots=True)
class HeldMeeting:
    title: str
    mentee_start: datetime  # in the mentee's zone
    mentor_start: datetime  # in the mentor's zone
    minutes: int


@dataclass(frozen=True, slots=True)
class MonthCount:
    """One bar of the chart: milestones completed in a month."""

    month: date  # its first day
    count: int


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    header: SummaryHeader
    figures: SummaryFigures
    goals: tuple[GoalSection, ...]
    meetings: tuple[HeldMeeting, ...]
    wins: tuple[Win, ...]
    feedback_given: tuple[Feedback, ...]
    feedback_received: tuple[Feedback, ...]
    mentee_actions: tuple[ActionItem, ...]
    mentor_actions: tuple[ActionItem, ...]
    next_session: datetime | None  # in the mentee's zone
    resources: tuple[Resource, ...]
    chart: tuple[MonthCount, ...]
    #: Records of the period left out: "Include in summaries" off, or from a private note.
    left_out: int = 0

    @property
    def left_out_text(self) -> str:
        """What the export says about the records it leaves out ("" when none are)."""
        if not self.left_out:
            return ""
        records = "record is" if self.left_out == 1 else "records are"
        return (
            f"{self.left_out} {records} left out: “Include in summaries” is off,"
            " or they come from a private note."
        )

    @property
    def is_empty(self) -> bool:
        """Nothing to report in the period beyond the header."""
        return not (
            self.goals or self.meetings or self.wins or self.feedback_given
            or self.feedback_received or self.mentee_actions or self.mentor_actions
            or self.resources
        )  # fmt: skip
