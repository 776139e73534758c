"""Roadmap templates as data: offsets (days, weeks, months to a month's end), resolving
against a start date, parsing errors that name the place, and a roadmap made a template."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Goal, GoalStatus, Milestone, MilestoneStatus
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.roadmap_template import (
    Offset,
    describe,
    from_roadmap,
    parse_offset,
    parse_template,
    resolve,
    to_data,
)

TEMPLATE = {
    "title": "Quarter plan",
    "goals": [
        {
            "title": "Ship it",
            "success_criteria": "Live for users",
            "start": "+0d",
            "target": "+3m",
            "milestones": [{"title": "Plan", "due": "+2w"}, {"title": "Build", "due": "+1m"}],
        },
        {"title": "Reflect"},
    ],
}


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        (date(2027, 1, 31), "+1m", date(2027, 2, 28)),  # to the month's end
        (date(2028, 1, 31), "+1m", date(2028, 2, 29)),  # a leap year's
        (date(2026, 11, 30), "+1m", date(2026, 12, 30)),
        (date(2026, 12, 31), "+2m", date(2027, 2, 28)),  # across a year
        (date(2026, 8, 31), "+1m", date(2026, 9, 30)),
        (date(2026, 12, 6), "+12m", date(2027, 12, 6)),
        (date(2026, 12, 6), "+2w", date(2026, 12, 20)),
        (date(2026, 12, 30), "+3d", date(2027, 1, 2)),
        (date(2026, 12, 6), "0d", date(2026, 12, 6)),
    ],
)
def test_offsets_resolve_against_the_start(start: date, offset: str, expected: date) -> None:
    parsed = parse_offset(offset, "due")
    assert parsed is not None and parsed.resolve(start) == expected


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(0, 120))
def test_a_month_offset_never_overflows_and_keeps_the_day_when_it_can(
    start: date, months: int
) -> None:
    day = Offset(months, "m").resolve(start)
    assert (day.year * 12 + day.month) - (start.year * 12 + start.month) == months
    # The same day of the month, or the month's last day when it is shorter.
    last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    assert day.day == start.day or (day.day < start.day and day == last)


def test_bad_offsets_and_templates_name_the_place_and_the_fix() -> None:
    with pytest.raises(ValidationError, match=r"goal 1 milestone 2: '\+1y' is not an offset.*\+2w"):
        parse_template("x", {"title": "T", "goals": [{"title": "G", "milestones": [
            {"title": "a"}, {"title": "b", "due": "+1y"}]}]})  # fmt: skip
    with pytest.raises(ValidationError, match="“title” is missing"):
        parse_template("x", {"goals": [{"title": "G"}]})
    with pytest.raises(ValidationError, match="no “goals”"):
        parse_template("x", {"title": "T", "goals": []})
    with pytest.raises(ValidationError, match="goal 1: its target comes before its start"):
        parse_template(
            "x", {"title": "T", "goals": [{"title": "G", "start": "+2m", "target": "+1w"}]}
        )
    with pytest.raises(ValidationError, match="more than ten years"):
        parse_offset("+200m", "due")


def test_a_template_resolves_to_goals_and_milestones_for_the_mentee() -> None:
    template = parse_template("quarter", TEMPLATE)
    [ship, reflect] = resolve(template, 7, date(2027, 1, 31))
    assert ship.goal == Goal(
        7,
        "Ship it",
        start_date=date(2027, 1, 31),
        target_date=date(2027, 4, 30),
        success_criteria="Live for users",
    )
    assert [(m.title, m.due_date) for m in ship.milestones] == [
        ("Plan", date(2027, 2, 14)),
        ("Build", date(2027, 2, 28)),
    ]
    assert reflect.goal.start_date is None and reflect.milestones == []
    assert describe(template.goals[0].milestones[0].due) == "2 weeks after the start"
    assert describe(Offset(1, "m")) == "1 month after the start"


def test_to_data_round_trips() -> None:
    template = parse_template("quarter", TEMPLATE)
    assert parse_template("quarter", to_data(template)) == template


def test_a_roadmap_becomes_a_template_that_gives_it_back_from_its_first_date() -> None:
    first = date(2026, 10, 5)
    goals = [
        GoalProgress(
            Goal(1, "Talk", status=GoalStatus.IN_PROGRESS, start_date=first,
                 target_date=date(2027, 1, 15), success_criteria="Given", id=3),
            [Milestone(3, "Abstract", MilestoneStatus.DONE, date(2026, 10, 20), date(2026, 10, 19)),
             Milestone(3, "Old idea", MilestoneStatus.DROPPED, date(2026, 11, 1))],
        ),
        GoalProgress(Goal(1, "Abandoned", status=GoalStatus.DROPPED, start_date=date(2026, 1, 1))),
    ]  # fmt: skip
    template = from_roadmap("talk", "Conference talk", goals)
    assert [g.title for g in template.goals] == ["Talk"]  # the dropped goal is left out
    [talk] = resolve(template, 2, first)
    assert (talk.goal.start_date, talk.goal.target_date) == (first, date(2027, 1, 15))
    assert talk.goal.status is GoalStatus.NOT_STARTED and talk.goal.success_criteria == "Given"
    assert [(m.title, m.due_date, m.status) for m in talk.milestones] == [
        ("Abstract", date(2026, 10, 20), MilestoneStatus.TODO)
    ]
    with pytest.raises(ValidationError, match="Give the template a name"):
        from_roadmap("x", "  ", goals)
    with pytest.raises(ValidationError, match="no goals"):
        from_roadmap("x", "Empty", [])


def test_a_start_too_far_ahead_is_refused_with_the_fix() -> None:
    template = parse_template("quarter", TEMPLATE)
    with pytest.raises(ValidationError, match=r"too far ahead .* choose an earlier start"):
        resolve(template, 1, date(9999, 12, 1))
