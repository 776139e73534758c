"""Asking before something is destroyed: a window-modal question that never blocks the loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(
    parent: QWidget, title: str, text: str, action: str, on_yes: Callable[[], None]
) -> QMessageBox:
    """Shows ``text`` with ``action`` (destructive) and "Keep it" (the default); runs
    ``on_yes`` only when the mentor chose ``action``. Opened with ``open()``, not ``exec()``.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)  # fmt: skip
    box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole))

    def done(_result: int) -> None:
        # Read the answer after the box has finished (deleting it from inside its own
        # buttonClicked signal crashed PySide); then let Qt delete it.
        clicked = box.clickedButton()
        chose = clicked is not None and (
            box.buttonRole(clicked) == QMessageBox.ButtonRole.DestructiveRole
        )
        box.deleteLater()
        if chose:
            on_yes()

    box.finished.connect(done)
    box.open()
    return box
