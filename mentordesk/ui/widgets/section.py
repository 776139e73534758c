"""A titled list of one kind of item, with a sentence in place of the list when it is empty."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.theme import scaled_font
from mentordesk.ui.widgets.muted_label import MutedLabel


class Section(QWidget):
    """Title with a row count, then the view; ``empty_text`` (or a no-match text) when empty."""

    def __init__(
        self,
        title: str,
        empty_text: str,
        model: QAbstractItemModel,
        stretch_column: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.empty_text = empty_text
        self.filter_text = ""
        self._stretch_column = stretch_column

        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(self.font(), 1.15, weight=QFont.Weight.DemiBold))
        self.view = QTreeView(self)
        self.view.setObjectName(title)
        self.view.setAccessibleName(title)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setModel(model)
        # Rows a little taller than the style's minimum, so short lists are easy to scan.
        # A style sheet keeps this in C++: a Python delegate's sizeHint ran for every cell.
        self.view.setStyleSheet("QTreeView::item { padding-top: 3px; padding-bottom: 3px; }")
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionsMovable(False)

        self.empty_label = MutedLabel("", self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setContentsMargins(12, 12, 12, 12)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        self.heading_row = QHBoxLayout()
        self.heading_row.setContentsMargins(0, 0, 0, 0)
        self.heading_row.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.heading_row)
        layout.addWidget(self.stack, 1)

        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self._update)
        self._update()

    def model(self) -> QAbstractItemModel:
        return self.view.model()

    def set_filter_text(self, text: str) -> None:
        self.filter_text = text
        self._update()

    def _update(self) -> None:
        model = self.model()
        rows = model.rowCount()
        self.heading.setText(f"{self.title} ({rows})" if rows else self.title)
        if rows:
            self.stack.setCurrentWidget(self.view)
            self._fit_columns()
        else:
            self.empty_label.setText(
                f"Nothing here matches “{self.filter_text}”."
                if self.filter_text
                else self.empty_text
            )
            self.stack.setCurrentWidget(self.empty_label)

    def _fit_columns(self) -> None:
        # Fit once per change of rows: ResizeToContents mode re-measured every cell (through
        # Python) on each layout pass, ~13,000 data() calls before Today's first paint.
        header = self.view.header()
        for column in range(self.model().columnCount()):
            if column == self._stretch_column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.view.resizeColumnToContents(column)
