"""Pieces the dialogs that speak to the mentor share: a heading, wrapped text, and the roomy
column they stand in (welcome, unlock, passphrase, recovery key)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from mentordesk.ui.theme import scaled_font


def heading(text: str, parent: QWidget, scale: float = 1.3) -> QLabel:
    """A dialog's first line: bold, ``scale`` times the dialog's font."""
    label = QLabel(text, parent)
    label.setFont(scaled_font(parent.font(), scale, QFont.Weight.Bold))
    return label


def wrapped(text: str, parent: QWidget) -> QLabel:
    """A paragraph (plain or rich text) that wraps to the dialog's width."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def roomy_column(dialog: QWidget, spacing: int, *first: QWidget) -> QVBoxLayout:
    """The dialog's layout, with wide margins, holding ``first`` (its heading and text);
    the caller adds the rest."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.setSpacing(spacing)
    for widget in first:
        layout.addWidget(widget)
    return layout
