"""The resource form: title, link (a web address, an e-mail or a file the mentor picks), kind,
goal, the day it was shared and a note for the mentor (never printed)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from mentordesk.domain.models import Resource, ResourceKind
from mentordesk.domain.record_rules import clean_resource
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.record_forms import (
    RecordForm,
    date_edit,
    field_check,
    goal_combo,
    picked_date,
)
from mentordesk.ui.dialogs.validating import with_error
from mentordesk.ui.widgets.field_error import FieldError

_KINDS = {
    ResourceKind.ARTICLE: "Article",
    ResourceKind.VIDEO: "Video",
    ResourceKind.PODCAST: "Podcast",
    ResourceKind.COURSE: "Course",
    ResourceKind.BOOK: "Book",
    ResourceKind.OTHER: "Other",
}


class ResourceForm(RecordForm):
    noun = "resource"

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        resource: Resource | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        editing = resource is not None
        super().__init__(workspace, mentee_id, editing=editing, parent=parent)
        self.resource = resource or Resource("", "", mentee_id=mentee_id, shared_on=self.today)
        res = self.resource
        self.title_edit = QLineEdit(res.title, self)
        self.title_edit.setPlaceholderText("e.g. The Staff Engineer's Path")
        self.url_edit = QLineEdit(res.url, self)
        self.url_edit.setPlaceholderText("https://…, mailto:… or a file (Browse…)")
        self.browse_button = QPushButton("&Browse…", self)
        self.browse_button.setToolTip("Link a file on this computer")
        self.browse_button.clicked.connect(self.browse)
        self.kind_combo = QComboBox(self)
        for kind, label in _KINDS.items():
            self.kind_combo.addItem(label, kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(res.kind.value))
        self.goal_combo = goal_combo(self, workspace, mentee_id, res.goal_id)
        self.date_edit = date_edit(self, res.shared_on or self.today)
        self.notes_edit = QLineEdit(res.notes, self)
        self.notes_edit.setPlaceholderText("Optional — for you; never printed in summaries")
        self.include_check.setChecked(res.shareable)
        self.title_error = FieldError(self)
        self.url_error = FieldError(self)
        self.notes_error = FieldError(self)

        link = QHBoxLayout()
        link.setContentsMargins(0, 0, 0, 0)
        link.addWidget(self.url_edit, 1)
        link.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("&Title:", with_error(self.title_edit, self.title_error, self))
        form.addRow("&Link:", with_error(link, self.url_error, self))
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("&Goal:", self.goal_combo)
        form.addRow("Shared &on:", self.date_edit)
        form.addRow("&Note:", with_error(self.notes_edit, self.notes_error, self))
        self.title_edit.textChanged.connect(self.touched("title"))
        self.url_edit.textChanged.connect(self.touched("url"))
        self.notes_edit.textChanged.connect(self.touched("notes"))
        self.lay_out(form, {"title": self.title_error, "url": self.url_error,
                            "notes": self.notes_error}, editing)  # fmt: skip
        self.title_edit.setFocus()

    def browse(self) -> None:
        dialog = QFileDialog(self, "Link a file")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.set_file)
        self._file_dialog = dialog
        dialog.open()

    def set_file(self, path: str) -> None:
        """The file the mentor picked, as its file: URL (what the link opens)."""
        if path:
            self.url_edit.setText(bytes(QUrl.fromLocalFile(path).toEncoded().data()).decode())

    def edited(self) -> Resource:
        return replace(
            self.resource,
            title=self.title_edit.text(),
            url=self.url_edit.text(),
            kind=ResourceKind(self.kind_combo.currentData()),
            goal_id=self.goal_combo.currentData() or None,
            shared_on=picked_date(self.date_edit),
            notes=self.notes_edit.text(),
            shareable=self.include_check.isChecked(),
        )

    def checks(self) -> Mapping[str, Callable[[], object]]:
        clean = lambda: clean_resource(self.edited())  # noqa: E731
        return {field: field_check(clean, field) for field in ("title", "url", "notes")}

    def commit(self) -> None:
        records = self.workspace.records
        if self.resource.id is None:
            self.saved = records.add_resource(self.edited())
        else:
            self.saved = records.update_resource(self.edited())

    def delete_text(self) -> str:
        return f"Delete the resource “{self.resource.title}”? This cannot be undone."

    def remove(self) -> None:
        self.workspace.records.delete_resource(self.resource.id or 0)
