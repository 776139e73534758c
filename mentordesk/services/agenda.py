"""What Today shows, in the window and for ``mentordesk today``: the overview plus who has no
next session and the recent wins, each naming its mentee. One source for both."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Mentee, Occurrence, OccurrenceStatus, Win
from mentordesk.domain.views import TodayOverview
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.clock import aware
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentor import MentorSettings
from mentordesk.services.overview import Overview
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.records import WinRepository

#: How far ahead a "next session" is looked for (as the progress summary does).
NEXT_SESSION_REACH = timedelta(days=92)
#: "Recent wins": those of the last two weeks, today included.
RECENT_WIN_DAYS = 14
#: The window shows this many of a list that can be long (the count names them all).
SHOWN = 30
#: A mentee without a session in reach may get one as the reach slides on: look again.
_RECHECK_EVERY = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class NamedWin:
    win: Win
    mentee_name: str


@dataclass(frozen=True, slots=True)
class TodayAgenda:
    overview: TodayOverview
    zone: ZoneInfo  # the mentor's
    #: Active mentees with no occurrence ahead, never in contact first, then longest since.
    no_next_session: list[Mentee]
    recent_wins: list[NamedWin]
    #: How many mentees have no next session (``no_next_session`` may hold fewer).
    no_next_session_total: int = 0
    #: How many wins the last two weeks hold (``recent_wins`` may hold fewer).
    recent_wins_total: int = 0


class Agenda:
    """Assembles Today; keeps each mentee's first session between calls.

    Finding who has none reads every occurrence in the next three months (~12 ms on the
    large benchmark file), too slow for each redraw of Today. The answer for a mentee only
    changes when their meetings change (the change feed says so) or when that session
    starts, so those are looked at again, and the rest is kept.
    """

    def __init__(
        self,
        overview: Overview,
        meetings: MeetingService,
        mentees: MenteeRepository,
        wins: WinRepository,
        mentor: MentorSettings,
        feed: ChangeFeed | None = None,
    ) -> None:
        self.overview = overview
        self.meetings = meetings
        self.mentees = mentees
        self.wins = wins
        self.mentor = mentor
        #: Mentee id -> start of their first session found (None: none in reach).
        self._first: dict[int, datetime | None] | None = None
        self._looked_at: datetime | None = None
        self._soonest: datetime | None = None  # the earliest start kept: look again after it
        self._none: set[int] = set()  # those kept as having none
        if feed is not None:
            # Weakly: the feed must not keep the agenda (and through it the file's
            # connection and lock) alive in a cycle after the workspace is dropped.
            method = weakref.WeakMethod(self._on_changes)

            def listener(changes: Changes) -> None:
                alive = method()
                if alive is not None:
                    alive(changes)

            feed.subscribe(listener)

    def today(self, now: datetime | None = None, limit: int | None = SHOWN) -> TodayAgenda:
        """Today at ``now``; ``limit`` caps the two lists that can be long (None: all)."""
        # On the mentor's calendar, as the Today page reads it: "today" is their day.
        zone = self.mentor.zone()
        at = aware(now).astimezone(zone)
        without = self.without_next_session(at)
        cap = -1 if limit is None else limit
        day = at.date()
        since = day - timedelta(days=RECENT_WIN_DAYS - 1)
        shown = self.wins.between(since, day, cap)
        names = self.mentees.names(w.mentee_id for w in shown) if shown else {}
        wins = len(shown)
        if 0 <= cap <= wins:  # the list was cut: count them all
            wins = self.wins.count_between(since, day)
        return TodayAgenda(
            overview=self.overview.today(at),
            zone=zone,
            no_next_session=self.mentees.longest_out_of_contact(without, cap) if without else [],
            recent_wins=[NamedWin(w, names.get(w.mentee_id, "")) for w in shown],
            no_next_session_total=len(without),
            recent_wins_total=wins,
        )

    def without_next_session(self, now: datetime | None = None) -> list[int]:
        """Active mentees with no occurrence ahead (in reach) that is not cancelled or held."""
        at = aware(now)
        first = self._first
        looked_at = self._looked_at
        if first is None or looked_at is None or not (looked_at <= at < looked_at + _RECHECK_EVERY):
            first = self._first = self._first_sessions(at)
            self._looked_at = at
        active = self.mentees.active_ids()
        # Set operations, not a loop over thousands of mentees: this runs on every redraw.
        recheck = set(active).difference(first)  # new, or their meetings changed
        if self._soonest is not None and self._soonest <= at:
            recheck.update(m for m, start in first.items() if start is not None and start <= at)
        for mentee_id in recheck:
            found = self.next_session(mentee_id, at)
            first[mentee_id] = found.start if found else None
        if recheck:
            self._note_soonest(first)
        unbooked = {m for m, start in first.items() if start is None} if recheck else self._none
        self._none = unbooked
        return [m for m in active if m in unbooked]

    def _note_soonest(self, first: dict[int, datetime | None]) -> None:
        starts = [start for start in first.values() if start is not None]
        self._soonest = min(starts, default=None)
        self._none = {m for m, start in first.items() if start is None}

    def _first_sessions(self, at: datetime) -> dict[int, datetime | None]:
        end = at + NEXT_SESSION_REACH
        instances = self.meetings.meetings.instances
        first: dict[int, datetime | None] = dict(instances.first_sessions(at, end))
        # Series past the table's horizon: only the rule knows (a few meetings).
        for series in instances.open_series(end):
            mentee_id = series.meeting.mentee_id
            if first.get(mentee_id) is None:
                found = self.next_session(mentee_id, at)
                first[mentee_id] = found.start if found else None
        for mentee_id in self.mentees.active_ids():
            first.setdefault(mentee_id, None)
        self._note_soonest(first)
        return first

    def _on_changes(self, changes: Changes) -> None:
        first = self._first
        if first is None or not changes.touches(Kind.MEETINGS, Kind.CONTACT, Kind.MENTEES):
            return
        if changes.mentees and Kind.DATABASE not in changes.kinds:
            for mentee_id in changes.mentees:
                first.pop(mentee_id, None)
        else:
            self._first = None

    def next_session(self, mentee_id: int, now: datetime | None = None) -> Occurrence | None:
        """The mentee's next occurrence that is not cancelled or already held, if any soon."""
        at = aware(now)
        for o in self.meetings.occurrences_between(at, at + NEXT_SESSION_REACH, mentee_id):
            if o.status not in (OccurrenceStatus.CANCELLED, OccurrenceStatus.HELD):
                return o
        return None
