"""File ▸ Export All Data…: everything, private notes included, into a folder the mentor
chooses — the importable JSON, a CSV per table, notes as Markdown (``full_export.py``).

The mentor chooses where: an empty folder takes the export itself, any other folder gets a
new one inside it, "MentorDesk export 2026-12-05". The export runs as an operation
(``ui/operations.py``) reading through a connection of its own, behind a progress dialog
whose Cancel stops it at the next progress step; quitting meanwhile offers to cancel it.
The engine writes into a hidden folder and renames it into place only when complete, so a
cancelled or failed export leaves nothing behind; the messages say so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from mentordesk.appdata.paths import default_export_dir
from mentordesk.domain.errors import ValidationError
from mentordesk.services import Workspace
from mentordesk.services.export_format import describe_counts
from mentordesk.ui import operations
from mentordesk.ui.dialogs.folder_chooser import folder_chooser
from mentordesk.ui.formatting import plural

if TYPE_CHECKING:
    from mentordesk.services.full_export import ExportSummary

Outcome = Literal["exported", "cancelled", "failed"]
#: The progress bar's steps; the engine reports rows done of rows in all.
_STEPS = 1000
_SHOWN_TABLES = ("mentees", "goals", "meetings", "action_items", "feedback", "wins")
PRIVATE_WARNING = (
    "This export contains everything, including private notes and the “Private” parts of"
    " notes that are never shared. Keep it where only you can read it, and delete it when"
    " you no longer need it."
)


def export_folder_name(day: date) -> str:
    return f"MentorDesk export {day.isoformat()}"


def export_target(chosen: Path, day: date) -> Path:
    """Where the export goes: ``chosen`` itself when it is an empty folder (made for it),
    else a new dated folder inside it — an export never mixes with other files."""
    try:
        if not chosen.is_dir():
            raise ValidationError(
                "folder",
                f"{chosen} is not a folder (was it removed, or a drive unplugged?) — choose"
                " another folder to export to.",
            )
        if not any(chosen.iterdir()):
            return chosen
    except OSError as exc:
        raise ValidationError(
            "folder", f"Cannot use {chosen}: {exc.strerror or exc} — choose another folder."
        ) from None
    base = export_folder_name(day)
    target, number = chosen / base, 2
    while target.exists():
        target, number = chosen / f"{base} ({number})", number + 1
    return target


def summary_text(summary: ExportSummary) -> str:
    rows = sum(summary.rows.values())
    counts = describe_counts(summary.rows, [t for t in _SHOWN_TABLES if t in summary.rows])
    return (
        f"Exported {plural(rows, 'row')} from {plural(len(summary.rows), 'table')} ({counts})"
        f" and {plural(summary.notes, 'note')} as Markdown files to:\n{summary.folder}"
    )


class ExportAllRun(QObject):
    """One export, from choosing the folder to the closing message.

    ``ended`` fires with the outcome once the closing message is shown.
    """

    #: Rows done, rows in all, at each step the engine reports: emitted on the worker
    #: thread (the progress dialog follows the operation's throttled ``progressed``).
    progressed = Signal(int, int)
    ended = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.window = parent
        self.target: Path | None = None
        self.summary: ExportSummary | None = None
        self.chooser: QFileDialog | None = None
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None
        self._open_button: QAbstractButton | None = None
        self.operation: operations.Operation | None = None

    @property
    def running(self) -> bool:
        return self.operation is not None and self.operation.running

    def choose_folder(self) -> QFileDialog:
        dialog = folder_chooser(
            self.window, "Export All Data — choose where to put it", default_export_dir(),
            "Export Here",
        )  # fmt: skip
        dialog.fileSelected.connect(self.start)
        dialog.rejected.connect(self.deleteLater)
        self.chooser = dialog
        dialog.open()
        return dialog

    @Slot(str)
    def start(self, chosen: str) -> None:
        self.chooser = None
        try:
            target = export_target(Path(chosen), date.today())
        except ValidationError as exc:
            self._tell_failed(exc.message)
            return
        self.target = target
        progress = QProgressDialog(
            f"Exporting everything in {self.workspace.path.name}…", "Cancel", 0, _STEPS, self.window
        )
        progress.setWindowTitle("Export All Data")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel)
        progress.setValue(0)
        progress.show()
        self.progress = progress
        export = self.workspace.full_export.export_all  # built here, on the GUI thread
        operation = operations.Operation(
            "export of all data",
            lambda steps: self._export(export, target, steps),
            on_done=self._exported,
            on_error=self._tell_failed,
            on_cancelled=self._cancelled,
            owner=self,
            blocks=operations.FILE_IN_USE | {operations.QUIT},
            busy_text="An export is still running",
            cancellable=True,
        )
        operation.progressed.connect(self._show_progress)
        self.operation = operation.start()

    def _export(
        self,
        export: Callable[..., ExportSummary],
        target: Path,
        steps: operations.Progress,
    ) -> ExportSummary:  # on the worker thread
        def progress(done: int, total: int) -> None:
            self.progressed.emit(done, total)
            steps.step(done, total)  # raises Cancelled once Cancel was pressed

        try:
            return export(target, progress)
        except OSError as exc:
            # The engine has removed what it wrote; the system's reason names the problem.
            raise ValidationError(
                "folder",
                f"Could not write the export in {target.parent}: {exc.strerror or exc}."
                " Nothing was left behind.",
            ) from None

    @Slot()
    def cancel(self) -> None:
        if self.operation is None or not self.running:
            return
        self.operation.cancel()
        if self.progress is not None:
            # Cancel hides the dialog; keep it until the worker has stopped and cleaned up.
            self.progress.setLabelText("Cancelling — removing what was written so far…")
            # Disabled, not removed: replacing the button deletes it inside its own click.
            self.progress.setCancelButtonText("Cancelling…")
            for button in self.progress.findChildren(QPushButton):
                button.setEnabled(False)
            self.progress.show()

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self.progress is not None and not (self.operation and self.operation.cancelled):
            self.progress.setValue(_STEPS if total <= 0 else min(_STEPS, done * _STEPS // total))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _cancelled(self) -> None:
        self._close_progress()
        self._tell(
            QMessageBox.Icon.Information,
            "Export cancelled",
            "The export was cancelled. Nothing was written: the folder is as it was.",
            "cancelled",
        )

    def _exported(self, summary: ExportSummary) -> None:
        self._close_progress()
        self.summary = summary
        self._tell(
            QMessageBox.Icon.Information, "Export complete", summary_text(summary), "exported",
            informative=PRIVATE_WARNING, open_folder=True,
        )  # fmt: skip

    def _tell_failed(self, message: str) -> None:
        self._close_progress()
        self._tell(QMessageBox.Icon.Warning, "Export failed", message, "failed")

    def _tell(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        outcome: Outcome,
        *,
        informative: str = "",
        open_folder: bool = False,
    ) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.window)
        box.setInformativeText(informative)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if open_folder:
            self._open_button = box.addButton("&Open Folder", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Ok))
        box.finished.connect(self._message_closed)
        self.message = box
        box.open()
        self.ended.emit(outcome)
        return box

    @Slot()
    def _message_closed(self) -> None:
        box = self.message
        self.message = None
        if box is None:
            return
        # Read the answer once the box has finished (see dialogs/confirm.py), then let go.
        opened = self._open_button is not None and box.clickedButton() is self._open_button
        box.deleteLater()
        if opened:
            self.open_folder()
        self.deleteLater()

    def open_folder(self) -> None:
        if self.summary is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.summary.folder)))
