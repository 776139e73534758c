"""Contacts with a mentee that are not a held occurrence: logged by the mentor, or a call
ended without one. Writing one moves ``mentees.last_contact_utc`` (triggers of m010)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from mentordesk.domain.contacts import Contact, ContactChannel
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import instant, now_utc, parse_instant

_COLUMNS = "id, mentee_id, at_utc, channel, summary, note_id"


def _contact(row: tuple) -> Contact:
    id_, mentee_id, at, channel, summary, note_id = row
    return Contact(
        mentee_id, parse_instant(at) or now_utc(), ContactChannel(channel), summary, note_id, id_
    )


class ContactRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, contact: Contact) -> Contact:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO contacts (mentee_id, at_utc, channel, summary, note_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (contact.mentee_id, instant(contact.at), str(contact.channel), contact.summary,
                 contact.note_id, instant(now_utc())),
            )  # fmt: skip
        return replace(contact, id=int(cur.lastrowid or 0))

    def update(self, contact: Contact) -> Contact:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE contacts SET at_utc = ?, channel = ?, summary = ? WHERE id = ?",
                (instant(contact.at), str(contact.channel), contact.summary, contact.id),
            )
        if cur.rowcount == 0:
            raise KeyError(contact.id)
        return self.get(contact.id or 0)

    def get(self, contact_id: int) -> Contact:
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM contacts WHERE id = ?", (contact_id,)
        ).fetchone()
        if row is None:
            raise KeyError(contact_id)
        return _contact(row)

    def delete(self, contact_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    def for_mentee(self, mentee_id: int, limit: int = -1) -> list[Contact]:
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM contacts WHERE mentee_id = ?"
            " ORDER BY at_utc DESC, id DESC LIMIT ?",
            (mentee_id, limit),
        )
        return [_contact(r) for r in rows]

    def call_of_note(self, note_id: int) -> Contact | None:
        """The call contact recorded when the call of this note ended, if any."""
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM contacts WHERE note_id = ? AND channel = 'call'"
            " ORDER BY id LIMIT 1",
            (note_id,),
        ).fetchone()
        return None if row is None else _contact(row)

    def held_starts(self, mentee_id: int) -> list[datetime]:
        """Where each held occurrence of the mentee's meetings was held (the rule's input)."""
        rows = self.db.conn.execute(
            "SELECT coalesce(o.new_start_utc, o.original_start_utc) FROM meetings m"
            " JOIN meeting_occurrences o ON o.meeting_id = m.id"
            " WHERE m.mentee_id = ? AND o.status = 'held'",
            (mentee_id,),
        )
        return [t for (text,) in rows if (t := parse_instant(text)) is not None]
