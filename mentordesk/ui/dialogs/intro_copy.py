"""Copy to Profile…: what an intro session's note gives the profile and the roadmap, each
part with a box to untick, the profile's text now beside what it will read after."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.intro_session import PROFILE_PARTS, IntroGoal, IntroNotes, merged
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.ui.intro_copy import CopyIntro
from mentordesk.ui.theme import scaled_font
from mentordesk.ui.widgets.detail_parts import scroll_area
from mentordesk.ui.widgets.muted_label import MutedLabel


def _wrapped(text: str, parent: QWidget, muted: bool = False) -> QLabel:
    label = MutedLabel(text, parent) if muted else QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setContentsMargins(24, 0, 0, 0)  # under its box's text
    return label


class IntroCopyDialog(QDialog):
    """``profile_boxes``: field -> its box; ``goal_boxes``: one per goal, in order."""

    def __init__(
        self,
        workspace: Workspace,
        mentee: Mentee,
        notes: IntroNotes,
        push: Callable[[QUndoCommand], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.mentee, self.notes, self.push = workspace, mentee, notes, push
        self.command: CopyIntro | None = None
        self.setWindowTitle(f"Copy to Profile — {mentee.name}")

        title = QLabel(f"Copy this introductory session to {mentee.name}’s profile", self)
        title.setFont(scaled_font(self.font(), 1.2, weight=QFont.Weight.DemiBold))
        title.setWordWrap(True)
        hint = MutedLabel(
            "Untick what should not be copied. Text goes below what the profile holds;"
            " goals are added after their others. Edit ▸ Undo on the Roadmap takes the whole"
            " copy back.",
            self,
        )
        hint.setWordWrap(True)

        content = QWidget(self)
        rows = QVBoxLayout(content)
        rows.setSpacing(4)
        self.profile_boxes: dict[str, QCheckBox] = {}
        for field, name in PROFILE_PARTS:
            copied = getattr(notes, field)
            if not copied:
                continue
            before = getattr(mentee, field)
            box = QCheckBox(f"{name} → profile", content)
            box.setChecked(True)
            self.profile_boxes[field] = box
            rows.addWidget(box)
            rows.addWidget(_wrapped(copied, content))
            now = f"The profile’s {name} now: {before.strip() or 'empty'}"
            if merged(before, copied) == before:
                now += " (already holds this: nothing to add)"
                box.setChecked(False)
            rows.addWidget(_wrapped(now, content, muted=True))
            rows.addSpacing(8)
        self.goal_boxes: list[QCheckBox] = []
        if notes.goals:
            heading = QLabel(f"Goals → roadmap ({len(notes.goals)})", content)
            heading.setFont(scaled_font(self.font(), 1.0, weight=QFont.Weight.DemiBold))
            rows.addWidget(heading)
        for goal in notes.goals:
            box = QCheckBox(goal.title, content)
            box.setChecked(True)
            self.goal_boxes.append(box)
            rows.addWidget(box)
            if goal.success_criteria:
                rows.addWidget(_wrapped(f"Done when: {goal.success_criteria}", content, True))
        rows.addStretch(1)

        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton("&Copy", QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.setDefault(True)
        buttons.addButton("&Not Now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.copy)
        buttons.rejected.connect(self.reject)
        for box in [*self.profile_boxes.values(), *self.goal_boxes]:
            box.toggled.connect(self._update_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(scroll_area(content, self), 1)
        layout.addWidget(buttons)
        self._update_button()
        self.resize(640, min(620, max(360, content.sizeHint().height() + 160)))

    def chosen(self) -> tuple[dict[str, str], list[IntroGoal]]:
        profile = {
            field: getattr(self.notes, field)
            for field, box in self.profile_boxes.items()
            if box.isChecked()
        }
        pairs = zip(self.notes.goals, self.goal_boxes, strict=True)
        goals = [goal for goal, box in pairs if box.isChecked()]
        return profile, goals

    def _update_button(self) -> None:
        profile, goals = self.chosen()
        self.copy_button.setEnabled(bool(profile or goals))

    def copy(self) -> None:
        profile, goals = self.chosen()
        if profile or goals:
            self.command = CopyIntro(self.workspace, self.mentee.id or 0, profile, goals)
            self.push(self.command)
        self.accept()
