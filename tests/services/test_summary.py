"""A progress summary's content: figures, goals, period, and only what the mentor shares."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.services import Workspace
from mentordesk.services.summary_content import ProgressSummary, SummaryPeriod
from tests.summary_world import CANARIES, NOVEMBER, NOW, World, november


def _summary(summary_ws: Workspace, world: World) -> ProgressSummary:
    return november(summary_ws, world.rich)


def test_figures_count_what_happened_in_the_period(summary_ws: Workspace, world: World) -> None:
    s = _summary(summary_ws, world)
    f = s.figures
    assert (f.meetings_held, f.minutes_held) == (2, 100)
    # Done 12 Nov and 20 Nov count; the one done in October does not.
    assert f.milestones_completed == 2
    assert (f.goals_active, f.goals_done) == (1, 1)
    assert (f.wins, f.feedback_given, f.feedback_received) == (1, 1, 1)
    assert s.header.mentee_name == "Zoë Øster"
    assert s.header.mentor_name == "Ada Mentor"
    assert (s.header.mentee_zone, s.header.mentor_zone) == ("Europe/Oslo", "Europe/London")
    assert s.header.generated_on == date(2026, 12, 2)


def test_goals_carry_the_domain_progress_and_their_milestones(
    summary_ws: Workspace, world: World
) -> None:
    guild, revamp = _summary(summary_ws, world).goals
    assert (guild.title, guild.percent, guild.status) == (
        "Lead the design guild",
        67,
        "In progress",
    )
    assert [(m.title, m.done, m.on) for m in guild.milestones] == [
        ("Shadow two guild sessions", True, date(2026, 10, 6)),
        ("Run one session", True, date(2026, 11, 12)),
        ("Write the guild charter", False, date(2026, 12, 15)),
    ]
    assert [m.title for m in guild.completed_in_period] == ["Run one session"]
    assert (revamp.percent, revamp.status) == (100, "Done")


def test_meetings_are_given_in_both_zones(summary_ws: Workspace, world: World) -> None:
    s = _summary(summary_ws, world)
    first = s.meetings[0]
    assert (first.mentee_start.hour, first.mentor_start.hour, first.minutes) == (15, 14, 50)
    assert s.next_session is not None and s.next_session.day == 8
    assert [m.text for m in s.mentee_actions] == ["Draft the guild charter"]
    assert [m.text for m in s.mentor_actions] == ["Introduce Zoë to the platform lead"]
    assert [b.month for b in s.chart] == [date(2026, 11, 1)]
    assert s.chart[0].count == 2


def test_nothing_private_nor_of_another_mentee_reaches_the_content(
    summary_ws: Workspace, world: World
) -> None:
    text = repr(asdict(_summary(summary_ws, world)))
    assert "Gave the keynote" in text and "The Staff Engineer" in text
    for canary in CANARIES:
        assert canary not in text


def test_an_item_of_a_note_made_private_again_leaves_the_summary(
    summary_ws: Workspace, world: World
) -> None:
    note_id = summary_ws.note_ids(search="guild", mentee_id=world.rich.id)[0]
    summary_ws.note_editing.set_note_details(note_id, "Guild", shareable=False)
    s = _summary(summary_ws, world)
    assert not (s.wins or s.feedback_given or s.mentee_actions)


def test_an_empty_mentee_has_an_empty_summary(summary_ws: Workspace, world: World) -> None:
    s = summary_ws.summaries.build(world.empty.id or 0, NOVEMBER, now=NOW)
    assert s.is_empty
    assert s.figures.meetings_held == 0


def test_since_start_begins_with_the_oldest_record(summary_ws: Workspace, world: World) -> None:
    # Added today (the test's real clock), yet with a milestone done on 6 Oct 2026.
    period = summary_ws.summaries.since_start(world.rich, NOW)
    assert (period.start, period.end) == (date(2026, 10, 6), date(2026, 12, 2))
    assert NOVEMBER.label == "1 Nov 2026 – 30 Nov 2026"


def test_periods() -> None:
    today = date(2026, 2, 14)
    assert SummaryPeriod.last_month(today) == SummaryPeriod(date(2026, 1, 1), date(2026, 1, 31))
    assert SummaryPeriod.last_quarter(today) == SummaryPeriod(date(2025, 10, 1), date(2025, 12, 31))
    with pytest.raises(ValidationError) as err:
        SummaryPeriod(date(2026, 3, 1), date(2026, 2, 1))
    assert err.value.field == "period"


def test_a_goal_kept_out_of_summaries_does_not_appear(summary_ws: Workspace, world: World) -> None:
    rich = world.rich.id or 0
    guild = next(g for g in summary_ws.roadmap.progress(rich) if "guild" in g.goal.title)
    summary_ws.roadmap.update_goal(replace(guild.goal, shareable=False))
    assert [g.title for g in _summary(summary_ws, world).goals] == ["Ship the onboarding revamp"]
