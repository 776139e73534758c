"""What the note editor gets back: items made from tagged lines, revisions, a save's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mentordesk.domain.models import Owner
from mentordesk.domain.note_tags import TagKind


@dataclass(frozen=True, slots=True)
class LinkedItem:
    """An action item, win or feedback made from a tagged line of a note, as stored now."""

    kind: TagKind
    item_id: int
    text: str
    owner: Owner
    due: date | None
    done: bool
    shareable: bool
    #: The 0-based number of its line in the note (as QTextDocument numbers blocks).
    position: int


@dataclass(frozen=True, slots=True)
class Revision:
    id: int
    note_id: int
    created_at: datetime
    body: str
    reason: str
    #: Characters in ``body``.
    size: int


@dataclass(slots=True)
class NoteSync:
    """The result of one autosave."""

    items: list[LinkedItem] = field(default_factory=list)
    revision_taken: bool = False
    #: False when the body was already stored as given (nothing was written).
    written: bool = False
    #: Whether an item was created, changed or deleted by this save.
    items_changed: bool = False


@dataclass(frozen=True, slots=True)
class NoteEditState:
    """A note's editing facts, read at the start of each save."""

    note_id: int
    mentee_id: int
    body: str
    shareable: bool
    updated_at: datetime
    #: First unclosed edit: set by autosave, cleared by a clean close (None: closed).
    editing_since: datetime | None
    revised_at: datetime | None
    first_unrevised_edit_at: datetime | None
