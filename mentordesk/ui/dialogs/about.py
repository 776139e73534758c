"""Help > About: the version, where the data lives, and what it runs on."""

from __future__ import annotations

import platform
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mentordesk import __version__
from mentordesk.planner.zones import tz_database_version
from mentordesk.services import Workspace


def about_text(workspace: Workspace) -> str:
    rows = (
        ("Version", __version__),
        ("Database", str(workspace.path)),
        ("Qt", f"{qVersion()} (PySide6 {pyside_version})"),
        ("Python", platform.python_version()),
        ("Time-zone data", tz_database_version()),
    )
    table = "".join(
        f"<tr><td style='padding-right:12px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    return (
        "<h3>MentorDesk</h3>"
        "<p>An offline-first desk for one mentor and their mentees, in one private file.</p>"
        f"<table>{table}</table>"
    )


def show_about(workspace: Workspace, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("About MentorDesk")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(workspace))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setIconPixmap(QApplication.windowIcon().pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
