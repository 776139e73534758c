"""Check-ins measured from the last real contact, and progress rolled up from milestones."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mentordesk.domain.cadence import check_in, due_check_ins
from mentordesk.domain.models import (
    Goal,
    GoalStatus,
    Mentee,
    MenteeStatus,
    Milestone,
    MilestoneStatus,
)
from mentordesk.domain.progress import GoalProgress

TODAY = date(2026, 11, 25)


def _mentee(
    id_: int,
    name: str,
    cadence: int,
    status: MenteeStatus = MenteeStatus.ACTIVE,
    last_contact: datetime | None = None,
) -> Mentee:
    return Mentee(
        id=id_,
        name=name,
        time_zone="UTC",
        cadence_days=cadence,
        status=status,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        last_contact=last_contact,
    )


def test_due_is_counted_from_the_last_contact() -> None:
    last = datetime(2026, 11, 1, 15, tzinfo=UTC)
    status = check_in(_mentee(1, "A", 14, last_contact=last), TODAY)
    assert status.due_on == date(2026, 11, 15)
    assert status.days_overdue == 10 and status.is_overdue


def test_due_list_skips_paused_and_far_future_and_puts_most_overdue_first() -> None:
    active, paused = MenteeStatus.ACTIVE, MenteeStatus.PAUSED
    mentees = [
        _mentee(1, "Slipping", 7, active, datetime(2026, 11, 15, tzinfo=UTC)),
        _mentee(2, "Fine", 28, active, datetime(2026, 11, 20, tzinfo=UTC)),
        _mentee(3, "Paused", 7, paused, datetime(2026, 1, 1, tzinfo=UTC)),
        _mentee(4, "Very late", 7),
    ]
    due = due_check_ins(mentees, TODAY)
    assert [c.mentee.name for c in due] == ["Very late", "Slipping"]
    assert due[0].last_contact is None


def test_progress_rolls_up_and_flags_risk() -> None:
    goal = Goal(1, "Give a talk", status=GoalStatus.IN_PROGRESS, target_date=date(2026, 11, 1))
    steps = [
        Milestone(1, "Abstract", MilestoneStatus.DONE),
        Milestone(1, "Slides", MilestoneStatus.IN_PROGRESS),
        Milestone(1, "Rehearse"),
        Milestone(1, "Deliver"),
    ]
    progress = GoalProgress(goal, steps)
    assert progress.percent == 25  # 1 done of 4; in progress counts nothing
    assert progress.is_at_risk(TODAY)
    assert progress.next_milestone() is steps[1]
    assert GoalProgress(Goal(1, "x", status=GoalStatus.DONE)).percent == 100
    assert GoalProgress(Goal(1, "x")).percent == 0
