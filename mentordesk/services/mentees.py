"""Mentees: the list, finding one by name or id, saving and removing."""

from __future__ import annotations

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee
from mentordesk.domain.validation import validate_mentee
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.store.repositories.mentees import MenteeRepository


class MenteeService:
    def __init__(self, mentees: MenteeRepository, feed: ChangeFeed) -> None:
        self.mentees = mentees
        self.feed = feed

    def list(self, search: str = "", sort: str = "name", descending: bool = False) -> list[Mentee]:
        return self.mentees.list(search, sort, descending)

    def get(self, mentee_id: int) -> Mentee:
        return self.mentees.get(mentee_id)

    def find(self, name_or_id: str) -> Mentee:
        """The one mentee with this name or id; ValidationError if none or several."""
        found = self.mentees.find(name_or_id)
        if not found:
            raise ValidationError(
                "mentee", f"No mentee is called '{name_or_id}' — check the name or use the id."
            )
        if len(found) > 1:
            ids = ", ".join(str(m.id) for m in found)
            raise ValidationError(
                "mentee", f"Several mentees are called '{name_or_id}' (ids {ids}) — use the id."
            )
        return found[0]

    def save(self, mentee: Mentee) -> Mentee:
        clean = validate_mentee(mentee)
        saved = self.mentees.add(clean) if clean.id is None else self.mentees.update(clean)
        self.feed.report(Changes.of(Kind.MENTEES, mentee=saved.id))
        return saved

    def delete(self, mentee_id: int) -> None:
        """Removes the mentee and, by cascade, everything that belongs to them."""
        self.mentees.delete(mentee_id)
        # Everything of theirs went with them.
        self.feed.report(Changes.of(*Kind, mentee=mentee_id))

    def count(self) -> int:
        return self.mentees.count()
