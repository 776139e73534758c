"""Tagged lines' links to the action items, wins and feedback they made, and those items.

``note_links`` holds the last parse of each note (see domain/tag_links.py). Item writes
always name the note too (``AND note_id = ?``), so a stale link can never touch an item
that another note or the mentor made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from mentordesk.domain.models import Owner
from mentordesk.domain.note_items import LinkedItem
from mentordesk.domain.note_tags import TAG_KINDS, TaggedLine
from mentordesk.domain.tag_links import LinkedLine, LinkPlan
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import day, instant, parse_day

# Kind -> (table, text column). Names come from here only, never from input.
_TABLES: dict[str, tuple[str, str]] = {
    "action": ("action_items", "text"),
    "win": ("wins", "title"),
    "feedback_to": ("feedback", "body"),
    "feedback_from": ("feedback", "body"),
}
_DIRECTION = {"feedback_to": "to_mentee", "feedback_from": "from_mentee"}

_ITEMS = """
SELECT l.position, l.kind, l.item_id, a.text, a.owner, a.due_date, a.done_at IS NOT NULL,
       a.shareable
  FROM note_links l JOIN action_items a ON a.id = l.item_id
 WHERE l.note_id = :note AND l.kind = 'action'
UNION ALL
SELECT l.position, l.kind, l.item_id, w.title, 'mentor', NULL, 0, w.shareable
  FROM note_links l JOIN wins w ON w.id = l.item_id
 WHERE l.note_id = :note AND l.kind = 'win'
UNION ALL
SELECT l.position, l.kind, l.item_id, f.body, 'mentor', NULL, 0, f.shareable
  FROM note_links l JOIN feedback f ON f.id = l.item_id
 WHERE l.note_id = :note AND l.kind IN ('feedback_to', 'feedback_from')
ORDER BY 1
"""


class NoteLinkRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def links(self, note_id: int) -> list[LinkedLine]:
        rows = self.db.conn.execute(
            "SELECT kind, text, item_id, owner, due, done, private, position FROM note_links"
            " WHERE note_id = ? ORDER BY position",
            (note_id,),
        )
        return [
            LinkedLine(kind, text, item_id, Owner(owner), parse_day(due), bool(done),
                       bool(private), position)
            for kind, text, item_id, owner, due, done, private, position in rows
        ]  # fmt: skip

    def items(self, note_id: int) -> list[LinkedItem]:
        """The note's items as stored now (an item deleted elsewhere is left out)."""
        rows = self.db.conn.execute(_ITEMS, {"note": note_id})
        return [
            LinkedItem(kind, item_id, text, Owner(owner), parse_day(due), bool(done),
                       bool(shareable), position)
            for position, kind, item_id, text, owner, due, done, shareable in rows
        ]  # fmt: skip

    def apply(
        self,
        note_id: int,
        mentee_id: int,
        note_shareable: bool,
        plan: LinkPlan,
        previous: Sequence[LinkedLine],
        now: datetime,
        today: Callable[[], date],
    ) -> None:
        """Creates, updates and deletes the items, then stores the new links.

        A new item is shareable when its note is and its line is not private; a line moved
        under a private heading makes its item private again, never the other way round.
        ``today`` (the mentor's date, for wins and feedback) is only asked when needed.
        """
        stamp = instant(now)
        with self.db.transaction() as conn:
            for link in plan.delete:
                table, _ = _TABLES[link.kind]
                conn.execute(
                    f"DELETE FROM {table} WHERE id = ? AND note_id = ?", (link.item_id, note_id)
                )
            for item_id, line in plan.update:
                before = plan.before[(line.kind, item_id)]
                self._update(note_id, item_id, before, line, stamp)
            created: list[int] = []
            on_day: str | None = None
            for line in plan.create:
                shareable = int(note_shareable and not line.private)
                if line.kind != "action":
                    on_day = on_day or day(today())
                created.append(self._insert(line, mentee_id, note_id, shareable, on_day, stamp))
            links = plan.linked(created)
            if links != list(previous):
                conn.execute("DELETE FROM note_links WHERE note_id = ?", (note_id,))
                conn.executemany(
                    "INSERT INTO note_links (note_id, position, kind, item_id, text, owner, due,"
                    " done, private) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (note_id, k.position, k.kind, k.item_id, k.text, str(k.owner),
                         day(k.due), int(k.done), int(k.private))
                        for k in links
                    ],
                )  # fmt: skip

    def _insert(
        self,
        line: TaggedLine,
        mentee_id: int,
        note_id: int,
        shareable: int,
        on_day: str | None,
        stamp: str,
    ) -> int:
        if line.kind == "action":
            cur = self.db.conn.execute(
                "INSERT INTO action_items (mentee_id, note_id, text, owner, due_date, done_at,"
                " created_at, shareable) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (mentee_id, note_id, line.text, str(line.owner), day(line.due),
                 stamp if line.done else None, stamp, shareable),
            )  # fmt: skip
        elif line.kind == "win":
            cur = self.db.conn.execute(
                "INSERT INTO wins (mentee_id, title, happened_on, created_at, note_id, shareable)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (mentee_id, line.text, on_day, stamp, note_id, shareable),
            )
        else:
            cur = self.db.conn.execute(
                "INSERT INTO feedback (mentee_id, direction, body, given_on, created_at, note_id,"
                " shareable) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (mentee_id, _DIRECTION[line.kind], line.text, on_day, stamp, note_id, shareable),
            )
        return int(cur.lastrowid or 0)

    def _update(
        self, note_id: int, item_id: int, before: LinkedLine, line: TaggedLine, stamp: str
    ) -> None:
        """Pushes to the item only what changed in its line since the last parse."""
        table, column = _TABLES[line.kind]
        sets: list[str] = []
        params: list[object] = []
        if line.text != before.text:
            sets.append(f"{column} = ?")
            params.append(line.text)
        if line.private and not before.private:
            sets.append("shareable = 0")
        if line.kind == "action":
            if line.owner != before.owner:
                sets.append("owner = ?")
                params.append(str(line.owner))
            if line.due != before.due:
                sets.append("due_date = ?")
                params.append(day(line.due))
            if line.done != before.done:
                sets.append("done_at = ?")
                params.append(stamp if line.done else None)
        if sets:
            self.db.conn.execute(
                f"UPDATE {table} SET {', '.join(sets)} WHERE id = ? AND note_id = ?",
                (*params, item_id, note_id),
            )

    def set_shareable(self, kind: str, item_id: int, shareable: bool) -> None:
        if kind not in _TABLES:
            raise ValueError(f"unknown item kind {kind!r}; expected one of {TAG_KINDS}")
        table, _ = _TABLES[kind]
        with self.db.transaction() as conn:
            cur = conn.execute(
                f"UPDATE {table} SET shareable = ? WHERE id = ?", (int(shareable), item_id)
            )
            if cur.rowcount != 1:
                raise KeyError(f"no {kind} item with id {item_id}")
