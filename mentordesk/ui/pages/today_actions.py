"""Today's buttons for the selected open action item: Mark Done (undoable: Edit ▸ Undo
reopens it) and Edit…. Ticking an item from a ``- [ ]`` note line ticks that line too, through
the window open on the note if there is one (``ui/record_editing.py``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from mentordesk.services import Workspace
from mentordesk.ui.record_editing import open_record_form, set_action_done

DONE_KEYS = QKeySequence("Ctrl+D")
EDIT_KEYS = QKeySequence("Ctrl+Shift+D")


class TickAction(QUndoCommand):
    """Ticks an item off; undo reopens it (and its note line)."""

    def __init__(
        self, page: QWidget, workspace: Workspace, item_id: int, say: Callable[[str], object]
    ) -> None:
        text = workspace.records.action(item_id).text
        super().__init__(f"Mark “{text[:40]}” Done")
        self.page, self.workspace, self.item_id, self.say = page, workspace, item_id, say

    def redo(self) -> None:
        self.say(set_action_done(self.page, self.workspace, self.item_id, True))

    def undo(self) -> None:
        self.say(set_action_done(self.page, self.workspace, self.item_id, False))


class ActionButtons(QWidget):
    """``set_item`` with the selected open item (id and mentee), or None."""

    def __init__(
        self,
        page: QWidget,
        workspace: Workspace,
        undo_stack: QUndoStack,
        say: Callable[[str], object],
    ) -> None:
        super().__init__(page)
        self.page, self.workspace, self.undo_stack, self.say = page, workspace, undo_stack, say
        self.item: tuple[int, int] | None = None
        self.done_button = QPushButton("&Done", self)
        self.done_button.setAccessibleName("Mark Action Item Done")
        self.done_button.setShortcut(DONE_KEYS)
        self.done_button.setToolTip(
            "Tick off the selected action item (Ctrl+D); Edit ▸ Undo reopens it"
        )
        self.done_button.clicked.connect(self.mark_done)
        self.edit_button = QPushButton("Edi&t…", self)
        self.edit_button.setAccessibleName("Edit Action Item…")
        self.edit_button.setShortcut(EDIT_KEYS)
        self.edit_button.setToolTip("Edit the selected action item's text, owner or due date")
        self.edit_button.clicked.connect(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.done_button)
        layout.addWidget(self.edit_button)
        self.set_item(None)

    def set_item(self, item: tuple[int, int] | None) -> None:
        self.item = item
        for button in (self.done_button, self.edit_button):
            button.setEnabled(item is not None)

    def mark_done(self) -> None:
        if self.item is None:
            return
        try:
            self.undo_stack.push(TickAction(self.page, self.workspace, self.item[0], self.say))
        except KeyError:  # deleted elsewhere since the list was drawn
            self.say("That action item no longer exists.")

    def edit(self) -> QWidget | None:
        if self.item is None:
            return None
        item_id, mentee_id = self.item
        try:
            return open_record_form(self.page, self.workspace, "action", mentee_id, item_id,
                                    status=self.say)  # fmt: skip
        except KeyError:
            self.say("That action item no longer exists.")
            return None
