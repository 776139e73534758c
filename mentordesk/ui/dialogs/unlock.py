"""Unlocking an encrypted database at start-up: its passphrase, or its recovery key.

The dialog says why it asks (no secure keyring on this computer, or the keyring lost the
key), tries what is typed through ``attempt`` and stays open on a wrong one, naming the
problem; Quit leaves the file untouched. Nothing is written before the file opens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.services import Workspace, encryption
from mentordesk.services.encryption import Need
from mentordesk.services.errors import StoreError
from mentordesk.ui.dialogs.parts import heading, roomy_column, wrapped
from mentordesk.ui.widgets.field_error import FieldError

_PROMPTS: dict[Need, tuple[str, str]] = {
    "passphrase": ("&Passphrase:", "The passphrase you chose when you turned encryption on"),
    "recovery": ("&Recovery key:", "XXXX-XXXX-… (14 groups of four; dashes optional)"),
}


class UnlockDialog(QDialog):
    """``attempt(text, need)`` opens the file or raises ValidationError / StoreError; after
    Unlock, ``result_value`` holds what it returned and ``used`` which kind of key opened
    it."""

    def __init__(
        self,
        name: str,
        need: Need,
        why: str,
        attempt: Callable[[str, Need], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.need: Need = need
        self.used: Need | None = None
        self.result_value: object = None
        self.setWindowTitle(f"Unlock {name}")

        title = heading(f"{name} is encrypted", self)
        self.why = wrapped(why, self)
        self.prompt = QLabel(self)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMinimumWidth(380)
        self.prompt.setBuddy(self.edit)
        self.error = FieldError(self)
        self.switch = QPushButton("Use the recovery key instead", self)
        self.switch.setFlat(True)
        self.switch.setCursor(Qt.CursorShape.PointingHandCursor)
        self.switch.clicked.connect(lambda: self._ask_for("recovery"))

        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton(
            "&Unlock", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._typed)

        layout = roomy_column(self, 10, title, self.why)
        layout.addSpacing(4)
        layout.addWidget(self.prompt)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._ask_for(need)
        self.resize(520, self.sizeHint().height())

    def _ask_for(self, need: Need) -> None:
        self.need = need
        label, placeholder = _PROMPTS[need]
        self.prompt.setText(label)
        self.edit.clear()
        self.edit.setPlaceholderText(placeholder)
        # A recovery key is long and copied from paper or a password manager: show it.
        self.edit.setEchoMode(
            QLineEdit.EchoMode.Password if need == "passphrase" else QLineEdit.EchoMode.Normal
        )
        self.switch.setVisible(need == "passphrase")
        self.error.set_message(None)
        self.edit.setFocus()
        self._typed("")

    def _typed(self, text: str) -> None:
        self.unlock_button.setEnabled(bool(text.strip()))
        self.error.set_message(None)

    def try_unlock(self) -> None:
        text = self.edit.text()
        if not text.strip():
            return
        # The passphrase is stretched (a third of a second): show that work is going on.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_value = self._attempt(text, self.need)
        except (ValidationError, StoreError) as exc:
            self.error.set_message(_wrong(self.need, exc))
            self.edit.selectAll()
            self.edit.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.used = self.need
        self.accept()


def _wrong(need: Need, exc: ValidationError | StoreError) -> str:
    if isinstance(exc, ValidationError):
        return exc.message
    if exc.exit_code == 3:  # the key was tried and refused
        what = "passphrase" if need == "passphrase" else "recovery key"
        return f"That {what} does not open the file — check it and try again."
    return exc.message


def unlock_at_open(path: Path, need: Need, why: str) -> tuple[Workspace, str] | None:
    """The unlock dialog before any window (a modal exec, before the event loop runs): the
    workspace it opened and what to tell the mentor, or None when they chose Quit."""

    def attempt(text: str, kind: Need) -> Workspace:
        if kind == "passphrase":
            key = encryption.key_from_passphrase(path, text)
        else:
            key = encryption.parse_recovery_key(text)
        return Workspace.open(path, key=key)

    dialog = UnlockDialog(path.name, need, why, attempt)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_value is None:
        return None
    workspace = dialog.result_value
    assert isinstance(workspace, Workspace)
    if dialog.used == "recovery" and workspace.key is not None:
        return workspace, encryption.unlocked_with_recovery_key(path, workspace.key)
    return workspace, ""
