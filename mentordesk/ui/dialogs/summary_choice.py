"""Which mentees a batch of progress summaries is for: every mentee listed, the active ones
ticked to start with, so that the usual batch is one click and a selection is a few more."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.models import Mentee, MenteeStatus


class MenteeChoiceDialog(QDialog):
    """Ticks for every mentee; accepted only with at least one ticked."""

    def __init__(self, mentees: Sequence[Mentee], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Summaries For")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Mentees")
        for mentee in mentees:
            active = mentee.status is MenteeStatus.ACTIVE
            text = mentee.name if active else f"{mentee.name} ({mentee.status.value})"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, mentee.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if active else Qt.CheckState.Unchecked)
        self.list.itemChanged.connect(self._update)
        if self.list.count():
            self.list.setCurrentRow(0)

        label = QLabel("&Write a progress summary for:", self)
        label.setBuddy(self.list)
        every = QPushButton("Select A&ll", self)
        every.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        none = QPushButton("Select &None", self)
        none.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        picks = QHBoxLayout()
        picks.addWidget(every)
        picks.addWidget(none)
        picks.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(
            "&Choose Folder…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.count_label = QLabel(self)

        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addLayout(picks)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        self.resize(380, 420)
        self._update()

    def chosen_ids(self) -> list[int]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _tick_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def _update(self, _item: QListWidgetItem | None = None) -> None:
        count = len(self.chosen_ids())
        self.ok_button.setEnabled(count > 0)
        self.count_label.setText(
            "Tick at least one mentee." if count == 0 else f"{count} of {self.list.count()} ticked"
        )


def ask_for_mentees(parent: QWidget, mentees: Sequence[Mentee]) -> list[int] | None:
    """The ids the mentor ticked, or None when they cancelled."""
    dialog = MenteeChoiceDialog(mentees, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    chosen = dialog.chosen_ids()
    dialog.deleteLater()
    return chosen if accepted else None
