"""The --demo practice: seeded through the services into a real file, around a fixed now."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentordesk.demo.files import write_demo_file
from mentordesk.domain.models import (
    FeedbackDirection,
    MenteeStatus,
    OccurrenceStatus,
)
from mentordesk.services import Workspace

# A Wednesday morning; a Sunday in summer time checks the weekend and DST paths.
NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
SUMMER_SUNDAY = datetime(2025, 7, 6, 20, 15, tzinfo=UTC)
ZONES = {
    "America/Los_Angeles",
    "America/St_Johns",
    "Europe/London",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
}


def _seeded(path: Path, now: datetime) -> Workspace:
    write_demo_file(path, now=now)
    return Workspace.open(path)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Workspace]:
    with _seeded(tmp_path / "demo.db", NOW) as ws:
        yield ws


def test_mentees_cover_the_six_zones_with_full_profiles(demo: Workspace) -> None:
    mentees = demo.list_mentees()
    assert len(mentees) >= 6
    assert {m.time_zone for m in mentees} == ZONES
    assert {MenteeStatus.PAUSED, MenteeStatus.ALUMNI} <= {m.status for m in mentees}
    for m in mentees:
        assert m.pronouns and "@" in m.email and m.organisation and m.role, m.name
        assert m.background and m.interests and m.expectations, m.name
        assert m.channels and m.tags, m.name
        assert 7 <= m.cadence_days <= 28, m.name
    assert demo.settings().mentor_name == "Sam Rivera"


def test_every_mentee_has_goals_broken_into_milestones(demo: Workspace) -> None:
    for m in demo.list_mentees():
        goals = demo.goal_progress(m.id or 0)
        assert goals, m.name
        assert all(g.milestones for g in goals), m.name
    statuses = {
        ms.status
        for m in demo.list_mentees()
        for g in demo.goal_progress(m.id or 0)
        for ms in g.milestones
    }
    assert len(statuses) == 3  # some done, some in progress, some still to do


@pytest.mark.parametrize("now", [NOW, SUMMER_SUNDAY], ids=["wednesday", "summer-sunday"])
def test_today_has_meetings_check_ins_and_actions(tmp_path: Path, now: datetime) -> None:
    with _seeded(tmp_path / "demo.db", now) as ws:
        today = ws.today(now)
    upcoming = [u for u in today.upcoming if u.occurrence.start <= now + timedelta(days=14)]
    assert len(upcoming) >= 3
    assert all(u.occurrence.start.weekday() < 5 for u in upcoming)  # no weekend calls
    assert [c for c in today.check_ins if c.is_overdue], "someone should be due a check-in"
    open_items = [a.item for a in today.open_actions]
    assert open_items
    assert any(i.due_date and i.due_date < now.date() for i in open_items)  # one overdue
    assert today.recent_notes


def test_meetings_include_series_and_held_history(demo: Workspace) -> None:
    listings = demo.list_meetings()
    rules = {m.meeting.rrule for m in listings if m.meeting.rrule}
    assert any("INTERVAL=2" in r for r in rules)
    assert any("BYDAY=1TU" in r for r in rules)
    anchors = {m.meeting.zone for m in listings}
    assert "Europe/Berlin" in anchors and anchors & ZONES  # mentor's zone and mentees'
    past = demo.occurrences_between(NOW - timedelta(days=400), NOW)
    held = [o for o in past if o.status is OccurrenceStatus.HELD]
    assert len(held) >= 15
    assert any(o.meeting.rrule for o in held)
    assert any(o.status is OccurrenceStatus.SCHEDULED for o in past)  # a session was missed


def test_notes_feedback_wins_and_resources_read_like_a_practice(demo: Workspace) -> None:
    notes = [demo.note(i) for i in demo.note_ids()]
    assert len(notes) >= 15
    assert {n.shareable for n in notes} == {True, False}
    assert any(n.meeting_id for n in notes)
    assert any("## " in n.body or "\n- " in n.body for n in notes)  # Markdown
    assert all(n.created_at and n.created_at <= NOW for n in notes)
    assert demo.search_notes("rollback")

    directions, wins, kinds = set(), 0, set()
    for m in demo.list_mentees():
        board = demo.mentee_dashboard(m.id or 0, NOW)
        directions |= {f.direction for f in board.feedback}
        wins += len(board.wins)
        kinds |= {r.kind for r in board.resources}
        assert all(r.url.startswith("https://") for r in board.resources)
    assert directions == {FeedbackDirection.TO_MENTEE, FeedbackDirection.FROM_MENTEE}
    assert wins >= 6
    assert len(kinds) >= 4  # articles, books, videos, podcasts, courses


def _content(ws: Workspace) -> tuple[object, ...]:
    mentees = [replace(m, created_at=None, updated_at=None) for m in ws.list_mentees()]
    goals = [g.goal for m in mentees for g in ws.goal_progress(m.id or 0)]
    notes = [ws.note(i) for i in ws.note_ids()]
    return mentees, goals, [(n.title, n.body, n.created_at, n.shareable) for n in notes]


def test_same_now_gives_the_same_demo(tmp_path: Path) -> None:
    with _seeded(tmp_path / "a.db", NOW) as a, _seeded(tmp_path / "b.db", NOW) as b:
        assert _content(a) == _content(b)


def test_write_demo_file_refuses_an_existing_file_unless_told(tmp_path: Path) -> None:
    path = tmp_path / "mine.db"
    path.write_text("precious")
    with pytest.raises(ValueError, match="already exists"):
        write_demo_file(path, now=NOW)
    assert path.read_text() == "precious"
    write_demo_file(path, now=NOW, overwrite=True)
    with Workspace.open(path) as ws:
        assert not ws.is_empty() and ws.check() == []
