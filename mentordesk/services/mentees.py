"""Mentees: the list, finding one by name or id, saving and removing."""

from __future__ import annotations

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee
from mentordesk.domain.search_query import fold_name
from mentordesk.domain.validation import validate_mentee
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.store.repositories.mentees import MenteeRepository


def _folded(text: str) -> str:
    """Lower case without accents or extra spaces, for matching what was typed to names."""
    return fold_name(" ".join(text.split()))


class MenteeService:
    def __init__(self, mentees: MenteeRepository, feed: ChangeFeed) -> None:
        self.mentees = mentees
        self.feed = feed

    def list(self, search: str = "", sort: str = "name", descending: bool = False) -> list[Mentee]:
        return self.mentees.list(search, sort, descending)

    def get(self, mentee_id: int) -> Mentee:
        return self.mentees.get(mentee_id)

    def find(self, name_or_id: str) -> Mentee:
        """The one mentee meant by ``name_or_id`` (every ``--mentee`` of the command line):
        an id, else an exact name (any case), else the one name that starts with it,
        ignoring case and accents ("jose" finds "José Álvarez"). ValidationError, naming
        the candidates, when none or several match."""
        found = self.mentees.find(name_or_id)
        if len(found) > 1:
            ids = ", ".join(str(m.id) for m in found)
            raise ValidationError(
                "mentee", f"Several mentees are called '{name_or_id}' (ids {ids}) — use the id."
            )
        if not found:
            found = self._by_prefix(name_or_id)
        if not found:
            raise ValidationError(
                "mentee", f"No mentee is called '{name_or_id}' — check the name or use the id."
            )
        if len(found) > 1:
            names = ", ".join(f"{m.name} (id {m.id})" for m in found[:10])
            more = f" and {len(found) - 10} more" if len(found) > 10 else ""
            raise ValidationError(
                "mentee",
                f"'{name_or_id}' matches several mentees: {names}{more} — give more of the"
                " name, or the id.",
            )
        return found[0]

    def _by_prefix(self, text: str) -> list[Mentee]:
        wanted = _folded(text)
        if not wanted:
            return []
        everyone = sorted(self.mentees.list(), key=lambda m: (_folded(m.name), m.id or 0))
        exact = [m for m in everyone if _folded(m.name) == wanted]
        return exact or [m for m in everyone if _folded(m.name).startswith(wanted)]

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
