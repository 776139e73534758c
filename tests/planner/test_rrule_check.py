"""One check for every recurrence rule before anything expands it, and expansion that
always ends: no rule, however odd, hangs or overflows."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentordesk.domain.date_window import FIRST_YEAR, LAST_YEAR
from mentordesk.domain.errors import ValidationError
from mentordesk.planner.recurrence import expand, last_occurrence, starts_until, validate_rrule
from mentordesk.planner.series import occurrences

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 3, 8, 9, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be 1 to 366"),
        ("FREQ=DAILY;INTERVAL=-1", "INTERVAL must be 1 to 366"),
        ("FREQ=MINUTELY", "daily at most"),
        ("INTERVAL=1;FREQ=MINUTELY", "daily at most"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT must be 1 to 5000"),
        ("FREQ=WEEKLY;COUNT=99999999999", "COUNT must be 1 to 5000"),
        ("FREQ=WEEKLY;UNTIL=99991231T000000", "UNTIL must lie in 1900–2200"),
        ("FREQ=WEEKLY;UNTIL=2027-01-01", "UNTIL must be a date"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "not both"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY value '32' is out of range"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY value '0' is out of range"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH value '13'"),
        ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO value '54'"),
        ("FREQ=MONTHLY;BYDAY=6MO", "at most 5 of each weekday"),
        ("FREQ=YEARLY;BYDAY=54MO", "BYDAY value '54MO'"),
        ("FREQ=MONTHLY;BYDAY=XX", "BYDAY value 'XX'"),
        ("FREQ=DAILY;BYHOUR=9,10", "once a day at most"),
        ("FREQ=DAILY;BYMINUTE=" + ",".join(map(str, range(60))), "at most 64"[:6]),
        ("FREQ=DAILY;BYHOUR=24", "BYHOUR value '24'"),
        ("FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice"),
        ("FREQ=WEEKLY;X-NAME=1", "X-NAME is not a part"),
        ("FREQ=WEEKLY;INTERVAL", "not KEY=VALUE"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "no date matches it"),
        ("FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=-31", "no date matches it"),
        ("FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1", "no date matches it"),
        ("FREQ=DAILY;BYYEARDAY=366;BYMONTH=1", "BYYEARDAY goes only with FREQ=YEARLY"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY goes only with"),
        ("FREQ=DAILY;BYDAY=1MO", "needs FREQ=MONTHLY or YEARLY"),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "no date matches it"),  # starts on a Sunday
        ("FREQ=WEEKLY;" + "WKST=MO;" * 100, "at most 500"),
    ],
)
def test_each_absurd_rule_is_refused_with_what_to_fix(rule: str, says: str) -> None:
    began = time.perf_counter()
    with pytest.raises(ValidationError) as refused:
        validate_rrule(rule, START)
    assert refused.value.field == "rrule"
    assert says in refused.value.message
    # Every entry point expands through the same check, so none of them hangs.
    with pytest.raises(ValidationError):
        list(expand(START, rule, START, START + timedelta(days=30)))
    with pytest.raises(ValidationError):
        starts_until(START, rule, START + timedelta(days=30))
    with pytest.raises(ValidationError):
        last_occurrence(START, rule)
    with pytest.raises(ValidationError):
        occurrences(START, rule)
    assert time.perf_counter() - began < 1


def test_a_start_outside_the_window_is_refused() -> None:
    for year in (1, 1899, 2201, 9999):
        start = START.replace(year=year)
        with pytest.raises(ValidationError, match=f"{FIRST_YEAR}–{LAST_YEAR}"):
            validate_rrule("FREQ=DAILY", start)


def test_sound_rules_pass_unchanged() -> None:
    for rule in (
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",  # leap days: once in four years
        "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20270101T235959",
        "FREQ=DAILY;COUNT=5000",
        "freq=weekly;wkst=su",
    ):
        assert validate_rrule("RRULE:" + rule, START) == rule


def test_a_count_the_rule_cannot_reach_stops_at_the_window_end() -> None:
    # Feb 29 in 2200-era years: dateutil alone would search to year 9999 for the rest.
    began = time.perf_counter()
    start = datetime(2180, 2, 29, 9, tzinfo=LONDON)
    rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=5000"
    assert last_occurrence(start, rule) == datetime(2196, 2, 29, 9, tzinfo=LONDON)
    assert time.perf_counter() - began < 1


_PARTS = st.sampled_from(
    ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO",
     "BYMONTH", "BYSETPOS", "BYHOUR", "BYMINUTE", "BYSECOND", "WKST", "X"]
)  # fmt: skip
_VALUES = st.one_of(
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "SECONDLY", "MO",
                     "-1FR", "53SU", "20270101T000000", "00010101", "99991231T235959Z"]),
    st.integers(-400, 400).map(str),
    st.lists(st.integers(-60, 60).map(str), min_size=1, max_size=5).map(",".join),
    st.text(alphabet="0123456789,;=+-TZMOWE", max_size=12),
)  # fmt: skip
_RULES = st.lists(st.tuples(_PARTS, _VALUES), min_size=1, max_size=6).map(
    lambda parts: ";".join(f"{k}={v}" for k, v in parts)
)
_EDGE_STARTS = st.sampled_from(
    [
        datetime(FIRST_YEAR, 1, 1, 0, 0), datetime(LAST_YEAR, 12, 31, 23, 59),
        datetime(1, 1, 1, 9), datetime(9999, 12, 31, 23), datetime(2026, 3, 29, 1, 30),
        datetime(2026, 10, 25, 1, 30), datetime(2011, 12, 30, 9),
    ]
)  # fmt: skip
_ZONES = st.sampled_from(["Europe/London", "Pacific/Apia", "Pacific/Kiritimati", "UTC",
                          "America/St_Johns"])  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=st.one_of(_RULES, st.text(max_size=40)),
    naive=st.one_of(_EDGE_STARTS, st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 30))),
    zone=_ZONES,
)
def test_any_rule_and_start_returns_or_refuses_within_a_bound(
    rule: str, naive: datetime, zone: str
) -> None:
    start = naive.replace(tzinfo=ZoneInfo(zone))
    began = time.perf_counter()
    try:
        cleaned = validate_rrule(rule, start)
    except ValidationError as exc:
        assert exc.field == "rrule" and exc.message
        return
    if not cleaned:
        return  # a single meeting: nothing to expand
    now = datetime(2026, 11, 25, tzinfo=UTC)
    listed, _ = starts_until(start, cleaned, max(now, start) + timedelta(days=730))
    assert len(listed) <= 5000
    window = list(expand(start, cleaned, now, now + timedelta(days=31)))
    assert all(now <= w < now + timedelta(days=31) for w in window)
    last_occurrence(start, cleaned)
    assert time.perf_counter() - began < 5
