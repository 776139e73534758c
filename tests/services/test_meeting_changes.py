"""Changing planned meetings: the planner's people, moving, cancelling, ending, deleting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import (
    Meeting,
    Mentee,
    Note,
    OccurrenceStatus,
    Settings,
    WorkingHours,
)
from mentordesk.planner.overlap import overlap
from mentordesk.services import Workspace

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MOVED, CANCELLED = OccurrenceStatus.MOVED, OccurrenceStatus.CANCELLED


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "m.db") as workspace:
        yield workspace


@pytest.fixture
def priya(ws: Workspace) -> Mentee:
    hours = WorkingHours(time(8, 0), time(16, 0), (1, 2, 3, 4))
    return ws.save_mentee(Mentee(name="Priya Natarajan", time_zone="Europe/London", hours=hours))


def _weekly(ws: Workspace, mentee: Mentee, start: datetime, rule: str = "FREQ=WEEKLY") -> Meeting:
    return ws.save_meeting(Meeting(mentee.id or 0, "Weekly 1:1", start, rrule=rule))


def _window(ws: Workspace, start: datetime, days: int = 42) -> list[tuple[str, OccurrenceStatus]]:
    return [
        (f"{o.start.astimezone(o.meeting.start.tzinfo):%m-%d %H:%M}", o.status)
        for o in ws.occurrences_between(start, start + timedelta(days=days))
    ]


def test_the_planner_starts_with_the_mentor_then_each_mentee(ws: Workspace, priya: Mentee) -> None:
    aarav = ws.save_mentee(Mentee(name="Aarav", time_zone="Asia/Kolkata"))
    ws.save_settings(
        Settings("Sam Rivera", "America/New_York", WorkingHours(time(9), time(17), (1, 2, 3, 4, 5)))
    )
    people = ws.meeting_changes.planner_people([priya.id or 0, aarav.id or 0, priya.id or 0])
    assert [p.label for p in people] == ["You (Sam Rivera)", "Priya Natarajan", "Aarav"]
    assert [p.person.zone for p in people] == ["America/New_York", "Europe/London", "Asia/Kolkata"]
    assert people[1].person.days == frozenset({1, 2, 3, 4})
    assert people[1].person.start == time(8, 0)

    grid = ws.meeting_changes.planner_grid([priya.id or 0], date(2026, 3, 7), days=7)
    assert [p.label for p in grid.people] == ["You (Sam Rivera)", "Priya Natarajan"]
    assert len(grid.days[1].slots) == 46  # New York springs forward on 8 March
    assert grid.windows() == overlap([p.person for p in people[:2]], date(2026, 3, 7), 7, 30)

    ws.save_settings(Settings("", "Europe/Berlin"))
    assert ws.meeting_changes.planner_people([])[0].label == "You"
    with pytest.raises(ValidationError, match="15, 30 or 60"):
        ws.meeting_changes.planner_grid([priya.id or 0], date(2026, 3, 7), slot_minutes=45)


def test_a_rescheduled_occurrence_keeps_its_original_and_the_reason(
    ws: Workspace, priya: Mentee
) -> None:
    series = _weekly(ws, priya, datetime(2026, 11, 2, 9, 0, tzinfo=LONDON))
    original = datetime(2026, 11, 16, 9, 0, tzinfo=LONDON)
    # Chosen on the mentor's clock in New York: 14:00 there is 19:00 in London.
    record = ws.meeting_changes.reschedule_occurrence(
        series.id or 0,
        original,
        datetime(2026, 11, 18, 14, 0, tzinfo=NEW_YORK),
        "  Priya is travelling\nthat week ",
    )
    assert (record.status, record.reason) == (MOVED, "Priya is travelling that week")
    assert record.new_start == datetime(2026, 11, 18, 19, 0, tzinfo=LONDON)
    assert record.new_start.tzinfo == LONDON  # stored in the meeting's own zone
    (history,) = ws.meetings.occurrences([series.id or 0])[series.id or 0]
    assert (history.original_start, history.new_start) == (original, record.new_start)
    assert history.reason == "Priya is travelling that week"

    start = datetime(2026, 11, 2, tzinfo=UTC)
    assert _window(ws, start, 28) == [
        ("11-02 09:00", OccurrenceStatus.SCHEDULED),
        ("11-09 09:00", OccurrenceStatus.SCHEDULED),
        ("11-18 19:00", MOVED),
        ("11-23 09:00", OccurrenceStatus.SCHEDULED),
    ]
    (moved,) = [o for o in ws.occurrences_between(start, start + timedelta(days=28)) if o.reason]
    assert moved.original_start == original
    upcoming = ws.upcoming(now=datetime(2026, 11, 17, 12, 0, tzinfo=UTC), days=3)
    assert [(u.occurrence.start, u.occurrence.status) for u in upcoming] == [
        (record.new_start, MOVED)
    ]

    # Moving it again replaces the earlier move; the original stays the key.
    again = ws.meeting_changes.reschedule_occurrence(
        series.id or 0, original, datetime(2026, 11, 17, 8, 0, tzinfo=UTC), "Her flight changed"
    )
    assert [
        (r.original_start, r.new_start, r.reason)
        for r in ws.meetings.occurrences([series.id or 0])[series.id or 0]
    ] == [(original, again.new_start, "Her flight changed")]


def test_reschedule_then_cancel_the_same_occurrence(ws: Workspace, priya: Mentee) -> None:
    series = _weekly(ws, priya, datetime(2026, 11, 2, 9, 0, tzinfo=LONDON))
    original = datetime(2026, 11, 16, 9, 0, tzinfo=LONDON)
    ws.meeting_changes.reschedule_occurrence(
        series.id or 0, original, datetime(2026, 11, 18, 15, 0, tzinfo=LONDON), "Travel"
    )
    # The page cancels what it shows: the occurrence, named by its original start.
    record = ws.meeting_changes.cancel_occurrence(series.id or 0, original, "Priya is ill")
    assert (record.status, record.new_start, record.reason) == (CANCELLED, None, "Priya is ill")
    assert len(ws.meetings.occurrences([series.id or 0])[series.id or 0]) == 1
    start = datetime(2026, 11, 9, tzinfo=UTC)
    assert _window(ws, start, 14) == [
        ("11-09 09:00", OccurrenceStatus.SCHEDULED),
        ("11-16 09:00", CANCELLED),
    ]
    upcoming = ws.upcoming(now=datetime(2026, 11, 15, 12, 0, tzinfo=UTC), days=10)
    assert [u.occurrence.start.day for u in upcoming] == [23]


def test_a_single_meeting_is_moved_in_its_history_not_edited(ws: Workspace, priya: Mentee) -> None:
    start = datetime(2026, 11, 20, 10, 0, tzinfo=LONDON)
    single = ws.save_meeting(Meeting(priya.id or 0, "Portfolio review", start))
    later = datetime(2026, 11, 21, 11, 0, tzinfo=LONDON)
    ws.meeting_changes.reschedule_occurrence(
        single.id or 0, start, later, "Clashed with a workshop"
    )
    assert ws.meeting(single.id or 0).start == start
    (occurrence,) = ws.occurrences_between(start - timedelta(days=1), start + timedelta(days=3))
    assert (occurrence.start, occurrence.original_start, occurrence.status) == (
        later,
        start,
        MOVED,
    )
    with pytest.raises(ValidationError, match="single meeting") as err:
        ws.meeting_changes.cancel_occurrence(single.id or 0, later)
    assert err.value.field == "start"
    ws.meeting_changes.cancel_occurrence(single.id or 0, start)
    assert [u.occurrence.status for u in ws.upcoming(now=start - timedelta(days=1))] == []


def test_conflicts_see_a_moved_occurrence_at_its_new_time(ws: Workspace, priya: Mentee) -> None:
    series = _weekly(ws, priya, datetime(2026, 11, 2, 9, 0, tzinfo=LONDON))
    aarav = ws.save_mentee(Mentee(name="Aarav", time_zone="Asia/Kolkata"))
    ws.meeting_changes.reschedule_occurrence(
        series.id or 0,
        datetime(2026, 11, 16, 9, 0, tzinfo=LONDON),
        datetime(2026, 11, 18, 15, 0, tzinfo=LONDON),
        "Travel",
    )
    at_new_time = Meeting(aarav.id or 0, "Intro", datetime(2026, 11, 18, 15, 30, tzinfo=LONDON))
    (conflict,) = ws.conflicts(at_new_time)
    assert conflict.other.title == "Weekly 1:1"
    assert conflict.other.start == datetime(2026, 11, 18, 15, 0, tzinfo=LONDON)
    freed = Meeting(aarav.id or 0, "Intro", datetime(2026, 11, 16, 9, 0, tzinfo=LONDON))
    assert ws.conflicts(freed) == []


def test_ending_a_series_across_a_dst_change_keeps_what_came_before(
    ws: Workspace, priya: Mentee, tmp_path: Path
) -> None:
    series = _weekly(
        ws, priya, datetime(2026, 2, 23, 9, 0, tzinfo=NEW_YORK), "FREQ=WEEKLY;COUNT=10"
    )
    sid = series.id or 0
    ws.mark_held(sid, datetime(2026, 3, 2, 9, 0, tzinfo=NEW_YORK))
    ws.meeting_changes.reschedule_occurrence(
        sid,
        datetime(2026, 3, 9, 9, 0, tzinfo=NEW_YORK),
        datetime(2026, 3, 10, 9, 0, tzinfo=NEW_YORK),
        "Moved a day",
    )
    dropped = datetime(2026, 3, 30, 9, 0, tzinfo=NEW_YORK)
    ws.meeting_changes.reschedule_occurrence(
        sid, dropped, dropped + timedelta(days=1), "Moved a day"
    )

    # Named as an instant, as a page in another zone may hold it.
    cut = datetime(2026, 3, 23, 13, 0, tzinfo=UTC)
    ended = ws.meeting_changes.end_series(sid, cut, "Priya got the promotion")
    assert ended.rrule == "FREQ=WEEKLY;UNTIL=20260323T085959"
    assert ended.start == series.start
    begin = datetime(2026, 2, 1, tzinfo=UTC)
    occurrences = ws.occurrences_between(begin, begin + timedelta(days=120))
    # 09:00 New York on both sides of 8 March: 14:00 UTC, then 13:00 UTC.
    assert [(f"{o.start.astimezone(UTC):%m-%d %H:%M}", o.status) for o in occurrences] == [
        ("02-23 14:00", OccurrenceStatus.SCHEDULED),
        ("03-02 14:00", OccurrenceStatus.HELD),
        ("03-10 13:00", MOVED),
        ("03-16 13:00", OccurrenceStatus.SCHEDULED),
    ]
    # The dropped occurrence's move is gone with it; the earlier history stays.
    history = ws.meetings.occurrences([sid])[sid]
    assert [r.original_start.day for r in history] == [2, 9]
    assert ws.upcoming(now=datetime(2026, 3, 17, tzinfo=UTC), days=60) == []
    # A calendar gets RFC 5545's UTC form of the end.
    out = tmp_path / "series.ics"
    ws.calendar.export_ics(priya.id, out)
    text = out.read_text(encoding="utf-8")
    assert "UNTIL=20260323T125959Z" in text and "COUNT" not in text
    assert "20260330" not in text


def test_what_cannot_be_ended_is_refused(ws: Workspace, priya: Mentee) -> None:
    first = datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)
    series = _weekly(ws, priya, first)
    with pytest.raises(ValidationError, match="whole series — delete the meeting instead"):
        ws.meeting_changes.end_series(series.id or 0, first)
    ws.mark_held(series.id or 0, datetime(2026, 11, 16, 9, 0, tzinfo=LONDON))
    with pytest.raises(ValidationError, match="was held — end the series after it"):
        ws.meeting_changes.end_series(series.id or 0, datetime(2026, 11, 9, 9, 0, tzinfo=LONDON))
    with pytest.raises(ValidationError, match="no occurrence"):
        ws.meeting_changes.end_series(series.id or 0, datetime(2026, 11, 10, 9, 0, tzinfo=LONDON))
    single = ws.save_meeting(Meeting(priya.id or 0, "Once", first))
    with pytest.raises(ValidationError, match="not a series"):
        ws.meeting_changes.end_series(single.id or 0, first)
    assert ws.meeting(series.id or 0).rrule == "FREQ=WEEKLY"


def test_a_change_that_fails_validation_writes_nothing(ws: Workspace, priya: Mentee) -> None:
    new_york = ws.save_mentee(Mentee(name="Dana", time_zone="America/New_York"))
    series = _weekly(ws, new_york, datetime(2026, 10, 5, 9, 0, tzinfo=NEW_YORK))
    sid = series.id or 0
    original = datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)
    later = datetime(2026, 10, 27, 9, 0, tzinfo=NEW_YORK)
    refused = [
        (
            lambda: ws.meeting_changes.reschedule_occurrence(sid, original, later, "  "),
            "reason",
            "Say why",
        ),
        (
            lambda: ws.meeting_changes.reschedule_occurrence(sid, original, original, "x"),
            "new_start",
            "already",
        ),
        (
            lambda: ws.meeting_changes.reschedule_occurrence(
                sid, original, original.astimezone(UTC), "x"
            ),
            "new_start",
            "already",
        ),
        (
            lambda: ws.meeting_changes.reschedule_occurrence(
                sid, original, later.replace(tzinfo=None), "x"
            ),
            "new_start",
            "time zone",
        ),
        (
            lambda: ws.meeting_changes.reschedule_occurrence(sid, later, original, "x"),
            "start",
            "no occurrence",
        ),
        (
            # The second 01:30 of 1 November cannot be stored as a wall-clock time.
            lambda: ws.meeting_changes.reschedule_occurrence(
                sid, original, datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=1), "x"
            ),
            "new_start",
            "happens twice",
        ),
        (lambda: ws.meeting_changes.cancel_occurrence(sid, later), "start", "no occurrence"),
        (lambda: ws.meeting_changes.end_series(sid, series.start), "start", "whole series"),
    ]
    for action, field, words in refused:
        with pytest.raises(ValidationError, match=words) as err:
            action()
        assert err.value.field == field
    assert ws.meetings.occurrences([sid])[sid] == []
    assert ws.meeting(sid).rrule == "FREQ=WEEKLY"
    # The first 01:30 of that night is fine, and reads back as itself.
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=0)
    record = ws.meeting_changes.reschedule_occurrence(sid, original, first, "Early start")
    assert record.new_start is not None
    assert record.new_start.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_deleting_a_meeting_keeps_the_notes_written_about_it(ws: Workspace, priya: Mentee) -> None:
    series = _weekly(ws, priya, datetime(2026, 11, 2, 9, 0, tzinfo=LONDON))
    note = ws.save_note(
        Note(priya.id or 0, "Talked about the move to staff.", "1:1", meeting_id=series.id)
    )
    ws.mark_held(series.id or 0, series.start)
    ws.meeting_changes.delete_meeting(series.id or 0)
    with pytest.raises(KeyError):
        ws.meeting(series.id or 0)
    kept = ws.note(note.id or 0)
    assert (kept.body, kept.meeting_id) == ("Talked about the move to staff.", None)
    assert ws.occurrences_between(series.start, series.start + timedelta(days=60)) == []
    assert ws.meetings.occurrences([series.id or 0])[series.id or 0] == []
