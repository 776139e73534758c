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
    if known is None or known.key_store is None:
        return (
            "Encrypted with SQLCipher; this computer keeps no key for it: it opens with its"
            " passphrase or recovery key."
        )
    backend = (known.key_backend or "") if known else ""
    where = f" ({backend.rsplit('.', 2)[-2]})" if backend.count(".") >= 2 else ""
    return f"Encrypted with SQLCipher; the key is kept in your keyring{where}."


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice; ``passphrase`` after OK. ``reason``: why a passphrase
    is needed (no secure keyring); ``explain`` replaces the whole explanation."""

    def __init__(
        self,
        name: str,
        reason: str,
        parent: QWidget | None = None,
        *,
        title_text: str = "",
        explain: str = "",
        button: str = "&Encrypt",
    ) -> None:
        super().__init__(parent)
        self.passphrase = ""
        self.setWindowTitle(title_text or f"Encrypt {name}")
        title = heading(title_text or "Choose a passphrase", self)
        why = wrapped(
            explain
            or f"This computer has no secure keyring to keep the key in"
            f" ({html.escape(reason)}), so MentorDesk will ask for this passphrase each time"
            f" it starts. Use at least {encryption.MIN_PASSPHRASE} characters — a few words"
            " are easiest to remember. You also get a recovery key in case you forget it.",
            self,
        )
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(lambda _text: self.error.set_message(None))
        self.error = FieldError(self)
        form = QFormLayout()
        form.addRow("&New passphrase:" if title_text else "&Passphrase:", self.first)
        form.addRow("&Again:", self.second)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(button)
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


class CurrentPassphraseDialog(QDialog):
    """The file's passphrase typed once (a new key is made from it); ``text`` after OK."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setWindowTitle("New Recovery Key")
        title = heading("Type your passphrase", self)
        why = wrapped(
            f"The new key of <b>{html.escape(name)}</b> is made from its passphrase and a new"
            " salt: the passphrase stays the same, the recovery key changes.",
            self,
        )
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("&Passphrase:", self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Make New Recovery Key")
        self.ok_button.setEnabled(False)
        self.edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = roomy_column(self, 10, title, why)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _accept(self) -> None:
        self.text = self.edit.text()
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
        from mentordesk.services.plaintext import plain_copies

        def enable() -> encryption.Enabled:
            return encryption.enable(self.workspace, passphrase=passphrase)

        def said() -> str:
            message = "Encrypted this database and its backups."
            copies = plain_copies(self.workspace.path)
            if copies:
                names = ", ".join(p.name for p in copies)
                message += f" Left as they are, and maybe holding notes unencrypted: {names}."
            return message

        self._rekey("Could not encrypt", said, enable)

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

    # -- a new passphrase, a new recovery key -----------------------------------------

    def change_passphrase(self) -> None:
        """A new passphrase typed twice; the file is rewritten with its key and the new
        recovery key is shown. The old passphrase opens the file until the new is on disk."""
        if self._refused():
            return
        name = self.workspace.path.name
        dialog = NewPassphraseDialog(
            name,
            "",
            self.parent_widget,
            title_text="Change Passphrase",
            explain=f"Type the new passphrase for <b>{html.escape(name)}</b> twice. The file"
            " and its backups are rewritten with a key made from it, and you get a new"
            " recovery key: the old passphrase and recovery key stop working once the new"
            f" ones are saved. Use at least {encryption.MIN_PASSPHRASE} characters.",
            button="&Change Passphrase",
        )
        dialog.accepted.connect(
            lambda: self._rekey(
                "Could not change the passphrase",
                "The passphrase was changed; the old passphrase and recovery key no longer"
                " open this database.",
                lambda: encryption.change_passphrase(self.workspace, dialog.passphrase),
            )
        )
        dialog.rejected.connect(lambda: self.finished.emit(""))
        self._open(dialog)

    def new_recovery_key(self) -> None:
        """A new key (so a new recovery key) for a lost or shared recovery key: confirmed
        with the keyring, or made from the passphrase typed again."""
        if self._refused():
            return
        name = self.workspace.path.name
        done = "This database has a new recovery key; the old one no longer opens it."
        if encryption.key_store_of(self.workspace) == "keyring":
            from mentordesk.ui.dialogs.confirm import confirm

            box = confirm(
                self.parent_widget,
                "New Recovery Key",
                f"Make a new recovery key for <b>{html.escape(name)}</b>? The file and its"
                " backups are rewritten with a new key; the old recovery key stops working"
                " once the new one is saved.",
                "Make New Recovery Key",
                lambda: self._rekey(
                    "Could not make a new recovery key",
                    done,
                    lambda: encryption.new_recovery_key(self.workspace),
                ),
            )
            box.rejected.connect(lambda: self.finished.emit(""))
            self.dialog = box
            return
        dialog = CurrentPassphraseDialog(name, self.parent_widget)
        dialog.accepted.connect(
            lambda: self._rekey(
                "Could not make a new recovery key",
                done,
                lambda: encryption.new_recovery_key(self.workspace, passphrase=dialog.text),
            )
        )
        dialog.rejected.connect(lambda: self.finished.emit(""))
        self._open(dialog)

    def _rekey(
        self, failed: str, said: str | Callable[[], str], work: Callable[[], encryption.Enabled]
    ) -> None:
        """Runs ``work`` (a new key for the file), then shows the recovery key once;
        ``finished`` then carries ``said`` and what was left behind."""
        if self._refused():
            return
        try:
            with _busy_cursor():
                enabled = work()
        except (ValidationError, StoreError, KeyringUnavailable) as exc:
            self._failed(failed, exc)
            return
        message = said if isinstance(said, str) else said()
        if enabled.old_key_backups:
            names = ", ".join(p.name for p in enabled.old_key_backups)
            message += f" Left with an earlier passphrase or recovery key: {names}."
        if enabled.skipped_backups:
            names = ", ".join(p.name for p in enabled.skipped_backups)
            message += f" Damaged backups could not be converted — delete them: {names}."
        dialog = RecoveryKeyDialog(enabled.recovery_key, self.workspace.path, self.parent_widget)
        dialog.finished.connect(lambda _r: self.finished.emit(message))
        self._open(dialog)

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
