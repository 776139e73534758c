"""A list held whole in Python: narrowed by the search box and ordered by a header click.

The page loads the rows once per refresh; typing or clicking a header filters and sorts them
here in plain Python (milliseconds at thousands of rows, DESIGN.md) and resets the model.
Each row has an integer id that keys it across resets.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt

from mentordesk.ui.models.list_base import Index, KeyedTableModel

T = TypeVar("T")


class FilteredListModel(KeyedTableModel, Generic[T]):
    """Subclasses implement ``row_id``, ``haystack`` and ``sort_key`` (and the cells), and
    load rows with ``take`` between ``beginResetModel`` and ``endResetModel``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[T] = []
        self._haystacks: dict[int, str] = {}
        self._rows: list[T] = []
        self._row_of: dict[int, int] = {}
        self.search = ""
        self.now = datetime.now(UTC)
        self.zone = ZoneInfo("UTC")

    # -- for subclasses ---------------------------------------------------------------

    def row_id(self, row: T) -> int | None:
        raise NotImplementedError

    def haystack(self, row: T) -> str:
        """The row's searchable text, casefolded."""
        raise NotImplementedError

    def sort_key(self) -> Callable[[T], tuple[Any, ...]]:
        """The order of ``sort_column`` (ascending; the sort order reverses it)."""
        raise NotImplementedError

    def take(self, rows: Sequence[T], now: datetime, zone: ZoneInfo) -> None:
        """Holds ``rows`` (those with an id) and arranges them (call inside a reset)."""
        self._all = [r for r in rows if self.row_id(r) is not None]
        self._haystacks = {self.row_id(r) or 0: self.haystack(r) for r in self._all}
        self.now, self.zone = now.astimezone(zone), zone
        self.rearrange()

    # -- API ------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        if text.strip() == self.search:
            return
        self.beginResetModel()
        self.search = text.strip()
        self.rearrange()
        self.endResetModel()

    def total(self) -> int:
        """How many rows there are, whatever the filter."""
        return len(self._all)

    # -- KeyedTableModel ---------------------------------------------------------------

    def key_at(self, row: int) -> Hashable:
        return self.row_id(self._rows[row])

    def row_of(self, key: Hashable) -> int:
        return self._row_of.get(key, -1) if isinstance(key, int) else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    # -- inside ---------------------------------------------------------------------------

    def rearrange(self) -> None:
        """Filters and sorts ``_all`` into ``_rows`` (call between begin/endResetModel)."""
        self.forget_cells()
        needle = self.search.casefold()
        rows = (
            [r for r in self._all if needle in self._haystacks.get(self.row_id(r) or 0, "")]
            if needle
            else list(self._all)
        )
        rows.sort(key=self.sort_key(), reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self._rows = rows
        self._row_of = {i: n for n, r in enumerate(rows) if (i := self.row_id(r)) is not None}
