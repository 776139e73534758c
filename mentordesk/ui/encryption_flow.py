"""Turning encryption on or off from the window (Preferences) or at first run.

On: with a secure keyring, a confirmation and then a random key kept there; without one,
a new passphrase (asked twice, and why). Then the file and its backups are rewritten
(``encryption.enable``) and the recovery key is shown once. Off: a confirmation, then the
file and its backups are plain again. Dialogs are opened with ``open()`` (never ``exec()``,
which must not run inside qasync's loop); ``finished`` carries what to tell the mentor, or
"" when nothing changed.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from mentordesk.appdata.keystore import KeyringUnavailable
from mentordesk.domain.errors import ValidationError
from mentordesk.services import Workspace, encryption
from mentordesk.services.errors import StoreError
from mentordesk.ui.dialogs.parts import heading, roomy_column, wrapped
from mentordesk.ui.dialogs.recovery_key import RecoveryKeyDialog
from mentordesk.ui.widgets.field_error import FieldError


def status_text(workspace: Workspace) -> str:
    """One line for Preferences: is the file encrypted, and where does its key live."""
    from mentordesk.appdata import known_databases

    if not workspace.encrypted:
        return "Not encrypted: anyone who can read this computer's files can read your notes."
    try:
        known = known_databases.lookup(workspace.path)
    except OSError:
        known = None
    if known is not None and known.key_store == "passphrase":
        return "Encrypted with SQLCipher; it opens with your passphrase."
    backend = (known.key_backend or "") if known else ""
    where = f" ({backend.rsplit('.', 2)[-2]})" if backend.count(".") >= 2 else ""
    return f"Encrypted with SQLCipher; the key is kept in your keyring{where}."


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice; ``passphrase`` after OK."""

    def __init__(self, name: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passphrase = ""
        self.setWindowTitle(f"Encrypt {name}")
        title = heading("Choose a passphrase", self)
        why = wrapped(
            f"This computer has no secure keyring to keep the key in ({html.escape(reason)}),"
            " so MentorDesk will ask for this passphrase each time it starts. Use at least"
            f" {encryption.MIN_PASSPHRASE} characters — a few words are easiest to remember."
            " You also get a recovery key in case you forget it.",
            self,
        )
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(lambda _text: self.error.set_message(None))
        self.error = FieldError(self)
        form = QFormLayout()
        form.addRow("&Passphrase:", self.first)
        form.addRow("&Again:", self.second)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Encrypt")
        self.buttons.accepted.connect(self.check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout = roomy_column(self, 10, title, why)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def check_and_accept(self) -> None:
        try:
            encryption.check_passphrase(self.first.text())
        except ValidationError as exc:
            self.error.set_message(exc.message)
            self.first.setFocus()
            return
        if self.first.text() != self.second.text():
            self.error.set_message("The two passphrases differ — type the same one twice.")
            self.second.selectAll()
            self.second.setFocus()
            return
        self.passphrase = self.first.text()
        self.accept()


class EncryptionFlow(QObject):
    """One turn on or off; ``finished(message)`` ends it ("" when nothing changed)."""

    finished = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget,
        *,
        busy: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.parent_widget = parent
        #: Says why the file cannot be rewritten now (a backup being written), or "".
        self.busy = busy
        self.dialog: QDialog | QMessageBox | None = None

    # -- on --------------------------------------------------------------------------

    def turn_on(self) -> None:
        if self._refused():
            return
        name = self.workspace.path.name
        backend = encryption.secure_keyring()
        if not backend.secure:
            dialog = NewPassphraseDialog(name, backend.reason, self.parent_widget)
            dialog.accepted.connect(lambda: self._enable(dialog.passphrase))
            dialog.rejected.connect(lambda: self.finished.emit(""))
            self._open(dialog)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            f"Encrypt {name}",
            f"Encrypt <b>{html.escape(name)}</b> and its backups? Its key is kept in this"
            " computer's keyring, so it opens as before; without the key the file cannot be"
            " read. You will get a recovery key to store.",
            QMessageBox.StandardButton.NoButton,
            self.parent_widget,
        )
        yes = box.addButton("&Encrypt", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(yes)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda _r: self._enable(None) if box.clickedButton() is yes else self.finished.emit("")
        )
        self._open(box)

    def _enable(self, passphrase: str | None) -> None:
        if self._refused():
            return
        try:
            with _busy_cursor():
                enabled = encryption.enable(self.workspace, passphrase=passphrase)
        except (ValidationError, StoreError, KeyringUnavailable) as exc:
            self._failed("Could not encrypt", exc)
            return
        message = "Encrypted this database and its backups."
        if enabled.skipped_backups:
            names = ", ".join(p.name for p in enabled.skipped_backups)
            message += f" Damaged backups could not be encrypted — delete them: {names}."
        dialog = RecoveryKeyDialog(enabled.recovery_key, self.workspace.path, self.parent_widget)
        dialog.finished.connect(lambda _r: self.finished.emit(message))
        self._open(dialog)

    # -- off -------------------------------------------------------------------------

    def turn_off(self) -> None:
        if self._refused():
            return
        from mentordesk.ui.dialogs.confirm import confirm

        name = html.escape(self.workspace.path.name)
        box = confirm(
            self.parent_widget,
            "Turn off encryption",
            f"Turn off encryption for <b>{name}</b>? It and its backups become plain SQLite"
            " files that anyone who can read this computer's files can read. Your recovery"
            " key will no longer be needed.",
            "Turn Off Encryption",
            self._disable,
        )
        box.rejected.connect(lambda: self.finished.emit(""))
        self.dialog = box

    def _disable(self) -> None:
        if self._refused():
            return
        try:
            with _busy_cursor():
                skipped = encryption.disable(self.workspace)
        except (ValidationError, StoreError) as exc:
            self._failed("Could not turn off encryption", exc)
            return
        message = "Encryption is off: this database and its backups are plain files again."
        if skipped:
            message += f" {len(skipped)} damaged backup(s) stayed encrypted."
        self.finished.emit(message)

    # -- shared ----------------------------------------------------------------------

    def _refused(self) -> bool:
        why = self.busy()
        if why:
            QMessageBox.information(self.parent_widget, "Not now", why)
            self.finished.emit("")
        return bool(why)

    def _failed(self, title: str, exc: Exception) -> None:
        QMessageBox.critical(self.parent_widget, title, str(getattr(exc, "message", exc)))
        self.finished.emit("")

    def _open(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.open()


class _busy_cursor:
    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()
