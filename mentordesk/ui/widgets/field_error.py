"""Inline validation messages: a warning icon and text right under the field they are about."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from mentordesk.domain.errors import ValidationError
from mentordesk.ui.theme import error_color


class FieldError(QWidget):
    """Hidden while the field is fine; shows the validator's message when it is not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._label = QLabel(self)
        self._label.setObjectName("message")
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self._icon)
        layout.addWidget(self._label, 1)
        self._apply_theme()
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def set_message(self, message: str | None) -> None:
        self._label.setText(message or "")
        self.setVisible(bool(message))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_theme()
        super().changeEvent(event)

    def _apply_theme(self) -> None:
        size = self.fontMetrics().height()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._icon.setPixmap(warning.pixmap(size, size))
        palette = self._label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_color(self.palette()))
        self._label.setPalette(palette)


def collect_errors(checks: Mapping[str, Callable[[], object]]) -> dict[str, str]:
    """Runs every check (not just up to the first failure) and maps field -> message."""
    errors: dict[str, str] = {}
    for field, check in checks.items():
        try:
            check()
        except ValidationError as exc:
            errors.setdefault(field, exc.message)
    return errors


class ErrorDisplay:
    """Which FieldError shows each field's message; unknown fields go to ``general``."""

    def __init__(self, fields: Mapping[str, FieldError], general: FieldError) -> None:
        self.fields = dict(fields)
        self.general = general

    def show(self, errors: Mapping[str, str], visible_fields: set[str] | None = None) -> None:
        """Shows the errors of ``visible_fields`` (all when None); hides the others."""
        leftover: list[str] = []
        for field, widget in self.fields.items():
            shown = visible_fields is None or field in visible_fields
            widget.set_message(errors.get(field) if shown else None)
        for field, message in errors.items():
            if field not in self.fields:
                leftover.append(message)
        self.general.set_message("\n".join(leftover) or None)
