"""A note being edited: the autosave write, its editing facts, and its revisions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from mentordesk.domain.note_items import NoteEditState, Revision
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import instant, parse_instant


class NoteEditRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- editing facts ------------------------------------------------------------

    def state(self, note_id: int) -> NoteEditState:
        row = self.db.conn.execute(
            "SELECT mentee_id, body, shareable, updated_at, editing_since, revised_at,"
            " first_unrevised_edit_at FROM notes WHERE id = ?",
            (note_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no note with id {note_id}")
        mentee_id, body, shareable, updated, editing, revised, first_unrevised = row
        return NoteEditState(
            note_id=note_id,
            mentee_id=mentee_id,
            body=body,
            shareable=bool(shareable),
            updated_at=parse_instant(updated),  # type: ignore[arg-type]
            editing_since=parse_instant(editing),
            revised_at=parse_instant(revised),
            first_unrevised_edit_at=parse_instant(first_unrevised),
        )

    def write_body(self, note_id: int, body: str, at: datetime, in_call: bool = False) -> None:
        """The autosave write; the first edit since a close or a revision is remembered, and
        whether a call or the note editor is writing it."""
        stamp = instant(at)
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE notes SET body = ?, updated_at = ?,"
                " editing_since = coalesce(editing_since, ?),"
                " first_unrevised_edit_at = coalesce(first_unrevised_edit_at, ?),"
                " editing_in_call = ? WHERE id = ?",
                (body, stamp, stamp, stamp, int(in_call), note_id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"no note with id {note_id}")

    def set_details(self, note_id: int, title: str, shareable: bool) -> None:
        """Title and privacy only: the body belongs to the autosave."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE notes SET title = ?, shareable = ? WHERE id = ?",
                (title, int(shareable), note_id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"no note with id {note_id}")

    def mark_closed(self, note_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE notes SET editing_since = NULL WHERE id = ?", (note_id,))

    def unclosed_ids(self, in_call: bool | None = None) -> list[int]:
        """Notes edited since their last clean close, oldest edit first; ``in_call`` keeps
        only those a call (True) or the note editor (False) was writing."""
        rows = self.db.conn.execute(
            "SELECT id FROM notes WHERE editing_since IS NOT NULL"
            " AND (? IS NULL OR editing_in_call = ?) ORDER BY editing_since, id",
            (in_call, in_call),
        )
        return [r[0] for r in rows]

    # -- revisions -----------------------------------------------------------------

    def add_revision(self, note_id: int, body: str, reason: str, at: datetime) -> Revision:
        """Stores ``body`` as a revision; the note's later edits count from here."""
        stamp = instant(at)
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO note_revisions (note_id, body, created_at, reason)"
                " VALUES (?, ?, ?, ?)",
                (note_id, body, stamp, reason),
            )
            conn.execute(
                "UPDATE notes SET revised_at = ?, first_unrevised_edit_at = NULL WHERE id = ?",
                (stamp, note_id),
            )
        return Revision(
            int(cur.lastrowid or 0), note_id, parse_instant(stamp),  # type: ignore[arg-type]
            body, reason, len(body),
        )  # fmt: skip

    def latest_revision_body(self, note_id: int) -> str | None:
        row = self.db.conn.execute(
            "SELECT body FROM note_revisions WHERE note_id = ?"
            " ORDER BY created_at DESC, id DESC LIMIT 1",
            (note_id,),
        ).fetchone()
        return None if row is None else str(row[0])

    def revisions(self, note_id: int) -> list[Revision]:
        """Newest first."""
        rows = self.db.conn.execute(
            "SELECT id, created_at, body, reason FROM note_revisions WHERE note_id = ?"
            " ORDER BY created_at DESC, id DESC",
            (note_id,),
        )
        return [
            Revision(id_, note_id, parse_instant(created), body, reason, len(body))  # type: ignore[arg-type]
            for id_, created, body, reason in rows
        ]

    def revision_times(self, note_id: int) -> list[tuple[int, datetime]]:
        rows = self.db.conn.execute(
            "SELECT id, created_at FROM note_revisions WHERE note_id = ?", (note_id,)
        )
        return [(id_, parse_instant(created)) for id_, created in rows]  # type: ignore[misc]

    def delete_revisions(self, ids: Iterable[int]) -> int:
        with self.db.transaction() as conn:
            cur = conn.executemany("DELETE FROM note_revisions WHERE id = ?", [(i,) for i in ids])
        return max(cur.rowcount, 0)
