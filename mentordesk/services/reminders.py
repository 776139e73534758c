"""Meeting reminders: the lead time (Preferences), what is due or was missed, and the record
of what was shown (so a reminder appears once, across runs of the app).

The rule is ``domain/reminders.py``; this reads the occurrences around ``now`` and keeps,
in the file's settings, the keys already shown and since when reminders have been watched.
Those two are bookkeeping, not the mentor's data: they are written without a change report.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mentordesk.domain import reminders as rule
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import OccurrenceStatus
from mentordesk.domain.reminders import Reminder, ReminderCheck
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.clock import aware
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentor import MentorSettings
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.settings import SettingsRepository

MINUTES_KEY = "reminder_minutes"
SHOWN_KEY = "reminders_shown"
SINCE_KEY = "reminders_watched_since"


def validate_minutes(minutes: int, field: str = "reminder_minutes") -> int:
    if not 0 <= minutes <= rule.MAX_MINUTES:
        raise ValidationError(
            field,
            f"A reminder {minutes} minutes before? Choose 0 (no reminders) to"
            f" {rule.MAX_MINUTES} minutes (a day).",
        )
    return minutes


class ReminderService:
    def __init__(
        self,
        schedule: MeetingService,
        mentees: MenteeRepository,
        mentor: MentorSettings,
        feed: ChangeFeed,
    ) -> None:
        self.schedule = schedule
        self.mentees = mentees
        self.mentor = mentor
        self.feed = feed

    @property
    def _settings(self) -> SettingsRepository:
        return self.mentor.repo

    def minutes(self) -> int:
        """How long before a meeting to remind; 0 is off."""
        value = self._settings.get_value(MINUTES_KEY, rule.DEFAULT_MINUTES)
        sound = type(value) is int and 0 <= value <= rule.MAX_MINUTES
        return value if sound else rule.DEFAULT_MINUTES

    def set_minutes(self, minutes: int) -> None:
        self._settings.set_values({MINUTES_KEY: validate_minutes(minutes)})
        self.feed.report(Changes.of(Kind.SETTINGS))

    def upcoming(self, now: datetime) -> list[Reminder]:
        """Every reminder whose meeting starts in the missed window or within the lead."""
        lead = rule.lead(self.minutes())
        found = self.schedule.occurrences_between(
            now - rule.MISSED_WINDOW, now + lead + timedelta(minutes=1)
        )
        live = [o for o in found if o.status is not OccurrenceStatus.CANCELLED]
        names = self.mentees.names(o.meeting.mentee_id for o in live) if live else {}
        return [
            Reminder(
                mentee_id=o.meeting.mentee_id,
                mentee_name=names.get(o.meeting.mentee_id, ""),
                meeting_id=o.meeting.id or 0,
                title=o.meeting.title,
                start=o.start,
                at=o.start - lead,
            )
            for o in live
        ]

    def check(self, now: datetime | None = None) -> ReminderCheck:
        """What to show at ``now``. With reminders off, nothing, and missed ones are
        counted afresh from when they are turned on again."""
        now = aware(now)
        if self.minutes() == 0:
            if self._settings.get_value(SINCE_KEY) is not None:  # written once, not each check
                self._settings.set_values({SINCE_KEY: None})
            return ReminderCheck([], [])
        since_text = self._settings.get_value(SINCE_KEY)
        since = _instant(since_text)
        if since is None:
            # First watch (first run, or turned on again): earlier meetings were not missed.
            self._settings.set_values({SINCE_KEY: now.astimezone(UTC).isoformat()})
        return rule.check(self.upcoming(now), now, self._shown(), since)

    def mark_shown(self, shown: list[Reminder], now: datetime | None = None) -> None:
        now = aware(now)
        keys = [k for k in self._shown() if rule.still_worth_keeping(k, now)]
        keys += [r.key for r in shown if r.key not in keys]
        self._settings.set_values({SHOWN_KEY: keys})

    def _shown(self) -> list[str]:
        value = self._settings.get_value(SHOWN_KEY, [])
        return [k for k in value if isinstance(k, str)] if isinstance(value, list) else []


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
