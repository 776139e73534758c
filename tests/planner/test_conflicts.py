"""A new or moved meeting is checked against the mentor's other meetings and busy times."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.models import Meeting, Mentee, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.conflicts import Busy, find_conflicts
from mentordesk.services import Workspace

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "m.db") as ws:
        yield ws


def test_touching_is_not_overlapping() -> None:
    nine = datetime(2027, 1, 4, 9, tzinfo=UTC)
    other = Busy("Stand-up", nine + timedelta(hours=1), nine + timedelta(hours=2), "busy")
    assert find_conflicts([(nine, nine + timedelta(hours=1))], [other]) == []
    [hit] = find_conflicts([(nine, nine + timedelta(minutes=61))], [other])
    assert hit.other is other


def test_a_weekly_series_finds_another_mentees_meeting_in_other_zones(
    workspace: Workspace,
) -> None:
    ana = workspace.save_mentee(Mentee(name="Ana", time_zone="Europe/Berlin"))
    ben = workspace.save_mentee(Mentee(name="Ben", time_zone="America/New_York"))
    # Ben's single meeting: 09:00 New York on 2027-01-20 = 15:00 Berlin.
    workspace.save_meeting(
        Meeting(ben.id or 0, "Ben's review", datetime(2027, 1, 20, 9, tzinfo=NEW_YORK))
    )
    series = Meeting(
        ana.id or 0,
        "Ana weekly",
        datetime(2027, 1, 6, 14, 30, tzinfo=BERLIN),
        timedelta(hours=1),
        rrule="FREQ=WEEKLY;COUNT=6",
    )
    [conflict] = workspace.conflicts(series)
    assert conflict.start == datetime(2027, 1, 20, 14, 30, tzinfo=BERLIN)
    assert conflict.other.title == "Ben's review"
    assert "overlaps the meeting 'Ben's review' with Ben (15:00–15:45)" in conflict.message


def test_a_saved_meeting_does_not_conflict_with_itself_or_cancelled_ones(
    workspace: Workspace,
) -> None:
    ana = workspace.save_mentee(Mentee(name="Ana", time_zone="Europe/Berlin"))
    start = datetime(2027, 2, 1, 10, tzinfo=BERLIN)
    saved = workspace.save_meeting(Meeting(ana.id or 0, "1:1", start, rrule="FREQ=WEEKLY;COUNT=4"))
    assert workspace.conflicts(saved) == []
    other = workspace.save_meeting(Meeting(ana.id or 0, "Clash", start + timedelta(days=7)))
    assert [c.other.title for c in workspace.conflicts(saved)] == ["Clash"]
    workspace.meetings.record_occurrence(
        OccurrenceRecord(other.id or 0, other.start, OccurrenceStatus.CANCELLED)
    )
    assert workspace.conflicts(saved) == []


def test_imported_busy_times_count(workspace: Workspace, tmp_path: Path) -> None:
    calendar = tmp_path / "work.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:standup@example.org\r\nDTSTAMP:20270101T000000Z\r\n"
        "SUMMARY:Team stand-up\r\nDTSTART;TZID=Europe/Berlin:20270104T093000\r\n"
        "DURATION:PT30M\r\nRRULE:FREQ=DAILY;COUNT=10\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    workspace.calendar.import_ics(calendar, None, busy=True)
    ana = workspace.save_mentee(Mentee(name="Ana", time_zone="Europe/Berlin"))
    meeting = Meeting(ana.id or 0, "Early call", datetime(2027, 1, 7, 9, 0, tzinfo=BERLIN))
    [conflict] = workspace.conflicts(meeting)
    assert conflict.other.kind == "busy" and conflict.other.title == "Team stand-up"
    later = Meeting(ana.id or 0, "After stand-up", datetime(2027, 1, 7, 10, 0, tzinfo=BERLIN))
    assert workspace.conflicts(later) == []
