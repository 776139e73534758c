"""Backup thinning keeps exactly the promised set, in the mentor's own calendar.

The expected sets are written out by hand from a calendar (which days are Sundays, which
are the last of their month), not computed the way the policy computes them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentordesk.domain.backup_policy import BackupInfo, keep

NOW = datetime(2026, 3, 15, 10, 10, tzinfo=UTC)  # a Sunday
HALF_HOUR = timedelta(minutes=30)
MB = 1024**2


@cache
def every_half_hour(days: int, end: datetime = NOW, size: int = MB) -> list[BackupInfo]:
    """Backups at :00 and :30 UTC for ``days`` days up to ``end``, oldest first (don't mutate)."""
    last = end.replace(minute=0 if end.minute < 30 else 30, second=0, microsecond=0)
    times = [last - HALF_HOUR * k for k in range(days * 48)][::-1]
    return [BackupInfo(Path(f"b{k}.db"), t, size) for k, t in enumerate(times)]


# The mentor's calendar around NOW (Sunday 15 March 2026), written out by hand.
DAYS = [date(2026, 3, d) for d in range(4, 15)]  # with 15 March: the 12 most recent days
SUNDAYS = [  # the 10 most recent ISO weeks: this one (ends today) and these nine
    date(2026, 3, 8),
    date(2026, 3, 1),
    date(2026, 2, 22),
    date(2026, 2, 15),
    date(2026, 2, 8),
    date(2026, 2, 1),
    date(2026, 1, 25),
    date(2026, 1, 18),
    date(2026, 1, 11),
]
MONTH_ENDS = [  # the 9 most recent months: March (so far) and these eight
    date(2026, 2, 28),
    date(2026, 1, 31),
    date(2025, 12, 31),
    date(2025, 11, 30),
    date(2025, 10, 31),
    date(2025, 9, 30),
    date(2025, 8, 31),
    date(2025, 7, 31),
]


def promised(zone: ZoneInfo) -> set[datetime]:
    """Every backup of the last 24 h, plus each listed day's last backup, 23:30 local."""
    recent = {NOW.replace(minute=0) - HALF_HOUR * k for k in range(48)}  # 14 Mar 10:30 on
    day_ends = {
        datetime.combine(d, time(23, 30), tzinfo=zone).astimezone(UTC)
        for d in [*DAYS, *SUNDAYS, *MONTH_ENDS]
    }
    return recent | day_ends


def kept_times(result_keep: list[BackupInfo]) -> set[datetime]:
    return {b.created_at for b in result_keep}


@pytest.mark.parametrize(
    "zone_name",
    # New York changes its clocks on 8 March 2026 and 2 November 2025 (inside the windows);
    # Auckland is a day ahead of UTC; Kolkata is half an hour off the UTC hour.
    ["UTC", "America/New_York", "Pacific/Auckland", "Asia/Kolkata"],
)
def test_400_days_of_half_hourly_backups_keep_exactly_the_promised_set(zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    backups = every_half_hour(400)
    result = keep(backups, NOW, zone=zone)
    expected = promised(zone)
    assert kept_times(result.keep) == expected
    assert len(result.keep) == 48 + 10 + 8 + 8  # recent, older days, older weeks, months
    assert {b.created_at for b in result.drop} == {b.created_at for b in backups} - expected
    assert result.dropped_for_size == []
    assert result.keep[0].created_at == backups[-1].created_at  # newest first


def test_thinning_as_time_passes_keeps_the_same_set_as_thinning_once() -> None:
    """The app thins after each backup; what survives must not depend on how often."""
    zone = ZoneInfo("America/New_York")
    history = every_half_hour(400)
    folder: list[BackupInfo] = []
    for start in range(0, len(history), 48 * 3 + 7):  # every ~3 days, at varying hours
        chunk = history[start : start + 48 * 3 + 7]
        thinned_at = chunk[-1].created_at + timedelta(minutes=2)
        folder = keep([*folder, *chunk], thinned_at, zone=zone).keep[::-1]
    final = keep(folder, NOW, zone=zone)
    assert kept_times(final.keep) == promised(zone)


def test_days_without_backups_do_not_use_up_the_history() -> None:
    """A mentor away for two months still has a backup for each of their last 12 days."""
    zone = ZoneInfo("Europe/Lisbon")
    before_break = every_half_hour(30, end=datetime(2026, 1, 10, 18, 0, tzinfo=UTC))
    result = keep(before_break, NOW, zone=zone)
    last_days = {b.created_at for b in result.keep if b.created_at.date() >= date(2025, 12, 30)}
    expected_days = {
        datetime.combine(date(2025, 12, 30) + timedelta(days=k), time(23, 30), tzinfo=zone)
        for k in range(11)
    } | {datetime(2026, 1, 10, 18, 0, tzinfo=UTC)}  # 10 January's last, at 18:00
    assert last_days == expected_days
    # ... and the last backup of the three Sundays before, for their weeks.
    assert len(result.keep) == 12 + 3


def test_the_size_cap_drops_the_oldest_first_and_says_so() -> None:
    backups = every_half_hour(400, size=100 * MB)
    result = keep(backups, NOW, 2000 * MB, zone=UTC)
    assert len(result.keep) == 20  # 20 x 100 MB fit in the cap
    assert sum(b.size for b in result.keep) <= 2000 * MB
    full = keep(backups, NOW, 10**15, zone=UTC).keep
    assert result.keep == full[:20]  # the newest of the promised set
    assert result.dropped_for_size == full[20:]
    assert set(result.dropped_for_size) <= set(result.drop)


def test_the_newest_backup_is_kept_even_when_it_alone_is_over_the_cap() -> None:
    backups = every_half_hour(2, size=MB)
    huge = BackupInfo(Path("huge.db"), NOW, 3 * 1024**3)
    result = keep([*backups, huge], NOW, zone=UTC)
    assert result.keep == [huge]
    assert len(result.drop) == len(backups)
    assert 0 < len(result.dropped_for_size) < len(backups)


def test_backups_made_in_the_same_second_count_in_the_order_given() -> None:
    moment = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    first, second = (BackupInfo(Path(n), moment, MB) for n in ("a.db", "a-2.db"))
    result = keep([first, second], moment + timedelta(hours=1), 1 * MB, zone=UTC)
    assert result.keep == [second] and result.dropped_for_size == [first]


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        keep([], datetime(2026, 1, 1), zone=UTC)
    with pytest.raises(ValueError, match="time zone"):
        keep([BackupInfo(Path("x.db"), datetime(2026, 1, 1), 1)], NOW, zone=UTC)


moments = st.lists(
    st.integers(min_value=0, max_value=500 * 24 * 60).map(
        lambda m: datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=m)
    ),
    max_size=120,
    unique=True,
).map(sorted)


@settings(max_examples=80, deadline=None)
@given(times=moments, cut=st.floats(0, 1), zone_name=st.sampled_from(["UTC", "Asia/Tokyo"]))
def test_thinning_twice_or_in_steps_changes_nothing(
    times: list[datetime], cut: float, zone_name: str
) -> None:
    zone = ZoneInfo(zone_name)
    backups = [BackupInfo(Path(f"{i}.db"), t, 1) for i, t in enumerate(times)]
    end = (times[-1] if times else NOW) + timedelta(minutes=5)
    once = keep(backups, end, zone=zone).keep
    assert keep(once[::-1], end, zone=zone).keep == once
    split = int(len(backups) * cut)
    if split:
        earlier = keep(backups[:split], backups[split - 1].created_at, zone=zone).keep
        assert keep([*earlier[::-1], *backups[split:]], end, zone=zone).keep == once
