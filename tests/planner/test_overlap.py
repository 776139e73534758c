"""Overlap windows: everyone at work, everyone awake, exact for odd offsets."""

from __future__ import annotations

import itertools
import zoneinfo
from datetime import UTC, date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentordesk.domain.errors import ValidationError
from mentordesk.planner.overlap import Person, overlap, parse_days, parse_person

ZONES = sorted(zoneinfo.available_timezones())


def _hours(windows: list, zone: str) -> list[str]:
    return [
        f"{w.level} {w.local(zone):%H:%M}-{w.end.astimezone(ZoneInfo(zone)):%H:%M}" for w in windows
    ]


def test_new_york_london_in_the_march_mismatch_week() -> None:
    people = [
        parse_person("America/New_York@09:00-17:00"),
        parse_person("Europe/London@09:00-17:00"),
    ]
    normal = overlap(people, date(2026, 3, 2))
    mismatch = overlap(people, date(2026, 3, 9))
    assert _hours(normal, "America/New_York") == [
        "day 07:00-09:00",
        "work 09:00-12:00",
        "day 12:00-17:00",
    ]
    # For three weeks London is only four hours ahead: an hour more of shared work.
    assert _hours(mismatch, "America/New_York")[1] == "work 09:00-13:00"
    assert mismatch[1].local("Europe/London").strftime("%H:%M") == "13:00"


def test_kathmandu_adelaide_st_johns_are_exact() -> None:
    people = [
        parse_person("Asia/Kathmandu@09:00-18:00"),
        parse_person("Australia/Adelaide@08:00-17:00"),
    ]
    (work,) = [w for w in overlap(people, date(2026, 6, 1), slot=15) if w.level == "work"]
    assert work.start.strftime("%H:%M") == "03:15"  # 09:00 Kathmandu (+5:45)
    assert work.local("Australia/Adelaide").isoformat(timespec="minutes") == (
        "2026-06-01T12:45+09:30"
    )
    assert work.end.astimezone(ZoneInfo("Australia/Adelaide")).strftime("%H:%M") == "17:00"
    johns = overlap([parse_person("America/St_Johns@09:00-17:00")], date(2026, 1, 5))
    assert [w.start.strftime("%H:%M") for w in johns] == ["10:30", "12:30", "20:30"]


def test_chatham_and_lord_howe() -> None:
    people = [
        parse_person("Pacific/Chatham@08:00-18:00"),
        parse_person("Australia/Lord_Howe@08:00-18:00"),
    ]
    work = [w for w in overlap(people, date(2026, 1, 5), slot=15) if w.level == "work"]
    # Chatham +13:45, Lord Howe +11: Chatham's 10:45 is Lord Howe's 08:00.
    assert [w.local("Pacific/Chatham").strftime("%H:%M") for w in work] == ["10:45"]
    # Half-hour slots count from Chatham's midnight, so the first whole one starts 11:00.
    halves = [w for w in overlap(people, date(2026, 1, 5), slot=30) if w.level == "work"]
    assert [w.local("Pacific/Chatham").strftime("%H:%M") for w in halves] == ["11:00"]
    assert work[0].end.astimezone(ZoneInfo("Pacific/Chatham")).strftime("%H:%M") == "18:00"


def test_lord_howe_dst_day_is_23_and_a_half_hours() -> None:
    alone = [parse_person("Australia/Lord_Howe@00:00-23:45")]
    (window,) = overlap(alone, date(2026, 10, 4))
    # 00:00-23:45 on the day clocks skip 02:00-02:30: 23 h 15 min of real time.
    assert window.end - window.start == timedelta(hours=23, minutes=15)


def test_apia_across_the_date_line() -> None:
    people = [
        parse_person("Pacific/Apia@09:00-17:00@Mon-Fri"),
        parse_person("Pacific/Honolulu@09:00-17:00@Mon-Fri"),
    ]
    # Apia's Monday morning is Honolulu's Sunday: no working overlap on Monday.
    assert [w for w in overlap(people, date(2026, 6, 1)) if w.level == "work"] == []
    # Tuesday in Apia overlaps Honolulu's Monday afternoon.
    tuesday = overlap(people, date(2026, 6, 2))
    (work,) = [w for w in tuesday if w.level == "work"]
    assert work.local("Pacific/Honolulu").strftime("%a %H:%M") == "Mon 10:00"


def test_windows_are_merged_and_never_both_levels() -> None:
    people = [parse_person("Europe/Berlin@09:00-17:00"), parse_person("Europe/Paris@10:00-18:00")]
    windows = overlap(people, date(2026, 6, 1), days=3, slot=60)
    assert [w.level for w in windows] == ["day", "work", "day"] * 3
    for a, b in itertools.pairwise(windows):
        assert a.end <= b.start and not (a.end == b.start and a.level == b.level)


def test_weekday_ranges_and_bad_input() -> None:
    assert parse_days("Sun-Thu") == frozenset({7, 1, 2, 3, 4})
    assert parse_days("Mon,Wed") == frozenset({1, 3})
    weekend = overlap([parse_person("Europe/London@09:00-17:00@Mon-Fri")], date(2026, 6, 6))
    assert [w.level for w in weekend] == ["day"]
    with pytest.raises(ValidationError, match="cross midnight"):
        parse_person("America/Los_Angeles@22:00-06:00")
    with pytest.raises(ValidationError, match="did you mean Europe/London"):
        parse_person("Europe/Londn@09:00-17:00")
    with pytest.raises(ValidationError, match="not a weekday"):
        parse_person("Europe/London@09:00-17:00@Mon-Fry")
    with pytest.raises(ValidationError, match="ZONE@HH:MM-HH:MM"):
        parse_person("Europe/London")
    with pytest.raises(ValidationError, match="15, 30 or 60"):
        overlap([parse_person("Europe/London@09:00-17:00")], date(2026, 6, 1), slot=20)


hours = st.tuples(st.integers(0, 22), st.sampled_from([0, 15, 30, 45]), st.integers(1, 10)).map(
    lambda t: (time(t[0], t[1]), time(min(23, t[0] + t[2]), t[1]))
)
people = st.lists(
    st.builds(
        lambda zone, h, days: Person(zone, h[0], h[1], days),
        st.sampled_from(ZONES),
        hours,
        st.frozensets(st.integers(1, 7), min_size=1),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people, st.dates(date(2000, 1, 1), date(2037, 12, 30)), st.sampled_from([15, 30, 60]))
def test_work_windows_lie_inside_everyones_hours(folks: list[Person], day: date, slot: int) -> None:
    for window in overlap(folks, day, days=2, slot=slot):
        assert window.start.tzinfo == UTC and window.start.minute % 15 == 0
        for person in folks:
            tz = ZoneInfo(person.zone)
            begin, end = window.start.astimezone(tz), window.end.astimezone(tz)
            low, high = (
                (person.start, person.end) if window.level == "work" else (time(7), time(22))
            )
            assert begin.date() == end.date()
            assert low <= begin.time().replace(tzinfo=None) and end.time() <= high
            if window.level == "work":
                assert begin.isoweekday() in person.days
