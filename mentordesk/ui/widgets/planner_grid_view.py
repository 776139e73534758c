"""The planner grid's view: coloured slots, the "now" line, clock changes, and drag to plan.

Dragging across the slots of one day (any row of its band) chooses a time range; releasing
the mouse, or pressing Enter on a keyboard selection, emits ``range_chosen``.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from mentordesk.ui.models.planner_grid import (
    LEVEL_ROLE,
    MEETING_ROLE,
    NOW_ROLE,
    SHIFT_ROLE,
    TRANSITION_ROLE,
    PlannerGridModel,
)
from mentordesk.ui.theme import error_color, level_color, scaled_font

Index = QModelIndex | QPersistentModelIndex


class SlotDelegate(QStyledItemDelegate):
    """Paints a slot: its level colour, the hour, +1/-1 day, meetings, DST and now marks."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.small = scaled_font(parent.font(), 0.85)
        self.tiny = scaled_font(parent.font(), 0.7, weight=QFont.Weight.DemiBold)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        level = index.data(LEVEL_ROLE)
        if not level:
            return
        palette = option.palette  # type: ignore[attr-defined]
        rect: QRect = option.rect  # type: ignore[attr-defined]
        painter.save()
        painter.fillRect(rect, level_color(palette, level))
        if index.data(MEETING_ROLE):
            booked = QColor(palette.color(palette.ColorRole.Highlight))
            booked.setAlpha(170)
            painter.fillRect(rect.adjusted(0, rect.height() // 3, 0, -rect.height() // 3), booked)
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            chosen = QColor(palette.color(palette.ColorRole.Highlight))
            chosen.setAlpha(140)
            painter.fillRect(rect, chosen)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text:
            shift = index.data(SHIFT_ROLE)
            painter.setFont(self.small)
            painter.setPen(palette.color(palette.ColorRole.Text))
            if shift:
                # Another calendar day for this person: the hour sits left, "+1"/"-1" right.
                painter.drawText(
                    rect.adjusted(2, 0, 0, 0),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    text,
                )
                painter.setFont(self.tiny)
                painter.drawText(
                    rect.adjusted(0, 0, -1, 0),
                    Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
                    f"{shift:+d}".replace("-", "−"),
                )
            else:
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        if index.data(TRANSITION_ROLE):
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), error_color(palette))
        now = index.data(NOW_ROLE)
        if now is not None and now >= 0:
            x = rect.left() + round(now * rect.width())
            painter.setPen(QPen(error_color(palette), 2))
            painter.drawLine(x, rect.top(), x, rect.bottom())
        painter.restore()


class PlannerGridView(QTableView):
    """``range_chosen(day index, first column, last column)`` after a drag or Enter."""

    range_chosen = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._anchor: tuple[int, int] | None = None
        self.setItemDelegate(SlotDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # arrows move between slots, Tab leaves the grid
        self.setMouseTracking(False)
        self.setShowGrid(True)
        self.setCornerButtonEnabled(False)
        self.setAccessibleName("Planner grid")
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        metrics = QFontMetrics(scaled_font(self.font(), 0.85))
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        horizontal.setDefaultSectionSize(metrics.horizontalAdvance("23:45 +1") + 4)
        horizontal.setMinimumSectionSize(12)
        horizontal.setHighlightSections(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(metrics.height() + 8)
        vertical.setHighlightSections(False)

    def grid_model(self) -> PlannerGridModel:
        model = self.model()
        assert isinstance(model, PlannerGridModel)
        return model

    # -- choosing a range ---------------------------------------------------------------

    def select_range(self, day: int, first: int, last: int) -> None:
        """Select columns ``first``..``last`` across the whole band of ``day``."""
        model = self.grid_model()
        top = model.first_row_of_day(day)
        bottom = top + model.band_height - 1
        first, last = sorted((first, last))
        selection = self.selectionModel()
        selection.clearSelection()
        chosen = QItemSelection(model.index(top, first), model.index(bottom, last))
        selection.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selection.setCurrentIndex(
            model.index(top, last), QItemSelectionModel.SelectionFlag.NoUpdate
        )

    def chosen_range(self) -> tuple[int, int, int] | None:
        """(day, first column, last column) of the current selection, within one day."""
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return None
        model = self.grid_model()
        days = {model.locate(i.row())[0] for i in indexes}
        if len(days) != 1:
            return None
        columns = [i.column() for i in indexes]
        return days.pop(), min(columns), max(columns)

    def _slot_at(self, event: QMouseEvent) -> tuple[int, int] | None:
        index = self.indexAt(event.position().toPoint())
        if not index.isValid() or not (index.flags() & Qt.ItemFlag.ItemIsEnabled):
            return None
        return self.grid_model().locate(index.row())[0], index.column()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        slot = self._slot_at(event)
        self._anchor = slot
        if slot is None:
            self.clearSelection()
            return
        self.select_range(slot[0], slot[1], slot[1])
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._anchor is None:
            super().mouseMoveEvent(event)
            return
        slot = self._slot_at(event)
        if slot is not None and slot[0] == self._anchor[0]:
            self.select_range(self._anchor[0], self._anchor[1], slot[1])
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._anchor is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        slot = self._slot_at(event)
        day, first = self._anchor
        self._anchor = None
        last = slot[1] if slot is not None and slot[0] == day else first
        self.select_range(day, first, last)
        event.accept()
        self.range_chosen.emit(day, min(first, last), max(first, last))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chosen = self.chosen_range()
            if chosen is not None:
                event.accept()
                self.range_chosen.emit(*chosen)
                return
        super().keyPressEvent(event)
