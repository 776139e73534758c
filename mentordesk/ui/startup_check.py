"""What the window does after its first paint: the start-up ``quick_check`` off the GUI
thread (an operation, ``ui/operations.py``, on a connection of its own); when the file is
healthy, the warning about a synced or network folder (once per file) and then automatic
backups; the recovery dialog when it is not.

``recover_at_open`` is the same recovery for a file too damaged to open at all (shown
before any window). Choosing a backup or an empty database sets the damaged file aside
untouched (``recovery.set_aside``) and opens the result; when the damage is found after
opening, the window's connection is closed first and a new window opens on the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from mentordesk.services import Workspace, recovery
from mentordesk.ui import operations
from mentordesk.ui.dialogs.recovery import RecoveryDialog
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.models.backups import when_text

if TYPE_CHECKING:
    # Imported when a warning is due, after the first paint.
    from mentordesk.ui.dialogs.location_warning import LocationWarningDialog


def recovery_dialog(path: Path, problem: str, parent: QWidget | None = None) -> RecoveryDialog:
    return RecoveryDialog(path.name, problem, lambda: recovery.newest_good_backup(path), parent)


def apply_choice(path: Path, dialog: RecoveryDialog) -> tuple[Workspace, str] | None:
    """Does what the mentor chose; the workspace to use and what to tell them, or None to
    quit. Raises a StoreError when the backup or the new file cannot be opened."""
    if dialog.choice == "backup" and dialog.backup is not None:
        aside = recovery.recover_from_backup(path, dialog.backup.path)
        done = f"Restored the backup made {when_text(dialog.backup.created_at)}."
    elif dialog.choice == "fresh":
        aside = recovery.set_aside(path)
        done = "Started an empty database."
    else:
        return None
    kept = f" The damaged file is {recovery.kept_aside_text(path, aside)}." if aside else ""
    return Workspace.open(path), done + kept


def recover_at_open(path: Path, problem: str) -> tuple[Workspace, str] | None:
    """The recovery dialog for a file that failed to open (no window yet; a modal exec)."""
    dialog = recovery_dialog(path, problem)
    dialog.exec()
    return apply_choice(path, dialog)


class WindowSession(QObject):
    """The window and workspace in use; replaced when a recovery opens another file."""

    #: A new window replaced the damaged one (tests wait on it).
    replaced = Signal()
    quit_requested = Signal()
    #: The start-up check found the file healthy (automatic backups are on).
    healthy = Signal()

    def __init__(self, window: MainWindow, *, mounts: str | None = None) -> None:
        """``mounts``: the mount table's text for the unsafe-location check (tests give
        one; None reads ``/proc/self/mounts``)."""
        super().__init__()
        self.window = window
        self.dialog: RecoveryDialog | None = None
        self.location_dialog: LocationWarningDialog | None = None
        self._mounts = mounts
        self._check: operations.Operation | None = None

    @property
    def workspace(self) -> Workspace:
        return self.window.workspace

    def after_first_paint(self) -> None:
        path = self.workspace.path
        self._check = operations.Operation(
            "start-up check",
            lambda _progress: recovery.quick_check(path),
            on_done=self._checked,
            on_error=self._check_failed,
            owner=self.window,
            busy_text="The start-up check is reading the file",
        ).start()

    def close(self) -> None:
        self.workspace.close()

    def _checked(self, problems: list[str]) -> None:
        if not problems:
            # A file in a synced folder or on a network drive: the warning (once per file)
            # comes first, so a file moved out gets its backups in its new place.
            self.location_dialog = self.window.warn_about_location(mounts=self._mounts)
            if self.location_dialog is None:
                self._start_backups()
            else:
                self.location_dialog.finished.connect(self._start_backups)
            return
        damage = recovery.damaged_after_check(self.workspace.path, problems)
        self.dialog = recovery_dialog(self.workspace.path, damage.problem, self.window)
        self.dialog.finished.connect(self._chosen)
        self.dialog.open()

    def _start_backups(self) -> None:
        self.location_dialog = None
        self.window.enable_auto_backup()
        self.window.start_reminders()
        self.healthy.emit()

    def _check_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(f"The start-up check could not run: {message}")

    def _chosen(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None or dialog.choice == "quit":
            self.quit_requested.emit()
            return
        old = self.window
        path = old.workspace.path
        old.save_state()
        old.hide()  # hidden, not closed: closing the last window would quit
        old.workspace.close()
        try:
            result = apply_choice(path, dialog)
        except Exception as exc:  # a StoreError: say it, then quit cleanly
            QMessageBox.critical(None, "Cannot recover", str(getattr(exc, "message", exc)))
            self.quit_requested.emit()
            return
        if result is None:
            self.quit_requested.emit()
            return
        workspace, message = result
        settings = old.settings if isinstance(old.settings, QSettings) else None
        self.window = MainWindow(workspace, settings=settings)
        self.window.show()
        self.window.statusBar().showMessage(message)
        self.window.ready.connect(self.window.enable_auto_backup)
        self.window.ready.connect(self.window.start_reminders)
        QTimer.singleShot(0, old.deleteLater)
        self.replaced.emit()
