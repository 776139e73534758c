"""The planner grid as a table: one band of rows per day, one column per time slot.

Each day band starts with an "Everyone" row (the level for the whole group) followed by
one row per person, whose cells read that person's own local time. Columns are the slots
from the mentor's local midnight; a 23-hour DST day leaves its last columns empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from mentordesk.planner.grid import DayBand, Grid
from mentordesk.ui.formatting import zone_city

Index = QModelIndex | QPersistentModelIndex

#: "work", "day" or "night"; "" for a column past the end of a short (DST) day.
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 31
#: Where "now" falls inside the slot, 0.0–1.0, or -1.0 when it is not in this slot.
NOW_ROLE = Qt.ItemDataRole.UserRole + 32
#: The title of a meeting that covers the slot (Everyone row only), or "".
MEETING_ROLE = Qt.ItemDataRole.UserRole + 33
#: True when a clock change (DST) happens during the slot for this row's person(s).
TRANSITION_ROLE = Qt.ItemDataRole.UserRole + 34
#: The person's local date minus the band's day: -1, 0 or +1.
SHIFT_ROLE = Qt.ItemDataRole.UserRole + 35

_LEVEL_WORDS = {
    "work": "everyone is working",
    "day": "daytime for everyone, outside someone's working hours",
    "night": "night for someone",
}
_PERSON_WORDS = {"work": "working hours", "day": "daytime", "night": "night"}


@dataclass(frozen=True, slots=True)
class Busy:
    """A meeting to draw on the grid: [start, end) and its title."""

    start: datetime
    end: datetime
    title: str


def _shift_text(shift: int) -> str:
    return "" if shift == 0 else f" ({shift:+d} day)"


class PlannerGridModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: Grid | None = None
        self._busy: list[Busy] = []
        self._now: datetime | None = None
        self._today: date | None = None
        self._covered: dict[tuple[int, int], str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- loading ----------------------------------------------------------------------

    def set_grid(self, grid: Grid, busy: list[Busy], now: datetime, today: date) -> None:
        self.beginResetModel()
        self.grid = grid
        self._busy = busy
        self._now = now
        self._today = today
        self._covered = self._cover(grid, busy)
        self.endResetModel()

    def set_now(self, now: datetime, today: date) -> None:
        """Move the "now" line (each minute) without rebuilding the grid."""
        self._now, self._today = now, today
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    @staticmethod
    def _cover(grid: Grid, busy: list[Busy]) -> dict[tuple[int, int], str]:
        covered: dict[tuple[int, int], str] = {}
        for d, band in enumerate(grid.days):
            for s, start in enumerate(band.slots):
                end = start + grid.slot
                for item in busy:
                    if item.start < end and item.end > start:
                        covered[(d, s)] = item.title
                        break
        return covered

    # -- geometry -------------------------------------------------------------------

    @property
    def band_height(self) -> int:
        return 0 if self.grid is None else len(self.grid.people) + 1

    def locate(self, row: int) -> tuple[int, int]:
        """(day index, person index) of a row; person -1 is the Everyone row."""
        height = self.band_height
        return row // height, row % height - 1

    def first_row_of_day(self, day_index: int) -> int:
        return day_index * self.band_height

    def band(self, day_index: int) -> DayBand:
        assert self.grid is not None
        return self.grid.days[day_index]

    def slot_span(self, day_index: int, first: int, last: int) -> tuple[datetime, timedelta]:
        """The UTC start and the length of columns ``first``..``last`` of a day band,
        clipped to the slots the day has."""
        assert self.grid is not None
        slots = self.band(day_index).slots
        first, last = sorted((first, last))
        last = min(last, len(slots) - 1)
        first = min(first, last)
        return slots[first], self.grid.slot * (last - first + 1)

    def cell_of(self, moment: datetime) -> tuple[int, int] | None:
        """(row of the Everyone row, column) of the slot holding ``moment``, if shown."""
        if self.grid is None:
            return None
        found = self.grid.band_of(moment)
        return None if found is None else (self.first_row_of_day(found[0]), found[1])

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.grid is None:
            return 0
        return len(self.grid.days) * self.band_height

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.grid is None or not self.grid.days:
            return 0
        return max(len(band.slots) for band in self.grid.days)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.grid is None:
            return Qt.ItemFlag.NoItemFlags
        day, _ = self.locate(index.row())
        if index.column() >= len(self.grid.days[day].slots):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        day, person = self.locate(index.row())
        band = self.grid.days[day]
        column = index.column()
        if column >= len(band.slots):
            return "" if role == LEVEL_ROLE else None
        start = band.slots[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(band, person, column)
        if role == LEVEL_ROLE:
            return band.overall[column] if person < 0 else band.cells[person][column].state
        if role == NOW_ROLE:
            return self._now_fraction(start)
        if role == MEETING_ROLE:
            return self._covered.get((day, column), "") if person < 0 else ""
        if role == TRANSITION_ROLE:
            return self._has_transition(band, person, start)
        if role == SHIFT_ROLE:
            return 0 if person < 0 else band.cells[person][column].day_shift
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(day, band, person, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            minutes = int(self.grid.slot.total_seconds() // 60) * section
            hour, minute = divmod(minutes, 60)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{hour:02d}" if minute == 0 else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{hour:02d}:{minute:02d} in your time zone"
            return None
        if section >= self.rowCount():
            return None
        day, person = self.locate(section)
        band = self.grid.days[day]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_title(band, person)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [t.message for t in band.transitions]
            if person >= 0:
                zone = self.grid.people[person].person.zone
                lines = [t.message for t in band.transitions if t.zone == zone]
                lines.insert(0, f"{self.grid.people[person].label} — {zone}")
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.FontRole and person < 0:
            return self._bold
        return None

    # -- texts ------------------------------------------------------------------------

    def _row_title(self, band: DayBand, person: int) -> str:
        assert self.grid is not None
        if person >= 0:
            who = self.grid.people[person]
            return f"   {who.label} · {zone_city(who.person.zone)}"
        title = f"{band.day:%a %d %b}"
        if band.day == self._today:
            title += " · Today"
        if band.transitions:
            title += " · ⚠ clocks change"
        return title

    def _label(self, band: DayBand, person: int, column: int) -> str:
        if person < 0:
            return ""
        assert self.grid is not None
        local = band.cells[person][column].local
        slot_minutes = int(self.grid.slot.total_seconds() // 60)
        if local.minute >= slot_minutes and slot_minutes < 60:
            return ""
        return str(local.hour) if local.minute == 0 else f"{local.hour}:{local.minute:02d}"

    def _tooltip(self, day: int, band: DayBand, person: int, column: int) -> str:
        assert self.grid is not None
        start = band.slots[column]
        end = start + self.grid.slot
        if person >= 0:
            who = self.grid.people[person]
            cell = band.cells[person][column]
            local_end = end.astimezone(cell.local.tzinfo)
            text = (
                f"{who.label}: {cell.local:%a %d %b %H:%M}–{local_end:%H:%M}"
                f"{_shift_text(cell.day_shift)} — {_PERSON_WORDS[cell.state]}"
            )
        else:
            level = band.overall[column]
            lines = [f"{band.day:%a %d %b} — {_LEVEL_WORDS[level]}"]
            for p, who in enumerate(self.grid.people):
                cell = band.cells[p][column]
                lines.append(f"{who.label}: {cell.local:%a %H:%M}{_shift_text(cell.day_shift)}")
            title = self._covered.get((day, column))
            if title:
                lines.append(f"Booked: {title}")
            text = "\n".join(lines)
        moves = [t.message for t in band.transitions if start <= t.at < end]
        return "\n".join([text, *moves])

    def _now_fraction(self, start: datetime) -> float:
        if self._now is None or self.grid is None:
            return -1.0
        offset = (self._now - start) / self.grid.slot
        return offset if 0 <= offset < 1 else -1.0

    def _has_transition(self, band: DayBand, person: int, start: datetime) -> bool:
        assert self.grid is not None
        end = start + self.grid.slot
        zone = None if person < 0 else self.grid.people[person].person.zone
        return any(
            start <= t.at < end and (zone is None or t.zone == zone) for t in band.transitions
        )
