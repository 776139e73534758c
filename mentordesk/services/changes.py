"""What a write changed, told to whoever listens (the window's pages, the call window).

Every service that writes reports a small ``Changes`` value through the workspace's
``ChangeFeed`` once the write is committed: which kinds of record, and for which mentees.
Listeners decide for themselves what to redraw (the pattern of Anki's ``OpChanges``). The
feed is plain Python: the window's hub re-emits it as a Qt signal on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

log = logging.getLogger(__name__)


class Kind(StrEnum):
    SETTINGS = "settings"
    MENTEES = "mentees"
    #: When a mentee was last in contact (a meeting held, a call ended): check-ins move.
    CONTACT = "contact"
    GOALS = "goals"
    MEETINGS = "meetings"
    BUSY = "busy"
    NOTES = "notes"
    ACTIONS = "actions"
    FEEDBACK = "feedback"
    WINS = "wins"
    RESOURCES = "resources"
    BACKUPS = "backups"
    #: The whole file was replaced (restore, import, move): everything may differ.
    DATABASE = "database"


#: The kinds a note's tagged lines can make (``domain/note_tags.py``).
NOTE_ITEM_KINDS = frozenset({Kind.ACTIONS, Kind.FEEDBACK, Kind.WINS})


@dataclass(frozen=True, slots=True)
class Changes:
    """Kinds of record a write changed, and the mentees it was about (empty: any or all).

    ``notes`` names the notes a note write touched (a list can redraw just those rows);
    ``typing`` marks an autosave while the mentor types: listeners may take their time.
    """

    kinds: frozenset[Kind]
    mentees: frozenset[int] = frozenset()
    typing: bool = False
    notes: frozenset[int] = frozenset()

    @classmethod
    def of(
        cls,
        *kinds: Kind,
        mentee: int | Iterable[int] | None = None,
        typing: bool = False,
        note: int | None = None,
    ) -> Changes:
        return cls(frozenset(kinds), _ids(mentee), typing, _ids(note))

    @classmethod
    def everything(cls) -> Changes:
        return cls(frozenset({Kind.DATABASE}))

    def touches(self, *kinds: Kind) -> bool:
        """Whether any of ``kinds`` changed (a replaced database changes them all)."""
        return Kind.DATABASE in self.kinds or not self.kinds.isdisjoint(kinds)

    def about(self, mentee_id: int | None) -> bool:
        """Whether the change may concern this mentee (unknown mentees: yes)."""
        return not self.mentees or mentee_id is None or mentee_id in self.mentees

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.kinds | other.kinds,
            _widened(self.mentees, other.mentees),
            self.typing and other.typing,
            _widened(self.notes, other.notes),
        )


def _ids(given: int | Iterable[int] | None) -> frozenset[int]:
    if given is None:
        return frozenset()
    return frozenset({given}) if isinstance(given, int) else frozenset(given)


def _widened(one: frozenset[int], other: frozenset[int]) -> frozenset[int]:
    """Both sets of ids, or none (meaning "any") when either side said any."""
    return one | other if one and other else frozenset()


Listener = Callable[[Changes], object]


class ChangeFeed:
    """Passes each committed change to every listener, in the writer's thread."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Adds ``listener``; returns the call that removes it again."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def report(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:  # one broken listener must not undo a committed write's news
                log.exception("a change listener failed")
