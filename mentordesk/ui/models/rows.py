"""A short list held whole (tens of rows): reset with ``set_rows``, filtered by a proxy.

The big lists page through ids (``KeyedTableModel`` subclasses); this one keeps the rows it
was given, so a subclass only says how a row reads.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex

from mentordesk.ui.models.list_base import Index, KeyedTableModel

T = TypeVar("T")


class RowsModel(KeyedTableModel, Generic[T]):
    """Subclasses name their ``headers`` and implement ``row_cells`` and ``key``."""

    #: The column a view gives the spare width to (the others fit their contents).
    stretch_column = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    # -- for subclasses --------------------------------------------------------------

    def row_cells(self, row: T) -> tuple[str, ...]:
        raise NotImplementedError

    def key(self, row: T) -> Hashable:
        raise NotImplementedError

    def emphasised(self, row: T) -> bool:
        """Shown in bold (overdue, happening today)."""
        return False

    def mentee_of(self, row: T) -> int:
        return -1

    # -- API -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.forget_cells()
        self.endResetModel()

    def rows(self) -> Sequence[T]:
        return tuple(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    # -- KeyedTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def key_at(self, row: int) -> Hashable:
        return self.key(self._rows[row])

    def row_of(self, key: Hashable) -> int:
        return next((i for i, r in enumerate(self._rows) if self.key(r) == key), -1)

    def cells(self, row: int) -> tuple[str, ...]:
        return self.row_cells(self._rows[row])

    def bold(self, row: int, column: int) -> bool:
        return self.emphasised(self._rows[row])

    def mentee_id_at(self, row: int) -> int:
        return self.mentee_of(self._rows[row])
