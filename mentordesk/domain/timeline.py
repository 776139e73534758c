"""The roadmap timeline's time axis: where a date falls in pixels and which date a pixel is,
at three zooms (weeks, months, quarters), and the ticks and labels of its header.

A day is a band ``px_per_day`` wide: day ``d`` covers ``[x(d), x(d + 1))``. A milestone's
diamond sits at the middle of its day, and a goal's bar runs from the start of its first day
to the end of its last (a target is reached *on* that day). ``day_at`` is the inverse: every
pixel of a day's band answers that day, so a drag lands on the day under the pointer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Zoom(StrEnum):
    WEEKS = "weeks"
    MONTHS = "months"
    QUARTERS = "quarters"

    @property
    def label(self) -> str:
        return self.value.capitalize()


#: Width of a day at each zoom: a week's label fits in 7 days, a month's in ~30, a quarter's
#: in ~91, so the header never overlaps.
PX_PER_DAY = {Zoom.WEEKS: 16.0, Zoom.MONTHS: 4.0, Zoom.QUARTERS: 1.25}
#: Days kept empty before the first date and after the last, so nothing sits on the edge.
_PADDING = {Zoom.WEEKS: 7, Zoom.MONTHS: 14, Zoom.QUARTERS: 45}
_ORDER = (Zoom.QUARTERS, Zoom.MONTHS, Zoom.WEEKS)
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def zoom_in(zoom: Zoom) -> Zoom:
    """One step closer (quarters → months → weeks); weeks stays weeks."""
    return _ORDER[min(_ORDER.index(zoom) + 1, len(_ORDER) - 1)]


def zoom_out(zoom: Zoom) -> Zoom:
    return _ORDER[max(_ORDER.index(zoom) - 1, 0)]


@dataclass(frozen=True, slots=True)
class Tick:
    day: date
    label: str
    #: A major tick (a month at week zoom, a year at month and quarter zoom) is drawn darker.
    major: bool = False


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Days from ``first`` to ``last`` (both shown) at ``zoom``; x = 0 is the start of
    ``first``."""

    first: date
    last: date
    zoom: Zoom

    @property
    def px_per_day(self) -> float:
        return PX_PER_DAY[self.zoom]

    @property
    def width(self) -> float:
        return ((self.last - self.first).days + 1) * self.px_per_day

    def x(self, day: date) -> float:
        """The left edge of the day's band."""
        return (day - self.first).days * self.px_per_day

    def centre(self, day: date) -> float:
        return self.x(day) + self.px_per_day / 2

    def end(self, day: date) -> float:
        """The right edge of the day's band (where a bar ending that day stops)."""
        return self.x(day) + self.px_per_day

    def day_at(self, x: float) -> date:
        """The day whose band holds ``x`` (outside the range too: a drag may go past it)."""
        return self.first + timedelta(days=math.floor(x / self.px_per_day))

    def ticks(self) -> list[Tick]:
        """The header's divisions: Mondays at week zoom, months at month zoom, quarters at
        quarter zoom."""
        if self.zoom is Zoom.WEEKS:
            day = self.first + timedelta(days=(7 - self.first.weekday()) % 7)
            found = []
            while day <= self.last:
                major = day.day <= 7
                label = f"{day.day} {_MONTHS[day.month - 1]}"
                found.append(Tick(day, f"{label} {day.year}" if major else label, major))
                day += timedelta(days=7)
            return found
        step = 1 if self.zoom is Zoom.MONTHS else 3
        year, month = self.first.year, self.first.month
        month = month + (-(month - 1) % step)  # the first month on a step boundary
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        found = []
        while (day := date(year, month, 1)) <= self.last:
            if day >= self.first:
                found.append(Tick(day, self._label(day), month == 1))
            month += step
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return found

    def _label(self, day: date) -> str:
        if self.zoom is Zoom.QUARTERS:
            return f"Q{(day.month - 1) // 3 + 1} {day.year}"
        return f"{_MONTHS[day.month - 1]} {day.year}" if day.month == 1 else _MONTHS[day.month - 1]


#: How far from today the axis reaches at most: a date typed a thousand years off (the goal
#: rules allow any date) would otherwise make a widget wider than Qt allows (16,777,215 px);
#: what lies beyond is simply off the edge.
REACH = timedelta(days=100 * 366)


def scale_for(days: list[date], today: date, zoom: Zoom) -> TimeScale:
    """A scale that shows every date given and today, padded on both sides and starting on a
    Monday (weeks) or a month's first day (months, quarters), so the first tick is at x = 0.
    It reaches at most a hundred years either side of today."""
    near = [d for d in days if abs(d - today) <= REACH]
    lowest = min([*near, today]) - timedelta(days=_PADDING[zoom])
    highest = max([*near, today]) + timedelta(days=_PADDING[zoom])
    if zoom is Zoom.WEEKS:
        first = lowest - timedelta(days=lowest.weekday())
    else:
        first = lowest.replace(day=1)
    return TimeScale(first, highest, zoom)
