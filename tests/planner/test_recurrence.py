"""Series expand in their anchor zone; RFC 5545 gap and fold readings."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.planner.recurrence import expand, last_occurrence, validate_rrule

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def test_weekly_series_keeps_its_wall_clock_across_dst() -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=NEW_YORK)
    found = list(
        expand(
            start,
            "FREQ=WEEKLY;COUNT=5",
            datetime(2026, 1, 1, tzinfo=UTC),
            datetime(2027, 1, 1, tzinfo=UTC),
        )
    )
    assert [o.hour for o in found] == [9] * 5
    # London sees the meeting move: 14:00, then 13:00 in the US-only DST weeks, 14:00 again.
    assert [o.astimezone(LONDON).hour for o in found] == [14, 13, 13, 13, 14]


def test_window_limits_the_expansion() -> None:
    start = datetime(2020, 1, 6, 9, 0, tzinfo=LONDON)
    window = (datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 12, 7, tzinfo=UTC))
    found = list(expand(start, "FREQ=WEEKLY", *window))
    assert [o.date().isoformat() for o in found] == ["2026-11-23", "2026-11-30"]


def test_an_occurrence_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    start = datetime(2026, 3, 1, 2, 30, tzinfo=NEW_YORK)
    window = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC))
    gap = list(expand(start, "FREQ=WEEKLY;COUNT=3", *window))[1]
    assert gap.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT


def test_finite_and_endless_series() -> None:
    start = datetime(2026, 1, 6, 18, 0, tzinfo=LONDON)
    assert last_occurrence(start, "FREQ=WEEKLY;COUNT=3") == datetime(2026, 1, 20, 18, tzinfo=LONDON)
    assert last_occurrence(start, "FREQ=WEEKLY") is None
    assert last_occurrence(start, None) == start


def test_bad_and_too_frequent_rules_are_refused() -> None:
    start = datetime(2026, 1, 6, 18, 0, tzinfo=LONDON)
    with pytest.raises(ValidationError, match="not valid") as err:
        validate_rrule("FREQ=FORTNIGHTLY", start)
    assert err.value.field == "rrule"
    with pytest.raises(ValidationError, match="daily at most"):
        validate_rrule("FREQ=SECONDLY;COUNT=1000000000", start)
    assert validate_rrule("RRULE:FREQ=MONTHLY;BYDAY=1TU", start) == "FREQ=MONTHLY;BYDAY=1TU"
