"""Check-in cadence: who is due, measured from the last real contact."""

from __future__ import annotations

from datetime import date, timedelta

from mentordesk.domain.models import Mentee, MenteeStatus
from mentordesk.domain.views import CheckIn


def check_in(mentee: Mentee, today: date) -> CheckIn:
    """When ``mentee`` is next due; with no contact yet, counted from when they were added."""
    last_contact = mentee.last_contact
    since = last_contact or mentee.created_at
    base = since.date() if since is not None else today
    due_on = base + timedelta(days=mentee.cadence_days)
    return CheckIn(mentee, last_contact, due_on, (today - due_on).days)


def due_check_ins(mentees: list[Mentee], today: date, within_days: int = 3) -> list[CheckIn]:
    """Active mentees due within ``within_days`` or overdue, most overdue first."""
    due = [check_in(m, today) for m in mentees if m.status is MenteeStatus.ACTIVE]
    due = [c for c in due if c.days_overdue >= -within_days]
    due.sort(key=lambda c: (-c.days_overdue, c.mentee.name.lower()))
    return due
