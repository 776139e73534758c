"""Reading and writing .ics files: real clients' files, round trips, hostile input."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, Mentee, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.ics import parse_ics, read_ics
from mentordesk.services import Workspace

ICS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "ics"
REAL_FILES = sorted(ICS_DIR.glob("*.ics"))
NOW = datetime(2026, 1, 5, 12, tzinfo=UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "desk.sqlite") as ws:
        yield ws


@pytest.fixture
def mentee(workspace: Workspace) -> Mentee:
    return workspace.save_mentee(Mentee(name="Ravi", time_zone="Asia/Kathmandu"))


def test_the_real_client_files_are_there() -> None:
    assert len(REAL_FILES) == 11


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_every_real_client_file_imports(workspace: Workspace, mentee: Mentee, path: Path) -> None:
    busy = workspace.calendar.import_ics(path, None, busy=True)
    meetings = workspace.calendar.import_ics(path, mentee.id, busy=False)
    # Each event is either used or reported, one line per item.
    assert busy.events + len(busy.skipped) >= 1
    assert all(line.startswith(("skipped '", "note '")) for line in busy.skipped)
    assert meetings.meetings + len(meetings.skipped) >= busy.events


def test_windows_zone_names_from_exchange_land_at_the_right_utc_time() -> None:
    contents = read_ics(ICS_DIR / "issue_836_do_not_quote_tzid.ics")
    (event,) = contents.events
    assert event.zone == "America/New_York"
    assert event.start.astimezone(UTC) == datetime(2024, 10, 28, 21, tzinfo=UTC)
    assert event.duration == timedelta(hours=1)


def test_exdate_in_utc_cancels_the_local_occurrence(workspace: Workspace, mentee: Mentee) -> None:
    report = workspace.calendar.import_ics(
        ICS_DIR / "each_week_but_one_deleted.ics", mentee.id, busy=False
    )
    assert (report.meetings, report.cancelled) == (1, 1)
    (meeting,) = workspace.meetings.for_mentee(mentee.id or 0)
    (fact,) = workspace.meetings.occurrences([meeting.id or 0])[meeting.id or 0]
    berlin = ZoneInfo("Europe/Berlin")
    assert fact.original_start == datetime(2019, 3, 11, 0, 30, tzinfo=berlin)
    assert fact.status is OccurrenceStatus.CANCELLED


def test_moved_and_cancelled_occurrences_are_kept(workspace: Workspace, mentee: Mentee) -> None:
    moved = workspace.calendar.import_ics(
        ICS_DIR / "issue_223_thunderbird.ics", mentee.id, busy=False
    )
    assert moved.moved == 1
    cancelled = workspace.calendar.import_ics(
        ICS_DIR / "issue_18_cancel_status.ics", mentee.id, busy=False
    )
    assert cancelled.cancelled == 1


def test_all_day_and_zero_length_events_are_reported_not_imported() -> None:
    contents = read_ics(ICS_DIR / "recurrence_sequence_number.ics")
    assert contents.events == []
    assert contents.skipped[0] == (
        "skipped 'Base event': all-day events are not imported (no time of day)"
    )


def test_export_then_import_round_trips(
    workspace: Workspace, mentee: Mentee, tmp_path: Path
) -> None:
    ny = ZoneInfo("America/New_York")
    series = workspace.save_meeting(
        Meeting(
            mentee.id or 0,
            "Weekly 1:1",
            datetime(2026, 3, 2, 9, 0, tzinfo=ny),
            timedelta(minutes=50),
            rrule="FREQ=WEEKLY;UNTIL=20260427T090000",
        )
    )
    single = workspace.save_meeting(
        Meeting(
            mentee.id or 0,
            "Kick-off",
            datetime(2026, 2, 3, 6, 15, tzinfo=ZoneInfo("Asia/Kathmandu")),
        )
    )
    skipped_week = datetime(2026, 3, 16, 9, 0, tzinfo=ny)
    workspace.meetings.record_occurrence(
        OccurrenceRecord(series.id or 0, skipped_week, OccurrenceStatus.CANCELLED)
    )
    out = tmp_path / "out.ics"
    assert workspace.calendar.export_ics(mentee.id, out, now=NOW) == 2
    text = out.read_text()
    assert "BEGIN:VTIMEZONE" in text and "TZID:America/New_York" in text
    assert "UNTIL=20260427T130000Z" in text

    events = {e.title: e for e in read_ics(out).events}
    again = events["Weekly 1:1"]
    assert (again.start, again.zone, again.duration) == (
        series.start,
        "America/New_York",
        series.duration,
    )
    assert again.rrule == series.rrule
    assert again.exdates == (skipped_week,)
    assert events["Kick-off"].start == single.start
    assert events["Kick-off"].zone == "Asia/Kathmandu"

    # A re-export keeps the UIDs, so calendars update instead of duplicating.
    first_uids = {e.uid for e in read_ics(out).events}
    workspace.calendar.export_ics(mentee.id, out, now=NOW)
    assert {e.uid for e in read_ics(out).events} == first_uids
    assert all(uid.endswith("@mentordesk") for uid in first_uids)


def test_export_of_all_upcoming_leaves_past_meetings_out(
    workspace: Workspace, mentee: Mentee, tmp_path: Path
) -> None:
    utc = ZoneInfo("UTC")
    workspace.save_meeting(Meeting(mentee.id or 0, "Long ago", datetime(2020, 1, 1, 9, tzinfo=utc)))
    workspace.save_meeting(Meeting(mentee.id or 0, "Soon", datetime(2026, 1, 9, 9, tzinfo=utc)))
    out = tmp_path / "all.ics"
    assert workspace.calendar.export_ics(None, out, now=NOW) == 1
    assert [e.title for e in read_ics(out).events] == ["Soon"]


def test_a_file_over_10_mb_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.ics"
    big.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X" * (11 * 2**20))
    begun = time.perf_counter()
    with pytest.raises(ValidationError, match="over 10 MB"):
        read_ics(big)
    assert time.perf_counter() - begun < 2


def test_a_property_over_1_mb_is_refused(tmp_path: Path) -> None:
    folded = b"\r\n ".join([b"A" * 70] * (2 * 2**20 // 70))
    raw = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:"
        + folded
        + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    begun = time.perf_counter()
    with pytest.raises(ValidationError, match="property over 1 MB"):
        parse_ics(raw)
    assert time.perf_counter() - begun < 2


def test_a_secondly_rule_is_refused_within_two_seconds() -> None:
    raw = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Flood\r\n"
        b"DTSTART:20260101T090000Z\r\nDTEND:20260101T100000Z\r\n"
        b"RRULE:FREQ=SECONDLY;COUNT=1000000000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    begun = time.perf_counter()
    contents = parse_ics(raw)
    assert contents.events == []
    assert contents.skipped[0].startswith("skipped 'Flood': meetings repeat daily at most")
    assert time.perf_counter() - begun < 2


_HEAD = (
    b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:s\r\n"
    b"DTSTART:20260101T090000Z\r\nDTEND:20260101T100000Z\r\n"
)
_TAIL = b"END:VEVENT\r\nEND:VCALENDAR\r\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"X-A:b\r\n" * 25_000, "lines; at most"),
        (b"".join(b"X-D%d:" % i + b"\r\n ".join([b"A" * 70] * 13_000) + b"\r\n" for i in range(9)),
         "very long properties"),
    ],
    ids=["many tiny properties", "many long properties"],
)  # fmt: skip
def test_files_that_would_parse_slowly_are_refused_quickly(body: bytes, message: str) -> None:
    begun = time.perf_counter()
    with pytest.raises(ValidationError, match=message):
        parse_ics(_HEAD + body + _TAIL)
    assert time.perf_counter() - begun < 2


def test_a_broken_property_skips_its_event_without_a_crash() -> None:
    contents = parse_ics(_HEAD + b"RRULE:FREQ=DAILY\r\nEXDATE:2026XX01T090000Z\r\n" + _TAIL)
    assert contents.events == []
    assert contents.skipped[0].startswith("skipped 's': it could not be read")


def test_not_a_calendar_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a calendar file"):
        parse_ics(b"hello")


def test_import_is_all_or_nothing(workspace: Workspace, mentee: Mentee) -> None:
    # A real SQLite failure at the second meeting, as a full disk would give.
    workspace.db.conn.execute(
        "CREATE TEMP TRIGGER fail_second BEFORE INSERT ON meetings"
        " WHEN (SELECT count(*) FROM meetings) >= 1 BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        workspace.calendar.import_ics(ICS_DIR / "issue_48_dst.ics", mentee.id, busy=False)
    assert workspace.meetings.count() == 0
    assert workspace.db.conn.execute("SELECT count(*) FROM meeting_occurrences").fetchone()[0] == 0


def test_busy_reimport_replaces_the_same_file(workspace: Workspace) -> None:
    from mentordesk.store.repositories.busy import BusyRepository

    path = ICS_DIR / "issue_223_thunderbird.ics"
    first = workspace.calendar.import_ics(path, None, busy=True)
    again = workspace.calendar.import_ics(path, None, busy=True)
    repo = BusyRepository(workspace.db)
    assert repo.count() == first.busy_times == again.busy_times == 2  # series + moved one
    series = next(b for b in repo.all() if b.rrule)
    assert series.exdates == (datetime(2025, 4, 24, 9, tzinfo=ZoneInfo("Europe/London")),)
