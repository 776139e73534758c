"""Wall-clock checks, a series seen from several zones, and the drift warning."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentordesk.planner.series import check_wall_time, drift, occurrences

NEW_YORK = ZoneInfo("America/New_York")
ZONES = sorted(zoneinfo.available_timezones())
zones = st.sampled_from(ZONES)
walls = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 1)).map(
    lambda d: d.replace(second=0, microsecond=0, minute=d.minute - d.minute % 15)
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_new_york_spring_gap_offers_the_hour_before_and_after() -> None:
    check = check_wall_time(datetime(2026, 3, 8, 2, 30), "America/New_York")
    assert check.status == "gap"
    assert [c.strftime("%H:%M") for c in check.choices] == ["01:30", "03:30"]
    assert check.message == (
        "02:30 does not exist on 2026-03-08 in America/New_York"
        " (clocks jump from 02:00 to 03:00) — choose 01:30 or 03:30."
    )


def test_new_york_fall_fold_names_both_readings() -> None:
    check = check_wall_time(datetime(2026, 11, 1, 1, 30), "America/New_York")
    assert check.status == "fold"
    first, second = check.choices
    assert first.astimezone(UTC).hour == 5 and second.astimezone(UTC).hour == 6
    assert "UTC-04:00 (05:30 UTC)" in check.message and "UTC-05:00 (06:30 UTC)" in check.message
    assert "from 02:00 to 01:00" in check.message


def test_lord_howe_moves_half_an_hour() -> None:
    gap = check_wall_time(datetime(2026, 10, 4, 2, 15), "Australia/Lord_Howe")
    assert gap.status == "gap"
    assert [c.strftime("%H:%M") for c in gap.choices] == ["01:45", "02:45"]
    fold = check_wall_time(datetime(2026, 4, 5, 1, 45), "Australia/Lord_Howe")
    assert fold.status == "fold" and "from 02:00 to 01:30" in fold.message


def test_apia_skipped_a_whole_day() -> None:
    check = check_wall_time(datetime(2011, 12, 30, 10, 0), "Pacific/Apia")
    assert check.status == "gap"
    assert "2011-12-29 10:00 or 2011-12-31 10:00" in check.message


def test_an_ordinary_time_is_ok() -> None:
    assert check_wall_time(datetime(2026, 6, 1, 9, 0), "Asia/Kathmandu").status == "ok"


@FAST
@given(zones, walls)
def test_every_wall_time_round_trips_or_is_reported(name: str, naive: datetime) -> None:
    check = check_wall_time(naive, name)
    tz = ZoneInfo(name)
    if check.status == "ok":
        aware = naive.replace(tzinfo=tz)
        assert aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive
    elif check.status == "fold":
        first, second = check.choices
        assert first.astimezone(UTC) < second.astimezone(UTC)
        for reading in check.choices:
            assert reading.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive
    else:
        for choice in check.choices:  # both alternatives really exist
            back = choice.astimezone(UTC).astimezone(tz)
            assert back.replace(tzinfo=None) == choice.replace(tzinfo=None)


def test_new_york_london_drift_in_march_and_november() -> None:
    start = datetime(2026, 2, 23, 9, 0, tzinfo=NEW_YORK)
    series = occurrences(start, "FREQ=WEEKLY;UNTIL=20261130T000000", ["Europe/London"])
    warnings = drift(series, "America/New_York")
    days = [w.occurrence.utc.date().isoformat() for w in warnings]
    # US moves 8 March / 1 November, the UK 29 March / 25 October.
    assert days == ["2026-03-09", "2026-03-16", "2026-03-23", "2026-10-26"]
    assert warnings[0].message == (
        "13:00 on Mon 2026-03-09 in Europe/London instead of the usual 14:00"
    )
    moved = [o.utc.date().isoformat() for o in series if o.moved_for]
    assert moved == days
    assert all(o.local["America/New_York"].hour == 9 for o in series)


def test_sydney_los_angeles_move_in_opposite_directions() -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))
    series = occurrences(start, "FREQ=WEEKLY;COUNT=8", ["America/Los_Angeles"])
    la = [o.local["America/Los_Angeles"] for o in series]
    # 14:00 PST the day before, 15:00 PDT after 8 March, 16:00 after Sydney's 5 April.
    assert [t.hour for t in la] == [14, 15, 15, 15, 15, 16, 16, 16]
    assert all(
        t.date() < o.local["Australia/Sydney"].date() for t, o in zip(la, series, strict=True)
    )
    assert [o.moved_for for o in series][1:] == [("America/Los_Angeles",)] * 7
    assert len(drift(series, "Australia/Sydney")) == 4  # the usual is 15:00, seen four times


def test_kathmandu_is_exact_to_the_quarter_hour() -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Kathmandu"))
    series = occurrences(start, "FREQ=WEEKLY;COUNT=30", ["Europe/Berlin"])
    berlin = {o.local["Europe/Berlin"].strftime("%H:%M") for o in series}
    assert berlin == {"04:15", "05:15"}
    assert all(o.utc.minute == 15 for o in series)


def test_gap_and_fold_occurrences_are_flagged() -> None:
    start = datetime(2026, 3, 1, 2, 30, tzinfo=NEW_YORK)
    gap = occurrences(start, "FREQ=WEEKLY;COUNT=3")
    assert gap[1].adjustment == "gap" and gap[1].local["America/New_York"].hour == 3
    assert gap[1].moved_for == ("America/New_York",) and "moved forward" in gap[1].note
    assert gap[2].adjustment == "" and gap[2].moved_for == ()
    start = datetime(2026, 10, 25, 1, 30, tzinfo=NEW_YORK)
    fold = occurrences(start, "FREQ=WEEKLY;COUNT=2")
    assert fold[1].adjustment == "fold"
    assert fold[1].utc == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # the first, EDT


def test_the_second_reading_of_a_fold_start_is_kept() -> None:
    start = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=1)
    series = occurrences(start, "FREQ=WEEKLY;COUNT=2")
    assert series[0].utc == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert series[0].adjustment == ""


def test_endless_rules_stop_at_the_limit() -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=NEW_YORK)
    assert len(occurrences(start, "FREQ=WEEKLY", limit=52)) == 52
    assert len(occurrences(start, "FREQ=WEEKLY;COUNT=60", limit=52)) == 60


def test_kiribati_date_line_shows_the_next_day() -> None:
    start = datetime(2026, 6, 1, 16, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    (only,) = occurrences(start, None, ["Pacific/Kiritimati"])
    assert (
        only.local["Pacific/Kiritimati"].isoformat(timespec="minutes") == "2026-06-02T13:00+14:00"
    )


@FAST
@given(zones, walls, st.sampled_from(["Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu"]))
def test_a_weekly_series_keeps_its_anchor_wall_time(name: str, wall: datetime, other: str) -> None:
    check = check_wall_time(wall, name)
    if check.status == "gap":
        return  # refused before a series is made
    start = wall.replace(tzinfo=ZoneInfo(name))
    series = occurrences(start, "FREQ=WEEKLY;COUNT=20", [other])
    for week, occ in enumerate(series):
        local = occ.local[name]
        # UTC round-trips: the instant, read in the anchor zone, comes back the same.
        assert local.astimezone(UTC) == occ.utc
        if occ.adjustment == "gap":
            assert name in occ.moved_for and local.replace(tzinfo=None) > wall + timedelta(
                weeks=week
            )
        else:
            assert local.replace(tzinfo=None) == wall + timedelta(weeks=week)
            assert local.time() == time(wall.hour, wall.minute)
            assert (name in occ.moved_for) == (local.date() != wall.date() + timedelta(weeks=week))
