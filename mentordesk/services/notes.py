"""Finding notes: the list a search or a filter gives, snippets, the best matches."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from mentordesk.domain.models import Note
from mentordesk.domain.search_query import SearchQuery, name_matcher, parse_search
from mentordesk.domain.views import NoteSummary
from mentordesk.planner.overlap import local_midnight
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.mentor import MentorSettings
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.notes import NoteRepository

#: Counts only, never the words searched for: they are the mentor's (see logs.py).
log = logging.getLogger(__name__)
#: A search lists at most this many notes, the newest: more is not read, and it keeps
#: a common word instant at 200,000 notes.
SEARCH_LIST_LIMIT = 2000


class _NoteFilters(TypedDict, total=False):
    mentee_ids: list[int]
    created_from: datetime
    created_before: datetime


@dataclass(slots=True, frozen=True)
class NoteSearch:
    """The notes a search lists, and what to tell the mentor about it (a filter that could
    not be used, a ``mentee:`` that names nobody)."""

    ids: list[int]
    query: SearchQuery
    messages: tuple[str, ...] = ()


class NoteService:
    def __init__(
        self,
        notes: NoteRepository,
        mentees: MenteeRepository,
        mentor: MentorSettings,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.notes = notes
        self.mentees = mentees
        self.mentor = mentor

    def find(
        self,
        search: str = "",
        mentee_id: int | None = None,
        sort: str = "created",
        descending: bool = True,
    ) -> NoteSearch:
        """The notes to list, with the messages for the mentor: ``mentee:`` is any mentee
        whose name holds the text (active ones first), dates are days in the mentor's zone;
        a search lists at most the newest ``SEARCH_LIST_LIMIT`` matches."""
        query = parse_search(search)
        filters, messages = self._filters(query)
        if filters is None:
            return NoteSearch([], query, messages)
        ids = self.notes.ids(query.terms, mentee_id, sort, descending, SEARCH_LIST_LIMIT, **filters)
        log.debug("note search: %d words, %d filters, %d matches", len(query.terms.split()),
                  len(filters), len(ids))  # fmt: skip
        return NoteSearch(ids, query, messages)

    def snippets(self, ids: list[int], search: str) -> dict[int, str]:
        """A few words around the matches in each note, matched words between
        ``search_query.MATCH_START`` and ``MATCH_END``; notes without a match are left out."""
        return self.notes.snippets(ids, parse_search(search).terms)

    def best_matches(self, text: str, limit: int = 50) -> list[NoteSummary]:
        """The best ``limit`` matches of ``text`` (filters as in ``find``)."""
        query = parse_search(text)
        filters, _ = self._filters(query)
        if filters is None:
            return []
        return self.notes.summaries(self.notes.search(query.terms, limit, **filters))

    def _filters(self, query: SearchQuery) -> tuple[_NoteFilters | None, tuple[str, ...]]:
        """The repository's filter arguments, or None when no note can pass them."""
        filters: _NoteFilters = {}
        messages = query.errors
        if query.mentee is not None:
            active, named = self.notes.mentees_named(name_matcher(query.mentee))
            if not named:
                note = f"No mentee's name contains “{query.mentee}” — check the spelling."
                return None, (*messages, note)
            filters["mentee_ids"] = active or named
        if query.after is not None or query.before is not None:
            zone = self.mentor.zone().key
            if query.after is not None:
                filters["created_from"] = local_midnight(query.after, zone)
            if query.before is not None:
                filters["created_before"] = local_midnight(query.before, zone)
        return filters, messages

    def summaries(self, ids: list[int]) -> list[NoteSummary]:
        return self.notes.summaries(ids)

    def get(self, note_id: int) -> Note:
        return self.notes.get(note_id)

    def save(self, note: Note) -> Note:
        self.mentees.get(note.mentee_id)
        saved = self.notes.add(note) if note.id is None else self.notes.update(note)
        self.feed.report(Changes.of(Kind.NOTES, mentee=saved.mentee_id, note=saved.id))
        return saved
