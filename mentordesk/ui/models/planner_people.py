"""Who the planner shows: the mentor (always) and the mentees ticked in the list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from mentordesk.domain.models import Mentee
from mentordesk.ui.formatting import zone_city

Index = QModelIndex | QPersistentModelIndex


class PlannerPeopleModel(QAbstractListModel):
    """Row 0 is the mentor (checked, fixed); then the mentees, checkable.

    ``checked_changed`` after the user ticks or unticks someone.
    """

    checked_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mentor = "You"
        self._mentor_zone = "UTC"
        self._mentees: list[Mentee] = []
        self._checked: set[int] = set()

    def set_people(self, mentor: str, mentor_zone: str, mentees: list[Mentee]) -> None:
        self.beginResetModel()
        self._mentor = mentor
        self._mentor_zone = mentor_zone
        self._mentees = mentees
        known = {m.id for m in mentees}
        self._checked &= known  # type: ignore[operator]
        self.endResetModel()

    def checked_ids(self) -> list[int]:
        """Ticked mentees in list order."""
        return [m.id for m in self._mentees if m.id in self._checked and m.id is not None]

    def set_checked(self, mentee_ids: list[int]) -> None:
        self._checked = set(mentee_ids)
        if self._mentees:
            self.dataChanged.emit(self.index(1), self.index(len(self._mentees)))
        self.checked_changed.emit()

    def mentee_at(self, row: int) -> Mentee | None:
        return self._mentees[row - 1] if 1 <= row <= len(self._mentees) else None

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._mentees) + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.row() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        mentee = self.mentee_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if mentee is None:
                return f"{self._mentor} · {zone_city(self._mentor_zone)}"
            return f"{mentee.name} · {zone_city(mentee.time_zone)}"
        if role == Qt.ItemDataRole.CheckStateRole:
            on = mentee is None or mentee.id in self._checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if mentee is None:
                return f"You are always included ({self._mentor_zone})"
            hours = mentee.hours
            return (
                f"{mentee.name} — {mentee.time_zone}, works {hours.start:%H:%M}–{hours.end:%H:%M}"
            )
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        mentee = self.mentee_at(index.row()) if index.isValid() else None
        if mentee is None or mentee.id is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        if state == Qt.CheckState.Checked:
            self._checked.add(mentee.id)
        else:
            self._checked.discard(mentee.id)
        self.dataChanged.emit(index, index, [role])
        self.checked_changed.emit()
        return True
