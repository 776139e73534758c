"""Quitting while slow work runs (``ui/operations.py``'s registry says what blocks it).

Work that can stop cleanly (an export) is offered to be cancelled: "An export is still
running — Cancel It and Quit / Keep Working". Work that must not be cut off half-way (a
backup being written, the database being copied to its new folder) is waited for, with a
line in the status bar. Either way the window closes itself once nothing blocks quitting
any more, and then quits as usual (the automatic backup on quit included).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox

from mentordesk.ui import operations
from mentordesk.ui.operations import QUIT, Operation


class QuitWhenDone(QObject):
    """One per window (a child of it): asks or waits, then closes the window again."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.box: QMessageBox | None = None
        self._quit_button: object = None
        #: The operations whose end is awaited before closing again.
        self.waiting: list[Operation] = []

    def ask(self, busy: list[Operation]) -> None:
        """``busy``: the running operations that block quitting (not empty)."""
        if self.box is not None:
            self.box.raise_()
            self.box.activateWindow()
            return
        cancellable = [op for op in busy if op.cancellable]
        if not cancellable:
            self._wait(busy)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Quit MentorDesk?",
            f"{cancellable[0].busy_text}.",
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setInformativeText(
            "Cancel it and quit, or keep working until it is done? A cancelled export leaves"
            " nothing behind."
        )
        self._quit_button = box.addButton("Cancel It and &Quit", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("&Keep Working", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.finished.connect(self._answered)
        self.box = box
        box.open()

    @Slot()
    def _answered(self) -> None:
        box, self.box = self.box, None
        if box is None:
            return
        # Read the answer once the box has finished (see dialogs/confirm.py), then let go.
        quit_now = box.clickedButton() is self._quit_button
        box.deleteLater()
        if not quit_now:
            return
        busy = operations.running(QUIT)
        for op in busy:
            if op.cancellable:
                op.cancel()
        if busy:
            self._wait(busy)
        else:
            self.window.close()

    def _wait(self, busy: list[Operation]) -> None:
        self.window.statusBar().showMessage(
            f"{busy[0].busy_text}: MentorDesk quits once it is done."
        )
        for op in busy:
            if op not in self.waiting:
                self.waiting.append(op)
                op.finished.connect(self._one_ended)

    @Slot()
    def _one_ended(self) -> None:
        self.waiting = [op for op in self.waiting if op.running]
        if self.waiting:
            return
        busy = operations.running(QUIT)  # begun meanwhile: waited for too
        if busy:
            self._wait(busy)
        else:
            self.window.close()
