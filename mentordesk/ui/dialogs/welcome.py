"""First run on an empty database: explore the demo data, or start one's own."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCommandLinkButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.theme import scaled_font

Choice = Literal["demo", "own"]


class WelcomeDialog(QDialog):
    """After it closes, ``choice`` is "demo", "own", or None (closed without choosing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: Choice | None = None
        self.setWindowTitle("Welcome to MentorDesk")

        icon = QLabel(self)
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        title = QLabel("Welcome to MentorDesk", self)
        title.setFont(scaled_font(self.font(), 1.5, QFont.Weight.Bold))
        text = QLabel(
            "MentorDesk keeps your mentees, goals, meetings and notes in one private file on"
            " this computer — no account, no cloud.<br>"
            "It shows every meeting in your time and theirs, and tells you who is due a"
            " check-in.",
            self,
        )
        text.setWordWrap(True)

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

        heading = QHBoxLayout()
        heading.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(text)
        heading.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addSpacing(8)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.own_button)
        self.resize(560, self.sizeHint().height())

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
