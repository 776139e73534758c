"""The recovery dialog: a damaged MentorDesk file, named with its problem, and the ways out
(the newest backup that passes its check, a fresh empty database, or quitting).

It does no file work itself: it looks for the backup off the GUI thread (an operation,
``ui/operations.py``; on the thread pool when it is shown before the event loop starts)
through the callable it is given and reports the mentor's ``choice``; the caller sets the
file aside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.backup_policy import BackupInfo
from mentordesk.ui import operations
from mentordesk.ui.models.backups import size_text, when_text

Choice = Literal["backup", "fresh", "quit"]


class RecoveryDialog(QDialog):
    def __init__(
        self,
        file_name: str,
        problem: str,
        find_backup: Callable[[], BackupInfo | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("MentorDesk — your data file is damaged")
        self.choice: Choice = "quit"
        self.backup: BackupInfo | None = None

        headline = QLabel(f"<b>{file_name} cannot be used: {problem}.</b>", self)
        headline.setWordWrap(True)
        explain = QLabel(
            "Nothing in it will be changed or deleted: when you choose below, it is moved"
            f" aside as <i>{file_name}.corrupt-&lt;date&gt;</i> in the same folder, so that"
            " it can still be examined or sent for help.",
            self,
        )
        explain.setWordWrap(True)
        self.found = QLabel("Looking for the newest backup that passes its check…", self)
        self.found.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)

        self.restore_button = QPushButton("&Restore Backup", self)
        self.restore_button.setEnabled(False)
        self.fresh_button = QPushButton("Start &Empty", self)
        self.fresh_button.setToolTip("A new, empty database in its place")
        self.quit_button = QPushButton("&Quit", self)
        self.quit_button.setToolTip("Leave the file where it is and quit; nothing is changed")
        self.restore_button.clicked.connect(lambda: self._choose("backup"))
        self.fresh_button.clicked.connect(lambda: self._choose("fresh"))
        self.quit_button.clicked.connect(lambda: self._choose("quit"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.fresh_button)
        buttons.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(explain)
        layout.addSpacing(8)
        layout.addWidget(self.found)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        # Reads backups only: it blocks nothing.
        self._search = operations.Operation(
            "search for a good backup",
            lambda _progress: find_backup(),
            on_done=self._found,
            on_error=self._search_failed,
            owner=self,
            blocks=(),
        ).start()

    @property
    def searching(self) -> bool:
        return self._search.running

    def _found(self, backup: BackupInfo | None) -> None:
        self.progress.hide()
        self.backup = backup
        if self.backup is None:
            self.found.setText(
                "There is no backup of it that passes its check. You can start with an empty"
                " database (the damaged file is kept), or quit and look for a copy."
            )
            self.fresh_button.setDefault(True)
            return
        when = when_text(self.backup.created_at)
        self.found.setText(
            f"The newest good backup was made <b>{when}</b> ({size_text(self.backup.size)})."
            " Work done after it is not in it."
        )
        self.restore_button.setText(f"&Restore the Backup of {when}")
        self.restore_button.setEnabled(True)
        self.restore_button.setDefault(True)
        self.restore_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search_failed(self, message: str) -> None:
        self._found(None)
        self.found.setText(f"The backups could not be checked ({message}).")

    def _choose(self, choice: Choice) -> None:
        if choice == "quit":
            self.reject()
            return
        self.choice = choice
        self.accept()

    def reject(self) -> None:  # Quit, Escape or the window's close button
        self.choice = "quit"
        super().reject()
