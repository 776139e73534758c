"""The warning, once per database file, that it lives in a synced folder or on a network drive.

Shown after the first paint (``maybe_warn_location``). The detection and the record of the
mentor's answer are ``mentordesk/storage_location.py``; the move is
``mentordesk/database_move.py``.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

from mentordesk.database_move import MoveRefused, default_target, move_database
from mentordesk.paths import DB_ENV
from mentordesk.storage_location import (
    Risk,
    forget,
    remember_choice,
    risky_location,
    should_warn,
)
from mentordesk.ui.theme import scaled_font
from mentordesk.ui.widgets.field_error import FieldError

if TYPE_CHECKING:
    from mentordesk.ui.main_window import MainWindow

Outcome = Literal["moved", "keep", "later"]

WAL_SENTENCE = (
    "Sync tools and network drives copy or lock the database and its side files (-wal, -shm)"
    " out of step with SQLite, which can damage the file or lose your latest notes."
)


class LocationWarningDialog(QDialog):
    """``outcome`` is "moved", "keep" or "later" once the mentor has answered."""

    def __init__(
        self,
        window: MainWindow,
        risk: Risk,
        target: Path | None,
        *,
        record: Path | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.risk = risk
        self.target = target
        self._record = record
        self._path = window.workspace.path
        self.outcome: Outcome | None = None
        where = "in a synced folder" if risk.kind == "sync" else "on a network drive"
        self.setWindowTitle(f"Your database is {where}")

        icon = QLabel(self)
        size = self.fontMetrics().height() * 3
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        heading = QLabel(f"Your database is {where}", self)
        heading.setFont(scaled_font(self.font(), 1.3, QFont.Weight.Bold))
        self.text = QLabel(self._explanation(), self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = FieldError(self)

        self.buttons = QDialogButtonBox(self)
        self.move_button: QPushButton | None = None
        if target is not None:
            self.move_button = self.buttons.addButton(
                "Move it there…", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.move_button.clicked.connect(self.move_now)
            self.move_button.setDefault(True)
        self.keep_button = self.buttons.addButton(
            "Keep it here", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.keep_button.clicked.connect(self.keep)
        self.later_button = self.buttons.addButton(
            "Remind me later", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.clicked.connect(self.reject)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _explanation(self) -> str:
        parts = [
            f"<p><b>{escape(self._path.name)}</b>: {escape(self.risk.message)}</p>",
            f"<p>{escape(WAL_SENTENCE)}</p>",
        ]
        if self.target is not None:
            parts.append(
                "<p>MentorDesk's own folder on this computer is safe:"
                f"<br><b>{escape(str(self.target.parent))}</b></p>"
            )
        else:
            parts.append(
                "<p>Move it to a folder on this computer's own disk, one that nothing syncs,"
                " when you can.</p>"
            )
        return "".join(parts)

    # -- answers -----------------------------------------------------------------------------

    def keep(self) -> None:
        self.outcome = "keep"
        remember_choice(self._path, self.risk, "keep", record=self._record)
        self.done(QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        # Escape and the close box count as "remind me later": asked again another day.
        if self.outcome is None:
            self.outcome = "later"
            remember_choice(self._path, self.risk, "later", record=self._record)
        super().reject()

    def move_now(self) -> None:
        if self.target is None:
            return
        if self._window.call_windows:
            self.error.set_message("Finish the call first: its note is being saved as you type.")
            return
        old = self._path
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            new = move_database(self._window.workspace, self.target)
        except MoveRefused as exc:
            self.error.set_message(exc.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.outcome = "moved"
        forget(old, record=self._record)
        self._path = new
        self._window.path_label.set_full_text(str(new))
        self._window.refresh_all()
        self._show_moved(new)

    def _show_moved(self, new: Path) -> None:
        lines = [
            f"<p><b>{escape(new.name)}</b> is now in <b>{escape(str(new.parent))}</b>.</p>",
            "<p>MentorDesk opens it from there when started without <code>--db</code>.</p>",
        ]
        if os.environ.get(DB_ENV):
            lines.append(
                f"<p>{DB_ENV} still names the old place: change it to"
                f" <b>{escape(str(new))}</b>.</p>"
            )
        self.text.setText("".join(lines))
        self.error.set_message(None)
        for button in (self.move_button, self.keep_button, self.later_button):
            if button is not None:
                button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()


def maybe_warn_location(
    window: MainWindow,
    *,
    target: Path | None = None,
    mountinfo: str | None = None,
    record: Path | None = None,
) -> LocationWarningDialog | None:
    """Opens the warning (non-modal to the event loop: ``open()``) when the window's database
    is in an unsafe place and the mentor has not chosen to keep it there; else None.

    ``target`` defaults to the file the app opens without ``--db``; a move is offered only
    when that place is itself safe and free.
    """
    path = window.workspace.path
    risk = risky_location(path, mountinfo=mountinfo)
    if risk is None or not should_warn(path, risk, record=record):
        return None
    target = target or default_target()
    offer = (
        target
        if target.parent != path.parent
        and not target.exists()
        and risky_location(target, mountinfo=mountinfo) is None
        else None
    )
    dialog = LocationWarningDialog(window, risk, offer, record=record)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
