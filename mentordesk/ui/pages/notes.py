"""Notes: every note, searched with the full-text index, newest first; read one beside the list.

The search runs at each pause in typing (ListPane's short delay) from the second character;
``mentee:``, ``before:`` and ``after:`` filters may stand anywhere in it. What the search could
not use, or a single character typed so far, is said right under the search box.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QMessageBox, QPushButton, QWidget

from mentordesk.domain.models import Meeting, Note
from mentordesk.domain.search_query import parse_search
from mentordesk.services import SEARCH_LIST_LIMIT
from mentordesk.services.changes import Changes, Kind
from mentordesk.ui.dialogs.confirm import confirm
from mentordesk.ui.formatting import plural
from mentordesk.ui.models.notes import EXCERPT, SNIPPET_ROLE, NotesModel
from mentordesk.ui.pages.list_page import ListPage
from mentordesk.ui.widgets.detail_note import NoteDetail
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.match_delegate import MatchDelegate
from mentordesk.ui.widgets.muted_label import MutedLabel

_ONE_MORE = "Type one more character to search."
_SYNTAX = (
    "Words are matched anywhere in titles and text, the last one as you type it; "
    '"quote" a phrase, end a word with * for any ending.\n'
    'mentee:priya or mentee:"Priya N" — notes about mentees whose name holds it\n'
    "after:2026-09-01 — written on that day or later; before:2026-10-01 — written before it"
)


class NotesPage(ListPage):
    title = "Notes"
    icon_name = "accessories-text-editor"
    watches = frozenset({Kind.NOTES, Kind.MENTEES, Kind.SETTINGS})
    empty_text = "No notes yet. Notes you take with your mentees show up here."

    model: NotesModel
    detail: NoteDetail

    def setup(self) -> None:
        self._messages: tuple[str, ...] = ()

        workspace = self.workspace
        self.model = NotesModel(
            self._find_ids, workspace.note_search.summaries, self, workspace.note_search.snippets
        )
        self.make_list(
            "Search notes… mentee:name before:2026-10-01",
            widths=(15, 16, 24, 30, 9),
            stretch_column=EXCERPT,
        )
        self.pane.search_edit.setToolTip(_SYNTAX)
        self.pane.view.setItemDelegateForColumn(EXCERPT, MatchDelegate(SNIPPET_ROLE, self.pane))
        # Under the search box: what the search could not use, or that it waits for more.
        self.search_error = FieldError(self.pane)
        self.search_error.setAccessibleName("Search problem")
        self.search_hint = MutedLabel(_ONE_MORE, self.pane)
        self.search_hint.hide()
        layout = self.pane.layout()
        assert isinstance(layout, QBoxLayout)
        self.new_button = QPushButton("New Note…", self.pane)
        self.new_button.setToolTip("Write a note outside a call (Ctrl+Alt+N)")
        self.new_button.clicked.connect(self.new_note)
        search_row = QHBoxLayout()
        layout.removeWidget(self.pane.search_edit)
        search_row.addWidget(self.pane.search_edit, 1)
        search_row.addWidget(self.new_button)
        layout.insertLayout(0, search_row)
        layout.insertWidget(1, self.search_error)
        layout.insertWidget(2, self.search_hint)
        self.detail = NoteDetail(self)
        self.place_detail("notesSplitter", (1100, 900))

        self.detail.open_mentee_requested.connect(self.open_mentee)
        self.detail.edit_requested.connect(self.edit_note)
        self.detail.delete_requested.connect(self.confirm_delete)
        self.pane.view.activated.connect(lambda _index: self.edit_note(self.detail.note))
        self.dialog: QWidget | None = None
        self.refresh()

    # -- Page ------------------------------------------------------------------------

    def refresh(self) -> None:
        self._zone = self.workspace.mentor_zone()
        self.model.load(self._searchable(self.pane.search_text()), self._clock(), self._zone)
        self._show_search_messages()
        self._update_empty_text()
        self._show(self.pane.current_key())

    def follow_typing(self, changes: Changes) -> bool:
        """An autosave changed a note's text: redraw its row, unless a search could now
        match it differently (then the list reloads, at most once a second)."""
        if not changes.notes or parse_search(self.model.search).has_terms:
            return False
        if not self.model.refresh_notes(changes.notes):
            return False
        note = self.detail.note
        if note is not None and note.id in changes.notes:
            self._show(self.pane.current_key())
        return True

    # -- notes ---------------------------------------------------------------------------

    def new_note(self) -> QWidget | None:
        """A new note about the mentee of the selected note, or a chooser first."""
        note = self.detail.note
        if note is not None:
            self.note_requested.emit(note.mentee_id, 0)
            return None
        from mentordesk.ui.dialogs.call_prompts import choose_mentee

        self.dialog = choose_mentee(
            self, self.workspace, lambda mentee: self.note_requested.emit(mentee, 0),
            title="New Note", label="Note about:", ok_text="Write Note",
        )  # fmt: skip
        if self.dialog is None:
            self.status_message.emit("Add a mentee first (File ▸ New Mentee…), then a note.")
        return self.dialog

    def edit_note(self, note: Note | None) -> None:
        if note is not None and note.id is not None:
            self.note_requested.emit(note.mentee_id, note.id)

    def confirm_delete(self, note: Note) -> QMessageBox:
        title = note.title.strip() or "this untitled note"
        self.dialog = confirm(
            self,
            "Delete Note",
            f"Delete “{title}”? Its kept versions go with it, and so do the action items,"
            " wins and feedback its tagged lines made. This cannot be undone.",
            "Delete Note",
            lambda: self._delete(note),
        )
        return self.dialog

    def _delete(self, note: Note) -> None:
        with contextlib.suppress(KeyError):  # already gone: the list is refreshed either way
            self.workspace.delete_note(note.id or 0)
        self.refresh()
        self.status_message.emit(f"Deleted “{note.title.strip() or 'Untitled note'}”.")

    # -- behaviour -----------------------------------------------------------------------

    def _find_ids(
        self, search: str, mentee_id: int | None, sort: str, descending: bool
    ) -> list[int]:
        found = self.workspace.find_notes(search, mentee_id, sort, descending)
        self._messages = found.messages
        return found.ids

    def _searchable(self, text: str) -> str:
        """A single character is not searched yet: it would match nearly every note."""
        return "" if len(text.strip()) < 2 else text

    def _show_search_messages(self) -> None:
        text = self.pane.search_text()
        waiting = len(text) == 1
        self.search_hint.setVisible(waiting)
        self.search_error.set_message(None if waiting else "\n".join(self._messages) or None)

    def _search(self, text: str) -> None:
        text = self._searchable(text)
        if not text:
            self._messages = ()
        self.model.set_search(text)
        self._show_search_messages()
        self._update_empty_text()
        if not text:
            return
        count = self.model.rowCount()
        if count >= SEARCH_LIST_LIMIT:
            self.status_message.emit(
                f"Showing the newest {count:,} notes that match “{text}” — add a word to narrow it"
            )
        else:
            self.status_message.emit(f"{plural(count, 'note')} match “{text}”")

    def _update_empty_text(self) -> None:
        if self.model.search:
            self.pane.set_empty_text(f"No notes match “{self.model.search}”.")
        else:
            self.pane.set_empty_text(self.empty_text)
        if self.pane.current_key() is None:
            self._show(None)

    def _show(self, key: Hashable | None) -> None:
        if not isinstance(key, int):
            self.detail.show_message(
                "Select a note to read it here." if self.model.rowCount() else ""
            )
            return
        try:
            note = self.workspace.note(key)
        except KeyError:  # deleted since the list was loaded
            self.detail.show_message("This note no longer exists.")
            return
        summary = self.model.summary_at(self.model.row_of(key))
        mentee_name = summary.mentee_name if summary else self.workspace.mentee(note.mentee_id).name
        meeting: Meeting | None = None
        if note.meeting_id is not None:
            try:
                meeting = self.workspace.meeting(note.meeting_id)
            except KeyError:
                meeting = None
        self.detail.show_note(note, mentee_name, meeting, self._clock(), self._zone)
