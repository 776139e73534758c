"""A mentee's timeline read with a fixed clock: every kind of entry, newest first, filtered
by kind, in pages that meet exactly (keyset), with a move's reason and nothing after now."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.contacts import ContactChannel
from mentordesk.domain.history import HistoryFilter, HistoryKind
from mentordesk.domain.models import (
    Feedback,
    FeedbackDirection,
    Goal,
    Meeting,
    Mentee,
    Milestone,
    Note,
    Resource,
    Settings,
    Win,
)
from mentordesk.services import Workspace

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "history.db") as ws:
        ws.save_settings(Settings(mentor_name="Sam", time_zone="Europe/London"))
        yield ws


def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def _story(ws: Workspace) -> tuple[int, int]:
    """Priya's month: a weekly 1:1 (held, moved, cancelled, one still ahead cancelled), a
    call note, a logged email, feedback both ways, a win, a milestone, a revisit, a resource.
    Someone else's records must never show."""
    pid = ws.save_mentee(Mentee("Priya Raman", "Europe/London")).id or 0
    other = ws.save_mentee(Mentee("Daniel Okafor", "Europe/London")).id or 0
    series = ws.save_meeting(
        Meeting(pid, "Weekly 1:1", datetime(2026, 11, 3, 10, 0, tzinfo=LONDON), rrule="FREQ=WEEKLY")
    )
    sid = series.id or 0
    ws.mark_held(sid, datetime(2026, 11, 3, 10, 0, tzinfo=LONDON), now=NOW)
    ws.meeting_changes.reschedule_occurrence(
        sid, datetime(2026, 11, 10, 10, 0, tzinfo=LONDON),
        datetime(2026, 11, 12, 15, 0, tzinfo=LONDON), "Priya is at a conference",
    )  # fmt: skip
    ws.meeting_changes.cancel_occurrence(sid, datetime(2026, 11, 17, 10, 0, tzinfo=LONDON), "ill")
    ws.meeting_changes.cancel_occurrence(sid, datetime(2026, 12, 15, 10, 0, tzinfo=LONDON))
    ws.save_note(Note(pid, "We talked about DDIA.", "Call notes", meeting_id=sid,
                      created_at=_at(3, 11)))  # fmt: skip
    ws.save_note(Note(other, "Not Priya's", "Daniel", created_at=_at(20, 9)))
    ws.contacts.log(pid, ContactChannel.EMAIL, "Sent the reading list", at=_at(5, 9), now=NOW)
    ws.add_feedback(Feedback(pid, FeedbackDirection.TO_MENTEE, "Clear write-up", date(2026, 11, 4)))
    ws.add_feedback(Feedback(pid, FeedbackDirection.FROM_MENTEE, "More notes", date(2026, 11, 6)))
    ws.add_win(Win(pid, "Led the incident review", date(2026, 11, 20)))
    goal = ws.add_goal(Goal(pid, "Pass senior interviews"), [Milestone(0, "Read DDIA")])
    step = ws.roadmap.progress(pid)[0].milestones[0]
    ws.roadmap.complete_milestone(step.id or 0, on=date(2026, 11, 25))
    ws.roadmap.mark_revisited(goal.id or 0, date(2026, 11, 26), "on track")
    ws.add_resource(Resource("DDIA", "https://dataintensive.net", mentee_id=pid,
                             shared_on=date(2026, 11, 7)))  # fmt: skip
    return pid, sid


def _titles(ws: Workspace, pid: int, show: HistoryFilter = HistoryFilter.ALL) -> list[str]:
    return [f"{e.kind}:{e.title}" for e in ws.history.page(pid, show, now=NOW).entries]


def test_everything_newest_first_and_nothing_ahead(workspace: Workspace) -> None:
    pid, _ = _story(workspace)
    page = workspace.history.page(pid, now=NOW)
    assert [(e.on().day, str(e.kind)) for e in page.entries] == [
        (26, "revisit"),
        # The milestone's own win ("Milestone reached: …") sits with it on its day.
        (25, "win"),
        (25, "milestone"),
        (20, "win"),
        (17, "meeting"),  # cancelled
        (10, "meeting"),  # moved: listed where it was planned
        (7, "resource"),
        (6, "feedback"),
        (5, "contact"),
        (4, "feedback"),
        (3, "note"),  # 11:00, after the call
        (3, "meeting"),  # held at 10:00
    ]
    assert page.next is None
    # The cancellation of 15 Dec is still ahead: not history yet; Daniel's note never shows.
    assert all(e.on() <= NOW.date() for e in page.entries)
    assert not any(e.title == "Daniel" for e in page.entries)
    keys = [e.key for e in page.entries]
    assert keys == sorted(keys, reverse=True)


