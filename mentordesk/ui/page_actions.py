"""The Actions menu: the buttons of the page on show, as menu entries with their shortcuts.

Every button a page offers (Edit…, Delete…, Start Call, Mark Held, Reschedule…) is then found
in the menu bar and reached with Alt+A whatever has focus. The menu is filled when it opens,
so it follows the page and its selection; a shortcut is shown after a tab in the entry's text
and stays the button's own, so no key is bound twice.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget


def button_label(button: QPushButton) -> str:
    """What a button does in words: its accessible name for symbol buttons ("◀")."""
    return button.accessibleName() or button.text().replace("&", "")


def page_buttons(page: QWidget) -> list[QPushButton]:
    """The page's buttons the mentor can see now (not those of its dialogs or hidden panes)."""
    return [
        button
        for button in page.findChildren(QPushButton)
        if button.window() is page.window() and button.isVisibleTo(page) and button_label(button)
    ]


def with_mnemonic(title: str, taken: set[str]) -> str:
    """``title`` with an Alt-letter: its first letter no other entry of the menu has yet."""
    for i, char in enumerate(title):
        if char.isalnum() and char.lower() not in taken:
            taken.add(char.lower())
            return f"{title[:i]}&{title[i:]}"
    return title


def shortcut_text(keys: QKeySequence) -> str:
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def fill_actions_menu(menu: QMenu, page: QWidget) -> None:
    menu.clear()
    buttons = page_buttons(page)
    if not buttons:
        menu.addAction("Nothing to do on this page").setEnabled(False)
    for button in buttons:
        keys = shortcut_text(button.shortcut())
        action = menu.addAction(button_label(button) + (f"\t{keys}" if keys else ""))
        action.setEnabled(button.isEnabled())
        action.triggered.connect(button.click)
