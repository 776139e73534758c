"""The OS zone and the stored wall-clock form."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from mentordesk.planner.zones import format_wall, parse_wall, system_zone, utc_iso


def test_system_zone_follows_tz_and_ignores_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Kathmandu")
    assert system_zone() == "Asia/Kathmandu"
    monkeypatch.setenv("TZ", "../../etc/passwd")
    assert system_zone() != "../../etc/passwd"
    monkeypatch.setenv("TZ", "Nowhere/Land")
    assert system_zone() != "Nowhere/Land"


def test_wall_clock_round_trip_keeps_the_fold() -> None:
    second = parse_wall("2026-11-01T01:30", "America/New_York", fold=1)
    assert format_wall(second) == "2026-11-01T01:30"
    assert utc_iso(second) == "2026-11-01T06:30:00Z"  # the second 01:30, in EST
    first = datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo("America/New_York"))
    assert utc_iso(first) == "2026-11-01T05:30:00Z"
