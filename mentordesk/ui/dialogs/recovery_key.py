"""The recovery key, shown once when encryption is turned on: Copy, Save as PDF, and a
confirmation that it is stored before the dialog lets go.

The key is never kept anywhere by the app (only the mentor's copy can open the file when
the keyring loses the key or the passphrase is forgotten), so Escape and the close button
do nothing until the box is ticked.
"""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QStandardPaths, Qt
from PySide6.QtGui import (
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from mentordesk.ui.dialogs.parts import heading, roomy_column, wrapped


def _two_lines(key: str) -> str:
    groups = key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:])


def write_recovery_pdf(path: Path, recovery_key: str, database: Path, when: date) -> None:
    """A one-page PDF to print and keep: the key, which file it opens, and how to use it.
    Private (0600) like the database, since it opens it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its old mode on O_TRUNC
    os.close(fd)
    writer = QPdfWriter(str(path))
    writer.setTitle("MentorDesk recovery key")
    writer.setCreator("MentorDesk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    key_lines = html.escape(_two_lines(recovery_key)).replace("\n", "<br>")
    document = QTextDocument()
    document.setHtml(
        "<h1>MentorDesk recovery key</h1>"
        f"<p>For the database <b>{html.escape(database.name)}</b><br>"
        f"({html.escape(str(database))})<br>made on {when.isoformat()}.</p>"
        f"<p style='font-family: monospace; font-size: 16pt'><b>{key_lines}</b></p>"
        "<p>MentorDesk asks for this key when this computer's keyring no longer has the"
        " database's key, or when you forgot its passphrase. Type it exactly as printed;"
        " dashes and capitals do not matter.</p>"
        "<p>Keep this page somewhere safe, away from the computer: anyone who has it and a"
        " copy of the database can read your notes.</p>"
    )
    document.print_(writer)


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.database = database
        self.saved_to: Path | None = None
        self.setWindowTitle("Your recovery key")

        title = heading("Store your recovery key", self)
        intro = wrapped(
            f"<b>{html.escape(database.name)}</b> is now encrypted. If this computer's"
            " keyring loses its key, or you forget your passphrase, this recovery key is the"
            " only way to open it. It is shown <b>only now</b>: copy it into a password"
            " manager, or save it as a PDF and print it.",
            self,
        )
        self.key_label = QLabel(_two_lines(recovery_key), self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.35)
        mono.setBold(True)
        self.key_label.setFont(mono)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.key_label.setContentsMargins(12, 12, 12, 12)

        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button = QPushButton("Save as &PDF…", self)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.status, 1)

        self.stored = QCheckBox("I have &stored my recovery key somewhere safe", self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.done_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.done_button.setText("&Done")
        self.done_button.setEnabled(False)
        self.stored.toggled.connect(self.done_button.setEnabled)
        self.buttons.accepted.connect(self.accept)

        layout = roomy_column(self, 12, title, intro, self.key_label)
        layout.addLayout(actions)
        layout.addSpacing(4)
        layout.addWidget(self.stored)
        layout.addWidget(self.buttons)
        self.resize(600, self.sizeHint().height())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.status.setText("Copied — paste it into your password manager.")

    def save_pdf(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = (
            Path(folder or Path.home()) / f"MentorDesk recovery key {self.database.stem}.pdf"
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the recovery key as PDF", str(suggested), "PDF files (*.pdf)"
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_recovery_pdf(target, self.recovery_key, self.database, date.today())
        except OSError as exc:
            self.status.setText(f"Could not save {target.name}: {exc.strerror or exc}.")
            return
        self.saved_to = target
        self.status.setText(f"Saved to {target} — print it, then keep it safe.")

    def reject(self) -> None:
        # The key is not shown again: leaving without storing it must be a choice.
        if self.stored.isChecked():
            self.accept()
            return
        self.status.setText("Tick the box once the key is stored — it is not shown again.")
