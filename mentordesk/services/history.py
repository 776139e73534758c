"""A mentee's timeline: everything that happened with them, newest first, in pages.

Plain data for the dashboard's Timeline tab (and anything else that lists it). The store
reads one page with a keyset query; this service fixes the page size, checks the mentee
exists, and says where the next page starts. Read with an injected clock (``now``): entries
after it (a meeting cancelled ahead of time) are not history yet.
"""

from __future__ import annotations

from datetime import datetime

from mentordesk.domain.history import HistoryCursor, HistoryFilter, HistoryPage
from mentordesk.services.clock import aware
from mentordesk.store.repositories.history import HistoryRepository
from mentordesk.store.repositories.mentees import MenteeRepository

#: Entries per page: a screenful and a half at 1280×720, so the first one fills the tab.
PAGE_SIZE = 40


class HistoryService:
    def __init__(self, history: HistoryRepository, mentees: MenteeRepository) -> None:
        self.history = history
        self.mentees = mentees

    def page(
        self,
        mentee_id: int,
        show: HistoryFilter = HistoryFilter.ALL,
        after: HistoryCursor | None = None,
        now: datetime | None = None,
        size: int = PAGE_SIZE,
    ) -> HistoryPage:
        """One page of the mentee's history (``after``: the previous page's ``next``).
        Raises KeyError for a mentee that does not exist."""
        if size < 1:
            raise ValueError("a page holds at least one entry")
        self.mentees.get(mentee_id)
        # One more than shown: whether another page follows, without counting them all.
        rows = self.history.page(mentee_id, show.kinds, aware(now), after, size + 1)
        entries = rows[:size]
        more = len(rows) > size
        return HistoryPage(entries, entries[-1].cursor if more else None)
