"""The end-of-call review: what the call captured, each item private until the mentor shares it.

A short form (a call captures a handful of items), so one row of widgets per item; each
"Share with mentee" box is saved the moment it is ticked, so there is nothing to lose on Done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Owner
from mentordesk.domain.note_items import LinkedItem
from mentordesk.services import Workspace
from mentordesk.ui.formatting import short_date
from mentordesk.ui.theme import bold, scaled_font
from mentordesk.ui.widgets.detail_parts import scroll_area
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.muted_label import MutedLabel

KIND_LABELS = {
    "action": "Action",
    "win": "Win",
    "feedback_to": "Feedback to them",
    "feedback_from": "Feedback from them",
}
SHARE_TEXT = "Share with mentee"
_COLUMNS = ("Kind", "Item", "Owner", "Due", "")


def owner_text(item: LinkedItem, mentee_name: str) -> str:
    if item.kind != "action":
        return ""
    if item.owner is Owner.MENTEE:
        return mentee_name.split()[0] if mentee_name.strip() else "Them"
    return "You"


class CallReviewDialog(QDialog):
    """Lists ``items``; ``boxes`` holds each item's share box, in the same order."""

    def __init__(
        self,
        workspace: Workspace,
        items: Sequence[LinkedItem],
        mentee_name: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.items = list(items)
        self.setWindowTitle("Call review")
        self.setModal(False)
        today = today or date.today()

        title = QLabel("What this call captured", self)
        title.setFont(scaled_font(self.font(), 1.2, weight=QFont.Weight.DemiBold))
        if self.items:
            hint = (
                "Everything stays private unless you share it: ticked items may go into what"
                f" you hand to {mentee_name or 'your mentee'}."
            )
        else:
            hint = (
                "No action items, wins or feedback this time. Next call, start a line with"
                " “- [ ]” for an action item, or tag it #win, #feedback or #fb-me."
            )
        subtitle = MutedLabel(hint, self)
        subtitle.setWordWrap(True)
        self.error = FieldError(self)

        grid_widget = QWidget(self)
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        self.boxes: list[QCheckBox] = []
        if self.items:
            for column, heading in enumerate(_COLUMNS):
                label = QLabel(heading, grid_widget)
                label.setFont(bold(self.font()))
                grid.addWidget(label, 0, column)
        for index, item in enumerate(self.items):
            row = index + 1
            text = QLabel(item.text, grid_widget)
            text.setWordWrap(True)
            # Room for a sentence on a line or two, not a word a line.
            text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            due = short_date(item.due, today) if item.due is not None else ""
            cells = (
                QLabel(KIND_LABELS.get(item.kind, item.kind), grid_widget),
                text,
                QLabel(owner_text(item, mentee_name), grid_widget),
                QLabel(due, grid_widget),
            )
            for column, cell in enumerate(cells):
                grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)
            box = QCheckBox(SHARE_TEXT, grid_widget)
            box.setChecked(item.shareable)
            box.setAccessibleName(f"{SHARE_TEXT}: {item.text}")
            box.setProperty("item_index", index)
            # A bound method, not a lambda holding the dialog (see MainWindow.new_mentee).
            box.toggled.connect(self._toggled)
            grid.addWidget(box, row, len(cells), Qt.AlignmentFlag.AlignTop)
            self.boxes.append(box)
        grid.setRowStretch(len(self.items) + 1, 1)

        buttons = QDialogButtonBox(self)
        self.buttons = buttons
        self.intro_button: QPushButton | None = None
        self.done_button = buttons.addButton("Done", QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setDefault(True)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(scroll_area(grid_widget, self), 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.grid_widget = grid_widget
        self._fit_to_items()

    def offer_intro_copy(self, open_copy: Callable[[], object]) -> None:
        """An intro session's call: a step to copy its sections to the profile and goals."""
        offer = MutedLabel(
            "This was an introductory session: copy its Background, Interests and"
            " Expectations to the profile and its Goals to the roadmap.",
            self,
        )
        offer.setWordWrap(True)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.indexOf(self.buttons), offer)
        self.intro_button = self.buttons.addButton(
            "Copy to &Profile…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.intro_button.clicked.connect(open_copy)

    def _fit_to_items(self) -> None:
        """Wide enough for the item column, tall enough for ten items without scrolling;
        never past most of the screen."""
        screen = self.screen().availableGeometry()
        width = min(max(760, self.grid_widget.sizeHint().width() + 40), screen.width() * 9 // 10)
        tallest = screen.height() * 85 // 100
        self.resize(width, 300)
        # Labels wrap by the width they get: lay out once, then add what the items lack.
        self.layout().activate()
        scroll = self.findChild(QScrollArea)
        room = scroll.viewport().width() - scroll.verticalScrollBar().sizeHint().width()
        needed = max(
            self.grid_widget.heightForWidth(room), self.grid_widget.minimumSizeHint().height()
        )
        if len(self.items) > 10:
            needed = needed * 10 // len(self.items)  # past ten, the list scrolls
        lacking = needed - scroll.viewport().height()
        if lacking > 0:
            self.resize(width, min(300 + lacking, tallest))

    def _toggled(self, on: bool) -> None:
        box = self.sender()
        if isinstance(box, QCheckBox):
            self.share(int(box.property("item_index")), on)

    def share(self, index: int, on: bool) -> None:
        """Saves item ``index`` as shareable (or private); on refusal, shows why and reverts."""
        item = self.items[index]
        try:
            self.workspace.set_item_shareable(item.kind, item.item_id, on)
        except (ValidationError, KeyError) as exc:
            message = exc.message if isinstance(exc, ValidationError) else "This item is gone."
            self.error.set_message(message)
            box = self.boxes[index]
            box.blockSignals(True)
            box.setChecked(not on)
            box.blockSignals(False)
            return
        self.error.set_message(None)
