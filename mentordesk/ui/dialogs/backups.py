"""File ▸ Backups…: the open database's backups with date and size; Back up now, Restore
(asked first; the current state is backed up before), Show folder. ``restored`` fires after
a restore so that the window reloads every page. Back Up Now runs as an operation
(``ui/operations.py``); a restore is refused while a backup or an export runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.backup_policy import BackupInfo
from mentordesk.services import Workspace
from mentordesk.services.backups import default_folder, shared_stem_folder
from mentordesk.ui import operations
from mentordesk.ui.backup_scheduler import start_backup, thinning_text
from mentordesk.ui.dialogs.confirm import confirm
from mentordesk.ui.models.backups import BackupsModel, size_text, when_text


class BackupsDialog(QDialog):
    restored = Signal()
    #: Emitted when a piece of work ends (backup written, restore done, or failed).
    work_done = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Backups")
        self.folder = default_folder(workspace.path)
        self._op: operations.Operation | None = None
        text = (
            f"Backups of <b>{workspace.path.name}</b> are made automatically when it changed:"
            " at start-up, every 30 minutes and on quit, into"
            f" <b>{self.folder.name}</b>. Each is checked after writing."
        )
        self.shared = shared_stem_folder(workspace.path)
        if self.shared is not None:
            text += (
                f"<br>The list also shows older backups from <b>{self.shared.name}</b>, which"
                f" an earlier version shared between the databases named"
                f" {workspace.path.stem}.*; they are never removed automatically."
            )
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.model = BackupsModel(self)
        self.zone = workspace.mentor_zone()
        self.model.zone = self.zone
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab reaches Restore and the other buttons
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupsModel.stretch_column, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.ask_restore)
        self.empty = QLabel(
            "No backups yet.\nThe first is made as soon as there is something to keep,"
            " or now with “Back up now”.",
            self,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the backup API gives no useful fraction here
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.backup_button = QPushButton("&Back Up Now", self)
        self.restore_button = QPushButton("&Restore…", self)
        self.folder_button = QPushButton("Show &Folder", self)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.ask_restore)
        self.folder_button.clicked.connect(self.show_folder)
        self.cap = QDoubleSpinBox(self)
        self.cap.setRange(0.1, 1000.0)
        self.cap.setDecimals(1)
        self.cap.setSingleStep(0.5)
        self.cap.setSuffix(" GB")
        self.cap.setValue(workspace.backups.size_cap() / 1024**3)
        self.cap.setToolTip("When the backups take more, the oldest are removed first")
        self.cap.editingFinished.connect(self.apply_cap)
        cap_row = QHBoxLayout()
        cap_label = QLabel("Keep at &most", self)
        cap_label.setBuddy(self.cap)
        cap_row.addWidget(cap_label)
        cap_row.addWidget(self.cap)
        cap_row.addWidget(QLabel("of backups in all", self))
        cap_row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(cap_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(620, 420)
        self.reload()

    # -- list ------------------------------------------------------------------------

    def reload(self) -> None:
        backups = self.workspace.backups.list()
        self.model.set_rows(backups)
        self.stack.setCurrentWidget(self.table if backups else self.empty)
        self.folder_button.setEnabled(self._shown_folder().is_dir())
        if backups:
            self.table.selectionModel().select(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        busy = self._op is not None and self._op.running
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and bool(self.model.rows()))

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self.progress.show()
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)

    def _idle(self, text: str) -> None:
        self.progress.hide()
        self.status.setText(text)
        self.reload()
        self.work_done.emit()

    # -- actions ---------------------------------------------------------------------

    def back_up_now(self) -> None:
        why = operations.refusal(operations.BACKUP)
        if why:
            self.status.setText(why)
            return
        self._busy("Backing up…")
        self._op = start_backup(
            "backup", self.workspace.backups.backup_now, self._backed_up, self._failed, self
        )

    def _backed_up(self, written: Path) -> None:
        extra = thinning_text(self.workspace.backups.thin(), self.zone)
        self._idle(f"Backed up to {written.name} ({size_text(written.stat().st_size)}, checked)."
                   + (f" {extra}" if extra else ""))  # fmt: skip

    def _failed(self, message: str) -> None:
        self._idle(f"<b>The backup failed:</b> {message}")

    def ask_restore(self) -> None:
        chosen = self.selected()
        if chosen is None or not self.restore_button.isEnabled() or self._restore_refused():
            return
        confirm(
            self,
            "Restore this backup?",
            f"Replace everything in {self.workspace.path.name} with the backup made"
            f" {when_text(chosen.created_at, self.zone)} ({size_text(chosen.size)})?\n\nThe current"
            " state is backed up first, so this restore can itself be undone from this list.",
            "Restore",
            lambda: self.restore(chosen),
        )

    def _restore_refused(self) -> bool:
        """Says why no restore may start now (a backup or an export is running)."""
        why = operations.refusal(operations.RESTORE)
        if why:
            self.status.setText(why)
        return bool(why)

    def restore(self, chosen: BackupInfo) -> None:
        """Runs on the GUI thread: the copy goes into the window's own connection."""
        self._busy(f"Restoring the backup made {when_text(chosen.created_at, self.zone)}…")
        # Let the progress paint before the copy holds the thread.
        QTimer.singleShot(30, lambda: self._restore_now(chosen))

    def _restore_now(self, chosen: BackupInfo) -> None:
        if self._restore_refused():  # a backup or an export is running
            self._idle(f"<b>Not restored:</b> {self.status.text()}")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            safety = self.workspace.backups.restore(chosen.path)
        except Exception as exc:
            QGuiApplication.restoreOverrideCursor()
            self._idle(f"<b>Not restored:</b> {getattr(exc, 'message', exc)}")
            return
        QGuiApplication.restoreOverrideCursor()
        self.restored.emit()
        when = when_text(chosen.created_at, self.zone)
        self._idle(
            f"Restored the backup made {when}. The state before it was kept as {safety.name}."
        )

    def apply_cap(self) -> None:
        cap = round(self.cap.value() * 1024**3)
        if cap == self.workspace.backups.size_cap():
            return
        try:
            self.workspace.backups.set_size_cap(cap)
        except ValueError as exc:  # the domain's ValidationError names the fix
            self.status.setText(str(getattr(exc, "message", exc)))
            self.cap.setValue(self.workspace.backups.size_cap() / 1024**3)
            return
        extra = thinning_text(self.workspace.backups.thin(), self.zone)
        self.reload()
        self.status.setText(f"Backups now keep at most {self.cap.value():.1f} GB. {extra}".strip())

    def _shown_folder(self) -> Path:
        if self.folder.is_dir() or self.shared is None:
            return self.folder
        return self.shared  # no backup since the upgrade yet: the older ones are there

    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._shown_folder())))
