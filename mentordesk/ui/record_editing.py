"""Opening the record forms from anywhere (the dashboard, Today, the call agenda, the Edit
menu), ticking action items, and the Edit menu's "New Feedback…" entries.

A record from a tagged note line is edited through the window open on its note, if any
(``open_notes_for``: the main window's ``NoteWindows``), so that window's next autosave
cannot put the old line back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from mentordesk.services import Workspace
from mentordesk.services.records import OpenNotes

if TYPE_CHECKING:
    from collections.abc import Callable

    from mentordesk.ui.dialogs.record_forms import RecordForm

#: Kind of record -> (menu text, shortcut, what the chooser asks).
RECORD_KINDS: dict[str, tuple[str, str, str]] = {
    "feedback": ("New &Feedback…", "Ctrl+Alt+F", "Feedback for:"),
    "win": ("New &Win…", "Ctrl+Alt+W", "A win of:"),
    "resource": ("New &Resource…", "Ctrl+Alt+R", "A resource for:"),
    "action": ("New &Action Item…", "Ctrl+Alt+A", "An action item with:"),
}


def _knows_notes(widget: QWidget) -> bool:
    return hasattr(widget, "replace_note_line") and hasattr(widget, "flush_note")


def open_notes_for(widget: QWidget) -> OpenNotes | None:
    """The main window holding ``widget`` (or, for a call window, which has no parent, the
    main window on screen): it knows the windows open on notes."""
    parent: QWidget | None = widget
    while parent is not None:
        if _knows_notes(parent):
            return parent  # type: ignore[return-value]
        parent = parent.parentWidget()
    found = [w for w in QApplication.topLevelWidgets() if _knows_notes(w)]
    return found[0] if len(found) == 1 else None  # type: ignore[return-value]


def open_record_form(
    parent: QWidget,
    workspace: Workspace,
    kind: str,
    mentee_id: int,
    record_id: int | None = None,
    status: Callable[[str], object] | None = None,
) -> RecordForm:
    """The form for a new record of ``kind`` (``record_id`` None) or an existing one, opened
    window-modal (not exec'd); ``status`` hears what was saved or deleted."""
    from mentordesk.ui.dialogs.action_form import ActionForm
    from mentordesk.ui.dialogs.record_forms import FeedbackForm, WinForm
    from mentordesk.ui.dialogs.resource_form import ResourceForm

    via = open_notes_for(parent)
    records = workspace.records
    form: RecordForm
    if kind == "feedback":
        fb = records.feedback_entry(record_id) if record_id else None
        form = FeedbackForm(workspace, mentee_id, fb, via=via, parent=parent)
    elif kind == "win":
        win = records.win(record_id) if record_id else None
        form = WinForm(workspace, mentee_id, win, via=via, parent=parent)
    elif kind == "resource":
        res = records.resource(record_id) if record_id else None
        form = ResourceForm(workspace, mentee_id, res, parent=parent)
    else:
        item = records.action(record_id) if record_id else None
        form = ActionForm(workspace, mentee_id, item, via=via, parent=parent)
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if status is not None:
        form.outcome.connect(status)
    form.open()
    return form


def set_action_done(widget: QWidget, workspace: Workspace, item_id: int, done: bool) -> str:
    """Ticks (or reopens) an item, its note line through an open window; the status text."""
    item = workspace.records.action(item_id)
    workspace.records.set_action_done(item_id, done, via=open_notes_for(widget))
    return f"{'Done' if done else 'Reopened'}: {item.text}"


class RecordWindow(Protocol):
    """What the Edit menu's entries need of the main window."""

    workspace: Workspace

    def _for_selected_mentee(
        self, open_for: Callable[[int], QWidget], what: str, **chooser: str
    ) -> QWidget | None: ...
    def _show_status(self, message: str) -> None: ...


def add_record_actions(window: RecordWindow, parent: QWidget, menu: QMenu) -> list[QAction]:
    """Edit ▸ New Feedback… / Win… / Resource… / Action Item…, for the selected mentee (or
    after asking which)."""
    actions = []
    for kind, (text, keys, label) in RECORD_KINDS.items():
        noun = text.replace("New ", "").replace("&", "").rstrip("…")

        def start(_: bool = False, kind: str = kind, label: str = label, noun: str = noun) -> None:
            window._for_selected_mentee(
                lambda mentee: open_record_form(
                    parent, window.workspace, kind, mentee, status=window._show_status
                ),
                f"add {noun.lower()}",
                title=f"New {noun}",
                label=label,
                ok_text="Next…",
            )

        action = QAction(text, parent)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(start)
        menu.addAction(action)
        actions.append(action)
    return actions
