"""A mentee's channels as a small table: one row per channel (kind, value, remove), and Add.

The rows are the data: ``channels()`` reads them in order (blank values included, the
validator drops them), so the form validates exactly what is shown.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.channels import EMAIL, KINDS, PLACEHOLDERS, label
from mentordesk.domain.models import Channel


class ChannelRow(QWidget):
    """One channel: its kind, its value and a button that removes the row."""

    def __init__(self, channel: Channel, parent: QWidget) -> None:
        super().__init__(parent)
        self.kind_combo = QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem(label(kind), kind)
        self.kind_combo.setAccessibleName("Channel kind")
        self.value_edit = QLineEdit(channel.value, self)
        self.value_edit.setAccessibleName("Channel value")
        self.remove_button = QToolButton(self)
        self.remove_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogDiscardButton)
        )
        self.remove_button.setToolTip("Remove this channel")
        self.remove_button.setAccessibleName("Remove channel")
        index = self.kind_combo.findData(channel.kind)
        self.kind_combo.setCurrentIndex(index if index >= 0 else KINDS.index("other"))
        self._show_placeholder()
        self.kind_combo.currentIndexChanged.connect(self._show_placeholder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.kind_combo)
        layout.addWidget(self.value_edit, 1)
        layout.addWidget(self.remove_button)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def channel(self) -> Channel:
        return Channel(self.kind(), self.value_edit.text())

    def _show_placeholder(self) -> None:
        self.value_edit.setPlaceholderText(PLACEHOLDERS.get(self.kind(), ""))


class ChannelEditor(QWidget):
    """Edits a mentee's channels; ``changed`` fires on every edit so the form re-validates."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ChannelRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(4)
        self.add_button = QPushButton("A&dd channel", self)
        self.add_button.setToolTip("Add a way to reach this mentee: email, phone, video, chat")
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(self._add_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._rows_layout)
        layout.addWidget(self.add_button)
        # Not a Tab stop itself; its label's Alt+letter goes to its focus proxy (a row).
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def set_channels(self, channels: tuple[Channel, ...]) -> None:
        """Shows ``channels``; with none, one empty e-mail row to fill in."""
        for row in list(self.rows):
            self._drop(row)
        for channel in channels or (Channel(EMAIL, ""),):
            self.add_row(channel)
        self.changed.emit()

    def channels(self) -> tuple[Channel, ...]:
        return tuple(row.channel() for row in self.rows)

    def add_row(self, channel: Channel) -> ChannelRow:
        row = ChannelRow(channel, self)
        row.kind_combo.currentIndexChanged.connect(self.changed)
        row.value_edit.textChanged.connect(self.changed)
        row.remove_button.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self._follow_focus()
        return row

    def remove_row(self, row: ChannelRow) -> None:
        index = self.rows.index(row)
        self._drop(row)
        # Focus stays in the table: on the row that moved up, else the one above, else Add.
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].value_edit.setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def _drop(self, row: ChannelRow) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._follow_focus()

    def _follow_focus(self) -> None:
        """Tab goes through the rows in order, then Add: rows made after Add (all of them)
        would otherwise come last in the dialog's chain."""
        # Without a proxy while ordering: setTabOrder would put the proxy in its place.
        self.setFocusProxy(None)
        chain: list[QWidget] = [self]
        for row in self.rows:
            chain += [row.kind_combo, row.value_edit, row.remove_button]
        chain.append(self.add_button)
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.setFocusProxy(self.rows[0].value_edit if self.rows else self.add_button)

    def _add_clicked(self) -> None:
        # A new row takes the first kind the mentee has not got yet (email, phone, …).
        used = {row.kind() for row in self.rows}
        kind = next((k for k in KINDS if k not in used), KINDS[-1])
        row = self.add_row(Channel(kind, ""))
        row.show()  # a layout shows it later; focus needs it shown now
        row.value_edit.setFocus()
        self.changed.emit()
