"""The list half of a list page: a search box, a sortable table, and a sentence when it is empty.

The table's model is a ``KeyedTableModel``: sorting runs in the model (Python or SQL) and ends
in a reset, and the pane puts the selection back on the same key afterwards.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.models.list_base import KeyedTableModel
from mentordesk.ui.theme import muted_color, scaled_font

SEARCH_DELAY_MS = 150


class ListPane(QWidget):
    """``current_changed(key)`` when the selected row changes (None: nothing selected);
    ``search_changed(text)`` once typing pauses.

    ``widths`` are in average characters; ``stretch_column`` takes the spare width (None: the
    last column does, and the table scrolls sideways rather than squeeze any column).
    """

    current_changed = Signal(object)
    search_changed = Signal(str)

    def __init__(
        self,
        model: KeyedTableModel,
        placeholder: str,
        widths: Sequence[int],
        stretch_column: int | None,
        parent: QWidget | None = None,
        hidden: Sequence[int] = (),
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._key: Hashable | None = None
        self._kept: Hashable | None = None

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(placeholder)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Filter")
        clear = QAction(self.search_edit)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search_edit.clear)
        self.search_edit.addAction(clear)
        self.search_edit.installEventFilter(self)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit_search)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._emit_search)

        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Cells are never edited: Tab leaves the table for the buttons beside it.
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.view.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures rows, which matters at 200,000 of them.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(model.sort_column, model.sort_order)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort)
        char = self.fontMetrics().averageCharWidth()
        # Set widths, never ResizeToContents: that measures every row of the model.
        bold = QFont(header.font())
        bold.setBold(True)
        title_metrics = QFontMetrics(bold)
        for column, chars in enumerate(widths):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            # Room for the title and the sort arrow, whatever the style draws them with.
            fit = title_metrics.horizontalAdvance(title) + 2 * char + 16
            header.resizeSection(column, max(chars * char + 16, fit))
        stretched = len(widths) - 1 if stretch_column is None else stretch_column
        if stretch_column is None:
            header.setStretchLastSection(True)
        else:
            header.setStretchLastSection(False)
            header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        # The stretched column never shrinks past its title: the table scrolls sideways instead.
        title = str(model.headerData(stretched, Qt.Orientation.Horizontal) or "")
        header.setMinimumSectionSize(max(10 * char, title_metrics.horizontalAdvance(title) + 16))
        # Columns the mentor can hide or show again (right-click a title, or View ▸ Columns).
        self._stretched = stretched
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().exec(header.mapToGlobal(pos))
        )
        self.set_hidden_columns(hidden)

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setContentsMargins(24, 24, 24, 24)
        self.empty_label.setAccessibleName("Empty list")
        self.empty_label.setFont(scaled_font(self.font(), 1.1))
        self._apply_muted()

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.stack, 1)

        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        model.modelAboutToBeReset.connect(self._about_to_reset)
        model.modelReset.connect(self._after_reset)
        self._empty_text = ""
        self._update_empty()

    # -- API ------------------------------------------------------------------------

    def search_text(self) -> str:
        return self.search_edit.text().strip()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.empty_label.setText(text)

    def is_showing_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def current_key(self) -> Hashable | None:
        return self._key

    def select_key(self, key: Hashable | None) -> bool:
        """Selects (and scrolls to) the row of ``key``; False if it is not in the list."""
        row = -1 if key is None else self.model.row_of(key)
        if row < 0:
            self.view.selectionModel().clear()
            self._set_key(None)
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def hidden_columns(self) -> list[int]:
        return [c for c in range(self.model.columnCount()) if self.view.isColumnHidden(c)]

    def set_hidden_columns(self, columns: Iterable[int]) -> None:
        """Hides ``columns`` and shows the others; the stretched column always stays."""
        hide = set(columns) - {self._stretched}
        for column in range(self.model.columnCount()):
            self.view.setColumnHidden(column, column in hide)

    def fill_column_menu(self, menu: QMenu) -> None:
        """One tick per column: shown or hidden (the stretched one cannot be hidden)."""
        menu.clear()
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.setEnabled(column != self._stretched)
            action.toggled.connect(
                lambda shown, column=column: self.view.setColumnHidden(column, not shown)
            )

    def column_menu(self) -> QMenu:
        menu = QMenu("Columns", self)
        self.fill_column_menu(menu)
        return menu

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def search_now(self) -> None:
        """Applies a pending search at once (no waiting for the typing pause)."""
        if self._search_timer.isActive():
            self._emit_search()

    # -- behaviour --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down in the search box moves into the list, as in a mail client.
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.search_now()
            if self._key is None:
                self.select_key(self.model.key_at(0))
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_muted()
        super().changeEvent(event)

    def _apply_muted(self) -> None:
        palette = self.empty_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_color(self.palette()))
        self.empty_label.setPalette(palette)

    def _emit_search(self) -> None:
        self._search_timer.stop()
        self.search_changed.emit(self.search_text())

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        if column not in self.model.sortable:
            # Not a sortable column: put the arrow back where the order really is.
            header = self.view.horizontalHeader()
            blocked = header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(blocked)
            return
        self.model.sort(column, order)
        if self._key is not None:
            self.view.scrollTo(
                self.view.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter
            )

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        self._set_key(self.model.key_at(rows[0].row()) if rows else None)

    def _set_key(self, key: Hashable | None) -> None:
        if key != self._key:
            self._key = key
            self.current_changed.emit(key)

    def _about_to_reset(self) -> None:
        self._kept = self._key

    def _after_reset(self) -> None:
        kept, self._kept = self._kept, None
        self._update_empty()
        if kept is not None:
            self.select_key(kept)

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.stack.setCurrentWidget(self.empty_label if empty else self.view)


def split_list_and_detail(
    page: QWidget, pane: QWidget, detail: QWidget, name: str, sizes: tuple[int, int]
) -> QSplitter:
    """The list pages' layout: the list beside its detail view, in a splitter the window
    saves and restores by ``name``."""
    splitter = QSplitter(Qt.Orientation.Horizontal, page)
    splitter.setObjectName(name)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(pane)
    splitter.addWidget(detail)
    splitter.setSizes(list(sizes))
    layout = QVBoxLayout(page)
    layout.setContentsMargins(12, 12, 12, 8)
    layout.addWidget(splitter)
    return splitter
