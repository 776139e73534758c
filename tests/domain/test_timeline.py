"""The timeline's date ↔ pixel mapping: each zoom, a year-long range, the inverse on every
pixel of a day, and the header's ticks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.timeline import (
    PX_PER_DAY,
    TimeScale,
    Zoom,
    scale_for,
    zoom_in,
    zoom_out,
)

DAYS = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@pytest.mark.parametrize("zoom", list(Zoom))
def test_a_day_maps_to_its_band_and_back_at_every_zoom(zoom: Zoom) -> None:
    scale = TimeScale(date(2026, 12, 1), date(2027, 3, 31), zoom)
    width = PX_PER_DAY[zoom]
    assert scale.x(date(2026, 12, 1)) == 0
    assert scale.x(date(2026, 12, 11)) == 10 * width
    assert scale.centre(date(2026, 12, 11)) == 10.5 * width
    assert scale.end(date(2026, 12, 11)) == 11 * width
    # Every pixel of the band is that day; the next band is the next day.
    assert scale.day_at(10 * width) == date(2026, 12, 11)
    assert scale.day_at(11 * width - 0.01) == date(2026, 12, 11)
    assert scale.day_at(11 * width) == date(2026, 12, 12)
    # Before the first day and past the last (a drag past the edge) still answer.
    assert scale.day_at(-0.5) == date(2026, 11, 30)
    assert scale.day_at(scale.width + width) == date(2027, 4, 2)


def test_a_range_spanning_a_year_is_as_wide_as_its_days() -> None:
    scale = TimeScale(date(2026, 1, 1), date(2026, 12, 31), Zoom.MONTHS)
    assert scale.width == 365 * 4.0
    assert scale.x(date(2027, 1, 1)) == scale.width
    leap = TimeScale(date(2028, 1, 1), date(2028, 12, 31), Zoom.QUARTERS)
    assert leap.width == 366 * 1.25
    assert leap.day_at(leap.x(date(2028, 2, 29))) == date(2028, 2, 29)


def test_zooming_in_widens_the_same_days() -> None:
    days = [date(2026, 12, 1), date(2027, 6, 30)]
    widths = [scale_for(days, date(2026, 12, 6), z).width for z in (Zoom.QUARTERS, Zoom.MONTHS)]
    weeks = scale_for(days, date(2026, 12, 6), Zoom.WEEKS).width
    assert widths[0] < widths[1] < weeks
    assert zoom_in(Zoom.QUARTERS) is Zoom.MONTHS and zoom_in(Zoom.MONTHS) is Zoom.WEEKS
    assert zoom_in(Zoom.WEEKS) is Zoom.WEEKS
    assert zoom_out(Zoom.WEEKS) is Zoom.MONTHS and zoom_out(Zoom.QUARTERS) is Zoom.QUARTERS


@given(DAYS, st.integers(0, 800), st.sampled_from(list(Zoom)))
def test_day_at_inverts_x_at_the_start_centre_and_end_of_a_band(
    first: date, offset: int, zoom: Zoom
) -> None:
    scale = TimeScale(first, first + timedelta(days=800), zoom)
    day = first + timedelta(days=offset)
    assert scale.day_at(scale.x(day)) == day
    assert scale.day_at(scale.centre(day)) == day
    assert scale.day_at(scale.end(day) - 0.001) == day


def test_the_scale_shows_every_date_and_today_with_room_on_both_sides() -> None:
    today = date(2026, 12, 6)
    days = [date(2027, 2, 14), date(2026, 11, 20)]
    weeks = scale_for(days, today, Zoom.WEEKS)
    assert weeks.first.weekday() == 0 and weeks.first <= date(2026, 11, 13)
    assert weeks.last >= date(2027, 2, 21)
    months = scale_for([], today, Zoom.MONTHS)
    assert months.first.day == 1 and months.first <= today <= months.last


def test_ticks_name_mondays_months_and_quarters() -> None:
    weeks = TimeScale(date(2026, 11, 30), date(2026, 12, 20), Zoom.WEEKS).ticks()
    assert [(t.day, t.label, t.major) for t in weeks] == [
        (date(2026, 11, 30), "30 Nov", False),
        (date(2026, 12, 7), "7 Dec 2026", True),
        (date(2026, 12, 14), "14 Dec", False),
    ]
    months = TimeScale(date(2026, 11, 15), date(2027, 2, 1), Zoom.MONTHS).ticks()
    assert [t.label for t in months] == ["Dec", "Jan 2027", "Feb"]
    assert [t.major for t in months] == [False, True, False]
    quarters = TimeScale(date(2026, 11, 1), date(2027, 10, 1), Zoom.QUARTERS).ticks()
    assert [t.label for t in quarters] == ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"]


def test_a_date_centuries_away_does_not_stretch_the_axis_past_what_qt_can_show() -> None:
    today = date(2026, 12, 6)
    days = [date(1, 1, 1), date(9999, 12, 31), date(2027, 3, 1)]
    for zoom in Zoom:
        scale = scale_for(days, today, zoom)
        assert scale.first <= today and scale.last >= date(2027, 3, 1)
        assert scale.width < 16_777_215
        assert scale.x(date(1, 1, 1)) < 0 < scale.width < scale.x(date(9999, 12, 31))
