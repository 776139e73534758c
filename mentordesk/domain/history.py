"""A mentee's history as plain data: what happened, newest first, in pages.

The store reads it with one keyset query (``store/repositories/history.py``); the service
(``services/history.py``) pages it; the dashboard's Timeline tab draws it. Dated records
(feedback given on a day, a win, a milestone done) have no time of day: they sort at the end
of their day, above that day's meetings and notes, which is where a mentor reading
"newest first" looks for what a day came to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum


class HistoryKind(StrEnum):
    """One kind of entry; the values are what the store writes in its ``kind`` column
    (the keyset orders by it, so they never change)."""

    MEETING = "meeting"  # an occurrence held, cancelled or moved
    CONTACT = "contact"  # a call without a meeting, or a contact the mentor logged
    NOTE = "note"
    FEEDBACK = "feedback"
    WIN = "win"
    MILESTONE = "milestone"  # a milestone completed
    REVISIT = "revisit"  # a goal revisited
    RESOURCE = "resource"  # a resource shared


class HistoryFilter(StrEnum):
    """What the Timeline's "Show" choice offers: groups of kinds a mentor thinks in."""

    ALL = "all"
    MEETINGS = "meetings"
    CONTACTS = "contacts"
    NOTES = "notes"
    FEEDBACK = "feedback"
    WINS = "wins"
    GOALS = "goals"
    RESOURCES = "resources"

    @property
    def label(self) -> str:
        return _FILTER_LABELS[self]

    @property
    def kinds(self) -> frozenset[HistoryKind]:
        return _FILTER_KINDS[self]


_FILTER_LABELS = {
    HistoryFilter.ALL: "Everything",
    HistoryFilter.MEETINGS: "Meetings held, cancelled or moved",
    HistoryFilter.CONTACTS: "Calls and logged contacts",
    HistoryFilter.NOTES: "Notes",
    HistoryFilter.FEEDBACK: "Feedback, both ways",
    HistoryFilter.WINS: "Wins",
    HistoryFilter.GOALS: "Milestones completed and goals revisited",
    HistoryFilter.RESOURCES: "Resources shared",
}

_FILTER_KINDS = {
    HistoryFilter.ALL: frozenset(HistoryKind),
    HistoryFilter.MEETINGS: frozenset({HistoryKind.MEETING}),
    HistoryFilter.CONTACTS: frozenset({HistoryKind.CONTACT}),
    HistoryFilter.NOTES: frozenset({HistoryKind.NOTE}),
    HistoryFilter.FEEDBACK: frozenset({HistoryKind.FEEDBACK}),
    HistoryFilter.WINS: frozenset({HistoryKind.WIN}),
    HistoryFilter.GOALS: frozenset({HistoryKind.MILESTONE, HistoryKind.REVISIT}),
    HistoryFilter.RESOURCES: frozenset({HistoryKind.RESOURCE}),
}


@dataclass(frozen=True, slots=True)
class HistoryCursor:
    """Where a page ended: the next page starts strictly after this entry (its sort key)."""

    key: str
    kind: HistoryKind
    id: int


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One thing that happened. ``at`` is an aware UTC instant, or ``day`` a date for
    records kept by the day (exactly one of them is set)."""

    kind: HistoryKind
    id: int
    at: datetime | None
    day: date | None
    #: What it is: a meeting's or note's title, a win, a milestone, a resource's title.
    title: str
    #: More about it: a reschedule reason, a contact's summary, the feedback itself.
    detail: str = ""
    #: Kind-specific: an occurrence's status, a contact's channel, a feedback's direction,
    #: a resource's URL.
    extra: str = ""
    #: A moved occurrence's new start, a held one's start where it was held.
    moved_to: datetime | None = None
    #: What an entry opens: its note, its meeting (with the occurrence's original start),
    #: the goal a milestone or revisit belongs to.
    note_id: int | None = None
    meeting_id: int | None = None
    original_start: datetime | None = None
    goal_id: int | None = None
    #: A note's or record's "shareable" / "Include in summaries" flag.
    shareable: bool = False
    #: The sort key the store ordered by (see ``HistoryCursor``).
    key: str = ""

    @property
    def cursor(self) -> HistoryCursor:
        return HistoryCursor(self.key, self.kind, self.id)

    def on(self) -> date:
        """The entry's day in UTC."""
        return self.on_in(UTC)

    def on_in(self, zone: tzinfo) -> date:
        """The entry's day in ``zone`` (a dated entry's own day, whatever the zone)."""
        if self.day is not None:
            return self.day
        assert self.at is not None
        return self.at.astimezone(zone).date()


@dataclass(frozen=True, slots=True)
class HistoryPage:
    entries: list[HistoryEntry]
    #: Where the next page starts; None when this page reached the first entry of all.
    next: HistoryCursor | None
