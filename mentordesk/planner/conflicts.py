"""Conflicts: a planned meeting's occurrences that overlap another meeting or a busy time."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from mentordesk.planner.recurrence import expand


@dataclass(slots=True, frozen=True)
class Busy:
    """Something already in the mentor's calendar: another meeting or an imported busy time."""

    title: str
    start: datetime  # aware
    end: datetime
    kind: str  # "meeting" or "busy"
    who: str = ""  # the mentee a meeting is with: the mentor must know whom to ask


@dataclass(slots=True, frozen=True)
class Conflict:
    """One occurrence of the planned meeting that overlaps ``other``."""

    start: datetime  # the planned occurrence, in its anchor zone
    end: datetime
    other: Busy

    @property
    def message(self) -> str:
        other = self.other
        when = other.start.astimezone(self.start.tzinfo)
        what = "meeting" if other.kind == "meeting" else "busy time"
        with_whom = f" with {other.who}" if other.who else ""
        return (
            f"{self.start:%a %d %b %H:%M} overlaps the {what} '{other.title}'{with_whom}"
            f" ({when:%H:%M}–{other.end.astimezone(self.start.tzinfo):%H:%M})"
        )


def busy_occurrences(
    title: str,
    start: datetime,
    duration: timedelta,
    rule: str | None,
    window: tuple[datetime, datetime],
    skip: Iterable[datetime] = (),
) -> Iterator[Busy]:
    """A busy series' occurrences that start in ``window`` (``skip``: cancelled starts)."""
    skipped = set(skip)
    # Start a duration early, so one that began before the window but runs into it counts.
    for moment in expand(start, rule, window[0] - duration, window[1]):
        if moment not in skipped:
            yield Busy(title, moment, moment + duration, "busy")


def find_conflicts(
    planned: Iterable[tuple[datetime, datetime]], taken: Iterable[Busy]
) -> list[Conflict]:
    """Every (planned occurrence, taken item) pair whose times overlap, by start.

    Touching is not overlapping: a meeting may start when another ends.
    """
    slots = sorted(planned)
    items = sorted(taken, key=lambda b: b.start)
    if not items:
        return []
    starts = [item.start for item in items]
    # Only items starting within the longest item's length before a slot can reach into it:
    # bisect to them rather than scanning every item for every slot (a year of a weekly
    # series against 50,000 meetings took seconds).
    longest = max(item.end - item.start for item in items)
    found: list[Conflict] = []
    for start, end in slots:
        for item in items[bisect_left(starts, start - longest) : bisect_left(starts, end)]:
            if item.end > start:
                found.append(Conflict(start, end, item))
    return found
