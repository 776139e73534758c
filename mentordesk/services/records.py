"""The relationship records besides goals (``goals.py``): action items, feedback, wins and
shared resources — added, edited, ticked and deleted. Each write validates first
(``domain/record_rules.py``: ValidationError names the form's field) and reports its Changes.

A record born from a tagged note line stays linked to that line: editing its text (an
action's owner, due date or tick too) rewrites the line (``domain/line_edit.py``), so the
note keeps saying what the record says. When a window has the note open, ``via`` (the
window's side, ``OpenNotes``) makes the edit in the window's text, which then saves it as
its own autosave; otherwise the note is written here, with a revision either way.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Protocol

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.line_edit import LineChange, rewrite_line
from mentordesk.domain.models import ActionItem, Feedback, FeedbackDirection, Resource, Win
from mentordesk.domain.record_rules import clean_action, clean_feedback, clean_resource, clean_win
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.note_editing import RECORD_EDIT_REASON, NoteEditing
from mentordesk.store.repositories.notes import NoteRepository
from mentordesk.store.repositories.records import (
    FeedbackRepository,
    ResourceRepository,
    WinRepository,
)

_FEEDBACK_KIND = {
    FeedbackDirection.TO_MENTEE: "feedback_to",
    FeedbackDirection.FROM_MENTEE: "feedback_from",
}


class OpenNotes(Protocol):
    """The window side of a note line edit: the windows open on notes."""

    def flush_note(self, note_id: int) -> None:
        """Writes what a window open on the note has not saved yet (nothing if none is)."""

    def replace_note_line(self, note_id: int, position: int, old: str, new: str) -> bool:
        """Replaces line ``old`` by ``new`` in the window open on the note and saves it;
        False when no window can (none open on it, or it no longer edits)."""


class RecordService:
    def __init__(
        self,
        notes: NoteRepository,
        feedback: FeedbackRepository,
        wins: WinRepository,
        resources: ResourceRepository,
        note_editing: NoteEditing,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.notes = notes
        self.feedback = feedback
        self.wins = wins
        self.resources = resources
        self.note_editing = note_editing

    # -- reading ---------------------------------------------------------------------------

    def action(self, item_id: int) -> ActionItem:
        return self.notes.action(item_id)

    def feedback_entry(self, feedback_id: int) -> Feedback:
        return self.feedback.get(feedback_id)

    def win(self, win_id: int) -> Win:
        return self.wins.get(win_id)

    def resource(self, resource_id: int) -> Resource:
        return self.resources.get(resource_id)

    # -- action items ------------------------------------------------------------------------

    def add_action(self, item: ActionItem) -> ActionItem:
        added = self.notes.add_action(clean_action(item))
        self.feed.report(Changes.of(Kind.ACTIONS, mentee=added.mentee_id))
        return added

    def set_action_done(
        self, item_id: int, done: bool = True, via: OpenNotes | None = None
    ) -> None:
        """Ticks (or reopens) the item; one from a ``- [ ]`` line ticks that line too."""
        item = self.notes.action(item_id)
        if item.note_id is not None:
            self._write_line(item.note_id, ("action",), item_id, LineChange(done=done), via)
        self.notes.set_action_done(item_id, done)
        self.feed.report(Changes.of(Kind.ACTIONS, mentee=item.mentee_id))

    def update_action(self, item: ActionItem, via: OpenNotes | None = None) -> ActionItem:
        """Text, owner, due date and "Include in summaries"."""
        before = self.notes.action(item.id or 0)
        item = clean_action(replace(item, note_id=before.note_id, mentee_id=before.mentee_id))
        if before.note_id is not None:
            change = LineChange(
                text=item.text, owner=item.owner, due=item.due_date,
                clear_due=item.due_date is None,
            )  # fmt: skip
            self._write_line(before.note_id, ("action",), before.id or 0, change, via)
        self.notes.update_action(item)
        self.feed.report(Changes.of(Kind.ACTIONS, mentee=before.mentee_id))
        return self.notes.action(before.id or 0)

    def delete_action(self, item_id: int) -> None:
        item = self.notes.action(item_id)
        self.notes.delete_action(item_id)
        self.feed.report(Changes.of(Kind.ACTIONS, mentee=item.mentee_id))

    # -- feedback ----------------------------------------------------------------------------

    def add_feedback(self, fb: Feedback) -> Feedback:
        added = self.feedback.add(clean_feedback(replace(fb, note_id=None)))
        self.feed.report(Changes.of(Kind.FEEDBACK, mentee=added.mentee_id))
        return added

    def update_feedback(self, fb: Feedback, via: OpenNotes | None = None) -> Feedback:
        before = self.feedback.get(fb.id or 0)
        fb = clean_feedback(replace(fb, note_id=before.note_id, mentee_id=before.mentee_id))
        if before.note_id is not None:
            if fb.direction is not before.direction:
                raise ValidationError(
                    "direction",
                    "This feedback came from a tagged line of a note: change its tag there"
                    " (#feedback to them, #fb-me from them) to change its direction.",
                )
            kind = _FEEDBACK_KIND[before.direction]
            change = LineChange(text=fb.body)
            self._write_line(before.note_id, (kind,), before.id or 0, change, via, "body")
        self.feedback.update(fb)
        self.feed.report(Changes.of(Kind.FEEDBACK, mentee=before.mentee_id))
        return self.feedback.get(before.id or 0)

    def delete_feedback(self, feedback_id: int) -> None:
        gone = self.feedback.get(feedback_id)
        self.feedback.delete(feedback_id)
        self.feed.report(Changes.of(Kind.FEEDBACK, mentee=gone.mentee_id))

    # -- wins ------------------------------------------------------------------------------

    def add_win(self, win: Win) -> Win:
        added = self.wins.add(clean_win(replace(win, note_id=None)))
        self.feed.report(Changes.of(Kind.WINS, mentee=added.mentee_id))
        return added

    def update_win(self, win: Win, via: OpenNotes | None = None) -> Win:
        before = self.wins.get(win.id or 0)
        win = clean_win(replace(win, note_id=before.note_id, mentee_id=before.mentee_id))
        if before.note_id is not None:
            change = LineChange(text=win.title)
            self._write_line(before.note_id, ("win",), before.id or 0, change, via, "title")
        self.wins.update(win)
        self.feed.report(Changes.of(Kind.WINS, mentee=before.mentee_id))
        return self.wins.get(before.id or 0)

    def delete_win(self, win_id: int) -> None:
        gone = self.wins.get(win_id)
        self.wins.delete(win_id)
        self.feed.report(Changes.of(Kind.WINS, mentee=gone.mentee_id))

    # -- resources -------------------------------------------------------------------------

    def add_resource(self, res: Resource) -> Resource:
        added = self.resources.add(clean_resource(res))
        self.feed.report(Changes.of(Kind.RESOURCES, mentee=added.mentee_id))
        return added

    def update_resource(self, res: Resource) -> Resource:
        before = self.resources.get(res.id or 0)
        self.resources.update(clean_resource(replace(res, mentee_id=before.mentee_id)))
        self.feed.report(Changes.of(Kind.RESOURCES, mentee=before.mentee_id))
        return self.resources.get(before.id or 0)

    def delete_resource(self, resource_id: int) -> None:
        gone = self.resources.get(resource_id)
        self.resources.delete(resource_id)
        self.feed.report(Changes.of(Kind.RESOURCES, mentee=gone.mentee_id))

    # -- the note line -----------------------------------------------------------------------

    def _write_line(
        self,
        note_id: int,
        kinds: Collection[str],
        item_id: int,
        change: LineChange,
        via: OpenNotes | None,
        field: str = "text",
    ) -> None:
        """Rewrites the item's line in its note; nothing when the line is gone. A text the
        line cannot say is refused on the form's ``field``."""
        if via is not None:
            via.flush_note(note_id)  # the stored text and links are then the window's
        link = next(
            (k for k in self.note_editing.linked_items(note_id)
             if k.item_id == item_id and k.kind in kinds),
            None,
        )  # fmt: skip
        if link is None:
            return
        lines = self.notes.get(note_id).body.split("\n")
        if link.position >= len(lines):
            return
        old = lines[link.position]
        try:
            new = rewrite_line(old, change)
        except ValidationError as exc:
            raise ValidationError(field, exc.message) from None
        if new == old:
            return
        if via is not None:
            # As write_record_edit does: the text before kept (if never kept), then the new.
            self.note_editing.take_revision(note_id, f"before {RECORD_EDIT_REASON}")
            if via.replace_note_line(note_id, link.position, old, new):
                self.note_editing.take_revision(note_id, RECORD_EDIT_REASON)
                return
        lines[link.position] = new
        self.note_editing.write_record_edit(note_id, "\n".join(lines))
