"""The services the window and the CLI share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.cadence import check_in
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    FeedbackDirection,
    Meeting,
    Mentee,
    Note,
    OccurrenceStatus,
)
from mentordesk.services import Workspace

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "m.db") as ws:
        yield ws


@pytest.fixture
def mentee(workspace: Workspace) -> Mentee:
    return workspace.save_mentee(Mentee(name="Ravi", time_zone="Asia/Kathmandu", cadence_days=14))


def test_marking_one_occurrence_held_keeps_the_series(workspace: Workspace, mentee: Mentee) -> None:
    start = datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)
    series = workspace.save_meeting(
        Meeting(mentee.id or 0, "Fortnightly 1:1", start, rrule="FREQ=WEEKLY;INTERVAL=2")
    )
    held_on = datetime(2026, 11, 16, 9, 0, tzinfo=LONDON)
    record = workspace.mark_held(series.id or 0, held_on)
    assert record.status is OccurrenceStatus.HELD
    # The series is still there and still repeats.
    assert workspace.meetings.get(series.id or 0).rrule == "FREQ=WEEKLY;INTERVAL=2"
    window = workspace.occurrences_between(start, start + timedelta(days=42), mentee.id)
    assert [(o.start.day, o.status) for o in window] == [
        (2, OccurrenceStatus.SCHEDULED),
        (16, OccurrenceStatus.HELD),
        (30, OccurrenceStatus.SCHEDULED),
    ]
    # It counts as the last contact for the check-in cadence.
    dashboard = workspace.mentee_dashboard(mentee.id or 0, now=NOW)
    assert dashboard.check_in.last_contact == held_on.astimezone(UTC)
    assert dashboard.check_in.due_on == date(2026, 11, 30)


def test_marking_a_time_the_series_does_not_have_is_refused(
    workspace: Workspace, mentee: Mentee
) -> None:
    start = datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)
    series = workspace.save_meeting(Meeting(mentee.id or 0, "1:1", start, rrule="FREQ=WEEKLY"))
    with pytest.raises(ValidationError, match="no occurrence"):
        workspace.mark_held(series.id or 0, datetime(2026, 11, 3, 9, 0, tzinfo=LONDON))


def test_today_shows_upcoming_in_order_due_checkins_actions_and_notes(
    workspace: Workspace, mentee: Mentee
) -> None:
    other = workspace.save_mentee(Mentee(name="Lena", time_zone="Australia/Adelaide"))
    soon = NOW + timedelta(hours=3)
    workspace.save_meeting(
        Meeting(other.id or 0, "Later", (soon + timedelta(days=2)).astimezone(LONDON))
    )
    workspace.save_meeting(Meeting(mentee.id or 0, "Sooner", soon.astimezone(LONDON)))
    workspace.save_meeting(
        Meeting(mentee.id or 0, "Past", (NOW - timedelta(days=3)).astimezone(LONDON))
    )
    workspace.add_action(ActionItem(mentee.id or 0, "Share the reading list"))
    workspace.save_note(Note(mentee.id or 0, "Discussed the promotion packet", "Check-in"))
    # With no contact yet the cadence counts from when the mentee was added (the real clock).
    added = workspace.mentee(mentee.id or 0).created_at or NOW
    today = workspace.today(now=added + timedelta(days=30))
    assert today.check_ins and today.check_ins[0].is_overdue
    today = workspace.today(now=NOW)
    assert [u.occurrence.meeting.title for u in today.upcoming] == ["Sooner", "Later"]
    assert today.upcoming[0].mentee_zone == "Asia/Kathmandu"
    assert [a.item.text for a in today.open_actions] == ["Share the reading list"]
    assert today.open_actions[0].mentee_name == "Ravi"
    assert [n.title for n in today.recent_notes] == ["Check-in"]


def test_validation_reaches_the_caller_before_anything_is_written(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as err:
        workspace.save_mentee(Mentee(name="Ana", time_zone="Europe/Berln"))
    assert err.value.field == "time_zone"
    assert "Europe/Berlin" in err.value.message
    assert workspace.list_mentees() == []


def test_find_mentee_by_name_or_id(workspace: Workspace, mentee: Mentee) -> None:
    assert workspace.find_mentee("ravi").id == mentee.id
    with pytest.raises(ValidationError, match="No mentee is called 'Nobody'"):
        workspace.find_mentee("Nobody")
    workspace.save_mentee(Mentee(name="Ravi", time_zone="UTC"))
    with pytest.raises(ValidationError, match="Several mentees"):
        workspace.find_mentee("Ravi")


def test_utc_columns_are_recomputed_when_zone_rules_change(
    workspace: Workspace, mentee: Mentee
) -> None:
    meeting = workspace.save_meeting(
        Meeting(mentee.id or 0, "1:1", datetime(2027, 6, 1, 9, 0, tzinfo=LONDON))
    )
    # Pretend the stored value was derived under older rules.
    conn = workspace.db.conn
    conn.execute(
        "UPDATE meetings SET start_utc = '2027-06-01T09:00:00Z' WHERE id = ?", (meeting.id,)
    )
    conn.execute("UPDATE settings SET value = '\"old rules\"' WHERE key = 'tz_database_version'")
    assert workspace.refresh_derived_times() == 1
    (start_utc,) = conn.execute(
        "SELECT start_utc FROM meetings WHERE id = ?", (meeting.id,)
    ).fetchone()
    assert start_utc == "2027-06-01T08:00:00Z"
    assert workspace.refresh_derived_times() == 0  # nothing to do the second time


def test_last_contact_follows_every_change_to_held_occurrences(
    workspace: Workspace, mentee: Mentee
) -> None:
    other = workspace.save_mentee(Mentee(name="Lena", time_zone="Australia/Adelaide"))
    start = datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)
    series = workspace.save_meeting(Meeting(mentee.id or 0, "1:1", start, rrule="FREQ=WEEKLY"))
    contact = lambda m: workspace.mentee(m.id or 0).last_contact  # noqa: E731
    assert contact(mentee) is None
    workspace.mark_held(series.id or 0, start)
    later = start + timedelta(days=7)
    workspace.mark_held(series.id or 0, later)
    assert contact(mentee) == later.astimezone(UTC)
    # Moving the series to another mentee moves the contact history with it.
    workspace.save_meeting(replace(workspace.meetings.get(series.id or 0), mentee_id=other.id or 0))
    assert (contact(mentee), contact(other)) == (None, later.astimezone(UTC))
    workspace.meetings.delete(series.id or 0)
    assert contact(other) is None


def test_check_ins_due_reads_only_the_mentees_that_are_due(workspace: Workspace) -> None:
    for i in range(30):
        workspace.save_mentee(Mentee(name=f"Mentee {i:02}", time_zone="UTC", cadence_days=7 + i))
    due = workspace.overview.check_ins(date.today() + timedelta(days=10), limit=15)
    # Cadences 7..13 are due by day 13 (within 3 days of day 10); the longer ones are not.
    assert [c.mentee.name for c in due] == [f"Mentee {i:02}" for i in range(7)]
    assert due[0].days_overdue == 3


def test_the_stored_next_check_in_agrees_with_the_domain_rule(
    workspace: Workspace, mentee: Mentee
) -> None:
    start = datetime(2026, 10, 30, 23, 30, tzinfo=LONDON)  # 23:30 UTC, the day before in Kathmandu
    meeting = workspace.save_meeting(Meeting(mentee.id or 0, "Late call", start))
    workspace.mark_held(meeting.id or 0, start)
    fresh = workspace.save_mentee(Mentee(name="New", time_zone="UTC", cadence_days=9))
    for person in (workspace.mentee(mentee.id or 0), fresh):
        (stored,) = workspace.db.conn.execute(
            "SELECT next_check_in FROM mentees WHERE id = ?", (person.id,)
        ).fetchone()
        assert stored == check_in(person, NOW.date()).due_on.isoformat()


def test_feedback_may_be_long_but_not_empty(workspace: Workspace, mentee: Mentee) -> None:
    long = "Your design review was specific and kind. " * 20
    workspace.add_feedback(
        Feedback(mentee.id or 0, FeedbackDirection.TO_MENTEE, long, date(2026, 11, 20))
    )
    assert workspace.feedback.for_mentee(mentee.id or 0)[0].body == long.strip()
    with pytest.raises(ValidationError, match="Feedback is empty") as err:
        workspace.add_feedback(
            Feedback(mentee.id or 0, FeedbackDirection.FROM_MENTEE, "  ", date(2026, 11, 20))
        )
    assert err.value.field == "body"
