"""The pre-session brief: what to have in mind before the next call with a mentee.

Plain data for ``ui/dialogs/brief.py`` (and anything else that shows it): their local time
now, the last notes (shareable and private, marked), open actions both ways, open goals with
progress, and the wins and feedback since the last call. Assembled from the repositories and
services that own each part; read with an injected clock (``now``) so it is tested exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    GoalStatus,
    Mentee,
    Occurrence,
    OccurrenceStatus,
    Owner,
    Win,
)
from mentordesk.domain.progress import GoalProgress
from mentordesk.services.clock import aware
from mentordesk.services.goals import GoalService
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentor import MentorSettings, zone_or_utc
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.notes import NoteRepository
from mentordesk.store.repositories.records import FeedbackRepository, WinRepository

#: How many of the latest notes the brief shows, and how much of each.
NOTES_SHOWN = 3
NOTE_CHARS = 600
#: Without a held call to count from, wins and feedback of this many days are "recent".
RECENT_DAYS = 30
#: How far ahead "the next meeting" is looked for.
LOOK_AHEAD = timedelta(days=60)


@dataclass(slots=True, frozen=True)
class BriefNote:
    id: int
    title: str
    text: str
    shareable: bool
    created_at: datetime


@dataclass(slots=True)
class Brief:
    mentee: Mentee
    now: datetime
    #: The mentee's wall clock at ``now`` (their zone; UTC if it is unknown).
    their_time: datetime
    #: The meeting the brief prepares (None: no meeting planned within LOOK_AHEAD).
    meeting: Occurrence | None
    #: Wins and feedback count from this day on (the mentor's calendar).
    since: date
    #: True when ``since`` is the last held call; False when no call was held yet.
    since_last_call: bool
    notes: list[BriefNote]
    mentor_actions: list[ActionItem]
    mentee_actions: list[ActionItem]
    goals: list[GoalProgress]
    wins: list[Win]
    feedback: list[Feedback]

    @property
    def is_empty(self) -> bool:
        """Nothing recorded yet to prepare with (a brand-new mentee)."""
        return not (
            self.notes
            or self.mentor_actions
            or self.mentee_actions
            or self.goals
            or self.wins
            or self.feedback
        )


def _clip(text: str, limit: int = NOTE_CHARS) -> str:
    """The note's start, cut at a word, with its line breaks kept."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(None, 1)[0]
    return cut.rstrip(" ,;:-") + " …"


class BriefService:
    def __init__(
        self,
        mentees: MenteeRepository,
        notes: NoteRepository,
        feedback: FeedbackRepository,
        wins: WinRepository,
        schedule: MeetingService,
        goals: GoalService,
        mentor: MentorSettings,
    ) -> None:
        self.mentees = mentees
        self.notes = notes
        self.feedback = feedback
        self.wins = wins
        self.schedule = schedule
        self.goals = goals
        self.mentor = mentor

    def next_occurrence(
        self, now: datetime | None = None, mentee_id: int | None = None
    ) -> Occurrence | None:
        """The meeting in progress or the next one (of ``mentee_id``, or anyone's)."""
        now = aware(now)
        if mentee_id is None:
            # Anyone's: the store's limited window (expanding 60 days of every mentee's
            # meetings took ~175 ms on the large benchmark file; this takes a few ms).
            found = self.schedule.upcoming(now, days=LOOK_AHEAD.days, limit=1)
            return found[0].occurrence if found else None
        # From a few hours back: a long meeting in progress is still "the next one".
        start = now - timedelta(hours=4)
        found = self.schedule.occurrences_between(start, now + LOOK_AHEAD, mentee_id)
        live = (o for o in found if o.end > now and o.status is not OccurrenceStatus.CANCELLED)
        return next(live, None)

    def next_meeting(self, now: datetime | None = None) -> Brief | None:
        """The brief for the next meeting with anyone; None when nothing is planned."""
        now = aware(now)
        occurrence = self.next_occurrence(now)
        if occurrence is None:
            return None
        return self.for_mentee(occurrence.meeting.mentee_id, now, occurrence)

    def for_mentee(
        self, mentee_id: int, now: datetime | None = None, meeting: Occurrence | None = None
    ) -> Brief:
        """The brief for ``meeting`` (default: the mentee's next one) with ``mentee_id``."""
        now = aware(now)
        mentee = self.mentees.get(mentee_id)
        if meeting is None:
            meeting = self.next_occurrence(now, mentee_id)
        zone: ZoneInfo = self.mentor.zone()
        today = now.astimezone(zone).date()
        if mentee.last_contact is not None:
            since, since_last_call = mentee.last_contact.astimezone(zone).date(), True
        else:
            since, since_last_call = today - timedelta(days=RECENT_DAYS), False
        actions = [a for a in self.notes.actions_for_mentee(mentee_id) if a.is_open]
        return Brief(
            mentee=mentee,
            now=now,
            their_time=now.astimezone(zone_or_utc(mentee.time_zone)),
            meeting=meeting,
            since=since,
            since_last_call=since_last_call,
            notes=self._latest_notes(mentee_id),
            mentor_actions=[a for a in actions if a.owner is Owner.MENTOR],
            mentee_actions=[a for a in actions if a.owner is Owner.MENTEE],
            goals=[
                p
                for p in self.goals.progress(mentee_id)
                if p.goal.status not in (GoalStatus.DONE, GoalStatus.DROPPED)
            ],
            wins=sorted(
                (w for w in self.wins.for_mentee(mentee_id) if w.happened_on >= since),
                key=lambda w: w.happened_on,
                reverse=True,
            ),
            feedback=sorted(
                (f for f in self.feedback.for_mentee(mentee_id) if f.given_on >= since),
                key=lambda f: f.given_on,
                reverse=True,
            ),
        )

    def _latest_notes(self, mentee_id: int) -> list[BriefNote]:
        ids = self.notes.ids(mentee_id=mentee_id)[:NOTES_SHOWN]
        notes = [self.notes.get(i) for i in ids]
        return [
            BriefNote(n.id or 0, n.title, _clip(n.body), n.shareable, n.created_at)
            for n in notes
            if n.created_at is not None
        ]
