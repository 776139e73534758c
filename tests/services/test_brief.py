"""The pre-session brief's content, read with a fixed clock: their time, the latest notes
marked shareable or private, open actions both ways, open goals with progress, and the wins
and feedback since the last held call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    FeedbackDirection,
    Goal,
    GoalStatus,
    Meeting,
    Mentee,
    Milestone,
    MilestoneStatus,
    Note,
    Owner,
    Settings,
    Win,
)
from mentordesk.services import Workspace

LONDON = ZoneInfo("Europe/London")
KOLKATA = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)  # Sun 6 Dec, 10:00 London, 15:30 Kolkata


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "brief.db") as ws:
        ws.save_settings(Settings(mentor_name="Sam", time_zone="Europe/London"))
        yield ws


def _practice(ws: Workspace) -> tuple[Mentee, Meeting]:
    priya = ws.save_mentee(Mentee("Priya Raman", "Asia/Kolkata"))
    other = ws.save_mentee(Mentee("Daniel Okafor", "Europe/London"))
    pid = priya.id or 0
    # Weekly on Tuesdays at 14:30 her time; the call of Tue 1 Dec was held.
    series = ws.save_meeting(
        Meeting(pid, "1:1", datetime(2026, 11, 17, 14, 30, tzinfo=KOLKATA), rrule="FREQ=WEEKLY")
    )
    ws.mark_held(series.id or 0, datetime(2026, 12, 1, 14, 30, tzinfo=KOLKATA))
    ws.save_meeting(Meeting(other.id or 0, "Sooner", datetime(2026, 12, 7, 9, 0, tzinfo=LONDON)))

    for title, shareable in (("Kick-off", True), ("Worries", False), ("Mock interview", True)):
        ws.save_note(Note(pid, f"{title} notes " + "word " * 200, title, shareable=shareable))
    ws.add_action(ActionItem(pid, "Send the system design reading list", Owner.MENTOR))
    ws.add_action(ActionItem(pid, "Draft the promotion case", Owner.MENTEE, date(2026, 12, 10)))
    done = ws.add_action(ActionItem(pid, "Book the mock interview", Owner.MENTOR))
    ws.records.set_action_done(done.id or 0)
    ws.add_action(ActionItem(other.id or 0, "Someone else's item", Owner.MENTOR))

    goal = ws.add_goal(
        Goal(pid, "Pass senior interviews", status=GoalStatus.IN_PROGRESS),
        [Milestone(0, "Read DDIA", MilestoneStatus.DONE), Milestone(0, "Three mocks")],
    )
    ws.add_goal(Goal(pid, "Old goal", status=GoalStatus.DONE))

    ws.add_win(Win(pid, "Led the incident review", date(2026, 12, 3)))
    ws.add_win(Win(pid, "Before the last call", date(2026, 11, 28)))
    ws.add_feedback(
        Feedback(pid, FeedbackDirection.FROM_MENTEE, "More written notes", date(2026, 12, 1))
    )
    ws.add_feedback(Feedback(pid, FeedbackDirection.TO_MENTEE, "Old", date(2026, 11, 20)))
    assert goal.id is not None
    return priya, series


def test_the_brief_prepares_the_next_call(workspace: Workspace) -> None:
    priya, series = _practice(workspace)
    brief = workspace.brief.for_mentee(priya.id or 0, NOW)

    assert brief.their_time == datetime(2026, 12, 6, 15, 30, tzinfo=KOLKATA)
    assert brief.meeting is not None and brief.meeting.meeting.id == series.id
    assert brief.meeting.start == datetime(2026, 12, 8, 14, 30, tzinfo=KOLKATA)
    # Newest first, each marked, long bodies cut at a word.
    assert [(n.title, n.shareable) for n in brief.notes] == [
        ("Mock interview", True),
        ("Worries", False),
        ("Kick-off", True),
    ]
    assert all(len(n.text) <= 602 and n.text.endswith(" …") for n in brief.notes)
    assert [a.text for a in brief.mentor_actions] == ["Send the system design reading list"]
    assert [(a.text, a.due_date) for a in brief.mentee_actions] == [
        ("Draft the promotion case", date(2026, 12, 10))
    ]
    assert [(g.goal.title, g.percent) for g in brief.goals] == [("Pass senior interviews", 50)]
    # Since the call of Tue 1 Dec (that day included).
    assert (brief.since, brief.since_last_call) == (date(2026, 12, 1), True)
    assert [w.title for w in brief.wins] == ["Led the incident review"]
    assert [f.body for f in brief.feedback] == ["More written notes"]
    assert not brief.is_empty


def test_the_next_meeting_with_anyone_and_a_new_mentee(workspace: Workspace) -> None:
    _practice(workspace)
    brief = workspace.brief.next_meeting(NOW)
    assert brief is not None and brief.mentee.name == "Daniel Okafor"
    assert brief.meeting is not None and brief.meeting.meeting.title == "Sooner"
    # A meeting in progress is still the one to prepare for; a finished one is not.
    during = datetime(2026, 12, 7, 9, 30, tzinfo=LONDON)
    assert workspace.brief.next_meeting(during).mentee.name == "Daniel Okafor"  # type: ignore[union-attr]
    after = datetime(2026, 12, 7, 9, 50, tzinfo=LONDON)
    assert workspace.brief.next_meeting(after).mentee.name == "Priya Raman"  # type: ignore[union-attr]

    ana = workspace.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo"))
    empty = workspace.brief.for_mentee(ana.id or 0, NOW)
    assert empty.is_empty and empty.meeting is None
    # No call held yet: wins and feedback of the last 30 days count.
    assert (empty.since, empty.since_last_call) == (date(2026, 11, 6), False)
    assert empty.their_time == NOW.astimezone(ZoneInfo("America/Sao_Paulo"))
    assert workspace.brief.next_occurrence(NOW, ana.id) is None
