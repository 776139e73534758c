"""What a goal or milestone must satisfy before it is stored (ValidationError names the field)."""

from __future__ import annotations

from dataclasses import replace

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Goal, Milestone
from mentordesk.domain.validation import validate_name


def validate_goal(goal: Goal) -> Goal:
    title = validate_name(goal.title, "title", "Goal title")
    if goal.start_date and goal.target_date and goal.target_date < goal.start_date:
        raise ValidationError(
            "target_date",
            f"Target date {goal.target_date:%d %b %Y} is before the start date"
            f" {goal.start_date:%d %b %Y} — choose a later target or an earlier start.",
        )
    percent = goal.manual_percent
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError(
            "manual_percent", f"Progress {percent}% is out of range — give 0 to 100."
        )
    return replace(
        goal,
        title=title,
        description=goal.description.strip(),
        success_criteria=goal.success_criteria.strip(),
    )


def validate_milestone(milestone: Milestone) -> Milestone:
    """A milestone due after its goal's target is allowed (the roadmap flags it)."""
    return replace(milestone, title=validate_name(milestone.title, "title", "Milestone title"))
