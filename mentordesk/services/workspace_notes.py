"""The Workspace's forwards for notes: searching them (``NoteService``) and writing them
(``NoteEditing``), under the names the window and the CLI already use."""

from __future__ import annotations

from datetime import datetime

from mentordesk.domain.models import Note
from mentordesk.domain.note_items import LinkedItem, NoteSync, Revision
from mentordesk.domain.views import NoteSummary
from mentordesk.services.note_editing import NoteEditing
from mentordesk.services.notes import NoteSearch, NoteService


class NoteForwards:
    """Mixed into ``Workspace``, which builds ``note_search`` and ``note_editing``."""

    note_search: NoteService
    note_editing: NoteEditing

    def note_ids(
        self,
        search: str = "",
        mentee_id: int | None = None,
        sort: str = "created",
        descending: bool = True,
    ) -> list[int]:
        return self.note_search.find(search, mentee_id, sort, descending).ids

    def find_notes(
        self,
        search: str = "",
        mentee_id: int | None = None,
        sort: str = "created",
        descending: bool = True,
    ) -> NoteSearch:
        return self.note_search.find(search, mentee_id, sort, descending)

    def search_notes(self, text: str, limit: int = 50) -> list[NoteSummary]:
        return self.note_search.best_matches(text, limit)

    def note(self, note_id: int) -> Note:
        return self.note_search.get(note_id)

    def save_note(self, note: Note) -> Note:
        return self.note_search.save(note)

    def start_note(
        self,
        mentee_id: int,
        *,
        meeting_id: int | None = None,
        title: str = "",
        body: str = "",
        shareable: bool = False,
    ) -> Note:
        return self.note_editing.start_note(
            mentee_id, meeting_id=meeting_id, title=title, body=body, shareable=shareable
        )

    def write_note_body(
        self, note_id: int, body: str, now: datetime | None = None, *, in_call: bool = False
    ) -> NoteSync:
        return self.note_editing.write_note_body(note_id, body, now, in_call)

    def close_note(self, note_id: int, now: datetime | None = None) -> None:
        self.note_editing.close_note(note_id, now)

    def unclosed_notes(self, in_call: bool | None = None) -> list[Note]:
        return self.note_editing.unclosed_notes(in_call)

    def note_revisions(self, note_id: int) -> list[Revision]:
        return self.note_editing.note_revisions(note_id)

    def take_revision(
        self, note_id: int, reason: str, now: datetime | None = None
    ) -> Revision | None:
        return self.note_editing.take_revision(note_id, reason, now)

    def linked_items(self, note_id: int) -> list[LinkedItem]:
        return self.note_editing.linked_items(note_id)

    def set_item_shareable(self, kind: str, item_id: int, shareable: bool) -> None:
        self.note_editing.set_item_shareable(kind, item_id, shareable)

    def delete_note(self, note_id: int) -> None:
        self.note_editing.delete_note(note_id)

    def end_call(
        self,
        note_id: int,
        meeting_id: int | None,
        original_start: datetime | None,
        now: datetime | None = None,
        held_early: bool | None = None,
    ) -> list[LinkedItem]:
        return self.note_editing.end_call(note_id, meeting_id, original_start, now, held_early)
