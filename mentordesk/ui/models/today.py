"""The lists of the Today page, with their texts in the mentor's own time zone."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Mentee, OccurrenceStatus, Owner
from mentordesk.domain.views import (
    CheckIn,
    GoalToRevisit,
    NoteSummary,
    OpenAction,
    UpcomingMeeting,
)
from mentordesk.services.agenda import NamedWin
from mentordesk.ui.formatting import (
    ago,
    day_label,
    describe_rrule,
    due_phrase,
    note_title,
    plural,
    short_date,
    their_time,
)
from mentordesk.ui.models.rows import RowsModel, T


class ClockedModel(RowsModel[T]):
    """Texts written for a moment and a zone (the mentor's); set them before ``set_rows``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.now = datetime.now(UTC)
        self.zone = ZoneInfo("UTC")

    def set_clock(self, now: datetime, zone: ZoneInfo) -> None:
        self.now = now.astimezone(zone)
        self.zone = zone


class UpcomingModel(ClockedModel[UpcomingMeeting]):
    headers = ("When (your time)", "Their time", "Mentee", "Meeting", "Repeats")
    stretch_column = 3

    def row_cells(self, row: UpcomingMeeting) -> tuple[str, ...]:
        occurrence = row.occurrence
        local = occurrence.start.astimezone(self.zone)
        if occurrence.start <= self.now < occurrence.end:
            end = occurrence.end.astimezone(self.zone)
            when = f"Now · until {end:%H:%M}"
        else:
            when = f"{day_label(local.date(), self.now.date())} {local:%H:%M}"
        title = occurrence.meeting.title
        if occurrence.status is not OccurrenceStatus.SCHEDULED:
            title = f"{title} ({occurrence.status.value})"
        return (
            when,
            their_time(occurrence.start, row.mentee_zone, local.date()),
            row.mentee_name,
            title,
            describe_rrule(occurrence.meeting.rrule),
        )

    def emphasised(self, row: UpcomingMeeting) -> bool:
        return row.occurrence.start.astimezone(self.zone).date() == self.now.date()

    def mentee_of(self, row: UpcomingMeeting) -> int:
        return row.occurrence.meeting.mentee_id

    def key(self, row: UpcomingMeeting) -> Hashable:
        return ("meeting", row.occurrence.meeting.id, row.occurrence.original_start)


class CheckInModel(ClockedModel[CheckIn]):
    headers = ("Mentee", "Due", "Last contact", "Every")

    def row_cells(self, row: CheckIn) -> tuple[str, ...]:
        last = "never" if row.last_contact is None else ago(row.last_contact, self.now)
        return (
            row.mentee.name,
            due_phrase(row.days_overdue),
            last,
            plural(row.mentee.cadence_days, "day"),
        )

    def emphasised(self, row: CheckIn) -> bool:
        return row.is_overdue

    def mentee_of(self, row: CheckIn) -> int:
        return row.mentee.id or -1

    def key(self, row: CheckIn) -> Hashable:
        return ("check-in", row.mentee.id)


class ActionModel(ClockedModel[OpenAction]):
    headers = ("Action", "Mentee", "Owner", "Due")

    def row_cells(self, row: OpenAction) -> tuple[str, ...]:
        item = row.item
        owner = "You" if item.owner is Owner.MENTOR else row.mentee_name.split(" ")[0]
        if item.due_date is None:
            due = ""
        else:
            due = day_label(item.due_date, self.now.date())
            if self._overdue(row):
                due = f"{due} · overdue"
        return (" ".join(item.text.split()), row.mentee_name, owner, due)

    def _overdue(self, row: OpenAction) -> bool:
        due = row.item.due_date
        return due is not None and due < self.now.date()

    def emphasised(self, row: OpenAction) -> bool:
        return self._overdue(row)

    def mentee_of(self, row: OpenAction) -> int:
        return row.item.mentee_id

    def key(self, row: OpenAction) -> Hashable:
        return ("action", row.item.id)


class RecentNotesModel(ClockedModel[NoteSummary]):
    headers = ("Note", "Mentee", "Updated")

    def row_cells(self, row: NoteSummary) -> tuple[str, ...]:
        return (note_title(row.title, row.excerpt), row.mentee_name, ago(row.updated_at, self.now))

    def mentee_of(self, row: NoteSummary) -> int:
        return row.mentee_id

    def key(self, row: NoteSummary) -> Hashable:
        return ("note", row.id)


class GoalRevisitModel(ClockedModel[GoalToRevisit]):
    headers = ("Goal", "Mentee", "Why", "Progress")

    def row_cells(self, row: GoalToRevisit) -> tuple[str, ...]:
        return (row.progress.goal.title, row.mentee_name, row.reason, f"{row.progress.percent}%")

    def emphasised(self, row: GoalToRevisit) -> bool:
        return row.reason == "revisit overdue"

    def mentee_of(self, row: GoalToRevisit) -> int:
        return row.mentee_id

    def key(self, row: GoalToRevisit) -> Hashable:
        return ("goal", row.progress.goal.id)


class NoNextSessionModel(ClockedModel[Mentee]):
    headers = ("Mentee", "Last contact", "Every")

    def row_cells(self, row: Mentee) -> tuple[str, ...]:
        last = "never" if row.last_contact is None else ago(row.last_contact, self.now)
        return (row.name, last, plural(row.cadence_days, "day"))

    def emphasised(self, row: Mentee) -> bool:
        # Overdue for a check-in as well as unbooked: the most urgent to plan.
        last = row.last_contact
        return last is None or (self.now - last).days > row.cadence_days

    def mentee_of(self, row: Mentee) -> int:
        return row.id or -1

    def key(self, row: Mentee) -> Hashable:
        return ("unbooked", row.id)


class RecentWinModel(ClockedModel[NamedWin]):
    headers = ("Win", "Mentee", "When")

    def row_cells(self, row: NamedWin) -> tuple[str, ...]:
        today = self.now.date()
        when = day_label(row.win.happened_on, today)
        if (today - row.win.happened_on).days > 1:
            when = short_date(row.win.happened_on, today)
        return (" ".join(row.win.title.split()), row.mentee_name, when)

    def mentee_of(self, row: NamedWin) -> int:
        return row.win.mentee_id

    def key(self, row: NamedWin) -> Hashable:
        return ("win", row.win.id)
