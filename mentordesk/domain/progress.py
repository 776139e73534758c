"""Goal progress, rolled up from milestones: the one rule the dashboard, Today, the roadmap
and the progress summary all use.

Progress is done milestones over the milestones still in the plan (total − dropped); an
in-progress milestone is not half done. A goal without milestones (or whose milestones were
all dropped) carries a hand-set percentage; a done goal is 100%.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from mentordesk.domain.models import Goal, GoalStatus, Milestone, MilestoneStatus

#: A target or next milestone this close, with progress behind the calendar, asks for a look.
REVISIT_WINDOW = timedelta(days=14)
#: A goal's revisit date, when none is given: this long after it was created or last revisited.
REVISIT_EVERY = timedelta(weeks=4)

_CLOSED_GOAL = (GoalStatus.DONE, GoalStatus.DROPPED)


def planned(milestones: list[Milestone]) -> list[Milestone]:
    """The milestones still in the plan (dropped ones are kept but do not count)."""
    return [m for m in milestones if m.status is not MilestoneStatus.DROPPED]


def progress_fraction(goal: Goal, milestones: list[Milestone]) -> float:
    """done / (total − dropped); the hand-set percentage when no milestone counts."""
    if goal.status is GoalStatus.DONE:
        return 1.0
    counted = planned(milestones)
    if not counted:
        return max(0, min(100, goal.manual_percent or 0)) / 100
    done = sum(1 for m in counted if m.status is MilestoneStatus.DONE)
    return done / len(counted)


@dataclass(slots=True)
class GoalProgress:
    goal: Goal
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def fraction(self) -> float:
        return progress_fraction(self.goal, self.milestones)

    @property
    def percent(self) -> int:
        fraction = self.fraction
        # 199 of 200 milestones is not "100%".
        return min(round(fraction * 100), 99 if fraction < 1 else 100)

    @property
    def counted(self) -> tuple[int, int]:
        """(done, planned) milestones, for a "2/5 milestones" caption."""
        counted = planned(self.milestones)
        return sum(1 for m in counted if m.status is MilestoneStatus.DONE), len(counted)

    @property
    def is_open(self) -> bool:
        return self.goal.status not in _CLOSED_GOAL

    def is_overdue(self, today: date) -> bool:
        target = self.goal.target_date
        return self.is_open and target is not None and target < today

    def is_at_risk(self, today: date) -> bool:
        """Flagged at risk, or past its target date without being finished."""
        return self.is_open and (self.goal.status is GoalStatus.AT_RISK or self.is_overdue(today))

    def risk_note(self, today: date) -> str:
        """What a caption adds after the status: "overdue", or nothing when the status
        already says "at risk" (one "at risk" per caption)."""
        return "overdue" if self.is_overdue(today) else ""

    def next_milestone(self) -> Milestone | None:
        return next(
            (m for m in planned(self.milestones) if m.status is not MilestoneStatus.DONE), None
        )

    def elapsed(self, today: date) -> float | None:
        """Share of the start → target time that has passed (None without both dates)."""
        start, target = self.goal.start_date, self.goal.target_date
        if start is None or target is None or target <= start:
            return None
        return max(0.0, min(1.0, (today - start) / (target - start)))

    def revisit_reason(self, today: date) -> str | None:
        """Why the goal is due a look, or None: its revisit date has come, or its target or
        next milestone is within two weeks while progress lags the time elapsed."""
        if not self.is_open:
            return None
        revisit = self.goal.revisit_date
        if revisit is not None and revisit <= today:
            return "revisit due" if revisit == today else "revisit overdue"
        elapsed = self.elapsed(today)
        lagging = elapsed is None or self.fraction < elapsed
        if not lagging:
            return None
        target = self.goal.target_date
        if target is not None and target - today <= REVISIT_WINDOW:
            return "target near, progress behind"
        step = self.next_milestone()
        if (
            step is not None
            and step.due_date is not None
            and step.due_date - today <= REVISIT_WINDOW
        ):
            return f"“{step.title}” due soon, progress behind"
        return None

    def late_milestones(self) -> list[Milestone]:
        """Milestones due after the goal's target: allowed, but flagged."""
        target = self.goal.target_date
        if target is None:
            return []
        return [m for m in self.milestones if m.due_date is not None and m.due_date > target]


def next_revisit(after: date) -> date:
    return after + REVISIT_EVERY
