"""A database with one rich mentee, another mentee, and privacy canaries planted wherever a
summary must not look: shared by the summary's service, PDF, CLI and window tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.models import (
    Feedback,
    FeedbackDirection,
    Goal,
    GoalStatus,
    Meeting,
    Mentee,
    Milestone,
    MilestoneStatus,
    Resource,
    Settings,
    Win,
)
from mentordesk.services import Workspace
from mentordesk.services.summary_content import ProgressSummary, SummaryPeriod

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
NOVEMBER = SummaryPeriod(date(2026, 11, 1), date(2026, 11, 30))

#: Strings that must never appear in a summary of the rich mentee.
CANARIES = (
    "CANARYPRIVATENOTE",
    "CANARYPRIVATESECTION",
    "CANARYITEMUNDERPRIVATE",
    "CANARYITEMOFPRIVATENOTE",
    "CANARYWINOFPRIVATENOTE",
    "CANARYUNSHAREDWIN",
    "CANARYUNSHAREDFEEDBACK",
    "CANARYRESOURCENOTE",
    "CANARYOTHERMENTEE",
    "CANARYOTHERGOAL",
)

SHARED_NOTE = """Talked about the guild.
- [ ] @them Draft the guild charter due:2026-12-15
- [ ] @me Introduce Zoë to the platform lead
Gave the keynote at the design summit #win
Clear structure in your design review #feedback
The sessions help me plan my week #fb-me

## Private
CANARYPRIVATESECTION is thinking about leaving
- [ ] @me CANARYITEMUNDERPRIVATE
"""

PRIVATE_NOTE = """CANARYPRIVATENOTE salary worries
- [ ] @me CANARYITEMOFPRIVATENOTE
CANARYWINOFPRIVATENOTE #win
"""


@dataclass(frozen=True, slots=True)
class World:
    rich: Mentee
    other: Mentee
    empty: Mentee


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def build_world(ws: Workspace, rich_name: str = "Zoë Øster") -> World:
    ws.save_settings(Settings(mentor_name="Ada Mentor", time_zone="Europe/London"))
    rich = ws.save_mentee(Mentee(name=rich_name, time_zone="Europe/Oslo"))
    other = ws.save_mentee(Mentee(name="张伟", time_zone="Asia/Shanghai"))
    empty = ws.save_mentee(Mentee(name="José Ñúñez", time_zone="America/Mexico_City"))
    rid, oid = rich.id or 0, other.id or 0
    ws.add_goal(
        Goal(rid, "Lead the design guild", "Runs the monthly guild on her own",
             GoalStatus.IN_PROGRESS, target_date=date(2027, 3, 1)),
        [
            Milestone(0, "Shadow two guild sessions", MilestoneStatus.DONE,
                      done_on=date(2026, 10, 6)),
            Milestone(0, "Run one session", MilestoneStatus.DONE, done_on=date(2026, 11, 12)),
            Milestone(0, "Write the guild charter", due_date=date(2026, 12, 15)),
        ],
    )  # fmt: skip
    ws.add_goal(
        Goal(rid, "Ship the onboarding revamp", status=GoalStatus.DONE),
        [Milestone(0, "Usability test", MilestoneStatus.DONE, done_on=date(2026, 11, 20))],
    )
    for day in (date(2026, 11, 3), date(2026, 11, 17)):
        meeting = ws.save_meeting(
            Meeting(rid, "Fortnightly 1:1", datetime(day.year, day.month, day.day, 15,
                    tzinfo=OSLO), timedelta(minutes=50))
        )  # fmt: skip
        ws.mark_held(meeting.id or 0)
    ws.save_meeting(Meeting(rid, "Next 1:1", datetime(2026, 12, 8, 15, tzinfo=OSLO)))
    ws.note_editing.start_note(rid, title="Guild", body=SHARED_NOTE, shareable=True,
                               now=at(date(2026, 11, 17)))  # fmt: skip
    ws.note_editing.start_note(rid, title="CANARYPRIVATENOTE", body=PRIVATE_NOTE,
                               now=at(date(2026, 11, 18)))  # fmt: skip
    ws.add_win(Win(rid, "CANARYUNSHAREDWIN", date(2026, 11, 5)))
    ws.add_feedback(
        Feedback(rid, FeedbackDirection.TO_MENTEE, "CANARYUNSHAREDFEEDBACK", date(2026, 11, 5))
    )
    ws.add_resource(Resource("The Staff Engineer's Path", "https://example.org/staff",
                             mentee_id=rid, notes="CANARYRESOURCENOTE"))  # fmt: skip
    ws.add_goal(Goal(oid, "CANARYOTHERGOAL"))
    ws.note_editing.start_note(oid, body="CANARYOTHERMENTEE #win", shareable=True,
                               now=at(date(2026, 11, 10)))  # fmt: skip
    return World(rich, other, empty)


# Fixtures (registered by tests/conftest.py's pytest_plugins).


@pytest.fixture
def summary_ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "summary.db") as workspace:
        yield workspace


@pytest.fixture
def world(summary_ws: Workspace) -> World:
    return build_world(summary_ws)


def november(ws: Workspace, mentee: Mentee) -> ProgressSummary:
    """``mentee``'s summary of November, as on ``NOW``."""
    return ws.summaries.build(mentee.id or 0, NOVEMBER, now=NOW)
