"""Revisions come every ten minutes of typing or after ten idle minutes; old ones thin out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.revisions import revision_due, revision_reason, thin

T0 = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


def test_nothing_is_due_without_unrevised_edits() -> None:
    assert not revision_due(T0, T0, None, T0 + 60 * MIN)
    assert not revision_due(None, None, None, T0)


def test_ten_idle_minutes_after_an_edit_make_a_revision() -> None:
    edit = T0 + 2 * MIN  # one edit, then nothing
    assert revision_reason(None, edit, edit, T0 + 11 * MIN) is None
    assert revision_reason(None, edit, edit, T0 + 12 * MIN) == "idle"


def test_ten_minutes_of_typing_make_a_revision_even_without_a_pause() -> None:
    """The mentor saves every 30 s for half an hour: a revision each ten minutes of edits."""
    taken: list[datetime] = []
    revised: datetime | None = None
    first_unrevised: datetime | None = None
    last_edit: datetime | None = None
    for step in range(61):
        now = T0 + step * timedelta(seconds=30)
        if revision_due(revised, last_edit, first_unrevised, now):
            taken.append(now)
            revised, first_unrevised = now, None
        else:
            first_unrevised = first_unrevised or now
        last_edit = now
    # The save that takes a revision starts the next ten minutes (at 10:30).
    assert taken == [T0 + 10 * MIN, T0 + 20 * MIN + timedelta(seconds=30)]
    assert revision_reason(revised, last_edit, first_unrevised, T0 + 31 * MIN) == "editing"


def test_a_revision_long_ago_does_not_make_the_next_keystroke_a_revision() -> None:
    long_ago = T0 - timedelta(days=3)
    assert not revision_due(long_ago, T0, T0, T0 + timedelta(seconds=1))


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        revision_due(None, None, T0.replace(tzinfo=None), T0)


def _days_of(times: set[datetime]) -> dict[date, int]:
    counts: dict[date, int] = {}
    for t in times:
        counts[t.date()] = counts.get(t.date(), 0) + 1
    return counts


def test_thinning_over_simulated_weeks_keeps_a_week_whole_then_one_a_day() -> None:
    """Eight revisions a working day for five weeks, thinned at each day's end."""
    kept: set[datetime] = set()
    for day in range(35):
        for hour in range(8):
            kept.add(T0 + timedelta(days=day, hours=hour))
        now = T0 + timedelta(days=day, hours=12)
        kept = thin(sorted(kept), now)
    counts = _days_of(kept)
    cutoff = now - timedelta(days=7)
    for d, n in counts.items():
        if d > cutoff.date():
            assert n == 8, d
        else:
            assert n == 1, d
    assert len(counts) == 35  # every day still has its revision
    newest_of_first_day = T0 + timedelta(hours=7)
    assert newest_of_first_day in kept


def test_thinning_keeps_every_recent_revision_and_the_newest_of_each_older_day() -> None:
    now = datetime(2027, 3, 20, 12, tzinfo=UTC)
    times = [
        now - timedelta(days=1),
        now - timedelta(days=6, hours=23),
        datetime(2027, 3, 1, 8, tzinfo=UTC),
        datetime(2027, 3, 1, 23, 59, tzinfo=UTC),
        datetime(2027, 2, 28, 9, tzinfo=UTC),
    ]
    assert thin(times, now) == {
        times[0],
        times[1],
        datetime(2027, 3, 1, 23, 59, tzinfo=UTC),
        datetime(2027, 2, 28, 9, tzinfo=UTC),
    }


_TIMES = st.lists(
    st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2026, 3, 1), timezones=st.just(UTC)
    ),
    max_size=40,
)


@given(_TIMES, st.integers(0, 90), st.integers(0, 30))
def test_thinning_is_stable_and_never_empties_a_day(
    times: list[datetime], day: int, later: int
) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day)
    kept = thin(times, now)
    assert kept <= set(times)
    assert thin(sorted(kept), now) == kept
    # Thinning later again drops only what the rule drops from scratch at that time.
    later_now = now + timedelta(days=later)
    assert thin(sorted(kept), later_now) == thin(times, later_now)
    assert {t.date() for t in kept} == {t.date() for t in times}
