"""What the planner's colours and marks mean, drawn with the same palette colours."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from mentordesk.ui.theme import error_color, level_color

_ENTRIES = (
    ("work", "Everyone working"),
    ("day", "Daytime for everyone"),
    ("night", "Night for someone"),
    ("booked", "Booked"),
    ("now", "Now"),
    ("change", "Clocks change"),
)


class Swatch(QWidget):
    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setFixedSize(QSize(18, 14))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        rect = self.rect()
        if self.kind in ("work", "day", "night"):
            painter.fillRect(rect, level_color(palette, self.kind))
        elif self.kind == "booked":
            painter.fillRect(rect, level_color(palette, "work"))
            booked = QColor(palette.color(palette.ColorRole.Highlight))
            booked.setAlpha(170)
            third = rect.height() // 3
            painter.fillRect(rect.adjusted(0, third, 0, -third), booked)
        elif self.kind == "now":
            painter.fillRect(rect.center().x() - 1, 0, 2, rect.height(), error_color(palette))
        else:
            painter.fillRect(0, 0, 3, rect.height(), error_color(palette))
        painter.setPen(palette.color(palette.ColorRole.Mid))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(6)
        for kind, text in _ENTRIES:
            layout.addWidget(Swatch(kind, self))
            layout.addWidget(QLabel(text, self))
            layout.addSpacing(10)
        layout.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.update()
