"""First run on an empty database: explore the demo data, or start one's own — encrypted,
as proposed by default where a secure keyring keeps the key."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QCommandLinkButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.dialogs.parts import heading, roomy_column, wrapped

Choice = Literal["demo", "own"]


class WelcomeDialog(QDialog):
    """After it closes, ``choice`` is "demo", "own", or None (closed without choosing);
    ``encrypt`` says whether one's own file is to be encrypted. ``keyring_problem`` is why
    no secure keyring exists ("" when one does): then a passphrase would be asked at each
    start, so encryption is offered but not ticked."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        keyring_problem: str = "",
        offer_encryption: bool = True,
    ) -> None:
        super().__init__(parent)
        self.choice: Choice | None = None
        self.setWindowTitle("Welcome to MentorDesk")

        icon = QLabel(self)
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        title = heading("Welcome to MentorDesk", self, 1.5)
        text = wrapped(
            "MentorDesk keeps your mentees, goals, meetings and notes in one private file on"
            " this computer — no account, no cloud.<br>"
            "It shows every meeting in your time and theirs, and tells you who is due a"
            " check-in.",
            self,
        )

        self.demo_button = QCommandLinkButton(
            "Explore with demo data",
            "Open a sample mentoring practice to look around. Your own file stays empty.",
            self,
        )
        self.own_button = QCommandLinkButton(
            "Start my own",
            "Set your name, time zone and working hours, then add your first mentee.",
            self,
        )
        self.demo_button.clicked.connect(lambda: self._choose("demo"))
        self.own_button.clicked.connect(lambda: self._choose("own"))
        self.own_button.setDefault(True)
        self.encrypt_box = QCheckBox("&Encrypt my notes on this computer", self)
        self.encrypt_box.setChecked(not keyring_problem)
        if keyring_problem:
            hint = (
                f"This computer has no secure keyring ({keyring_problem}): an encrypted file"
                " asks for a passphrase each time MentorDesk starts."
            )
        else:
            hint = (
                "The key is kept in this computer's keyring, so nothing changes day to day;"
                " you get a recovery key to store. You can change this in Preferences."
            )
        self.encrypt_hint = QLabel(hint, self)
        self.encrypt_hint.setWordWrap(True)
        self.encrypt_hint.setIndent(24)

        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(text)
        top.addLayout(words, 1)
        layout = roomy_column(self, 12)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.own_button)
        privacy = QVBoxLayout()
        privacy.setSpacing(2)
        privacy.setContentsMargins(10, 8, 0, 0)
        privacy.addWidget(self.encrypt_box)
        privacy.addWidget(self.encrypt_hint)
        layout.addLayout(privacy)
        layout.addStretch(1)
        # An encrypted file that is still empty: nothing to offer.
        self.encrypt_box.setVisible(offer_encryption)
        self.encrypt_hint.setVisible(offer_encryption)
        self.encrypt_box.setChecked(offer_encryption and not keyring_problem)
        self.resize(560, layout.totalHeightForWidth(560))

    @property
    def encrypt(self) -> bool:
        return (
            self.choice == "own"
            and self.encrypt_box.isVisibleTo(self)
            and (self.encrypt_box.isChecked())
        )

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
