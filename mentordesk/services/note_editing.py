"""Notes being written: autosave, tagged lines, history, the end of a call.

``write_note_body`` is the autosave call, made about every half second while the mentor
types. It is one transaction on the workspace's connection (``synchronous=FULL``): the body,
its editing facts, the items its tagged lines make (domain/tag_links.py) and, when due, a
revision (domain/revisions.py). When it returns, the text is on disk; when it raises,
nothing of it was written.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date, datetime

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Note
from mentordesk.domain.note_items import LinkedItem, NoteEditState, NoteSync, Revision
from mentordesk.domain.note_tags import TAG_KINDS, parse_tagged_lines
from mentordesk.domain.revisions import revision_reason, thin
from mentordesk.domain.tag_links import reconcile
from mentordesk.services.changes import NOTE_ITEM_KINDS, ChangeFeed, Changes, Kind
from mentordesk.services.clock import aware
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentor import MentorSettings
from mentordesk.store.database import Database
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.note_edits import NoteEditRepository
from mentordesk.store.repositories.note_links import NoteLinkRepository
from mentordesk.store.repositories.notes import NoteRepository

#: Ids, lengths and counts only: never a word of the note (see logs.py).
log = logging.getLogger(__name__)

CLOSE_REASON = "close"
MAX_TITLE = 200
CALL_END_REASON = "call end"
#: The revision kept when a record's form (or a tick on Today) rewrote its note line.
RECORD_EDIT_REASON = "record edit"


class NoteEditing:
    def __init__(
        self,
        db: Database,
        notes: NoteRepository,
        mentees: MenteeRepository,
        meetings: MeetingService,
        mentor: MentorSettings,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.db = db
        self.notes = notes
        self.mentees = mentees
        self.meetings = meetings
        self.mentor = mentor
        self.edits = NoteEditRepository(db)
        self.links = NoteLinkRepository(db)

    def _mentor_today(self, now: datetime) -> date:
        """Wins and feedback are dated in the mentor's zone, not UTC's."""
        return now.astimezone(self.mentor.zone()).date()

    def _sync_links(self, state: NoteEditState, body: str, now: datetime) -> bool:
        """Makes the note's items follow ``body``'s tagged lines; True if any item changed."""
        links = self.links
        previous = links.links(state.note_id)
        current = parse_tagged_lines(body)
        if not previous and not current:
            return False
        plan = reconcile(previous, current)
        links.apply(
            state.note_id, state.mentee_id, state.shareable, plan, previous, now,
            lambda: self._mentor_today(now),
        )  # fmt: skip
        return plan.items_change

    def start_note(
        self,
        mentee_id: int,
        *,
        meeting_id: int | None = None,
        title: str = "",
        body: str = "",
        shareable: bool = False,
        now: datetime | None = None,
    ) -> Note:
        """A new note (private unless said otherwise); tagged lines in ``body`` make items."""
        at = aware(now)
        self.mentees.get(mentee_id)
        if meeting_id is not None and self.meetings.get(meeting_id).mentee_id != mentee_id:
            raise ValidationError("meeting", "That meeting is with another mentee.")
        with self.db.transaction():
            note = self.notes.add(
                Note(mentee_id, body, title.strip(), shareable, meeting_id, created_at=at)
            )
            if body:
                state = self.edits.state(note.id or 0)
                self._sync_links(state, body, at)
        self.feed.report(Changes.of(Kind.NOTES, *NOTE_ITEM_KINDS, mentee=mentee_id, note=note.id))
        return note

    def write_note_body(
        self, note_id: int, body: str, now: datetime | None = None, in_call: bool = False
    ) -> NoteSync:
        """The autosave: one durable transaction (see the module's docstring)."""
        at = aware(now)
        edits = self.edits
        with self.db.transaction():
            state = edits.state(note_id)
            if body == state.body:
                return NoteSync(self.links.items(note_id))
            reason = revision_reason(
                state.revised_at, state.updated_at, state.first_unrevised_edit_at, at
            )
            if reason == "idle":
                # The text the mentor left for ten minutes, before this edit changes it.
                edits.add_revision(note_id, state.body, reason, at)
            edits.write_body(note_id, body, at, in_call)
            changed = self._sync_links(state, body, at)
            if reason == "editing":
                edits.add_revision(note_id, body, reason, at)
            items = self.links.items(note_id)
        log.debug(
            "note %d saved: %d characters, %d tagged items, revision %s",
            note_id, len(body), len(items), reason or "none",
        )  # fmt: skip
        kinds = (Kind.NOTES, *NOTE_ITEM_KINDS) if changed else (Kind.NOTES,)
        self.feed.report(Changes.of(*kinds, mentee=state.mentee_id, typing=True, note=note_id))
        return NoteSync(items, reason is not None, True, changed)

    def write_record_edit(self, note_id: int, body: str, now: datetime | None = None) -> None:
        """A note line rewritten for its record, with no window open on the note: saved as
        an autosave saves (the items follow; the text before, if never kept, is kept), with
        a revision of the new text; a note that was closed stays closed (nothing to recover)."""
        at = aware(now)
        edits = self.edits
        with self.db.transaction():
            state = edits.state(note_id)
            self.take_revision(note_id, f"before {RECORD_EDIT_REASON}", at)
            edits.write_body(note_id, body, at)
            self._sync_links(state, body, at)
            edits.add_revision(note_id, body, RECORD_EDIT_REASON, at)
            if state.editing_since is None:
                edits.mark_closed(note_id)
        self.feed.report(
            Changes.of(Kind.NOTES, *NOTE_ITEM_KINDS, mentee=state.mentee_id, note=note_id)
        )

    def take_revision(
        self, note_id: int, reason: str, now: datetime | None = None
    ) -> Revision | None:
        """A revision of the note as it is, or None when it is unchanged since the last one."""
        at = aware(now)
        edits = self.edits
        with self.db.transaction():
            state = edits.state(note_id)
            last = edits.latest_revision_body(note_id)
            if last is None:
                # Never revised: only a note edited since it was started has something to keep.
                if state.first_unrevised_edit_at is None:
                    return None
            elif last == state.body:
                return None
            return edits.add_revision(note_id, state.body, reason, at)

    def close_note(
        self, note_id: int, now: datetime | None = None, reason: str = CLOSE_REASON
    ) -> None:
        """A clean close: a last revision if the text changed, old revisions thinned."""
        at = aware(now)
        edits = self.edits
        with self.db.transaction():
            self.take_revision(note_id, reason, at)
            times = edits.revision_times(note_id)
            keep = thin([t for _, t in times], at)
            edits.delete_revisions(id_ for id_, t in times if t not in keep)
            edits.mark_closed(note_id)
        log.debug("note %d closed; revisions kept: %d", note_id, len(keep))
        self.feed.report(Changes.of(Kind.NOTES, note=note_id))

    def unclosed_notes(self, in_call: bool | None = None) -> list[Note]:
        """Notes edited since their last clean close: the app stopped while they were open."""
        return [self.notes.get(i) for i in self.edits.unclosed_ids(in_call)]

    def note_revisions(self, note_id: int) -> list[Revision]:
        self.notes.get(note_id)
        return self.edits.revisions(note_id)

    def linked_items(self, note_id: int) -> list[LinkedItem]:
        return self.links.items(note_id)

    def set_item_shareable(self, kind: str, item_id: int, shareable: bool) -> None:
        if kind not in TAG_KINDS:
            raise ValidationError(
                "kind", f"'{kind}' is not a kind of item: {', '.join(TAG_KINDS)}."
            )
        self.links.set_shareable(kind, item_id, shareable)
        self.feed.report(Changes.of(*NOTE_ITEM_KINDS))

    def set_note_details(self, note_id: int, title: str, shareable: bool) -> Note:
        """Renames the note and sets its privacy; its items follow (a private note shares none;
        a shareable one shares those not under its ``## Private`` heading), in one transaction."""
        title = title.strip()
        if len(title) > MAX_TITLE:
            raise ValidationError("title", f"A note's title is at most {MAX_TITLE} characters.")
        links = self.links
        with self.db.transaction():
            before = self.notes.get(note_id)
            self.edits.set_details(note_id, title, shareable)
            if before.shareable != shareable:
                for line in links.links(note_id):
                    with contextlib.suppress(KeyError):  # deleted elsewhere since
                        links.set_shareable(line.kind, line.item_id, shareable and not line.private)
        self.feed.report(
            Changes.of(Kind.NOTES, *NOTE_ITEM_KINDS, mentee=before.mentee_id, note=note_id)
        )
        return self.notes.get(note_id)

    def delete_note(self, note_id: int) -> None:
        """The note, its revisions and the items its tagged lines made (see schema m007)."""
        gone = self.notes.get(note_id)
        self.notes.delete(note_id)
        self.feed.report(
            Changes.of(Kind.NOTES, *NOTE_ITEM_KINDS, mentee=gone.mentee_id, note=note_id)
        )

    def end_call(
        self,
        note_id: int,
        meeting_id: int | None,
        original_start: datetime | None,
        now: datetime | None = None,
        held_early: bool | None = None,
    ) -> list[LinkedItem]:
        """Closes the call's note and records the contact (``MeetingService.call_ended``:
        the occurrence held, or held early when ``held_early``, or the call as a contact);
        the items are for the review.

        The note is closed first and on its own: its text is safe even if the meeting cannot
        be marked (the ValidationError from ``call_ended`` then reaches the caller).
        """
        at = aware(now)
        self.close_note(note_id, at, CALL_END_REASON)
        mentee_id = self.notes.get(note_id).mentee_id
        self.meetings.call_ended(mentee_id, note_id, meeting_id, original_start, at, held_early)
        return self.linked_items(note_id)
