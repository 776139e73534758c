"""The derived occurrence table answers windows exactly as expanding every rule would."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mentordesk.demo.large import write_large
from mentordesk.domain.models import Meeting, Mentee, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.recurrence import MAX_OCCURRENCES
from mentordesk.planner.zones import format_wall, utc_iso
from mentordesk.services import Workspace
from mentordesk.store.connection import connect
from mentordesk.store.repositories.meeting_instances import HORIZON
from mentordesk.store.schema import MIGRATION_NAMES
from tests.store.migrating import migrate

ZONES = (
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",  # half-hour DST
    "Asia/Kathmandu",  # +05:45
    "Pacific/Apia",  # skipped 30 December 2011, dropped DST in 2021
)
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")

Key = tuple[int, datetime, datetime, OccurrenceStatus]


def brute_force(start: datetime, rule: str | None, lo: datetime, hi: datetime) -> list[datetime]:
    """Every occurrence from the first, read in its zone with fold=0, kept if in [lo, hi)."""
    if not rule:
        return [start] if lo <= start < hi else []
    zone = start.tzinfo
    stop = hi.astimezone(zone).replace(tzinfo=None) + timedelta(days=3)
    found = []
    for naive in rrulestr(rule, dtstart=start.replace(tzinfo=None)):
        if naive > stop:
            break
        moment = naive.replace(tzinfo=zone)
        if lo <= moment < hi:
            found.append(moment)
    return found


def keys(ws: Workspace, lo: datetime, hi: datetime, mentee_id: int | None = None) -> list[Key]:
    return [
        (o.meeting.id or 0, o.original_start, o.start, o.status)
        for o in ws.occurrences_between(lo, hi, mentee_id)
    ]


def table_rows(ws: Workspace, meeting_id: int) -> list[tuple[str, str]]:
    return ws.db.conn.execute(
        "SELECT original_start_local, start_utc FROM meeting_instances WHERE meeting_id = ?"
        " ORDER BY start_utc",
        (meeting_id,),
    ).fetchall()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, int]]:
    with Workspace.open(tmp_path_factory.mktemp("instances") / "m.db") as ws:
        mentee = ws.save_mentee(Mentee(name="Ana", time_zone="Pacific/Apia"))
        yield ws, mentee.id or 0


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    return workspace


@pytest.fixture
def ana(ws: Workspace) -> int:
    return ws.save_mentee(Mentee(name="Ana", time_zone="Europe/London")).id or 0


def _rule(draw: st.DrawFn, start: datetime) -> str | None:
    shape = draw(
        st.sampled_from(
            [
                None,
                "FREQ=WEEKLY",
                f"FREQ=WEEKLY;INTERVAL={draw(st.integers(2, 4))}",
                f"FREQ=MONTHLY;BYDAY={draw(st.sampled_from(['1TU', '2WE', '-1FR', '3MO']))}",
            ]
        )
    )
    if shape is None:
        return None
    end = draw(st.sampled_from(["", "count", "until"]))
    if end == "count":
        return f"{shape};COUNT={draw(st.integers(1, 120))}"
    if end == "until":
        until = start.replace(tzinfo=None) + timedelta(days=draw(st.integers(0, 2000)))
        return f"{shape};UNTIL={until:%Y%m%dT%H%M%S}"
    return shape


@st.composite
def meetings_and_windows(draw: st.DrawFn) -> tuple[datetime, str | None, datetime, datetime]:
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    # From before Apia's skipped day to past the rows' two-year horizon.
    day = datetime(2011, 6, 1) + timedelta(days=draw(st.integers(0, 365 * 21)))
    start = day.replace(hour=draw(st.integers(0, 23)), minute=draw(st.sampled_from([0, 15, 30])))
    start = start.replace(tzinfo=zone)
    rule = _rule(draw, start)
    lo = start.astimezone(UTC) + timedelta(hours=draw(st.integers(-24 * 60, 24 * 365 * 5)))
    hi = lo + timedelta(hours=draw(st.integers(1, 24 * 400)))
    return start, rule, lo, hi


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=meetings_and_windows())
@example(  # a Friday series across the Friday Apia skipped
    case=(
        datetime(2011, 12, 2, 9, 0, tzinfo=ZoneInfo("Pacific/Apia")),
        "FREQ=WEEKLY",
        datetime(2011, 12, 20, tzinfo=UTC),
        datetime(2012, 1, 20, tzinfo=UTC),
    )
)
@example(  # 02:30 New York does not exist on 8 March 2026: read as 03:30
    case=(
        datetime(2026, 3, 1, 2, 30, tzinfo=NEW_YORK),
        "FREQ=WEEKLY;COUNT=3",
        datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
        datetime(2026, 3, 8, 8, 0, tzinfo=UTC),
    )
)
def test_a_window_from_the_table_equals_expanding_the_rule(
    shared: tuple[Workspace, int], case: tuple[datetime, str | None, datetime, datetime]
) -> None:
    ws, mentee_id = shared
    start, rule, lo, hi = case
    meeting = ws.save_meeting(Meeting(mentee_id, "1:1", start, rrule=rule))
    try:
        expected = [
            (meeting.id, o, o, OccurrenceStatus.SCHEDULED) for o in brute_force(start, rule, lo, hi)
        ]
        assert keys(ws, lo, hi) == expected
        assert keys(ws, lo, hi, mentee_id) == expected
        # Whatever the table holds is right too, not just what the window saw.
        (until,) = ws.db.conn.execute(
            "SELECT instances_until FROM meetings WHERE id = ?", (meeting.id,)
        ).fetchone()
        listed_to = datetime(9999, 1, 1, tzinfo=UTC) if until is None else from_iso(until)
        first = min(start.astimezone(UTC), lo) - timedelta(days=1)
        assert table_rows(ws, meeting.id or 0) == [
            (format_wall(o), utc_iso(o)) for o in brute_force(start, rule, first, listed_to)
        ]
    finally:
        ws.meetings.delete(meeting.id or 0)


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_changing_the_rule_replaces_the_rows_and_deleting_removes_them(
    ws: Workspace, ana: int
) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=NEW_YORK)
    series = ws.save_meeting(Meeting(ana, "1:1", start, rrule="FREQ=WEEKLY;COUNT=10"))
    assert len(table_rows(ws, series.id or 0)) == 10
    ws.save_meeting(
        Meeting(ana, "1:1", start, rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=3", id=series.id)
    )
    assert [local for local, _ in table_rows(ws, series.id or 0)] == [
        "2026-03-02T09:00",
        "2026-03-16T09:00",
        "2026-03-30T09:00",
    ]
    window = keys(ws, start, start + timedelta(days=60))
    assert [o[1].day for o in window] == [2, 16, 30]
    # 09:00 New York on 16 March is 13:00 UTC: the rows follow the anchor zone's DST.
    assert table_rows(ws, series.id or 0)[1][1] == "2026-03-16T13:00:00Z"

    ws.meetings.delete(series.id or 0)
    assert table_rows(ws, series.id or 0) == []
    single = ws.save_meeting(Meeting(ana, "Intro", start))
    ws.delete_mentee(ana)
    assert table_rows(ws, single.id or 0) == []


def test_moved_occurrences_show_where_they_were_moved_to(ws: Workspace, ana: int) -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=LONDON)
    series = ws.save_meeting(Meeting(ana, "1:1", start, rrule="FREQ=WEEKLY;COUNT=6"))
    original = datetime(2026, 1, 19, 9, 0, tzinfo=LONDON)
    moved_to = datetime(2026, 2, 20, 15, 0, tzinfo=LONDON)  # after the series ended
    ws.meetings.record_occurrence(
        OccurrenceRecord(series.id or 0, original, OccurrenceStatus.MOVED, moved_to, "Offsite")
    )
    around_new = keys(ws, datetime(2026, 2, 20, tzinfo=UTC), datetime(2026, 2, 21, tzinfo=UTC))
    assert around_new == [(series.id, original, moved_to, OccurrenceStatus.MOVED)]
    for mentee_id in (None, ana):
        around_old = keys(ws, original - timedelta(days=1), original + timedelta(days=1), mentee_id)
        assert around_old == []
    everything = keys(ws, start, start + timedelta(days=90))
    assert [o[2].date().isoformat() for o in everything] == [
        "2026-01-05", "2026-01-12", "2026-01-26", "2026-02-02", "2026-02-09", "2026-02-20",
    ]  # fmt: skip
    # Upcoming from just before the new start: it is the next one, and only once.
    upcoming = ws.upcoming(now=datetime(2026, 2, 10, tzinfo=UTC), days=30, limit=5)
    assert [(u.occurrence.start, u.mentee_name) for u in upcoming] == [(moved_to, "Ana")]


def test_upcoming_reads_only_what_it_shows_yet_skips_cancelled_and_ended(
    ws: Workspace, ana: int
) -> None:
    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    ended = ws.save_meeting(Meeting(ana, "Ended", (now - timedelta(minutes=90)).astimezone(LONDON),
                                    timedelta(minutes=30)))  # fmt: skip
    running = ws.save_meeting(
        Meeting(ana, "Running", (now - timedelta(minutes=20)).astimezone(LONDON))
    )
    daily = ws.save_meeting(
        Meeting(ana, "Stand-up", datetime(2026, 5, 1, 14, 0, tzinfo=LONDON), rrule="FREQ=DAILY")
    )
    cancelled = datetime(2026, 6, 2, 14, 0, tzinfo=LONDON)
    ws.meetings.record_occurrence(
        OccurrenceRecord(daily.id or 0, cancelled, OccurrenceStatus.CANCELLED, reason="Holiday")
    )
    shown = ws.upcoming(now=now, days=14, limit=4)
    assert [(u.occurrence.meeting.title, u.occurrence.start.day) for u in shown] == [
        ("Running", 1), ("Stand-up", 1), ("Stand-up", 3), ("Stand-up", 4),
    ]  # fmt: skip
    assert ended.id not in {u.occurrence.meeting.id for u in shown}
    assert shown[0].occurrence.meeting.id == running.id
    # Page sizes never change the answer: many rows that ``keep`` drops force a second page.
    for _ in range(30):
        ws.save_meeting(Meeting(ana, "Ended", (now - timedelta(minutes=100)).astimezone(LONDON),
                                timedelta(minutes=15)))  # fmt: skip
    again = ws.upcoming(now=now, days=14, limit=4)
    assert [u.occurrence for u in again] == [u.occurrence for u in shown]


def test_recompute_utc_rebuilds_the_rows(ws: Workspace, ana: int) -> None:
    series = ws.save_meeting(
        Meeting(ana, "1:1", datetime(2026, 3, 2, 9, 0, tzinfo=NEW_YORK), rrule="FREQ=WEEKLY")
    )
    before = table_rows(ws, series.id or 0)
    # As if the zone's rules had changed under the stored rows.
    ws.db.conn.execute("UPDATE meeting_instances SET start_utc = '2000-01-01T00:00:00Z'")
    ws.db.conn.execute("DELETE FROM meeting_instances WHERE original_start_local > '2027'")
    ws.settings_repo.set_values({"tz_database_version": "an older release"})
    assert ws.refresh_derived_times() > 0
    assert table_rows(ws, series.id or 0) == before


def test_a_window_past_the_horizon_is_expanded_and_the_horizon_moves_on(
    ws: Workspace, ana: int
) -> None:
    start = datetime(2026, 1, 6, 18, 0, tzinfo=LONDON)
    series = ws.save_meeting(Meeting(ana, "1:1", start, rrule="FREQ=WEEKLY;BYDAY=TU"))
    (until,) = ws.db.conn.execute(
        "SELECT instances_until FROM meetings WHERE id = ?", (series.id,)
    ).fetchone()
    far = from_iso(until) + timedelta(days=1000)
    window = (far, far + timedelta(days=21))
    assert keys(ws, *window) == [
        (series.id, o, o, OccurrenceStatus.SCHEDULED)
        for o in brute_force(start, series.rrule, *window)
    ]
    assert len(keys(ws, *window)) == 3
    assert ws.meetings.extend_instances() == 0  # nothing is near its horizon yet
    later = datetime.now(UTC) + timedelta(days=500)
    assert ws.meetings.extend_instances(now=later) == 1
    last = table_rows(ws, series.id or 0)[-1][1]
    assert from_iso(last) > later + HORIZON - timedelta(days=8)


def test_a_series_too_long_to_list_is_cut_but_still_answers(ws: Workspace, ana: int) -> None:
    start = datetime(2005, 1, 1, 8, 0, tzinfo=LONDON)
    daily = ws.save_meeting(Meeting(ana, "Journal", start, rrule="FREQ=DAILY"))
    assert len(table_rows(ws, daily.id or 0)) == MAX_OCCURRENCES
    window = (datetime(2026, 3, 27, tzinfo=UTC), datetime(2026, 4, 2, tzinfo=UTC))
    found = keys(ws, *window)
    assert [o[1] for o in found] == brute_force(start, "FREQ=DAILY", *window)
    # The rows cannot grow, so opening the file does not rebuild them each time.
    assert ws.meetings.extend_instances() == 0


def _apply_first_migration(path: Path) -> sqlite3.Connection:
    conn, _pending = connect(path)
    migrate(conn, before=MIGRATION_NAMES[1])
    return conn


def test_a_database_made_before_the_table_gets_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = _apply_first_migration(path)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["m001_initial"]
    stamp = "2026-01-01T00:00:00Z"
    conn.execute(
        "INSERT INTO mentees (id, name, time_zone, created_at, updated_at)"
        " VALUES (1, 'Ana', 'Europe/London', ?, ?)",
        (stamp, stamp),
    )
    meetings = [
        (1, "2026-03-02T09:00", "America/New_York", "FREQ=WEEKLY;COUNT=4", "2026-03-02T14:00:00Z"),
        (2, "2026-03-04T17:30", "Europe/London", None, "2026-03-04T17:30:00Z"),
        (3, "2026-03-03T10:00", "Europe/London", "FREQ=WEEKLY;BYDAY=TU", "2026-03-03T10:00:00Z"),
    ]
    for id_, local, zone, rule, start_utc in meetings:
        conn.execute(
            "INSERT INTO meetings (id, mentee_id, title, start_local, zone, duration_minutes,"
            " rrule, start_utc, created_at, updated_at) VALUES (?, 1, '1:1', ?, ?, 45, ?, ?, ?, ?)",
            (id_, local, zone, rule, start_utc, stamp, stamp),
        )
    conn.execute(
        "INSERT INTO meeting_occurrences (meeting_id, original_start_local, original_start_utc,"
        " status, new_start_local, recorded_at)"
        " VALUES (3, '2026-03-10T10:00', '2026-03-10T10:00:00Z', 'moved', '2026-03-12T16:00', ?)",
        (stamp,),
    )
    conn.close()

    with Workspace.open(path) as ws:
        assert ws.check() == []
        assert [local for local, _ in table_rows(ws, 1)] == [
            "2026-03-02T09:00", "2026-03-09T09:00", "2026-03-16T09:00", "2026-03-23T09:00",
        ]  # fmt: skip
        assert table_rows(ws, 2) == [("2026-03-04T17:30", "2026-03-04T17:30:00Z")]
        window = keys(ws, datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 14, tzinfo=UTC))
        assert [(o[0], o[2].isoformat(), o[3]) for o in window] == [
            (1, "2026-03-09T09:00:00-04:00", OccurrenceStatus.SCHEDULED),
            (3, "2026-03-12T16:00:00+00:00", OccurrenceStatus.MOVED),
        ]


def test_the_bulk_load_writes_the_rows_the_repository_would(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    with Workspace.open(tmp_path / "large.db") as ws:
        write_large(ws, now, scale=0.004)
        query = (
            "SELECT meeting_id, original_start_local, start_utc FROM meeting_instances"
            " WHERE start_utc < ? ORDER BY 1, 2"
        )
        # Endless series stop at a horizon counted from the clock: compare well inside it.
        inside = (utc_iso(now + HORIZON - timedelta(days=2)),)
        loaded = ws.db.conn.execute(query, inside).fetchall()
        assert len(loaded) > ws.meetings.count()  # series have several rows each
        ws.meetings.recompute_utc()
        assert ws.db.conn.execute(query, inside).fetchall() == loaded
