"""What ``mentordesk today`` tells the mentor: Today's overview plus who has no next session
and the recent wins, each naming its mentee. Assembled from the other services; no rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Mentee, MenteeStatus, Occurrence, OccurrenceStatus, Win
from mentordesk.domain.views import TodayOverview
from mentordesk.services.clock import aware
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentor import MentorSettings
from mentordesk.services.overview import Overview
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.records import WinRepository

#: How far ahead a "next session" is looked for (as the progress summary does).
NEXT_SESSION_REACH = timedelta(days=92)
RECENT_WINS = 10


@dataclass(frozen=True, slots=True)
class NamedWin:
    win: Win
    mentee_name: str


@dataclass(frozen=True, slots=True)
class TodayAgenda:
    overview: TodayOverview
    zone: ZoneInfo  # the mentor's
    no_next_session: list[Mentee]
    recent_wins: list[NamedWin]


class Agenda:
    def __init__(
        self,
        overview: Overview,
        meetings: MeetingService,
        mentees: MenteeRepository,
        wins: WinRepository,
        mentor: MentorSettings,
    ) -> None:
        self.overview = overview
        self.meetings = meetings
        self.mentees = mentees
        self.wins = wins
        self.mentor = mentor

    def today(self, now: datetime | None = None) -> TodayAgenda:
        # On the mentor's calendar, as the Today page reads it: "today" is their day.
        at = aware(now).astimezone(self.mentor.zone())
        active = self.mentees.list(statuses=(MenteeStatus.ACTIVE,))
        wins = self.wins.recent(RECENT_WINS)
        names = self.mentees.names(w.mentee_id for w in wins) if wins else {}
        return TodayAgenda(
            overview=self.overview.today(at),
            zone=self.mentor.zone(),
            no_next_session=[m for m in active if self.next_session(m.id or 0, at) is None],
            recent_wins=[NamedWin(w, names.get(w.mentee_id, "")) for w in wins],
        )

    def next_session(self, mentee_id: int, now: datetime | None = None) -> Occurrence | None:
        """The mentee's next occurrence that is not cancelled or already held, if any soon."""
        at = aware(now)
        for o in self.meetings.occurrences_between(at, at + NEXT_SESSION_REACH, mentee_id):
            if o.status not in (OccurrenceStatus.CANCELLED, OccurrenceStatus.HELD):
                return o
        return None
