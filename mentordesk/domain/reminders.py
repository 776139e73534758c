"""Which meeting reminders are due now, and which were missed while the app was closed.

A reminder belongs to one occurrence at its actual start (a moved occurrence is reminded
at its new time). It falls due ``minutes`` before the start and stays due until the start;
once the meeting has begun, a reminder never shown was missed — counted only from the
moment reminders were being watched (``watching_since``), so the first run, or turning them
on, does not bring up every earlier meeting, and only for meetings of the last
``MISSED_WINDOW`` (a week away is not worth a list of old meetings).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

DEFAULT_MINUTES = 10
MAX_MINUTES = 24 * 60
MISSED_WINDOW = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class Reminder:
    mentee_id: int
    mentee_name: str
    meeting_id: int
    title: str
    start: datetime
    at: datetime

    @property
    def key(self) -> str:
        """Names the occurrence at its start: what the record of shown reminders keeps."""
        return f"{self.meeting_id}@{self.start.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


@dataclass(frozen=True, slots=True)
class ReminderCheck:
    #: Meetings starting within the lead time: remind now.
    due: list[Reminder]
    #: Meetings that began while their reminder could not be shown: tell once.
    missed: list[Reminder]

    def __bool__(self) -> bool:
        return bool(self.due or self.missed)


def lead(minutes: int) -> timedelta:
    return timedelta(minutes=max(0, minutes))


def check(
    reminders: Iterable[Reminder],
    now: datetime,
    shown: Collection[str],
    watching_since: datetime | None,
) -> ReminderCheck:
    """The reminders to show at ``now``: due ones, and missed ones since ``watching_since``
    (None: nothing counts as missed). Neither list repeats a key in ``shown``."""
    due: list[Reminder] = []
    missed: list[Reminder] = []
    for reminder in sorted(reminders, key=lambda r: (r.start, r.mentee_name)):
        if reminder.key in shown or reminder.at > now:
            continue
        if now < reminder.start:
            due.append(reminder)
        elif (
            watching_since is not None
            and reminder.at >= watching_since
            and reminder.start >= now - MISSED_WINDOW
        ):
            missed.append(reminder)
    return ReminderCheck(due, missed)


def still_worth_keeping(key: str, now: datetime) -> bool:
    """Whether a shown key may still matter (its meeting is within the missed window)."""
    _, _, stamp = key.partition("@")
    try:
        start = datetime.strptime(stamp, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    except ValueError:
        return False
    return start >= now - MISSED_WINDOW - timedelta(days=1)
