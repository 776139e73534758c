"""Rows an older MentorDesk (or a hand edit) left that the app cannot read never stop it:
the rest shows, the row is named in the log and in the file check."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.models import Meeting, Mentee
from mentordesk.services import Workspace

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
PAST = "2000-01-01T00:00:00Z"
LONDON = ZoneInfo("Europe/London")
# What older versions let in: a rule that never advances, a year-1 start written as
# '1-01-01…' by strftime, a start in year 9999 whose UTC overflows.
POISON = [
    ("FREQ=WEEKLY;INTERVAL=0", "2026-11-02T09:00", "Europe/London", "2026-11-02T09:00:00Z"),
    ("FREQ=DAILY", "0001-01-01T09:00", "Europe/London", "1-01-01T09:01:15Z"),
    ("FREQ=DAILY", "9999-12-31T23:00", "Pacific/Kiritimati", "9999-12-31T09:00:00Z"),
    ("FREQ=MINUTELY", "2026-11-02T09:00", "Europe/London", "2026-11-02T09:00:00Z"),
]


def _poisoned(path: Path) -> tuple[int, int]:
    """A file with one sound weekly meeting and the poisoned rows, the way an old version
    wrote them (straight into the table: today's services refuse them)."""
    with Workspace.open(path) as ws:
        mentee = ws.save_mentee(Mentee(name="Ravi", time_zone="Europe/London"))
        good = ws.save_meeting(
            Meeting(mentee.id or 0, "Weekly", datetime(2026, 11, 2, 9, tzinfo=LONDON),
                    rrule="FREQ=WEEKLY")
        )  # fmt: skip
        with ws.db.transaction():
            for rule, local, zone, utc in POISON:
                ws.db.conn.execute(
                    "INSERT INTO meetings (mentee_id, title, start_local, zone, fold,"
                    " duration_minutes, rrule, location, start_utc, instances_until,"
                    " created_at, updated_at) VALUES (?, 'Poison', ?, ?, 0, 30, ?, '', ?, ?, ?, ?)",
                    (mentee.id, local, zone, rule, utc, PAST, PAST, PAST),
                )
        return mentee.id or 0, good.id or 0


def test_poisoned_meetings_never_stop_the_pages(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "m.db"
    mentee_id, good_id = _poisoned(path)
    caplog.set_level(logging.WARNING)
    with Workspace.open(path) as ws:
        ws.refresh_derived_times()
        today = ws.today(NOW)
        dashboard = ws.mentee_dashboard(mentee_id, NOW)
        week = ws.occurrences_between(NOW, NOW + timedelta(days=14), mentee_id)
        assert [o.meeting.id for o in week] == [good_id, good_id]
        assert ws.list_meetings()
        probe = Meeting(mentee_id, "Probe", datetime(2026, 12, 1, 9, tzinfo=LONDON))
        assert ws.conflicts(probe) == []
        problems = ws.check()
    assert today is not None and dashboard is not None
    poisoned = [good_id + n for n in range(1, len(POISON) + 1)]
    assert sorted(p.split(" (")[0] for p in problems) == [f"meeting {i}" for i in poisoned]
    for meeting_id in poisoned:
        assert f"meeting {meeting_id} left out of the calendar" in caplog.text
