"""A ``Section`` whose title is a button that folds the list away, with its count in it.

Today has seven lists in a window 720 px tall: the mentor folds the ones they do not need,
an empty list shrinks to its sentence, and what is left shares the height.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from mentordesk.ui.widgets.section import Section

_ANY_HEIGHT = 16_777_215  # QWIDGETSIZE_MAX


class FoldingSection(Section):
    """Click the title (or Space on it) to fold or unfold; ``total`` counts rows not shown."""

    folded_changed = Signal(bool)

    def __init__(
        self,
        title: str,
        empty_text: str,
        model: QAbstractItemModel,
        stretch_column: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        #: How many rows there are in all, when the list holds only the first of them.
        self.total: int | None = None
        self.toggle: QToolButton | None = None
        super().__init__(title, empty_text, model, stretch_column, parent)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName(f"{title} fold")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setFont(self.heading.font())
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.toggled.connect(self._toggled)
        self.heading.hide()
        self.heading_row.insertWidget(0, self.toggle)
        self.heading_row.setStretch(self.heading_row.indexOf(self.heading), 0)
        self.heading_row.addStretch(1)
        # Two rows at least under the column headers, so an unfolded list is a list.
        row = self.view.fontMetrics().lineSpacing() + 8
        self.view.setMinimumHeight(self.view.header().sizeHint().height() + row * 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._update()

    @property
    def folded(self) -> bool:
        return self.toggle is not None and not self.toggle.isChecked()

    def set_folded(self, folded: bool) -> None:
        if self.toggle is not None:
            self.toggle.setChecked(not folded)

    def set_total(self, total: int | None) -> None:
        self.total = total
        self._update()

    def focus_list(self) -> None:
        """Unfold and put the keyboard in the list (its first row selected if none is)."""
        self.set_folded(False)
        if self.stack.currentWidget() is self.view:
            view = self.view
            if not view.currentIndex().isValid() and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif self.toggle is not None:
            self.toggle.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def heading_text(self) -> str:
        rows = self.model().rowCount()
        if self.total is not None and self.total > rows and not self.filter_text:
            return f"{self.title} ({rows} of {self.total})"
        return f"{self.title} ({rows})" if rows else self.title

    def _buttons_height(self) -> int:
        """The tallest widget beside the title (Today's Done and Edit… buttons)."""
        row = self.heading_row
        widgets = (row.itemAt(i).widget() for i in range(row.count()))
        shown = [w for w in widgets if w is not None and not w.isHidden()]
        return max((w.sizeHint().height() for w in shown), default=0)

    def _toggled(self, unfolded: bool) -> None:
        self._update()
        self.folded_changed.emit(not unfolded)

    def _update(self) -> None:
        super()._update()
        toggle = self.toggle
        if toggle is None:
            return
        text = self.heading_text()
        self.heading.setText(text)
        toggle.setText(text)
        unfolded = toggle.isChecked()
        toggle.setArrowType(Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow)
        toggle.setToolTip(f"{'Fold' if unfolded else 'Unfold'} {self.title} (Space)")
        toggle.setAccessibleName(f"{text}, {'unfolded' if unfolded else 'folded'}")
        self.stack.setVisible(unfolded)
        # Folded: the title only; empty: the title and its sentence; else a share of the rest.
        empty = self.stack.currentWidget() is not self.view
        if not unfolded or empty:
            height = max(toggle.sizeHint().height(), self._buttons_height())
            if unfolded:  # the stack's own hint is the list's, however short the sentence
                height += self.layout().spacing() + self.empty_label.sizeHint().height()
            self.setMaximumHeight(height)
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        else:
            # No taller than its rows: a list of three leaves the rest to a list of thirty.
            self.setMaximumHeight(self._rows_height())
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def _rows_height(self) -> int:
        view = self.view
        rows = view.model().rowCount()
        if not rows:
            return _ANY_HEIGHT
        row = max(view.sizeHintForRow(0), view.fontMetrics().lineSpacing() + 6)
        header = view.header().sizeHint().height()
        # A horizontal scroll bar may take a row's room: allow for it.
        scroll = view.horizontalScrollBar().sizeHint().height()
        frame = 2 * view.frameWidth()
        heading = max(self.toggle.sizeHint().height() if self.toggle else 0, self._buttons_height())
        body = header + rows * row + frame + scroll
        return heading + self.layout().spacing() + max(body, view.minimumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.model().rowCount():
            self._fit_columns()  # the third allowed follows the width

    def _fit_columns(self) -> None:
        super()._fit_columns()
        # A column sized to a long text squeezed the stretched one to nothing in a narrow
        # column of Today: none takes more than a third of the list.
        header = self.view.header()
        widest = max(self.view.viewport().width() // 3, 120)
        for column in range(header.count()):
            if column != self._stretch_column and header.sectionSize(column) > widest:
                header.resizeSection(column, widest)
