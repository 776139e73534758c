"""Help ▸ Keyboard Shortcuts and Help ▸ Data Folder: what the menus and the page bind, and
where the mentor's file lives (with a way to open or copy it)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMenuBar, QMessageBox, QWidget

from mentordesk.ui.page_actions import button_label, page_buttons, shortcut_text

#: Keys that belong to a widget rather than a menu, listed so they can be found.
EDITOR_KEYS = (
    ("Notes", "Stamp the call time", "Ctrl+T"),
    ("Lists", "Clear the search", "Esc"),
    ("Lists", "Open the selected row", "Enter"),
)


def shortcut_rows(bar: QMenuBar, page: QWidget) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every menu entry and page button with a shortcut."""
    rows: list[tuple[str, str, str]] = []
    for top in bar.actions():
        menu = top.menu()
        if menu is None:
            continue
        where = top.text().replace("&", "")
        for action in menu.actions():
            # The first two, once each: the standard bindings repeat a key and add keys few
            # keyboards have ("Undo").
            keys = ", ".join(list(dict.fromkeys(shortcut_text(k) for k in action.shortcuts()))[:2])
            if keys:
                rows.append((where, action.text().replace("&", ""), keys))
    title = getattr(page, "title", "") or "This page"
    for button in page_buttons(page):
        keys = shortcut_text(button.shortcut())
        if keys:
            rows.append((title, button_label(button), keys))
    return rows + list(EDITOR_KEYS)


def show_shortcuts(bar: QMenuBar, page: QWidget, parent: QWidget) -> QMessageBox:
    cells = "".join(
        f"<tr><td style='padding-right:12px'>{escape(where)}</td>"
        f"<td style='padding-right:12px; white-space:nowrap'>{escape(what)}</td>"
        f"<td style='white-space:nowrap'><b>{escape(keys)}</b></td></tr>"
        for where, what, keys in shortcut_rows(bar, page)
    )
    box = QMessageBox(parent)
    box.setWindowTitle("Keyboard Shortcuts")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<table cellspacing='0' cellpadding='2'>{cells}</table>")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_data_folder(database: Path, parent: QWidget) -> QMessageBox:
    folder = database.parent
    box = QMessageBox(parent)
    box.setWindowTitle("Data Folder")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(
        f"Your notes and records are in:\n{database}\n\nBackups and exports go to folders"
        " you choose (File ▸ Backups…, File ▸ Export All Data…)."
    )
    open_button = box.addButton("&Open Folder", QMessageBox.ButtonRole.ActionRole)
    copy_button = box.addButton("&Copy Path", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(str(database)))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
