"""Every write through a service reports what it changed, once it is committed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    FeedbackDirection,
    Goal,
    Meeting,
    Mentee,
    Resource,
    Win,
)
from mentordesk.services import Workspace
from mentordesk.services.changes import ChangeFeed, Changes, Kind

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "m.db") as ws:
        yield ws


@pytest.fixture
def heard(workspace: Workspace) -> list[Changes]:
    found: list[Changes] = []
    workspace.changes.subscribe(found.append)
    return found


@pytest.fixture
def ravi(workspace: Workspace) -> int:
    return workspace.save_mentee(Mentee(name="Ravi", time_zone="Asia/Kathmandu")).id or 0


def _series(workspace: Workspace, mentee_id: int) -> Meeting:
    return workspace.save_meeting(Meeting(mentee_id, "1:1", START, rrule="FREQ=WEEKLY"))


def test_a_mentee_saved_reports_mentees_for_that_mentee(
    workspace: Workspace, heard: list[Changes]
) -> None:
    saved = workspace.save_mentee(Mentee(name="Ravi", time_zone="Asia/Kathmandu"))
    assert heard == [Changes.of(Kind.MENTEES, mentee=saved.id)]


def test_a_refused_write_reports_nothing(workspace: Workspace, heard: list[Changes]) -> None:
    with pytest.raises(ValidationError):
        workspace.save_mentee(Mentee(name="", time_zone="Europe/Berln"))
    assert heard == []


WRITES: dict[str, tuple[Callable[[Workspace, int], object], set[Kind]]] = {
    "settings": (lambda ws, _: ws.save_settings(ws.settings()), {Kind.SETTINGS}),
    "goal": (lambda ws, m: ws.add_goal(Goal(m, "Ship the talk")), {Kind.GOALS}),
    "action": (lambda ws, m: ws.add_action(ActionItem(m, "Send the CV")), {Kind.ACTIONS}),
    "feedback": (
        lambda ws, m: ws.add_feedback(
            Feedback(m, FeedbackDirection.TO_MENTEE, "Clear slides", date(2026, 11, 2))
        ),
        {Kind.FEEDBACK},
    ),
    "win": (lambda ws, m: ws.add_win(Win(m, "First PR merged", date(2026, 11, 2))), {Kind.WINS}),
    "resource": (
        lambda ws, m: ws.add_resource(Resource("Guide", "https://example.org", mentee_id=m)),
        {Kind.RESOURCES},
    ),
    "meeting": (lambda ws, m: _series(ws, m), {Kind.MEETINGS}),
    "note started": (
        lambda ws, m: ws.start_note(m, body="hello"),
        {Kind.NOTES, Kind.ACTIONS, Kind.FEEDBACK, Kind.WINS},
    ),
}


@pytest.mark.parametrize("name", WRITES)
def test_each_write_reports_its_kinds_for_its_mentee(
    workspace: Workspace, ravi: int, heard: list[Changes], name: str
) -> None:
    heard.clear()
    write, kinds = WRITES[name]
    write(workspace, ravi)
    assert [c.kinds for c in heard] == [frozenset(kinds)]
    if Kind.SETTINGS not in kinds:
        assert heard[0].mentees == {ravi}


def test_marking_held_moves_the_check_in_too(
    workspace: Workspace, ravi: int, heard: list[Changes]
) -> None:
    series = _series(workspace, ravi)
    heard.clear()
    workspace.mark_held(series.id or 0, START + timedelta(days=7))
    assert heard == [Changes.of(Kind.MEETINGS, Kind.CONTACT, mentee=ravi)]


def test_moving_cancelling_and_deleting_report_meetings(
    workspace: Workspace, ravi: int, heard: list[Changes]
) -> None:
    series = _series(workspace, ravi)
    heard.clear()
    week = START + timedelta(days=7)
    workspace.meeting_changes.reschedule_occurrence(
        series.id or 0, week, week + timedelta(hours=2), "travel"
    )
    workspace.meeting_changes.cancel_occurrence(series.id or 0, week + timedelta(days=7))
    workspace.meeting_changes.delete_meeting(series.id or 0)
    assert len(heard) == 3
    assert all(c.touches(Kind.MEETINGS) and c.about(ravi) and not c.about(ravi + 1) for c in heard)


def test_an_autosave_is_marked_as_typing_and_says_when_items_changed(
    workspace: Workspace, ravi: int, heard: list[Changes]
) -> None:
    note = workspace.start_note(ravi)
    heard.clear()
    now = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    workspace.write_note_body(note.id or 0, "just words", now)
    workspace.write_note_body(note.id or 0, "just words\nAction: send the CV", now)
    assert [c.typing for c in heard] == [True, True]
    assert not heard[0].touches(Kind.ACTIONS)
    assert heard[1].touches(Kind.ACTIONS, Kind.NOTES)
    heard.clear()
    workspace.write_note_body(note.id or 0, "just words\nAction: send the CV", now)
    assert heard == []  # unchanged text writes nothing, so nothing is reported


def test_a_restore_or_import_changes_everything(
    workspace: Workspace, ravi: int, heard: list[Changes]
) -> None:
    saved = workspace.backups.backup_now()
    heard.clear()
    workspace.backups.restore(saved)
    assert Changes.everything() in heard
    assert heard[-1].touches(Kind.NOTES) and heard[-1].about(12345)


def test_listeners_can_leave_and_a_broken_one_does_not_stop_the_others() -> None:
    feed = ChangeFeed()
    got: list[Changes] = []

    def broken(_: Changes) -> None:
        raise RuntimeError("listener bug")

    feed.subscribe(broken)
    leave = feed.subscribe(got.append)
    feed.report(Changes.of(Kind.NOTES))
    leave()
    feed.report(Changes.of(Kind.WINS))
    assert got == [Changes.of(Kind.NOTES)]


def test_merging_changes_keeps_every_kind_and_widens_the_mentees() -> None:
    one = Changes.of(Kind.NOTES, mentee=1)
    two = Changes.of(Kind.WINS, mentee=2)
    assert (one | two) == Changes.of(Kind.NOTES, Kind.WINS, mentee={1, 2})
    assert (one | Changes.of(Kind.SETTINGS)).mentees == frozenset()
