"""Meeting reminders with a fixed clock: due from N minutes before the start, shown once,
missed ones (the app was closed) told once on the next run, none on a first run, none when
turned off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, Mentee, Settings
from mentordesk.services import Workspace
from mentordesk.services.reminders import ReminderService

LONDON = ZoneInfo("Europe/London")
T = datetime(2026, 12, 7, 9, 0, tzinfo=LONDON)  # Priya's meeting starts


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "reminders.db") as ws:
        ws.save_settings(Settings(mentor_name="Sam", time_zone="Europe/London"))
        priya = ws.save_mentee(Mentee("Priya Raman", "Asia/Kolkata"))
        dan = ws.save_mentee(Mentee("Daniel Okafor", "Europe/London"))
        ws.save_meeting(Meeting(priya.id or 0, "1:1", T))
        ws.save_meeting(Meeting(dan.id or 0, "Career chat", T + timedelta(hours=3)))
        yield ws


def _service(ws: Workspace) -> ReminderService:
    return ReminderService(ws.schedule, ws.mentees, ws.mentor, ws.changes)


def _names(reminders: list) -> list[str]:  # type: ignore[type-arg]
    return [f"{r.mentee_name} {r.start.astimezone(LONDON):%H:%M}" for r in reminders]


def test_a_reminder_is_due_from_ten_minutes_before_and_shown_once(workspace: Workspace) -> None:
    service = _service(workspace)
    assert service.minutes() == 10
    assert not service.check(T - timedelta(minutes=11))  # also the first watch: from now on
    due = service.check(T - timedelta(minutes=10))
    assert _names(due.due) == ["Priya Raman 09:00"] and due.missed == []
    assert due.due[0].at == T - timedelta(minutes=10) and due.due[0].title == "1:1"
    service.mark_shown(due.due, T - timedelta(minutes=10))
    assert not service.check(T - timedelta(minutes=5))
    # Another lead time, set in Preferences: the later meeting is due an hour before.
    service.set_minutes(60)
    assert _names(service.check(T + timedelta(hours=2)).due) == ["Daniel Okafor 12:00"]
    assert not service.check(T + timedelta(minutes=59))


def test_reminders_missed_while_closed_are_told_once_on_the_next_run(
    workspace: Workspace,
) -> None:
    _service(workspace).check(T - timedelta(hours=1))  # the app ran at 08:00, then was closed
    # Reopened at 12:30: Priya's 09:00 and Daniel's 12:00 began while it was closed.
    later = _service(workspace).check(T + timedelta(hours=3, minutes=30))
    assert later.due == []
    assert _names(later.missed) == ["Priya Raman 09:00", "Daniel Okafor 12:00"]
    _service(workspace).mark_shown(later.missed, T + timedelta(hours=3, minutes=30))
    assert not _service(workspace).check(T + timedelta(hours=4))


def test_a_first_run_or_turning_reminders_back_on_brings_up_nothing_old(
    workspace: Workspace,
) -> None:
    service = _service(workspace)
    assert not service.check(T + timedelta(minutes=30))  # first run ever, after 09:00
    service.set_minutes(0)
    assert not service.check(T + timedelta(hours=2, minutes=55))  # off: Daniel's 12:00 not due
    service.set_minutes(10)
    assert not service.check(T + timedelta(hours=3, minutes=30))  # back on after it began
    with pytest.raises(ValidationError) as err:
        service.set_minutes(-5)
    assert err.value.field == "reminder_minutes" and "Choose 0" in err.value.message


def test_a_cancelled_occurrence_is_not_reminded(workspace: Workspace) -> None:
    service = _service(workspace)
    service.check(T - timedelta(hours=2))
    [meeting] = workspace.schedule.meetings.for_mentee(1)
    workspace.meeting_changes.cancel_occurrence(meeting.id or 0, T, "Ill")
    assert not service.check(T - timedelta(minutes=5))
