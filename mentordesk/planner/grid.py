"""The planner page's grid: days x slots, each person's local time and state per slot.

Each day is a band from the first person's (the mentor's) local midnight to the next,
so a DST day has 23 or 25 hours of slots. Slots are judged quarter by quarter with the
same rule as ``overlap.overlap``, so the grid's colours and the overlap windows agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from mentordesk.planner.overlap import (
    ALL_DAYS,
    DAY_END,
    DAY_START,
    QUARTER,
    Person,
    Window,
    local_midnight,
    validate_person,
    validate_request,
)

SlotState = Literal["work", "day", "night"]
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class GridPerson:
    """A row band of the grid: who (as shown, e.g. "You (Sam Rivera)") and their hours."""

    label: str
    person: Person


@dataclass(frozen=True)
class Cell:
    """One person's view of one slot."""

    local: datetime  # the slot's start in this person's zone (aware)
    state: SlotState
    day_shift: int  # local date minus the band's day: -1, 0 or +1


@dataclass(frozen=True)
class Transition:
    """A change of a person's UTC offset (DST, or a zone changing its rules)."""

    zone: str
    label: str
    at: datetime  # UTC instant of the change
    shift: timedelta  # new offset minus old

    @property
    def local_before(self) -> datetime:
        """The wall-clock time (naive) at which the clocks change, as read before it."""
        return self.at.astimezone(ZoneInfo(self.zone)).replace(tzinfo=None, fold=0) - self.shift

    @property
    def message(self) -> str:
        """E.g. "Priya Natarajan (America/New_York): clocks go back 1 h at 02:00 local"."""
        direction = "forward" if self.shift > timedelta(0) else "back"
        return (
            f"{self.label} ({self.zone}): clocks go {direction} {_amount(abs(self.shift))}"
            f" at {self.local_before:%H:%M} local"
        )


