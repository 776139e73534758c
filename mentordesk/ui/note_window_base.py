"""What every window that edits one note shares: the call window and the note editor.

The note is written while the mentor types (``Autosaver`` → ``Workspace.write_note_body``);
the window holds no copy of it beyond the editor's text. The note row is created by the first
write (``_new_note``), so a window opened and closed without a word leaves no empty note
behind. Closing flushes at once; text that cannot be saved is never dropped without asking.
A History dock lists the note's kept versions and restores one as an undoable edit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypedDict

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QTextBlock,
    QTextCursor,
    QUndoCommand,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from mentordesk.domain.intro_session import parse_intro
from mentordesk.domain.models import Mentee, Note
from mentordesk.services import Workspace
from mentordesk.ui.autosave import Autosaver
from mentordesk.ui.dialogs.call_prompts import unsaved_note_box
from mentordesk.ui.widgets.history_panel import HistoryPanel, apply_restore
from mentordesk.ui.widgets.note_editor import RECOVERED_TEXT, NoteEditor

HISTORY_KEYS = QKeySequence("Ctrl+Shift+H")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def _block_with_text(block: QTextBlock, text: str) -> QTextBlock | None:
    """The only block reading ``text`` from ``block`` on; None when none or several do."""
    found: QTextBlock | None = None
    while block.isValid():
        if block.text() == text:
            if found is not None:
                return None
            found = block
        block = block.next()
    return found


class WindowOptions(TypedDict, total=False):
    """What an opener may say about any note window, beyond the note itself.

    ``clock``: the current instant (tests pin it); ``recovered``: reopened after a crash (a
    banner says so); ``settings``: where geometry and panels are kept between windows.
    """

    clock: Clock | None
    parent: QWidget | None
    recovered: bool
    settings: QSettings | None


class NoteWindowBase(QMainWindow):
    """One note of one mentee; ``note_id`` None until the first write creates it.

    ``finished(note_id)`` when the window closed (0 when no note was written).
    Subclasses build their window around ``self.editor`` and say how a note is created.
    """

    finished = Signal(int)
    #: Where this kind of window keeps its geometry and panels in the settings.
    settings_group = "note"
    #: Recorded with each save, so that after a crash the note reopens in this kind of window.
    writes_in_call = False
    #: Where Copy to Profile… puts its undoable step (the main window gives the Roadmap's
    #: stack); None: the copy is made at once.
    push_undo: Callable[[QUndoCommand], object] | None = None

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        note_id: int | None,
        *,
        clock: Clock | None = None,
        parent: QWidget | None = None,
        recovered: bool = False,
        settings: QSettings | None = None,
        elapsed: Callable[[], timedelta] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.workspace = workspace
        self._clock: Clock = clock or utc_now
        self._settings = settings
        self.mentee: Mentee = workspace.mentee(mentee_id)
        self.note_id = note_id
        self._closed = False
        #: Asks before closing with text that could not be saved.
        self.unsaved_box: QMessageBox | None = None
        self.discard_button: QAbstractButton | None = None
        self._discard = False
        self._mentor_zone = workspace.mentor_zone()
        self.note: Note | None = workspace.note(note_id) if note_id is not None else None

        self.editor = NoteEditor(self, elapsed=elapsed)
        if self.note is not None:
            self.editor.set_text(self.note.body)
        self.autosaver = Autosaver(self._write, self.editor.text, parent=self)
        self.editor.attach_autosaver(self.autosaver)
        self.autosaver.attach_to_application()
        if recovered:
            self.editor.show_banner(RECOVERED_TEXT)
        self._build_history()
        self.intro_dialog: QDialog | None = None
        self.copy_profile_action = QAction("Copy to &Profile…", self)
        self.copy_profile_action.setToolTip(
            "An introductory session's Background, Interests and Expectations to the profile,"
            " its Goals to the roadmap"
        )
        self.copy_profile_action.triggered.connect(self.copy_to_profile)

    # -- what subclasses say ---------------------------------------------------------

    def _new_note(self) -> Note:
        """Creates the note row, at the first write."""
        raise NotImplementedError

    def _editing_over(self) -> bool:
        """True once the note was closed for good (a call ended): closing has nothing to do."""
        return False

    # -- history -----------------------------------------------------------------------

    def _build_history(self) -> None:
        self.history = HistoryPanel(self, clock=self._clock)
        self.history.restore_requested.connect(self.restore_version)
        self.history_dock = QDockWidget("History", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.history_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText("Show &History")
        self.history_action.setShortcut(HISTORY_KEYS)
        self.history_action.setToolTip("Kept versions of this note: compare and restore")
        self.history_action.toggled.connect(self._history_toggled)
        self.addAction(self.history_action)
        self.editor.text_changed.connect(self._text_edited)
        self.autosaver.saved.connect(self._saved)

    def restore_version(self, body: str) -> None:
        """Puts a kept version back as one edit (Ctrl+Z undoes it); autosave writes it."""
        if self.editor.edit.isReadOnly():
            return
        self.editor.set_preview(False)
        apply_restore(self.editor.edit, body)
        self._say("Version restored — Ctrl+Z undoes it.")

    def _history_toggled(self, shown: bool) -> None:
        if not shown:
            return
        if self.note_id is None:
            self.history.clear()
        else:
            self.history.set_note(self.workspace, self.note_id, self.editor.text)

    def _text_edited(self) -> None:
        if self.history_dock.isVisible():
            self.history.refresh_diff()

    def _saved(self) -> None:
        if self.history_dock.isVisible():
            self._history_toggled(True)  # a version may have been kept by that write

    # -- saving --------------------------------------------------------------------------

    def _write(self, body: str) -> None:
        if self.note_id is None:
            if not body:
                return
            self._ensure_note()
        assert self.note_id is not None
        self.workspace.write_note_body(
            self.note_id, body, now=self._clock(), in_call=self.writes_in_call
        )

    def replace_line(self, position: int, old: str, new: str) -> bool:
        """A record's form changed its line: ``old`` (line ``position`` when the window last
        saved) becomes ``new`` in this window's text, as one edit Ctrl+Z undoes, saved at once
        so the note and the record agree. False when this window no longer edits its note
        or the line is no longer there (the caller then writes the note itself)."""
        if self.editor.edit.isReadOnly() or self._closed:
            return False
        document = self.editor.edit.document()
        block = document.findBlockByNumber(position)
        if not block.isValid() or block.text() != old:
            block = _block_with_text(document.begin(), old)
            if block is None:
                return False
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new)
        cursor.endEditBlock()
        return self.autosaver.flush()

    def _ensure_note(self) -> int:
        if self.note_id is None:
            self.note = self._new_note()
            self.note_id = self.note.id
        assert self.note_id is not None
        return self.note_id

    def _close_note(self, note_id: int) -> None:
        try:
            self.workspace.close_note(note_id, now=self._clock())
        except Exception as exc:  # the text is saved: an unclosed note is only offered again
            self._say(f"The note is saved but could not be closed cleanly ({exc}).")

    def _finish_editing(self) -> None:
        self.autosaver.stop()
        self.autosaver.detach_from_application()
        self.editor.set_read_only(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            super().closeEvent(event)
            return
        if not self._editing_over():
            if not self.autosaver.flush() and not self._discard:
                # Closing now would drop the unsaved text: the mentor decides.
                event.ignore()
                self._ask_discard()
                return
            if self.note_id is not None and not self._discard:
                self._close_note(self.note_id)
            self._finish_editing()
        self._closed = True
        self._window_closing()
        self._save_settings()
        super().closeEvent(event)
        self.finished.emit(self.note_id or 0)

    def _window_closing(self) -> None:
        """Stops what the subclass runs (timers) as the window closes."""

    def _ask_discard(self) -> None:
        if self.unsaved_box is not None:
            return
        self.unsaved_box, self.discard_button = unsaved_note_box(self, self.autosaver.error)
        self.unsaved_box.buttonClicked.connect(self._discard_answer)
        self.unsaved_box.open()

    def _discard_answer(self, button: QAbstractButton) -> None:
        self.unsaved_box = None
        if button is self.discard_button:
            QGuiApplication.clipboard().setText(self.editor.text())
            self._discard = True
            self.close()

    # -- editing helpers ---------------------------------------------------------------

    def _add_template_menu(self) -> None:
        from mentordesk.ui.widgets.template_menu import template_menu

        self.menuBar().addMenu(template_menu(self, self._insert_template))

    def _insert_template(self, template: object) -> None:
        body = getattr(template, "body", "")
        if body and not self.editor.edit.isReadOnly():
            self.editor.set_preview(False)
            self.editor.edit.insertPlainText(body)

    # -- an intro session to the profile ----------------------------------------------

    def has_intro(self) -> bool:
        return not parse_intro(self.editor.text()).empty

    def copy_to_profile(self) -> QDialog | None:
        """Note ▸ Copy to Profile…: this note's intro sections, each part to choose."""
        from mentordesk.ui.dialogs.intro_copy import IntroCopyDialog

        notes = parse_intro(self.editor.text())
        if notes.empty:
            self._say(
                "Nothing to copy: no answered Background, Interests, Expectations or Goals"
                " section (Template ▸ Introductory session has them)."
            )
            return None
        mentee = self.workspace.mentee(self.mentee.id or 0)
        dialog = IntroCopyDialog(self.workspace, mentee, notes, self._push_copy, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.intro_dialog = dialog
        dialog.open()
        return dialog

    def _push_copy(self, command: QUndoCommand) -> None:
        if self.push_undo is not None:
            self.push_undo(command)
        else:
            command.redo()
        self._say(f"Copied to {self.mentee.name}’s profile and roadmap.")

    def _say(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    # -- state -----------------------------------------------------------------------

    def _restore_settings(self) -> bool:
        """Geometry and the History dock; False when nothing was stored yet."""
        if self._settings is None:
            return False
        geometry = self._settings.value(f"{self.settings_group}/geometry")
        if not isinstance(geometry, QByteArray):
            return False
        self.restoreGeometry(geometry)
        state = self._settings.value(f"{self.settings_group}/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        return True

    def _save_settings(self) -> None:
        if self._settings is None:
            return
        self._settings.setValue(f"{self.settings_group}/geometry", self.saveGeometry())
        self._settings.setValue(f"{self.settings_group}/state", self.saveState())
