"""Contacts the mentor logs (an email, a chat, a phone call, meeting in person): add, edit,
delete and put back. Each moves the mentee's last contact and so the check-in cadence
(the rule: ``domain/contacts.py``; the stored value: triggers of schema m010)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from mentordesk.domain.contacts import Contact, ContactChannel, clean_contact, last_contact
from mentordesk.domain.errors import ValidationError
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.clock import aware
from mentordesk.services.mentor import MentorSettings
from mentordesk.store.repositories.contacts import ContactRepository
from mentordesk.store.repositories.mentees import MenteeRepository


class ContactService:
    def __init__(
        self,
        contacts: ContactRepository,
        mentees: MenteeRepository,
        mentor: MentorSettings,
        feed: ChangeFeed,
    ) -> None:
        self.repo = contacts
        self.mentees = mentees
        self.mentor = mentor
        self.feed = feed

    def log(
        self,
        mentee_id: int,
        channel: ContactChannel = ContactChannel.OTHER,
        summary: str = "",
        at: datetime | None = None,
        now: datetime | None = None,
    ) -> Contact:
        """Logs a contact (default: now); ValidationError names the field that is wrong."""
        moment = aware(now)
        try:
            self.mentees.get(mentee_id)
        except KeyError:
            raise ValidationError("mentee", f"There is no mentee {mentee_id}.") from None
        clean = clean_contact(Contact(mentee_id, at or moment, channel, summary), moment)
        added = self.repo.add(clean)
        self._report(mentee_id)
        return added

    def update(self, contact: Contact, now: datetime | None = None) -> Contact:
        """Saves an edited contact (its time, channel and summary)."""
        clean = clean_contact(contact, aware(now))
        try:
            saved = self.repo.update(clean)
        except KeyError:
            raise ValidationError("contact", "That contact was deleted meanwhile.") from None
        self._report(saved.mentee_id)
        return saved

    def delete(self, contact_id: int) -> Contact | None:
        """Deletes a contact; returns it (for undo), or None when it was already gone."""
        try:
            gone = self.repo.get(contact_id)
        except KeyError:
            return None
        self.repo.delete(contact_id)
        self._report(gone.mentee_id)
        return gone

    def restore(self, contact: Contact) -> Contact:
        """Puts a deleted contact back (undo of ``delete``), with a new id."""
        added = self.repo.add(replace(contact, id=None))
        self._report(contact.mentee_id)
        return added

    def get(self, contact_id: int) -> Contact:
        return self.repo.get(contact_id)

    def for_mentee(self, mentee_id: int, limit: int = 50) -> list[Contact]:
        return self.repo.for_mentee(mentee_id, limit)

    def last_contact_by_rule(self, mentee_id: int) -> datetime | None:
        """The rule computed from the truth (what the stored value must equal)."""
        logged = [c.at for c in self.repo.for_mentee(mentee_id)]
        return last_contact(self.repo.held_starts(mentee_id), logged)

    def _report(self, mentee_id: int) -> None:
        self.feed.report(Changes.of(Kind.CONTACT, mentee=mentee_id))
