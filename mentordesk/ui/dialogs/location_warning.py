"""The warning, once per database file, that it lives in a synced folder or on a network drive,
with the offer to move it.

Shown after the first paint and the start-up check (``maybe_warn_location``, through
``MainWindow.warn_about_location`` from ``ui/startup_check.WindowSession``). Detection and the
record of the mentor's answer are ``appdata/storage_location.py``; the move is
``services/database_move.py``: the copy runs off the GUI thread (an operation,
``ui/operations.py``), the switch to the new file on it. The dialog knows no window: it
asks ``refused()`` whether a move may start and emits ``moved(path)`` when it is done.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mentordesk.appdata.paths import DB_ENV, data_dir, default_db_path, ensure_private_dir
from mentordesk.appdata.storage_location import (
    Choice,
    Risk,
    remember_choice,
    risky_location,
    should_warn,
)
from mentordesk.domain.backup_policy import size_text
from mentordesk.services.database_move import (
    MovePlan,
    MoveRefused,
    MoveResult,
    copy_for_move,
    finish_move,
    plan_move,
)
from mentordesk.ui import operations
from mentordesk.ui.dialogs.folder_chooser import folder_chooser
from mentordesk.ui.dialogs.parts import heading
from mentordesk.ui.widgets.field_error import FieldError

if TYPE_CHECKING:
    from mentordesk.services import Workspace

Outcome = Literal["moved", "keep", "later"]

WHY = (
    "MentorDesk saves each change at once, into the database and two files beside it"
    " (-wal and -shm) that must stay in step with it. A sync tool copies these files one at"
    " a time, whenever it likes; a network drive shares them without the locks that keep"
    " them in step. Either can damage the database or lose your latest notes."
)


#: Says why the database cannot be moved right now (a call writing, a backup running), or "".
Refusal = Callable[[], str]


class LocationWarningDialog(QDialog):
    """``outcome`` is "moved", "keep" or "later" once the mentor has answered.

    Without a ``risk`` (File > Move Database… for a file in a safe place) it only offers
    the move, and Cancel records nothing. ``moved(path)`` once the workspace works on the
    file in its new place (the window shows the new path and redraws).
    """

    moved = Signal(Path)

    def __init__(
        self,
        workspace: Workspace,
        risk: Risk | None,
        parent: QWidget | None = None,
        *,
        start_folder: Path,
        refused: Refusal = lambda: "",
        mounts: str | None = None,
        record: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.risk = risk
        self.start_folder = start_folder
        self._refused = refused
        self._mounts = mounts
        self._record = record
        self._path = workspace.path
        self._copy: operations.Operation | None = None
        self.outcome: Outcome | None = None
        self.move_result: MoveResult | None = None
        self.chooser: QFileDialog | None = None
        self.setWindowTitle("MentorDesk — move your database?")

        self.icon = QLabel(self)
        size = self.fontMetrics().height() * 3
        pixmaps = QStyle.StandardPixmap
        kind = pixmaps.SP_MessageBoxWarning if risk else pixmaps.SP_DirIcon
        self.icon.setPixmap(self.style().standardIcon(kind).pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        if risk is None:
            title = "Move your database"
        else:
            title = "Your database is " + (
                "in a synced folder" if risk.kind == "sync" else "on a network drive"
            )
        self.heading = heading(title, self)
        self.heading.setWordWrap(True)
        self.text = QLabel(self._explanation(), self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = FieldError(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the copy reports no steps
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.busy_text = QLabel(self)
        self.busy_text.setWordWrap(True)
        self.busy_text.hide()

        self.buttons = QDialogButtonBox(self)
        self.move_button = self.buttons.addButton(
            "&Move It…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.move_button.setToolTip("Choose a folder on this computer's own disk")
        self.move_button.clicked.connect(self.choose_folder)
        self.move_button.setDefault(True)
        self.keep_button = self.buttons.addButton(
            "&Keep It Here", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.keep_button.setToolTip("Do not ask again about this file")
        self.keep_button.clicked.connect(self.keep)
        self.later_button = self.buttons.addButton(
            "Remind Me &Later", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setToolTip("Ask again at a start after a day")
        self.later_button.clicked.connect(self.reject)
        if risk is None:
            self.keep_button.hide()
            self.later_button.setText("Cancel")
            self.later_button.setToolTip("")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.close_button.clicked.connect(self.accept)

        body = QVBoxLayout()
        body.setSpacing(10)
        body.addWidget(self.heading)
        body.addWidget(self.text)
        body.addWidget(self.error)
        body.addWidget(self.busy_text)
        body.addWidget(self.progress)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(body, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _explanation(self) -> str:
        if self.risk is None:
            return (
                f"<p><b>{escape(self._path.name)}</b> is in<br>{escape(str(self._path.parent))}"
                "</p><p>Choose a folder on this computer's own disk. The window goes on"
                " working on the file in its new place, and starting MentorDesk with the old"
                " path still finds it.</p>"
            )
        safe = risky_location(self.start_folder / self._path.name, mounts=self._mounts) is None
        suggestion = (
            "Move it to a folder on this computer's own disk that nothing syncs, such as"
            f" MentorDesk's own folder:<br><b>{escape(str(self.start_folder))}</b>"
            if safe
            else "Move it to a folder on this computer's own disk that nothing syncs."
        )
        return (
            f"<p><b>{escape(self._path.name)}</b> is {escape(self.risk.summary)}:"
            f"<br>{escape(str(self.risk.folder))}</p>"
            f"<p>{escape(WHY)}</p><p>{suggestion}</p>"
            "<p>Backups are single closed files: keeping copies of those in a synced folder"
            " is fine.</p>"
        )

    # -- answers -----------------------------------------------------------------------------

    def keep(self) -> None:
        self.outcome = "keep"
        self._remember("keep")
        self.done(QDialog.DialogCode.Rejected)

    @property
    def copying(self) -> bool:
        return self._copy is not None and self._copy.running

    def reject(self) -> None:
        if self.copying:
            return  # the copy is running: it finishes or fails, then the dialog may close
        # Escape and the close box count as "remind me later": asked again another day.
        if self.outcome is None:
            self.outcome = "later"
            self._remember("later")
        super().reject()

    def _remember(self, choice: Choice) -> None:
        if self.risk is None:
            return
        # A config folder that cannot be written costs only the memory of the answer.
        with contextlib.suppress(OSError):
            remember_choice(self._path, self.risk, choice, record=self._record)

    def choose_folder(self) -> None:
        """The folder chooser, opened on MentorDesk's own folder (created 0700 if missing)."""
        # If it cannot be made, the chooser opens wherever Qt starts; any folder will do.
        with contextlib.suppress(OSError):
            ensure_private_dir(self.start_folder)
        chooser = folder_chooser(self, "Move the database to…", self.start_folder, "Move Here")
        chooser.fileSelected.connect(self._folder_chosen)
        chooser.destroyed.connect(self._chooser_gone)
        self.chooser = chooser
        chooser.open()

    def _chooser_gone(self) -> None:
        self.chooser = None

    def _folder_chosen(self, folder: str) -> None:
        self.move_to(Path(folder))

    def move_to(self, folder: Path) -> None:
        """Moves the database into ``folder``: checks now, copies off the GUI thread."""
        why = self._refused()
        if why:
            self._say(why)
            return
        try:
            plan = plan_move(self.workspace, folder, mounts=self._mounts)
        except MoveRefused as exc:
            self._say(exc.message)
            return
        self._say(None)
        self._set_busy(True, plan)
        # Until the copy is checked and the workspace switched over, nothing else may touch
        # the file: no backup, restore or rewrite, and no quitting half-way.
        self._copy = operations.Operation(
            "move of the database",
            lambda _progress: copy_for_move(plan),
            on_done=lambda _copy: self._copied(plan),
            on_error=self._copy_failed,
            owner=self,
            blocks=operations.FILE_IN_USE | {operations.QUIT, operations.BACKUP},
            busy_text="The database is being copied to its new folder",
        ).start()

    def _say(self, message: str | None) -> None:
        self.error.set_message(message)
        self.adjustSize()  # a wrapped message needs room; nothing below it may be cut off

    def _set_busy(self, busy: bool, plan: MovePlan | None = None) -> None:
        self.progress.setVisible(busy)
        self.busy_text.setVisible(busy)
        if plan is not None:
            size = size_text(plan.source.stat().st_size)
            self.busy_text.setText(
                f"Copying {plan.source.name} ({size}) to {plan.destination.parent} and"
                " checking the copy…"
            )
        for button in (self.move_button, self.keep_button, self.later_button):
            button.setEnabled(not busy)
        if busy:
            self._say(None)
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _copy_failed(self, message: str) -> None:
        self._set_busy(False)
        self._say(message)

    def _copied(self, plan: MovePlan) -> None:
        self._set_busy(False)
        try:
            result = finish_move(self.workspace, plan)
        except MoveRefused as exc:
            self._say(exc.message)
            return
        self.outcome = "moved"
        self.move_result = result
        self.moved.emit(result.path)
        self._show_moved(result)

    def _show_moved(self, result: MoveResult) -> None:
        new = result.path
        lines = [f"<p><b>{escape(new.name)}</b> is now in <b>{escape(str(new.parent))}</b>.</p>"]
        if new == default_db_path() and not os.environ.get(DB_ENV):
            lines.append("<p>MentorDesk opens it from there from now on.</p>")
        else:
            # The old path still finds the file (known_databases.moved_to); the new one
            # is better once the old folder is reused.
            where = DB_ENV if os.environ.get(DB_ENV) else "<code>--db</code>"
            lines.append(
                "<p>MentorDesk finds it there even when started with the old path; change"
                f" {where} to <b>{escape(str(new))}</b> when convenient.</p>"
            )
        if result.old_backups is not None:
            lines.append(
                f"<p>Earlier backups stay in {escape(str(result.old_backups))}; new ones go"
                " beside the database.</p>"
            )
        if result.left_behind:
            names = ", ".join(escape(p.name) for p in result.left_behind)
            lines.append(f"<p>These old files could not be removed: {names}.</p>")
        self.heading.setText("Your database has moved")
        done = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        self.icon.setPixmap(done.pixmap(self.icon.pixmap().size()))
        self.text.setText("".join(lines))
        for button in (self.move_button, self.keep_button, self.later_button):
            button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.adjustSize()


