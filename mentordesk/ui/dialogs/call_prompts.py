"""The small questions call mode asks: who a new call is with, and what to do with text
that cannot be saved. Both open window-modal (``open()``), never a nested event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QInputDialog, QMessageBox, QWidget

from mentordesk.domain.models import MenteeStatus
from mentordesk.services import Workspace

KEEP_OPEN_TEXT = "Keep Open"
COPY_AND_CLOSE_TEXT = "Copy and Close"


def unsaved_note_box(parent: QWidget, error: str) -> tuple[QMessageBox, QAbstractButton]:
    """Not opened yet; the second value is the "Copy and Close" button."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Note not saved",
        f"The latest text could not be saved: {error}\n\n"
        "Keep the window open to retry, or close it: the whole note is copied to the"
        " clipboard first.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    keep = box.addButton(KEEP_OPEN_TEXT, QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton(COPY_AND_CLOSE_TEXT, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box, discard


def choose_mentee(
    parent: QWidget,
    workspace: Workspace,
    chosen: Callable[[int], object],
    *,
    title: str = "New Call",
    label: str = "Call with:",
    ok_text: str = "Start Call",
) -> QInputDialog | None:
    """Asks which mentee a new call (or note) is with (opened, not exec'd); None when there
    are none."""
    mentees = [m for m in workspace.list_mentees() if m.id is not None]
    active = [m for m in mentees if m.status is MenteeStatus.ACTIVE] or mentees
    if not active:
        return None
    names: dict[str, int] = {}
    for mentee in active:
        shown = mentee.name if mentee.name not in names else f"{mentee.name} (#{mentee.id})"
        names[shown] = mentee.id or 0
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(list(names))
    dialog.setComboBoxEditable(False)
    dialog.setOkButtonText(ok_text)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.textValueSelected.connect(lambda name: chosen(names[name]))
    dialog.open()
    return dialog
