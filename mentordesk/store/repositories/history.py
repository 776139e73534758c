"""A mentee's history in pages: one keyset query over every table that records something.

Each source is its own sub-select, limited to one page after the cursor and read along the
mentee's index (``notes_mentee``, ``contacts_mentee``, ``feedback_mentee``, ``wins_mentee``;
a mentee's meetings, goals and resources are few), so a page costs the same after years of
history as after a week. The sort key is text: an instant as stored (``…T10:00:00Z``), a day
as ``YYYY-MM-DDT24:00:00Z`` — after every instant of that day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from mentordesk.domain.history import HistoryCursor, HistoryEntry, HistoryKind
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import instant, parse_day, parse_instant

#: Appended to a day to make its sort key: the day's entries sort after its instants.
DAY_END = "T24:00:00Z"

# Every sub-select gives the same columns:
# key, kind, id, title, detail, extra, moved_to, note_id, meeting_id, original_start,
# goal_id, shareable, day. ``:until`` bounds the key from above (entries not yet happened
# stay out); the row value after it is the keyset cursor.
_SOURCES: dict[HistoryKind, str] = {
    HistoryKind.MEETING: """
        SELECT CASE o.status WHEN 'held' THEN coalesce(o.new_start_utc, o.original_start_utc)
                ELSE o.original_start_utc END AS k,
            'meeting', o.id, m.title, o.reason, o.status, o.new_start_utc, NULL, m.id,
            o.original_start_utc, NULL, 0, NULL
        FROM meetings m JOIN meeting_occurrences o ON o.meeting_id = m.id
        WHERE m.mentee_id = :mentee AND k <= :until AND (k, 'meeting', o.id) < (:key, :kind, :id)
        ORDER BY k DESC, o.id DESC LIMIT :limit""",
    HistoryKind.CONTACT: """
        SELECT at_utc, 'contact', id, channel, summary, channel, NULL, note_id, NULL, NULL,
            NULL, 0, NULL
        FROM contacts
        WHERE mentee_id = :mentee AND at_utc <= :until
            AND (at_utc, 'contact', id) < (:key, :kind, :id)
        ORDER BY at_utc DESC, id DESC LIMIT :limit""",
    HistoryKind.NOTE: """
        SELECT created_at, 'note', id, title, substr(body, 1, 400), '', NULL, id, meeting_id,
            NULL, NULL, shareable, NULL
        FROM notes
        WHERE mentee_id = :mentee AND created_at <= :until
            AND (created_at, 'note', id) < (:key, :kind, :id)
        ORDER BY created_at DESC, id DESC LIMIT :limit""",
    HistoryKind.FEEDBACK: f"""
        SELECT given_on || '{DAY_END}' AS k, 'feedback', id, '', body, direction, NULL,
            note_id, NULL, NULL, NULL, shareable, given_on
        FROM feedback
        WHERE mentee_id = :mentee AND given_on <= :until_day
            AND (k, 'feedback', id) < (:key, :kind, :id)
        ORDER BY given_on DESC, id DESC LIMIT :limit""",
    HistoryKind.WIN: f"""
        SELECT happened_on || '{DAY_END}' AS k, 'win', id, title, '', '', NULL, note_id, NULL,
            NULL, goal_id, shareable, happened_on
        FROM wins
        WHERE mentee_id = :mentee AND happened_on <= :until_day
            AND (k, 'win', id) < (:key, :kind, :id)
        ORDER BY happened_on DESC, id DESC LIMIT :limit""",
    HistoryKind.MILESTONE: f"""
        SELECT s.done_on || '{DAY_END}' AS k, 'milestone', s.id, s.title, g.title, '', NULL,
            NULL, NULL, NULL, g.id, g.shareable, s.done_on
        FROM goals g JOIN milestones s ON s.goal_id = g.id
        WHERE g.mentee_id = :mentee AND s.status = 'done' AND s.done_on IS NOT NULL
            AND s.done_on <= :until_day AND (k, 'milestone', s.id) < (:key, :kind, :id)
        ORDER BY k DESC, s.id DESC LIMIT :limit""",
    HistoryKind.REVISIT: f"""
        SELECT r.revisited_on || '{DAY_END}' AS k, 'revisit', r.id, g.title, r.note, '',
            NULL, NULL, NULL, NULL, g.id, g.shareable, r.revisited_on
        FROM goals g JOIN goal_revisits r ON r.goal_id = g.id
        WHERE g.mentee_id = :mentee AND r.revisited_on <= :until_day
            AND (k, 'revisit', r.id) < (:key, :kind, :id)
        ORDER BY k DESC, r.id DESC LIMIT :limit""",
    HistoryKind.RESOURCE: f"""
        SELECT coalesce(shared_on || '{DAY_END}', created_at) AS k, 'resource', id, title,
            notes, url, NULL, NULL, NULL, NULL, goal_id, shareable, shared_on
        FROM resources
        WHERE mentee_id = :mentee AND k <= :until_key
            AND (k, 'resource', id) < (:key, :kind, :id)
        ORDER BY k DESC, id DESC LIMIT :limit""",
}

#: Above every key: the first page's cursor.
_TOP = ("\uffff", "\uffff", 0)


def _entry(row: tuple) -> HistoryEntry:
    (key, kind, id_, title, detail, extra, moved_to, note_id, meeting_id, original_start,
     goal_id, shareable, day) = row  # fmt: skip
    dated = parse_day(day) if day else None
    return HistoryEntry(
        kind=HistoryKind(kind),
        id=int(id_),
        at=None if dated is not None else parse_instant(key),
        day=dated,
        title=title or "",
        detail=detail or "",
        extra=extra or "",
        moved_to=parse_instant(moved_to),
        note_id=note_id,
        meeting_id=meeting_id,
        original_start=parse_instant(original_start),
        goal_id=goal_id,
        shareable=bool(shareable),
        key=key,
    )


class HistoryRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def page(
        self,
        mentee_id: int,
        kinds: Iterable[HistoryKind],
        until: datetime,
        after: HistoryCursor | None,
        limit: int,
    ) -> list[HistoryEntry]:
        """Up to ``limit`` entries of ``kinds`` at or before ``until``, newest first,
        strictly after ``after`` (None: from the newest)."""
        chosen = [k for k in HistoryKind if k in set(kinds)]
        if not chosen or limit <= 0:
            return []
        # Each sub-select keeps its own ORDER BY and LIMIT inside a derived table.
        union = " UNION ALL ".join(f"SELECT * FROM ({_SOURCES[k]})" for k in chosen)
        sql = f"SELECT * FROM ({union}) ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT :limit"
        until_key = instant(until) or ""
        key, kind, id_ = (after.key, str(after.kind), after.id) if after else _TOP
        params = {
            "mentee": mentee_id,
            "until": until_key,
            "until_day": until_key[:10],
            # A day's key is the day's end: a day is in once the day has begun.
            "until_key": until_key[:10] + DAY_END,
            "key": key,
            "kind": kind,
            "id": id_,
            "limit": limit,
        }
        return [_entry(row) for row in self.db.conn.execute(sql, params)]
