"""The Roadmap page's template entries: New Roadmap from Template… (the dialog, then one
undoable step adding the template's goals) and Save Roadmap as Template… (the mentor's own,
kept in their data folder). A mixin of ``RoadmapPage``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QMessageBox

from mentordesk.domain.errors import ValidationError
from mentordesk.ui import roadmap_commands as cmd
from mentordesk.ui.models.roadmap import RoadmapModel

if TYPE_CHECKING:
    from mentordesk.services import Workspace
    from mentordesk.services.roadmap_templates import RoadmapTemplates
    from mentordesk.ui.dialogs.roadmap_template_dialog import RoadmapTemplateDialog


class RoadmapTemplateActions:
    if TYPE_CHECKING:  # provided by RoadmapPage
        workspace: Workspace
        model: RoadmapModel
        mentee_id: int
        mentee_box: QComboBox
        status_message: Signal

        def push(self, command: QUndoCommand) -> bool: ...
        def today(self) -> date: ...
        def _select(self, kind: str, item_id: int, column: int = 0) -> QModelIndex: ...

    def build_template_actions(self) -> None:
        parent = self  # type: ignore[assignment]
        self.from_template_action = QAction("New Roadmap from &Template…", parent)  # type: ignore[arg-type]
        self.from_template_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.from_template_action.triggered.connect(self.open_template_dialog)
        self.save_template_action = QAction("&Save Roadmap as Template…", parent)  # type: ignore[arg-type]
        self.save_template_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.save_template_action.triggered.connect(self.ask_template_name)
        for action in (self.from_template_action, self.save_template_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)  # type: ignore[attr-defined]

    def update_template_actions(self) -> None:
        self.from_template_action.setEnabled(bool(self.mentee_id))
        self.save_template_action.setEnabled(bool(self.model.goals))

    def roadmap_templates(self) -> RoadmapTemplates:
        from mentordesk.services.roadmap_templates import RoadmapTemplates

        return RoadmapTemplates(self.workspace.roadmap)

    # -- applying ---------------------------------------------------------------------------

    def open_template_dialog(self) -> RoadmapTemplateDialog | None:
        if not self.mentee_id:
            return None
        from mentordesk.ui.dialogs.roadmap_template_dialog import RoadmapTemplateDialog

        dialog = RoadmapTemplateDialog(
            self.roadmap_templates(),
            self.mentee_id,
            self.mentee_box.currentText(),
            self.today(),
            self,  # type: ignore[arg-type]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.template_dialog = dialog
        dialog.accepted.connect(self._template_accepted)
        dialog.open()
        return dialog

    def _template_accepted(self) -> None:
        dialog = self.template_dialog
        template = dialog.chosen()
        if template is None:
            return
        command = cmd.ApplyTemplate(
            self.workspace.roadmap, self.mentee_id, dialog.plan(), template.title, self.today()
        )
        if self.push(command) and command.goal_ids:
            self._select("goal", command.goal_ids[0])
            self.status_message.emit(
                f"Added {len(command.goal_ids)} goals from “{template.title}” — Edit ▸ Undo"
                " takes them all back."
            )

    # -- saving -----------------------------------------------------------------------------

    def ask_template_name(self) -> QInputDialog | None:
        if not self.model.goals:
            return None
        ask = QInputDialog(self)  # type: ignore[arg-type]
        ask.setWindowTitle("Save Roadmap as Template")
        ask.setLabelText(
            "Name of the template (its dates are kept relative to the earliest one;"
            " dropped goals and milestones are left out):"
        )
        ask.setTextEchoMode(QLineEdit.EchoMode.Normal)
        ask.setTextValue(f"{self.mentee_box.currentText()}'s roadmap")
        ask.setOkButtonText("Save Template")
        ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.name_dialog = ask
        ask.textValueSelected.connect(self.save_as_template)
        ask.open()
        return ask

    def save_as_template(self, title: str, replace: bool = False) -> None:
        try:
            saved = self.roadmap_templates().save_from_mentee(self.mentee_id, title, replace)
        except ValidationError as exc:
            if "already yours" in exc.message:
                from mentordesk.ui.dialogs.confirm import confirm

                self.replace_box = confirm(
                    self,  # type: ignore[arg-type]
                    "Replace Template",
                    f"{exc.message.split(' — ')[0]}. Replace it with this roadmap?",
                    "Replace Template",
                    lambda: self.save_as_template(title, replace=True),
                )
                return
            self.error_box = QMessageBox(
                QMessageBox.Icon.Warning, "Save Roadmap as Template", exc.message,
                QMessageBox.StandardButton.Ok, self,  # type: ignore[arg-type]
            )  # fmt: skip
            self.error_box.open()
            return
        self.status_message.emit(
            f"Saved the template “{saved.title}” — find it under New Roadmap from Template…"
        )