def _amount(shift: timedelta) -> str:
    """'1 h', '30 min', '1 h 30 min' (a whole day's jump, as Apia's in 2011: '24 h')."""
    hours, minutes = divmod(int(shift.total_seconds()) // 60, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    return " ".join(parts) or f"{int(shift.total_seconds())} s"


@dataclass(frozen=True)
class DayBand:
    """One day of the first person's calendar, cut into slots."""

    day: date  # in the first person's zone
    slots: tuple[datetime, ...]  # UTC starts
    cells: tuple[tuple[Cell, ...], ...]  # cells[person_index][slot_index]
    overall: tuple[SlotState, ...]
    transitions: tuple[Transition, ...]  # any person's offset changes in [start, end)
    start: datetime  # UTC: the day's local midnight for the first person
    # UTC: the next local midnight. When the day is not a whole number of slots (Lord
    # Howe's 23.5-hour day in 60-minute slots) the last slot ends before it.
    end: datetime


@dataclass(frozen=True)
class Grid:
    people: tuple[GridPerson, ...]
    slot: timedelta
    days: tuple[DayBand, ...]

    def band_of(self, moment: datetime) -> tuple[int, int] | None:
        """(day index, slot index) of the slot holding an aware instant, or None."""
        if moment.tzinfo is None:
            raise ValueError("moment must be aware")
        for index, band in enumerate(self.days):
            if band.start <= moment < band.end:
                slot = (moment - band.start) // self.slot
                return (index, slot) if slot < len(band.slots) else None
        return None

    def windows(self) -> list[Window]:
        """The "work" and "day" slots merged into windows, as ``overlap.overlap`` gives them."""
        windows: list[Window] = []
        for band in self.days:
            for start, state in zip(band.slots, band.overall, strict=True):
                if state == "night":
                    continue
                last = windows[-1] if windows else None
                if last is not None and last.level == state and last.end == start:
                    windows[-1] = Window(last.start, start + self.slot, state)
                else:
                    windows.append(Window(start, start + self.slot, state))
        return windows


def build_grid(
    people: Sequence[GridPerson], first_day: date, days: int = 7, slot_minutes: int = 30
) -> Grid:
    """The grid for ``days`` days from ``first_day`` (read in the first person's zone)."""
    validate_request(len(people), days, slot_minutes)
    checked = tuple(GridPerson(p.label, validate_person(p.person)) for p in people)
    zones = tuple(ZoneInfo(p.person.zone) for p in checked)
    anchor = checked[0].person.zone
    edges = [_floor(local_midnight(first_day + timedelta(days=i), anchor)) for i in range(days + 1)]
    step = timedelta(minutes=slot_minutes)
    bands = tuple(
        _band(first_day + timedelta(days=i), edges[i], edges[i + 1], step, checked, zones)
        for i in range(days)
    )
    return Grid(checked, step, bands)


def _floor(moment: datetime) -> datetime:
    """Onto the UTC quarter-hour grid, as overlap does (a no-op for zones in use since 1972)."""
    return moment - timedelta(minutes=moment.minute % 15, seconds=moment.second)


def _band(
    day: date,
    start: datetime,
    end: datetime,
    step: timedelta,
    people: Sequence[GridPerson],
    zones: Sequence[ZoneInfo],
) -> DayBand:
    count = max(0, (end - start) // step)
    per_slot = step // QUARTER
    # Quarter edges over the whole band (past the last whole slot too, for transitions).
    edges = [start + QUARTER * i for i in range(-(-(end - start) // QUARTER) + 1)]
    slots = tuple(edges[s * per_slot] for s in range(count))
    all_work = [True] * count
    all_day = [True] * count
    rows: list[tuple[Cell, ...]] = []
    transitions: list[Transition] = []
    quarters = count * per_slot
    for entry, tz in zip(people, zones, strict=True):
        person = entry.person
        local = [edge.astimezone(tz) for edge in edges]
        dates = [moment.date() for moment in local]
        times = [moment.time() for moment in local]
        work = _within(dates, times, quarters, person.start, person.end, person.days)
        awake = _within(dates, times, quarters, DAY_START, DAY_END, ALL_DAYS)
        row: list[Cell] = []
        for s in range(count):
            first = s * per_slot
            at_work = all(work[first : first + per_slot])
            is_day = all(awake[first : first + per_slot])
            all_work[s] = all_work[s] and at_work
            all_day[s] = all_day[s] and is_day
            state: SlotState = "work" if at_work else "day" if is_day else "night"
            row.append(Cell(local[first], state, (dates[first] - day).days))
        rows.append(tuple(row))
        transitions.extend(_transitions(entry, tz, start, end, edges, local))
    overall = tuple(
        "work" if w else "day" if d else "night" for w, d in zip(all_work, all_day, strict=True)
    )
    transitions.sort(key=lambda t: t.at)
    return DayBand(day, slots, tuple(rows), overall, tuple(transitions), start, end)


def _within(
    dates: Sequence[date],
    times: Sequence[time],
    quarters: int,
    begin: time,
    end: time,
    days: frozenset[int],
) -> list[bool]:
    """overlap's ``inside`` for each of the first ``quarters`` quarters between edges
    read locally (``dates``, ``times``): the same test, with each edge read once."""
    return [
        dates[q].isoweekday() in days
        and dates[q + 1] == dates[q]
        and begin <= times[q]
        and times[q + 1] <= end
        for q in range(quarters)
    ]


def _transitions(
    entry: GridPerson,
    tz: ZoneInfo,
    start: datetime,
    end: datetime,
    edges: Sequence[datetime],
    local: Sequence[datetime],
) -> list[Transition]:
    """Offset changes in [start, end), found between quarter edges (``local``: read in tz)."""
    # From one second before the band: a change exactly at its start belongs to this band.
    instants = [start - _SECOND, *edges]
    offsets = [instants[0].astimezone(tz).utcoffset(), *(m.utcoffset() for m in local)]
    found: list[Transition] = []
    for index in range(len(offsets) - 1):
        before, after = offsets[index], offsets[index + 1]
        if before == after or before is None or after is None:
            continue
        at = _change_at(tz, instants[index], instants[index + 1])
        if start <= at < end:
            found.append(Transition(entry.person.zone, entry.label, at, after - before))
    return found


def _change_at(tz: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The UTC instant in (low, high] where ``tz``'s offset changes (one change assumed)."""
    before = low.astimezone(tz).utcoffset()
    while high - low > _SECOND:
        middle = low + (high - low) / 2
        if middle.astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)