def maybe_warn_location(
    workspace: Workspace,
    parent: QWidget | None = None,
    *,
    refused: Refusal = lambda: "",
    mounts: str | None = None,
    record: Path | None = None,
    start_folder: Path | None = None,
) -> LocationWarningDialog | None:
    """Opens the warning (window-modal, ``open()``) when the workspace's database is in an
    unsafe place and the mentor has not answered for this file; else None.

    ``refused``: why a move cannot start now, or ""; ``mounts``: the mount table's text
    (read from ``/proc/self/mounts`` when None); ``start_folder``: where the folder chooser
    opens (MentorDesk's own data folder).
    """
    path = workspace.path
    risk = risky_location(path, mounts=mounts)
    if risk is None or not should_warn(path, risk, record=record):
        return None
    folder = start_folder or data_dir()
    return _opened(workspace, risk, parent, folder, refused, mounts, record)


def open_move_dialog(
    workspace: Workspace,
    parent: QWidget | None = None,
    *,
    refused: Refusal = lambda: "",
    mounts: str | None = None,
) -> LocationWarningDialog:
    """File > Move Database…: the same dialog, whatever was answered before."""
    risk = risky_location(workspace.path, mounts=mounts)
    return _opened(workspace, risk, parent, data_dir(), refused, mounts, None)


def _opened(
    workspace: Workspace,
    risk: Risk | None,
    parent: QWidget | None,
    start_folder: Path,
    refused: Refusal,
    mounts: str | None,
    record: Path | None,
) -> LocationWarningDialog:
    dialog = LocationWarningDialog(
        workspace, risk, parent, start_folder=start_folder, refused=refused, mounts=mounts,
        record=record,
    )  # fmt: skip
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
