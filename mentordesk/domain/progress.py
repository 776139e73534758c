"""Goal progress, rolled up from milestones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mentordesk.domain.models import Goal, GoalStatus, Milestone, MilestoneStatus


@dataclass(slots=True)
class GoalProgress:
    goal: Goal
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def fraction(self) -> float:
        """Done milestones over all (in-progress counts half); a done goal is 1.0."""
        if self.goal.status is GoalStatus.DONE:
            return 1.0
        if not self.milestones:
            return 0.0
        weights = {MilestoneStatus.DONE: 1.0, MilestoneStatus.IN_PROGRESS: 0.5}
        return sum(weights.get(m.status, 0.0) for m in self.milestones) / len(self.milestones)

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    def is_at_risk(self, today: date) -> bool:
        """Flagged at risk, or past its target date without being finished."""
        if self.goal.status in (GoalStatus.DONE, GoalStatus.DROPPED):
            return False
        if self.goal.status is GoalStatus.AT_RISK:
            return True
        target = self.goal.target_date
        return target is not None and target < today

    def next_milestone(self) -> Milestone | None:
        return next((m for m in self.milestones if m.status is not MilestoneStatus.DONE), None)
