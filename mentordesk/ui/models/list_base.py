"""The base of the big list models: rows known by a key, sorted outside Qt, cells made lazily.

Sorting and filtering happen in Python or SQL and end in a model reset; a view never sorts
through a proxy (DESIGN.md: a Python proxy takes seconds on big lists). Each row has a key
that survives reloads, so a page can keep the selection across a reset.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

Index = QModelIndex | QPersistentModelIndex

#: The key of a row (an id), for selection and "open this".
KEY_ROLE = Qt.ItemDataRole.UserRole + 11
#: The id of the mentee a row is about.
MENTEE_ID_ROLE = Qt.ItemDataRole.UserRole + 12

# data() runs for every role of every visible cell on each paint: compare plain ints and
# return prepared values rather than touching enum classes there.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_KEY = int(KEY_ROLE)
_MENTEE_ID = int(MENTEE_ID_ROLE)
_LEFT = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class KeyedTableModel(QAbstractTableModel):
    """Subclasses set ``headers`` and implement ``key_at``, ``row_of``, ``cells`` and ``sort``.

    ``cells(row)`` gives the display texts of a row; they are cached until ``forget_cells``.
    """

    headers: tuple[str, ...] = ()
    #: Columns whose header click sorts; a click elsewhere leaves the order alone.
    sortable: frozenset[int] = frozenset()
    #: Columns right-aligned (numbers, durations).
    right_aligned: frozenset[int] = frozenset()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._cells: dict[Hashable, tuple[str, ...]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- for subclasses ---------------------------------------------------------------

    def key_at(self, row: int) -> Hashable:
        raise NotImplementedError

    def row_of(self, key: Hashable) -> int:
        """The row showing ``key``, or -1."""
        raise NotImplementedError

    def cells(self, row: int) -> tuple[str, ...]:
        raise NotImplementedError

    def tooltip(self, row: int, column: int) -> str:
        return self.cell(row, column)

    def bold(self, row: int, column: int) -> bool:
        return False

    def mentee_id_at(self, row: int) -> int:
        return -1

    def rearrange(self) -> None:
        """Puts the rows in the new ``sort_column``/``sort_order`` (called inside a reset)."""
        raise NotImplementedError

    # -- helpers ------------------------------------------------------------------------

    def cell(self, row: int, column: int) -> str:
        key = self.key_at(row)
        texts = self._cells.get(key)
        if texts is None:
            texts = self._cells[key] = self.cells(row)
        return texts[column]

    def forget_cells(self) -> None:
        self._cells.clear()

    # -- QAbstractTableModel ---------------------------------------------------------------

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if row < 0:  # an invalid index
            return None
        if role == _DISPLAY:
            return self.cell(row, index.column())
        if role == _FONT:
            return self._bold if self.bold(row, index.column()) else None
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in self.right_aligned else _LEFT
        if role == _TOOLTIP:
            return self.tooltip(row, index.column()) or None
        if role == _KEY:
            return self.key_at(row)
        if role == _MENTEE_ID:
            return self.mentee_id_at(row)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in self.sortable:
            return f"Sort by {self.headers[section].lower()}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.right_aligned else _LEFT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in self.sortable:
            return
        self.beginResetModel()
        self.sort_column, self.sort_order = column, order
        self.rearrange()
        self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.row() >= 0 else _NO_FLAGS
