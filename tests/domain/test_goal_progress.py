"""The one progress rule (done / (total − dropped), hand-set without milestones), the
caption's risk note, revisit reasons and goal validation."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.goal_rules import validate_goal
from mentordesk.domain.models import Goal, GoalStatus, Milestone, MilestoneStatus
from mentordesk.domain.progress import GoalProgress, next_revisit

TODAY = date(2026, 12, 6)
S = MilestoneStatus


def _steps(*statuses: MilestoneStatus) -> list[Milestone]:
    return [Milestone(1, f"step {i}", s) for i, s in enumerate(statuses)]


def test_in_progress_counts_nothing_and_dropped_leaves_the_plan() -> None:
    goal = Goal(1, "Talk", status=GoalStatus.IN_PROGRESS)
    assert GoalProgress(goal, _steps(S.DONE, S.DONE, S.IN_PROGRESS, S.TODO, S.TODO)).percent == 40
    assert GoalProgress(goal, _steps(S.DONE, S.DROPPED, S.TODO)).percent == 50
    assert GoalProgress(goal, _steps(S.DONE, S.DROPPED)).percent == 100
    assert GoalProgress(goal, _steps(S.DONE, S.DROPPED, S.TODO)).counted == (1, 2)


def test_a_goal_without_milestones_shows_its_hand_set_percentage() -> None:
    assert GoalProgress(Goal(1, "Read", manual_percent=70)).percent == 70
    assert GoalProgress(Goal(1, "Read")).percent == 0
    # Only dropped milestones: nothing counts, the hand-set figure stands.
    assert GoalProgress(Goal(1, "Read", manual_percent=30), _steps(S.DROPPED)).percent == 30
    # Milestones that count override the hand-set figure.
    assert GoalProgress(Goal(1, "Read", manual_percent=90), _steps(S.TODO)).percent == 0
    assert GoalProgress(Goal(1, "Read", status=GoalStatus.DONE), _steps(S.TODO)).percent == 100


def test_almost_done_is_not_shown_as_done() -> None:
    steps = _steps(*([S.DONE] * 199 + [S.TODO]))
    assert GoalProgress(Goal(1, "Many"), steps).percent == 99


def test_at_risk_is_said_once() -> None:
    flagged = GoalProgress(Goal(1, "x", status=GoalStatus.AT_RISK, target_date=date(2026, 11, 1)))
    assert flagged.is_at_risk(TODAY)
    assert flagged.risk_note(TODAY) == "overdue"  # the status already says "at risk"
    assert GoalProgress(Goal(1, "x", status=GoalStatus.AT_RISK)).risk_note(TODAY) == ""
    done_late = GoalProgress(Goal(1, "x", status=GoalStatus.DONE, target_date=date(2026, 1, 1)))
    assert not done_late.is_at_risk(TODAY)


def test_dropped_milestones_are_not_next() -> None:
    steps = _steps(S.DONE, S.DROPPED, S.TODO)
    assert GoalProgress(Goal(1, "x"), steps).next_milestone() is steps[2]


def test_revisit_reasons() -> None:
    due = Goal(1, "x", revisit_date=TODAY)
    assert GoalProgress(due).revisit_reason(TODAY) == "revisit due"
    assert GoalProgress(Goal(1, "x", revisit_date=date(2026, 12, 1))).revisit_reason(TODAY) == (
        "revisit overdue"
    )
    # Target in 10 days, 90% of the time gone, 50% done: behind.
    behind = Goal(
        1, "x", start_date=date(2026, 9, 17), target_date=date(2026, 12, 16),
        revisit_date=date(2027, 1, 1),
    )  # fmt: skip
    assert GoalProgress(behind, _steps(S.DONE, S.TODO)).revisit_reason(TODAY) == (
        "target near, progress behind"
    )
    # Same dates, all done but one of ten: ahead of the calendar, nothing to say.
    assert GoalProgress(behind, _steps(*([S.DONE] * 10))).revisit_reason(TODAY) is None
    # Next milestone due within 14 days on a goal without dates.
    soon = [Milestone(1, "Slides", due_date=date(2026, 12, 12))]
    quiet = Goal(1, "x", revisit_date=date(2027, 1, 1))
    assert GoalProgress(quiet, soon).revisit_reason(TODAY) == "“Slides” due soon, progress behind"
    # Finished goals are never due a look.
    closed = Goal(1, "x", status=GoalStatus.DONE, revisit_date=date(2026, 1, 1))
    assert GoalProgress(closed).revisit_reason(TODAY) is None
    assert next_revisit(TODAY) == date(2027, 1, 3)


def test_a_milestone_due_after_the_target_is_flagged_not_refused() -> None:
    goal = Goal(1, "x", target_date=date(2027, 1, 1))
    late = Milestone(1, "late", due_date=date(2027, 2, 1))
    assert GoalProgress(goal, [late, Milestone(1, "ok")]).late_milestones() == [late]


def test_a_target_before_the_start_is_refused_at_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_goal(Goal(1, "x", start_date=date(2027, 1, 2), target_date=date(2027, 1, 1)))
    assert caught.value.field == "target_date"
    assert "before the start date" in caught.value.message
    with pytest.raises(ValidationError, match="0 to 100") as bad:
        validate_goal(Goal(1, "x", manual_percent=120))
    assert bad.value.field == "manual_percent"
    with pytest.raises(ValidationError) as empty:
        validate_goal(Goal(1, "  "))
    assert empty.value.field == "title"
