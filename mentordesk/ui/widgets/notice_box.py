"""A framed warning: an icon, a heading and a few lines, with "and N more" past a limit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget

from mentordesk.ui.theme import bold
from mentordesk.ui.widgets.muted_label import MutedLabel


class NoticeBox(QFrame):
    """A warning icon, a heading and a few lines; hidden when there is nothing to say.

    Drawn on the palette's alternate base so it stands out in light and dark themes.
    """

    def __init__(self, parent: QWidget | None = None, max_lines: int = 8) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setFont(bold(self.font()))
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.footer = MutedLabel("", self)
        self.footer.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.heading)
        text.addWidget(self.body)
        text.addWidget(self.footer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.icon)
        layout.addLayout(text, 1)
        self._apply_icon()
        self.hide()

    def set_lines(self, heading: str, lines: list[str], footer: str = "") -> None:
        """Shows at most ``max_lines`` lines then 'and N more'; hides when ``lines`` is empty."""
        shown = lines[: self.max_lines]
        if len(lines) > len(shown):
            shown.append(f"and {len(lines) - len(shown)} more")
        self.heading.setText(heading)
        self.body.setText("\n".join(shown))
        self.footer.setText(footer)
        self.footer.setVisible(bool(footer))
        self.setVisible(bool(lines))

    def text(self) -> str:
        parts = [self.heading.text(), self.body.text()]
        if self.footer.text():
            parts.append(self.footer.text())
        return "\n".join(parts)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._apply_icon()
        super().changeEvent(event)

    def _apply_icon(self) -> None:
        size = round(self.fontMetrics().height() * 1.5)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(icon.pixmap(size, size))
