"""Notes and the action items taken from them: their rows and the lists pages read.

Finding notes (full-text search, filters, sorts, snippets) is ``note_search.py``;
``NoteRepository`` offers both.
"""

from __future__ import annotations

from collections.abc import Sequence

from mentordesk.domain.models import ActionItem, Note, Owner
from mentordesk.domain.views import NoteSummary
from mentordesk.store.repositories._convert import (
    day,
    instant,
    now_utc,
    parse_day,
    parse_instant,
)
from mentordesk.store.repositories.note_search import NoteSearch

# Open items soonest due first, undated last: the same expression as the partial
# index action_items_open_due (m004), so Today reads them in order instead of sorting.
_OPEN_ACTIONS = "coalesce(due_date, '9999-12-31'), created_at, id"
_ALL_ACTIONS = f"done_at IS NOT NULL, {_OPEN_ACTIONS}"


class NoteRepository(NoteSearch):
    """Notes and action items; the searches over notes come from ``NoteSearch``."""

    # -- notes -----------------------------------------------------------------

    def add(self, note: Note) -> Note:
        stamp = instant(note.created_at or now_utc())
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO notes (mentee_id, meeting_id, title, body, shareable, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (note.mentee_id, note.meeting_id, note.title, note.body, int(note.shareable),
                 stamp, stamp),
            )  # fmt: skip
        return self.get(int(cur.lastrowid or 0))

    def update(self, note: Note) -> Note:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE notes SET mentee_id = ?, meeting_id = ?, title = ?, body = ?,"
                " shareable = ?, updated_at = ? WHERE id = ?",
                (note.mentee_id, note.meeting_id, note.title, note.body, int(note.shareable),
                 instant(now_utc()), note.id),
            )  # fmt: skip
        return self.get(int(note.id or 0))

    def get(self, note_id: int) -> Note:
        row = self.db.conn.execute(
            "SELECT id, mentee_id, meeting_id, title, body, shareable, created_at, updated_at"
            " FROM notes WHERE id = ?",
            (note_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no note with id {note_id}")
        id_, mentee_id, meeting_id, title, body, shareable, created, updated = row
        return Note(
            id=id_,
            mentee_id=mentee_id,
            meeting_id=meeting_id,
            title=title,
            body=body,
            shareable=bool(shareable),
            created_at=parse_instant(created),
            updated_at=parse_instant(updated),
        )

    def delete(self, note_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def count(self) -> int:
        return int(self.db.conn.execute("SELECT count(*) FROM notes").fetchone()[0])

    def summaries(self, ids: Sequence[int]) -> list[NoteSummary]:
        """Rows for the given ids, in the same order (missing ids are skipped)."""
        if not ids:
            return []
        rows = self.db.conn.execute(
            "SELECT n.id, n.mentee_id, e.name, n.title, substr(n.body, 1, 160), n.shareable,"
            " n.created_at, n.updated_at FROM notes n JOIN mentees e ON e.id = n.mentee_id"
            f" WHERE n.id IN ({', '.join('?' for _ in ids)})",
            list(ids),
        )
        by_id = {
            r[0]: NoteSummary(
                id=r[0],
                mentee_id=r[1],
                mentee_name=r[2],
                title=r[3],
                excerpt=" ".join(r[4].split()),
                shareable=bool(r[5]),
                created_at=parse_instant(r[6]),  # type: ignore[arg-type]
                updated_at=parse_instant(r[7]),  # type: ignore[arg-type]
            )
            for r in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    def recent(self, limit: int = 10) -> list[NoteSummary]:
        ids = [
            r[0]
            for r in self.db.conn.execute(
                "SELECT id FROM notes ORDER BY updated_at DESC, id DESC LIMIT ?", (limit,)
            )
        ]
        return self.summaries(ids)

    def for_meeting(self, meeting_id: int) -> list[NoteSummary]:
        ids = [
            r[0]
            for r in self.db.conn.execute(
                "SELECT id FROM notes WHERE meeting_id = ? ORDER BY created_at", (meeting_id,)
            )
        ]
        return self.summaries(ids)

    # -- action items ------------------------------------------------------------

    def add_action(self, item: ActionItem) -> ActionItem:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO action_items (mentee_id, note_id, text, owner, due_date, done_at,"
                " created_at, shareable) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (item.mentee_id, item.note_id, item.text, str(item.owner), day(item.due_date),
                 instant(item.done_at), instant(item.created_at or now_utc()),
                 int(item.shareable)),
            )  # fmt: skip
        return self._actions("id = ?", (int(cur.lastrowid or 0),))[0]

    def set_action_done(self, item_id: int, done: bool) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE action_items SET done_at = ? WHERE id = ?",
                (instant(now_utc()) if done else None, item_id),
            )

    def action(self, item_id: int) -> ActionItem:
        found = self._actions("id = ?", (item_id,))
        if not found:
            raise KeyError(f"no action item with id {item_id}")
        return found[0]

    def update_action(self, item: ActionItem) -> None:
        """What the action form edits: text, owner, due date and "Include in summaries"."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE action_items SET text = ?, owner = ?, due_date = ?, shareable = ?"
                " WHERE id = ?",
                (item.text, str(item.owner), day(item.due_date), int(item.shareable), item.id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"no action item with id {item.id}")

    def delete_action(self, item_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM action_items WHERE id = ?", (item_id,))

    def _actions(
        self, where: str, params: Sequence[object], limit: int = -1, order: str = _ALL_ACTIONS
    ) -> list[ActionItem]:
        # ``where`` and ``order`` are this module's fixed fragments; values go in ``params``.
        rows = self.db.conn.execute(
            "SELECT id, mentee_id, note_id, text, owner, due_date, done_at, created_at, shareable"
            f" FROM action_items WHERE {where} ORDER BY {order} LIMIT ?",
            (*params, limit),
        )
        return [
            ActionItem(
                id=r[0],
                mentee_id=r[1],
                note_id=r[2],
                text=r[3],
                owner=Owner(r[4]),
                due_date=parse_day(r[5]),
                done_at=parse_instant(r[6]),
                created_at=parse_instant(r[7]),
                shareable=bool(r[8]),
            )
            for r in rows
        ]

    def open_actions(self, limit: int = 50) -> list[ActionItem]:
        """Open items, soonest due first (undated last), read in order from an index."""
        return self._actions("done_at IS NULL", (), limit, _OPEN_ACTIONS)

    def actions_for_mentee(self, mentee_id: int) -> list[ActionItem]:
        return self._actions("mentee_id = ?", (mentee_id,))
