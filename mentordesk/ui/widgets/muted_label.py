"""Secondary text (hints, empty states, the clock line) in the theme's muted colour."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from mentordesk.ui.theme import muted_color


class MutedLabel(QLabel):
    """Keeps the muted colour when the system switches between light and dark."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._apply()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply()

    def _apply(self) -> None:
        palette = self.palette()
        color = muted_color(palette)
        # Setting the palette raises another PaletteChange: only set it when it differs.
        if palette.color(self.foregroundRole()) != color:
            palette.setColor(self.foregroundRole(), color)
            self.setPalette(palette)
