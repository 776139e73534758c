"""Help > About: the version, the licence, where the data lives (a link opens its folder), and
what it runs on."""

from __future__ import annotations

import platform
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from mentordesk import __version__
from mentordesk.planner.zones import tz_database_version
from mentordesk.services import Workspace

LICENCE = "MIT"


def about_text(workspace: Workspace) -> str:
    folder = QUrl.fromLocalFile(str(workspace.path.parent)).toString()
    rows = (
        ("Version", escape(__version__)),
        ("Licence", LICENCE),
        ("Database", f"<a href='{escape(folder)}'>{escape(str(workspace.path))}</a>"),
        ("Qt", escape(f"{qVersion()} (PySide6 {pyside_version})")),
        ("Python", escape(platform.python_version())),
        ("Database engine", escape(workspace.engine())),
        ("Time-zone data", escape(tz_database_version())),
    )
    table = "".join(
        f"<tr><td style='padding-right:12px'>{escape(k)}</td><td>{v}</td></tr>" for k, v in rows
    )
    return (
        "<h3>MentorDesk</h3>"
        "<p>An offline-first desk for one mentor and their mentees, in one private file.</p>"
        f"<table>{table}</table>"
        "<p>Click the database to open its folder.</p>"
    )


def show_about(workspace: Workspace, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("About MentorDesk")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(workspace))
    box.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    )
    label = box.findChild(QLabel, "qt_msgbox_label")
    if label is not None:
        # The folder opens in the file manager instead of the box following the link.
        label.setOpenExternalLinks(False)
        label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
    box.setIconPixmap(QApplication.windowIcon().pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
