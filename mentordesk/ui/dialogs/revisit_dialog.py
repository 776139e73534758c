"""Mark revisited…: the day the goal was looked at again and an optional note. The goal's
next revisit date moves four weeks on from that day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from mentordesk.domain.models import Goal
from mentordesk.domain.progress import next_revisit


class RevisitDialog(QDialog):
    def __init__(self, goal: Goal, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal = goal
        self.setWindowTitle("Mark Revisited")
        self.on = QDateEdit(QDate(today), self)
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("dd MMM yyyy")
        self.on.setMaximumDate(QDate(today))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("What you agreed (optional)")
        self.next = QLabel(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Mark Revisited")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{goal.title}</b>", self))
        form.addRow("Revisited &on", self.on)
        form.addRow("&Note", self.note)
        form.addRow("Next revisit", self.next)
        form.addRow(buttons)
        self.on.dateChanged.connect(self._show_next)
        self._show_next()

    def _show_next(self) -> None:
        self.next.setText(f"{next_revisit(self.revisited_on()):%d %b %Y}")

    def revisited_on(self) -> date:
        return self.on.date().toPython()  # type: ignore[return-value]
