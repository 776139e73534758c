"""Import an iCalendar file as busy times (for conflict checks) or as a mentee's meetings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import MenteeStatus
from mentordesk.planner.ics import ImportReport
from mentordesk.services import Workspace
from mentordesk.ui.formatting import plural
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.muted_label import MutedLabel


def summary(report: ImportReport, busy: bool) -> str:
    if busy:
        kept = plural(report.busy_times, "busy time")
    else:
        kept = plural(report.meetings, "meeting")
        extras = [
            f"{report.cancelled} cancelled" if report.cancelled else "",
            f"{report.moved} moved" if report.moved else "",
        ]
        extra = ", ".join(e for e in extras if e)
        kept += f" ({extra} occurrences)" if extra else ""
    skipped = f"; {plural(len(report.skipped), 'item')} not used" if report.skipped else ""
    return f"Imported {kept} from {plural(report.events, 'event')}{skipped}."


class IcsImportDialog(QDialog):
    """``imported(summary)`` once a file was read; the dialog then lists what it skipped."""

    imported = Signal(str)

    def __init__(
        self, workspace: Workspace, mentee_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Import calendar (.ics)")

        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText("A .ics file exported from your calendar")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        self.busy_radio = QRadioButton("As busy times — checked for conflicts when you plan", self)
        self.meetings_radio = QRadioButton("As meetings with", self)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.busy_radio)
        self.mode.addButton(self.meetings_radio)
        self.mentee_combo = QComboBox(self)
        for mentee in workspace.list_mentees():
            if mentee.status is MenteeStatus.ACTIVE:
                self.mentee_combo.addItem(mentee.name, mentee.id)
        found = self.mentee_combo.findData(mentee_id) if mentee_id is not None else -1
        self.mentee_combo.setCurrentIndex(max(found, 0))
        self.busy_radio.setChecked(True)
        meetings_row = QHBoxLayout()
        meetings_row.addWidget(self.meetings_radio)
        meetings_row.addWidget(self.mentee_combo, 1)

        self.error = FieldError(self)
        self.result_label = MutedLabel("", self)
        self.result_label.setWordWrap(True)
        self.skipped = QPlainTextEdit(self)
        self.skipped.setReadOnly(True)
        self.skipped.setAccessibleName("Items not used")
        self.skipped.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.ApplyRole)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("File", file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy_radio)
        layout.addLayout(meetings_row)
        layout.addWidget(self.error)
        layout.addWidget(self.result_label)
        layout.addWidget(self.skipped, 1)
        layout.addWidget(self.buttons)

        self.path_edit.textChanged.connect(self._update)
        self.mode.buttonToggled.connect(self._update)
        self._update()
        self.resize(560, self.sizeHint().height())

    def _update(self, *_: object) -> None:
        self.mentee_combo.setEnabled(self.meetings_radio.isChecked())
        ready = bool(self.path_edit.text().strip())
        if self.meetings_radio.isChecked() and self.mentee_combo.count() == 0:
            ready = False
        self.import_button.setEnabled(ready)

    def _browse(self) -> None:
        dialog = QFileDialog(self, "Choose a calendar file", str(Path.home()))
        dialog.setNameFilter("iCalendar files (*.ics);;All files (*)")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.path_edit.setText)
        dialog.open()

    def run_import(self) -> ImportReport | None:
        busy = self.busy_radio.isChecked()
        mentee_id = None if busy else self.mentee_combo.currentData()
        path = self.path_edit.text().strip()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self.workspace.calendar.import_ics(path, mentee_id, busy)
        except ValidationError as error:
            self.error.set_message(error.message)
            return None
        except OSError as error:
            self.error.set_message(f"Could not read {path}: {error.strerror or error}.")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.error.set_message(None)
        text = summary(report, busy)
        self.result_label.setText(text)
        self.skipped.setPlainText("\n".join(report.skipped))
        self.skipped.setVisible(bool(report.skipped))
        self.imported.emit(text)
        return report
