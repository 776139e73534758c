"""The action item form: text, who does it, an optional due date, done or open."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from mentordesk.domain.models import ActionItem, Owner
from mentordesk.domain.record_rules import clean_action
from mentordesk.services import Workspace
from mentordesk.services.records import OpenNotes
from mentordesk.ui.dialogs.record_forms import RecordForm, date_edit, field_check, picked_date
from mentordesk.ui.dialogs.validating import with_error
from mentordesk.ui.widgets.field_error import FieldError


class ActionForm(RecordForm):
    noun = "action item"

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        item: ActionItem | None = None,
        *,
        via: OpenNotes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = item is not None
        note_id = item.note_id if item else None
        super().__init__(workspace, mentee_id, editing=editing, note_id=note_id, via=via,
                         parent=parent)  # fmt: skip
        self.item = item or ActionItem(mentee_id, "", shareable=True)
        self.text_edit = QLineEdit(self.item.text, self)
        self.text_edit.setPlaceholderText("e.g. Send the CV draft")
        self.owner_combo = QComboBox(self)
        self.owner_combo.addItem("You", Owner.MENTOR.value)
        self.owner_combo.addItem(self.first_name, Owner.MENTEE.value)
        self.owner_combo.setCurrentIndex(self.owner_combo.findData(self.item.owner.value))
        self.due_check = QCheckBox("D&ue", self)
        self.due_edit = date_edit(self, self.item.due_date or self.today)
        self.due_check.setChecked(self.item.due_date is not None)
        self.due_edit.setEnabled(self.due_check.isChecked())
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.done_check = QCheckBox("&Done", self)
        self.done_check.setChecked(not self.item.is_open)
        self.done_check.setVisible(editing)
        self.include_check.setChecked(self.item.shareable)
        self.text_error = FieldError(self)

        due = QHBoxLayout()
        due.setContentsMargins(0, 0, 0, 0)
        due.addWidget(self.due_check)
        due.addWidget(self.due_edit, 1)
        form = QFormLayout()
        form.addRow("&Action:", with_error(self.text_edit, self.text_error, self))
        form.addRow("&Who:", self.owner_combo)
        form.addRow("", due)
        if editing:
            form.addRow("", self.done_check)
        self.text_edit.textChanged.connect(self.touched("text"))
        self.lay_out(form, {"text": self.text_error}, editing)
        self.text_edit.setFocus()

    def edited(self) -> ActionItem:
        return replace(
            self.item,
            text=self.text_edit.text(),
            owner=Owner(self.owner_combo.currentData()),
            due_date=picked_date(self.due_edit) if self.due_check.isChecked() else None,
            shareable=self.include_check.isChecked(),
        )

    def checks(self) -> Mapping[str, Callable[[], object]]:
        return {"text": field_check(lambda: clean_action(self.edited()), "text")}

    def commit(self) -> None:
        records = self.workspace.records
        if self.item.id is None:
            self.saved = records.add_action(self.edited())
            return
        self.saved = records.update_action(self.edited(), via=self.via)
        if self.done_check.isChecked() == self.item.is_open:
            records.set_action_done(self.item.id, self.done_check.isChecked(), via=self.via)

    def delete_text(self) -> str:
        text = f"Delete the action item “{self.item.text}”? This cannot be undone."
        if self.item.note_id is not None:
            text += " Its line stays in the note, as written."
        return text

    def remove(self) -> None:
        self.workspace.records.delete_action(self.item.id or 0)
