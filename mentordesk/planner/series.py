"""A recurring meeting seen from every zone: gap/fold checks, per-zone times and drift.

The anchor zone's wall clock is the truth (see recurrence.py); everything here is
derived from it and only says what each participant will see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from mentordesk.planner.recurrence import MAX_OCCURRENCES
from mentordesk.planner.rrule_check import wall_starts

WallStatus = Literal["ok", "gap", "fold"]
Adjustment = Literal["", "gap", "fold"]


def _hm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _choice(moment: datetime, naive: datetime) -> str:
    """'01:30', with the date when it is another day (Apia skipped a whole day)."""
    return _hm(moment) if moment.date() == naive.date() else f"{moment:%Y-%m-%d %H:%M}"


def _offset(moment: datetime) -> str:
    """'-04:00' / '+05:45' from an aware datetime."""
    text = moment.isoformat(timespec="minutes")
    return text[16:] if len(text) > 16 else "+00:00"


@dataclass(frozen=True)
class WallTimeCheck:
    """Whether a wall-clock time exists once, never (gap) or twice (fold) in a zone.

    ``choices`` are aware datetimes: for a gap the same time one gap-length earlier
    and later (the later one is RFC 5545's reading); for a fold both readings,
    first (fold=0) then second (fold=1).
    """

    status: WallStatus
    naive: datetime
    zone: str
    choices: tuple[datetime, ...] = ()
    # Wall-clock edges of the transition: clocks jump (or go back) from ``before`` to ``after``.
    before: datetime | None = None
    after: datetime | None = None

    @property
    def message(self) -> str:
        when = f"{_hm(self.naive)} on {self.naive:%Y-%m-%d} in {self.zone}"
        if self.status == "ok":
            return f"{when} exists once."
        assert self.before is not None and self.after is not None
        jump = f"from {_hm(self.before)} to {_hm(self.after)}"
        if self.status == "gap":
            early, late = self.choices
            return (
                f"{_hm(self.naive)} does not exist on {self.naive:%Y-%m-%d} in {self.zone}"
                f" (clocks jump {jump}) — choose {_choice(early, self.naive)}"
                f" or {_choice(late, self.naive)}."
            )
        first, second = self.choices
        return (
            f"{when} happens twice (clocks go back {jump}): first at UTC{_offset(first)}"
            f" ({first.astimezone(UTC):%H:%M} UTC), then at UTC{_offset(second)}"
            f" ({second.astimezone(UTC):%H:%M} UTC) — say which one."
        )


def _transition(tz: ZoneInfo, lo: datetime, hi: datetime) -> datetime:
    """The UTC instant in (lo, hi] where ``tz``'s offset changes (one change assumed)."""
    before = lo.astimezone(tz).utcoffset()
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(tz).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi.replace(microsecond=0)


def check_wall_time(naive: datetime, zone_name: str) -> WallTimeCheck:
    """Does ``naive`` (a wall-clock time) exist in ``zone_name``, once, never or twice?"""
    tz = ZoneInfo(zone_name)
    naive = naive.replace(tzinfo=None, fold=0)
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    off0, off1 = first.utcoffset(), second.utcoffset()
    if off0 == off1 or off0 is None or off1 is None:
        return WallTimeCheck("ok", naive, zone_name)
    utc0, utc1 = first.astimezone(UTC), second.astimezone(UTC)
    moment = _transition(tz, min(utc0, utc1), max(utc0, utc1))
    before = (moment + off0).replace(tzinfo=None)
    after = (moment + off1).replace(tzinfo=None)
    if utc0.astimezone(tz).replace(tzinfo=None) != naive:
        # zoneinfo reads a gap time with fold=0 using the offset before the jump.
        shift = off1 - off0
        early = (naive - shift).replace(tzinfo=tz)
        late = utc0.astimezone(tz)
        return WallTimeCheck("gap", naive, zone_name, (early, late), before, after)
    return WallTimeCheck("fold", naive, zone_name, (first, second), before, after)


@dataclass(frozen=True)
class SeriesOccurrence:
    """One occurrence: its instant, what each zone's clock shows, and what changed.

    ``moved_for`` lists the zones (anchor included) whose wall clock differs from the
    first occurrence's; ``note`` explains a gap or fold adjustment in the anchor zone.
    """

    utc: datetime
    local: dict[str, datetime]
    moved_for: tuple[str, ...] = ()
    adjustment: Adjustment = ""
    note: str = ""


# A participant's wall clock for one occurrence: time of day and its calendar-day
# shift from the anchor's date (Apia skipping a day moves the day, not the time).
WallKey = tuple[time, int]


def _wall_key(local: datetime, anchor_local: datetime) -> WallKey:
    return local.time().replace(tzinfo=None), (local.date() - anchor_local.date()).days


def _adjustment_note(check: WallTimeCheck, moment: datetime) -> tuple[Adjustment, str]:
    if check.status == "gap":
        held = moment.astimezone(UTC).astimezone(moment.tzinfo)
        return "gap", (
            f"{_hm(check.naive)} does not exist on {check.naive:%Y-%m-%d} in {check.zone}"
            f" — held at {held:%H:%M}, moved forward by the gap (RFC 5545)"
        )
    if check.status == "fold":
        return "fold", (
            f"{_hm(check.naive)} happens twice on {check.naive:%Y-%m-%d} in {check.zone}"
            f" — held at the first, UTC{_offset(moment)} (RFC 5545)"
        )
    return "", ""


def occurrences(
    start: datetime, rule: str | None, zones: Sequence[str] = (), limit: int = 52
) -> list[SeriesOccurrence]:
    """The series' occurrences seen from the anchor zone and ``zones``.

    Lists at most ``limit`` when the rule never ends, else every occurrence (capped at
    MAX_OCCURRENCES). ``start`` is aware in the anchor zone; its ``fold`` is honoured for
    the first occurrence only, as later fold times take the first reading (RFC 5545).
    """
    anchor = start.tzinfo
    if not isinstance(anchor, ZoneInfo):
        raise ValueError("start must carry a ZoneInfo anchor zone")
    names = list(dict.fromkeys([anchor.key, *zones]))
    tzs = {name: ZoneInfo(name) for name in names}
    naive_start = start.replace(tzinfo=None, fold=0)
    upper = (rule or "").upper()
    cap = MAX_OCCURRENCES if "COUNT=" in upper or "UNTIL=" in upper else limit
    if rule:
        rset = wall_starts(rule, start)
        naives: list[datetime] = []
        for naive in rset:
            if len(naives) >= min(cap, MAX_OCCURRENCES):
                break
            naives.append(naive)
    else:
        naives = [naive_start]
    result: list[SeriesOccurrence] = []
    first_keys: dict[str, WallKey] = {}
    for naive in naives:
        is_start = naive == naive_start
        moment = naive.replace(tzinfo=anchor, fold=start.fold if is_start else 0)
        utc = moment.astimezone(UTC)
        local = {name: utc.astimezone(tz) for name, tz in tzs.items()}
        keys = {name: _wall_key(when, local[anchor.key]) for name, when in local.items()}
        if not first_keys:
            first_keys = keys
        moved = tuple(name for name in names if keys[name] != first_keys[name])
        adjustment, note = (
            ("", "") if is_start else _adjustment_note(check_wall_time(naive, anchor.key), moment)
        )
        result.append(SeriesOccurrence(utc, local, moved, adjustment, note))
    return result


@dataclass(frozen=True)
class Drift:
    """An occurrence where ``zone``'s clock shows something other than its usual time."""

    occurrence: SeriesOccurrence
    zone: str
    usual: time
    usual_day_shift: int
    local: datetime = field(compare=False)

    @property
    def message(self) -> str:
        shift = self.usual_day_shift
        usual = f"{self.usual:%H:%M}" + (f" ({shift:+d} day)" if shift else "")
        return (
            f"{self.local:%H:%M} on {self.local:%a %Y-%m-%d}"
            f" in {self.zone} instead of the usual {usual}"
        )


def drift(series: Sequence[SeriesOccurrence], anchor: str) -> list[Drift]:
    """Where another person's local time differs from the usual one (their most common).

    The usual time is the most frequent across ``series`` (ties: the earliest seen), so a
    series that starts in a US/EU mismatch week flags that week, not every other one.
    Gap/fold adjustments in the anchor zone are reported by ``SeriesOccurrence.note``.
    """
    if not series:
        return []
    found: list[Drift] = []
    for name in series[0].local:
        if name == anchor:
            continue
        keys = [_wall_key(o.local[name], o.local[anchor]) for o in series]
        usual = Counter(keys).most_common(1)[0][0]
        found.extend(
            Drift(o, name, usual[0], usual[1], o.local[name])
            for o, key in zip(series, keys, strict=True)
            if key != usual
        )
    found.sort(key=lambda d: (d.occurrence.utc, d.zone))
    return found
