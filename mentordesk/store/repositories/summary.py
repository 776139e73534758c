"""What a progress summary may show of one mentee's records: only what the mentor shares.

The sharing rule of each table is one SQL condition in ``SHARED`` below, the only place it
is spelled. An item a tagged line made follows its note too: it is shared only while that
note is shareable and the line is not under a ``## Private`` heading, whatever its own
flag says (belt and braces: the note editor already keeps the flag in step). Each record
form's "Include in summaries" is its table's ``shareable`` column (resources since m011).
"""

from __future__ import annotations

from datetime import date

from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    FeedbackDirection,
    Owner,
    Resource,
    ResourceKind,
    Win,
)
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import day, parse_day, parse_instant


def _from_shared_note(alias: str, kind: str) -> str:
    return (
        f"({alias}.note_id IS NULL OR {alias}.note_id IN (SELECT id FROM notes"
        f" WHERE shareable = 1)) AND NOT EXISTS (SELECT 1 FROM note_links l"
        f" WHERE l.item_id = {alias}.id AND l.kind {kind} AND l.private = 1)"
    )


#: Table -> the condition its rows meet to reach a summary (fixed text, never input).
SHARED: dict[str, str] = {
    "action_items": "a.shareable = 1 AND " + _from_shared_note("a", "= 'action'"),
    "wins": "w.shareable = 1 AND " + _from_shared_note("w", "= 'win'"),
    "feedback": "f.shareable = 1 AND "
    + _from_shared_note("f", "IN ('feedback_to', 'feedback_from')"),
    # A resource's own note never prints (it is the mentor's); the flag is its form's.
    "resources": "r.shareable = 1",
}


class SummaryRepository:
    """Reads the shared records of one mentee; never another mentee's, never a private one."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def wins(self, mentee_id: int, start: date, end: date) -> list[Win]:
        rows = self.db.conn.execute(
            "SELECT w.id, w.goal_id, w.title, w.happened_on FROM wins w"
            f" WHERE w.mentee_id = ? AND w.happened_on BETWEEN ? AND ? AND {SHARED['wins']}"
            " ORDER BY w.happened_on, w.id",
            (mentee_id, day(start), day(end)),
        )
        return [Win(mentee_id, t, parse_day(h), g, i) for i, g, t, h in rows]  # type: ignore[arg-type]

    def feedback(self, mentee_id: int, start: date, end: date) -> list[Feedback]:
        rows = self.db.conn.execute(
            "SELECT f.id, f.direction, f.body, f.given_on, f.why_it_matters,"
            " f.suggested_action FROM feedback f"
            f" WHERE f.mentee_id = ? AND f.given_on BETWEEN ? AND ? AND {SHARED['feedback']}"
            " ORDER BY f.given_on, f.id",
            (mentee_id, day(start), day(end)),
        )
        return [
            Feedback(mentee_id, FeedbackDirection(d), b, parse_day(g), i, why, act, True)  # type: ignore[arg-type]
            for i, d, b, g, why, act in rows
        ]

    def open_actions(self, mentee_id: int) -> list[ActionItem]:
        """Shared items still open, soonest due first (undated last)."""
        rows = self.db.conn.execute(
            "SELECT a.id, a.note_id, a.text, a.owner, a.due_date, a.created_at"
            " FROM action_items a WHERE a.mentee_id = ? AND a.done_at IS NULL"
            f" AND {SHARED['action_items']}"
            " ORDER BY a.due_date IS NULL, a.due_date, a.id",
            (mentee_id,),
        )
        return [
            ActionItem(mentee_id, text, Owner(owner), parse_day(due), None, note, i,
                       parse_instant(created))
            for i, note, text, owner, due, created in rows
        ]  # fmt: skip

    def left_out(self, mentee_id: int, start: date, end: date) -> int:
        """How many of the records the summary would list stay out of it: their "Include in
        summaries" is off, or they come from a private note or section."""
        (count,) = self.db.conn.execute(
            "SELECT"
            " (SELECT count(*) FROM wins w WHERE w.mentee_id = :m"
            f"  AND w.happened_on BETWEEN :s AND :e AND NOT ({SHARED['wins']}))"
            " + (SELECT count(*) FROM feedback f WHERE f.mentee_id = :m"
            f"  AND f.given_on BETWEEN :s AND :e AND NOT ({SHARED['feedback']}))"
            " + (SELECT count(*) FROM action_items a WHERE a.mentee_id = :m"
            f"  AND a.done_at IS NULL AND NOT ({SHARED['action_items']}))"
            " + (SELECT count(*) FROM resources r WHERE (r.mentee_id = :m OR (r.mentee_id IS NULL"
            "  AND r.goal_id IN (SELECT id FROM goals WHERE mentee_id = :m)))"
            f"  AND NOT ({SHARED['resources']}))",
            {"m": mentee_id, "s": day(start), "e": day(end)},
        ).fetchone()
        return int(count)

    def first_day(self, mentee_id: int) -> date | None:
        """The earliest day anything of the mentee's history happened on (a meeting, a goal's
        start, a milestone done, a win, feedback, a note): where "since start" begins."""
        (first,) = self.db.conn.execute(
            "SELECT min(d) FROM ("
            " SELECT substr(start_local, 1, 10) AS d FROM meetings WHERE mentee_id = :m"
            " UNION ALL SELECT start_date FROM goals WHERE mentee_id = :m"
            " UNION ALL SELECT done_on FROM milestones WHERE goal_id IN"
            "  (SELECT id FROM goals WHERE mentee_id = :m)"
            " UNION ALL SELECT happened_on FROM wins WHERE mentee_id = :m"
            " UNION ALL SELECT given_on FROM feedback WHERE mentee_id = :m"
            " UNION ALL SELECT substr(created_at, 1, 10) FROM notes WHERE mentee_id = :m)",
            {"m": mentee_id},
        ).fetchone()
        return parse_day(first)

    def resources(self, mentee_id: int) -> list[Resource]:
        """Resources linked to the mentee or to one of their goals."""
        rows = self.db.conn.execute(
            "SELECT r.id, r.goal_id, r.title, r.url, r.kind, r.shared_on FROM resources r"
            " WHERE (r.mentee_id = ? OR (r.mentee_id IS NULL"
            " AND r.goal_id IN (SELECT id FROM goals WHERE mentee_id = ?)))"
            f" AND {SHARED['resources']} ORDER BY r.title COLLATE NOCASE, r.id",
            (mentee_id, mentee_id),
        )
        return [
            Resource(t, u, ResourceKind(k), mentee_id, g, "", i, parse_day(on))
            for i, g, t, u, k, on in rows
        ]
