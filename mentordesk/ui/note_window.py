"""The note editor window, for notes written outside a call: the same autosave, tagged lines
and History as call mode (``NoteWindowBase``), with the note's title and privacy beside it.

The title and the privacy are saved when they change (the title once the mentor leaves the
field or presses Enter); a new note takes them when its first word creates it.
"""

from __future__ import annotations

from typing import Unpack

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Note
from mentordesk.services import Workspace
from mentordesk.ui.note_window_base import NoteWindowBase, WindowOptions
from mentordesk.ui.widgets.muted_label import MutedLabel

DEFAULT_SIZE = (720, 640)
PLACEHOLDER = (
    "Write in Markdown. “- [ ] Send CV @them due:2027-01-15” makes an action item;"
    " #win, #feedback and #fb-me tag a line; text under “## Private” is never shared."
)
SHAREABLE_TEXT = "Shareable with the mentee"
SHAREABLE_TIP = (
    "Shareable notes may go into the progress summary you hand over; private ones stay"
    " with you. A “## Private” section is never shared either way."
)


class NoteWindow(NoteWindowBase):
    """One note of ``mentee_id``: ``note_id`` opens it, None starts a new (private) one.

    ``details_changed`` after the title or the privacy was saved.
    """

    details_changed = Signal(int)
    settings_group = "note_window"

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        note_id: int | None = None,
        **options: Unpack[WindowOptions],
    ) -> None:
        super().__init__(workspace, mentee_id, note_id, **options)
        self.editor.edit.setPlaceholderText(PLACEHOLDER)
        self._build()
        self._build_menus()
        if not self._restore_settings():
            self.resize(*DEFAULT_SIZE)
        self._update_title()
        focus = self.editor.edit if self.note is not None else self.title_edit
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building --------------------------------------------------------------------

    def _build(self) -> None:
        note = self.note
        self.title_edit = QLineEdit(note.title if note else "", self)
        self.title_edit.setPlaceholderText("Untitled note")
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setMaxLength(200)
        self.title_edit.editingFinished.connect(self._save_details)
        self.title_edit.returnPressed.connect(self._to_editor)
        self.shareable_box = QCheckBox(SHAREABLE_TEXT, self)
        self.shareable_box.setToolTip(SHAREABLE_TIP)
        self.shareable_box.setChecked(bool(note and note.shareable))
        self.shareable_box.toggled.connect(self._save_details)
        self.about_label = MutedLabel(f"About {self.mentee.name}", self)

        facts = QHBoxLayout()
        facts.addWidget(self.about_label, 1)
        facts.addWidget(self.shareable_box)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 10, 10, 4)
        layout.addWidget(self.title_edit)
        layout.addLayout(facts)
        layout.addWidget(self.editor, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Note")
        self.editor.preview_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menu.addAction(self.editor.preview_action)
        menu.addAction(self.history_action)
        menu.addAction(self.copy_profile_action)
        menu.addSeparator()
        self.close_action = QAction("&Close", self)
        self.close_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        self.close_action.triggered.connect(self.close)
        menu.addAction(self.close_action)
        self.addActions([self.editor.preview_action, self.close_action])
        self._add_template_menu()

    # -- behaviour -------------------------------------------------------------------

    def _new_note(self) -> Note:
        return self.workspace.start_note(
            self.mentee.id or 0,
            title=self.title_edit.text(),
            shareable=self.shareable_box.isChecked(),
        )

    def _to_editor(self) -> None:
        self.editor.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_details(self) -> None:
        self._update_title()
        if self.note_id is None:
            return  # the first word creates the note with them
        note = self.note
        title, shareable = self.title_edit.text().strip(), self.shareable_box.isChecked()
        if note is not None and (note.title, note.shareable) == (title, shareable):
            return
        try:
            self.note = self.workspace.note_editing.set_note_details(self.note_id, title, shareable)
        except ValidationError as exc:
            self._say(exc.message)
            return
        except KeyError:
            self._say("This note was deleted meanwhile; its title and privacy were not saved.")
            return
        self._say("Shareable with the mentee." if shareable else "Private to you.")
        self.details_changed.emit(self.note_id)

    def _update_title(self) -> None:
        title = self.title_edit.text().strip() or "Untitled note"
        self.setWindowTitle(f"{title} — {self.mentee.name} — MentorDesk")

    def _window_closing(self) -> None:
        if not self._discard:
            self._save_details()
