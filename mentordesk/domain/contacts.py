"""Contact with a mentee: the one rule for "last contact", and contacts the mentor logs.

Last contact is the latest of an occurrence marked held (where it was held: a moved one at
its new start), a call ended without a held occurrence, and a contact the mentor logged.
The store keeps ``mentees.last_contact_utc`` by this rule (schema m010); ``last_contact``
below is the rule itself, which a test holds the stored value to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from mentordesk.domain.errors import ValidationError

MAX_SUMMARY = 200
FUTURE_GRACE = timedelta(minutes=5)


class ContactChannel(StrEnum):
    EMAIL = "email"
    CHAT = "chat"
    PHONE = "phone"
    IN_PERSON = "in_person"
    OTHER = "other"
    #: A call in call mode that no held occurrence stands for (recorded by the app).
    CALL = "call"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ContactChannel.EMAIL: "Email",
    ContactChannel.CHAT: "Chat",
    ContactChannel.PHONE: "Phone",
    ContactChannel.IN_PERSON: "In person",
    ContactChannel.OTHER: "Other",
    ContactChannel.CALL: "Call",
}

#: What the mentor can log by hand (a call is recorded by ending it in call mode).
LOGGABLE = (
    ContactChannel.EMAIL,
    ContactChannel.CHAT,
    ContactChannel.PHONE,
    ContactChannel.IN_PERSON,
    ContactChannel.OTHER,
)


@dataclass(slots=True, frozen=True)
class Contact:
    mentee_id: int
    at: datetime  # aware
    channel: ContactChannel = ContactChannel.OTHER
    summary: str = ""
    note_id: int | None = None
    id: int | None = None


def parse_channel(text: str) -> ContactChannel:
    """A channel from its name or label ("in person", "in_person", "Email")."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    try:
        return ContactChannel(key)
    except ValueError:
        names = ", ".join(c.value.replace("_", " ") for c in LOGGABLE)
        raise ValidationError(
            "channel", f"'{text.strip()}' is not a channel — use one of: {names}."
        ) from None


def clean_contact(contact: Contact, now: datetime) -> Contact:
    """The contact with a tidy one-line summary, or ValidationError naming the field."""
    if contact.at.tzinfo is None:
        raise ValidationError("at", "The contact's time needs its time zone.")
    if contact.at - now > FUTURE_GRACE:
        # A few minutes ahead is a clock difference; more is a typo that would hide a due
        # check-in for as long.
        raise ValidationError(
            "at", "That time is in the future — log a contact once it has happened."
        )
    summary = " ".join(contact.summary.split())
    if len(summary) > MAX_SUMMARY:
        raise ValidationError(
            "summary", f"The summary is one line of at most {MAX_SUMMARY} characters."
        )
    return Contact(
        contact.mentee_id, contact.at, contact.channel, summary, contact.note_id, contact.id
    )


def last_contact(held: Iterable[datetime], logged: Iterable[datetime]) -> datetime | None:
    """The rule: the latest of the held occurrences' starts and the logged contacts."""
    return max([*held, *logged], default=None)


def held_refusal(start: datetime, now: datetime, zone: tzinfo) -> str | None:
    """Why an occurrence starting at ``start`` cannot be marked held at ``now``, or None.

    From the start of its day in the mentor's ``zone``, not before: one later today may be
    marked after an early call; tomorrow's would move the check-in for a call not yet had.
    """
    day = start.astimezone(zone).date()
    if day <= now.astimezone(zone).date():
        return None
    return f"This meeting is on {day:%a} {day.day} {day:%b}; it can be marked held from that day."
