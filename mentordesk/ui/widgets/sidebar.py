"""The navigation list on the left of the main window: one row (icon and title) per page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListWidget, QListWidgetItem, QWidget

from mentordesk.ui.widgets.pictograms import letter_icon, pictogram

_ICON = 20


class Sidebar(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon_names: list[str] = []
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setIconSize(QSize(_ICON, _ICON))
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Pages")

    def add_page(self, title: str, icon_name: str = "") -> None:
        item = QListWidgetItem(self._icon(title, icon_name), title)
        item.setSizeHint(QSize(0, self.fontMetrics().height() + 18))
        self._icon_names.append(icon_name)
        self.addItem(item)

    def sizeHint(self) -> QSize:
        widest = max(
            (
                self.fontMetrics().horizontalAdvance(self.item(i).text())
                for i in range(self.count())
            ),
            default=80,
        )
        return QSize(widest + _ICON + 56, super().sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            for row in range(self.count()):
                item = self.item(row)
                item.setIcon(self._icon(item.text(), self._icon_names[row]))
        super().changeEvent(event)

    def _icon(self, title: str, icon_name: str) -> QIcon:
        themed = QIcon.fromTheme(icon_name) if icon_name else QIcon()
        if not themed.isNull():
            return themed
        return pictogram(icon_name, self.palette(), _ICON) or letter_icon(
            title, self.palette(), _ICON
        )