def test_each_kind_carries_what_it_opens(workspace: Workspace) -> None:
    pid, sid = _story(workspace)
    entries = workspace.history.page(pid, now=NOW).entries
    moved = next(e for e in entries if e.extra == "moved")
    assert moved.detail == "Priya is at a conference"
    assert moved.meeting_id == sid
    assert moved.moved_to == datetime(2026, 11, 12, 15, 0, tzinfo=UTC)
    assert moved.original_start == datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
    held = next(e for e in entries if e.extra == "held")
    assert held.at == datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
    cancelled = next(e for e in entries if e.extra == "cancelled")
    assert cancelled.detail == "ill"
    note = next(e for e in entries if e.kind is HistoryKind.NOTE)
    assert (note.note_id, note.meeting_id, note.title) == (note.id, sid, "Call notes")
    contact = next(e for e in entries if e.kind is HistoryKind.CONTACT)
    assert (contact.extra, contact.detail) == ("email", "Sent the reading list")
    directions = {e.extra for e in entries if e.kind is HistoryKind.FEEDBACK}
    assert directions == {"to_mentee", "from_mentee"}
    milestone = next(e for e in entries if e.kind is HistoryKind.MILESTONE)
    assert (milestone.title, milestone.detail) == ("Read DDIA", "Pass senior interviews")
    assert milestone.day == date(2026, 11, 25) and milestone.at is None
    revisit = next(e for e in entries if e.kind is HistoryKind.REVISIT)
    assert (revisit.title, revisit.detail) == ("Pass senior interviews", "on track")
    resource = next(e for e in entries if e.kind is HistoryKind.RESOURCE)
    assert resource.extra == "https://dataintensive.net"


def test_a_day_sorts_after_that_days_times(workspace: Workspace) -> None:
    """A win of 3 Nov comes above the call held and its note that morning."""
    pid, _ = _story(workspace)
    workspace.add_win(Win(pid, "Shipped it", date(2026, 11, 3)))
    titles = _titles(workspace, pid)
    assert titles.index("win:Shipped it") < titles.index("note:Call notes")


@pytest.mark.parametrize(
    ("show", "kinds"),
    [
        (HistoryFilter.MEETINGS, {"meeting"}),
        (HistoryFilter.CONTACTS, {"contact"}),
        (HistoryFilter.NOTES, {"note"}),
        (HistoryFilter.FEEDBACK, {"feedback"}),
        (HistoryFilter.WINS, {"win"}),
        (HistoryFilter.GOALS, {"milestone", "revisit"}),
        (HistoryFilter.RESOURCES, {"resource"}),
    ],
)
def test_a_filter_shows_its_kinds_only(
    workspace: Workspace, show: HistoryFilter, kinds: set[str]
) -> None:
    pid, _ = _story(workspace)
    entries = workspace.history.page(pid, show, now=NOW).entries
    assert {str(e.kind) for e in entries} == kinds


def test_meetings_filter_lists_held_moved_cancelled(workspace: Workspace) -> None:
    pid, _ = _story(workspace)
    entries = workspace.history.page(pid, HistoryFilter.MEETINGS, now=NOW).entries
    assert [e.extra for e in entries] == ["cancelled", "moved", "held"]


def test_pages_meet_exactly(workspace: Workspace) -> None:
    """Pages of 3 over many entries sharing a moment: no entry twice, none lost."""
    pid, _ = _story(workspace)
    for n in range(10):  # ten notes at the same second: the id breaks the tie
        workspace.save_note(Note(pid, f"body {n}", f"Same moment {n}", created_at=_at(28, 12)))
    whole = workspace.history.page(pid, now=NOW, size=500).entries
    seen: list[tuple[str, int]] = []
    after = None
    pages = 0
    while True:
        page = workspace.history.page(pid, after=after, now=NOW, size=3)
        seen += [(str(e.kind), e.id) for e in page.entries]
        pages += 1
        assert len(page.entries) <= 3
        if page.next is None:
            break
        after = page.next
    assert seen == [(str(e.kind), e.id) for e in whole]
    assert pages == -(-len(whole) // 3)


def test_filtered_pages_meet_exactly(workspace: Workspace) -> None:
    pid, _ = _story(workspace)
    first = workspace.history.page(pid, HistoryFilter.MEETINGS, now=NOW, size=2)
    assert [e.extra for e in first.entries] == ["cancelled", "moved"]
    assert first.next is not None
    second = workspace.history.page(pid, HistoryFilter.MEETINGS, first.next, now=NOW, size=2)
    assert [e.extra for e in second.entries] == ["held"]
    assert second.next is None


def test_an_unknown_mentee_and_an_empty_history(workspace: Workspace) -> None:
    with pytest.raises(KeyError):
        workspace.history.page(999, now=NOW)
    pid = workspace.save_mentee(Mentee("New Person", "Europe/London")).id or 0
    page = workspace.history.page(pid, now=NOW)
    assert page.entries == [] and page.next is None
