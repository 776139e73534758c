"""Working hours: a start and end time and the weekdays they apply to."""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTimeEdit, QVBoxLayout, QWidget

from mentordesk.domain.models import WorkingHours

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _time_edit(parent: QWidget) -> QTimeEdit:
    edit = QTimeEdit(parent)
    edit.setDisplayFormat("HH:mm")
    edit.setKeyboardTracking(True)
    return edit


class HoursEditor(QWidget):
    """Edits a WorkingHours; ``changed`` fires on every edit so the form can re-validate."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_edit = _time_edit(self)
        self.end_edit = _time_edit(self)
        self.day_boxes = [QCheckBox(name, self) for name in DAY_NAMES]

        times = QHBoxLayout()
        times.setContentsMargins(0, 0, 0, 0)
        times.addWidget(self.start_edit)
        times.addWidget(QLabel("to", self))
        times.addWidget(self.end_edit)
        times.addStretch(1)
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        for box in self.day_boxes:
            days.addWidget(box)
            box.toggled.connect(self.changed)
        days.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(times)
        layout.addLayout(days)

        self.start_edit.timeChanged.connect(self.changed)
        self.end_edit.timeChanged.connect(self.changed)

    def hours(self) -> WorkingHours:
        days = tuple(i + 1 for i, box in enumerate(self.day_boxes) if box.isChecked())
        return WorkingHours(
            self.start_edit.time().toPython(), self.end_edit.time().toPython(), days
        )

    def set_hours(self, hours: WorkingHours) -> None:
        self.start_edit.setTime(QTime(hours.start.hour, hours.start.minute))
        self.end_edit.setTime(QTime(hours.end.hour, hours.end.minute))
        for i, box in enumerate(self.day_boxes):
            box.setChecked(i + 1 in hours.days)
