"""Feedback, wins and resources: small aggregates that hang off a mentee.

Each has add, get, update and delete. ``get`` raises KeyError for an id that is gone;
``update`` writes every field the record's form edits (the note a record came from and the
milestone a win was made by are facts of its birth and never change here).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from mentordesk.domain.models import Feedback, FeedbackDirection, Resource, ResourceKind, Win
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import day, instant, now_utc, parse_day

_FEEDBACK = (
    "SELECT id, mentee_id, direction, body, given_on, why_it_matters, suggested_action,"
    " shareable, note_id FROM feedback"
)
_WINS = (
    "SELECT id, mentee_id, goal_id, title, happened_on, milestone_id, shareable, note_id FROM wins"
)
_RESOURCES = (
    "SELECT id, mentee_id, goal_id, title, url, kind, notes, shared_on, shareable FROM resources"
)


def _require_one(rowcount: int, what: str, item_id: int) -> None:
    if rowcount != 1:
        raise KeyError(f"no {what} with id {item_id}")


class FeedbackRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, fb: Feedback) -> Feedback:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (mentee_id, direction, body, given_on, created_at,"
                " why_it_matters, suggested_action, shareable) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (fb.mentee_id, str(fb.direction), fb.body, day(fb.given_on),
                 instant(now_utc()), fb.why_it_matters, fb.suggested_action,
                 int(fb.shareable)),
            )  # fmt: skip
        return replace(fb, id=int(cur.lastrowid or 0), note_id=None)

    def _rows(self, where: str, params: tuple[object, ...]) -> list[Feedback]:
        rows = self.db.conn.execute(
            f"{_FEEDBACK} WHERE {where} ORDER BY given_on DESC, id DESC", params
        )
        return [
            Feedback(m, FeedbackDirection(d), b, parse_day(g), id_, why, act, bool(sh), note)  # type: ignore[arg-type]
            for id_, m, d, b, g, why, act, sh, note in rows
        ]

    def get(self, feedback_id: int) -> Feedback:
        found = self._rows("id = ?", (feedback_id,))
        if not found:
            raise KeyError(f"no feedback with id {feedback_id}")
        return found[0]

    def for_mentee(self, mentee_id: int) -> list[Feedback]:
        return self._rows("mentee_id = ?", (mentee_id,))

    def update(self, fb: Feedback) -> None:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE feedback SET direction = ?, body = ?, given_on = ?, why_it_matters = ?,"
                " suggested_action = ?, shareable = ? WHERE id = ?",
                (str(fb.direction), fb.body, day(fb.given_on), fb.why_it_matters,
                 fb.suggested_action, int(fb.shareable), fb.id),
            )  # fmt: skip
            _require_one(cur.rowcount, "feedback", fb.id or 0)

    def delete(self, feedback_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,))


class WinRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, win: Win) -> Win:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO wins (mentee_id, goal_id, title, happened_on, created_at,"
                " milestone_id, shareable) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (win.mentee_id, win.goal_id, win.title, day(win.happened_on),
                 instant(now_utc()), win.milestone_id, int(win.shareable)),
            )  # fmt: skip
        return replace(win, id=int(cur.lastrowid or 0), note_id=None)

    def _rows(self, where: str, params: tuple[object, ...], limit: int) -> list[Win]:
        rows = self.db.conn.execute(
            f"{_WINS} WHERE {where} ORDER BY happened_on DESC, id DESC LIMIT ?",
            (*params, limit),
        )
        return [
            Win(m, t, parse_day(h), g, id_, ms, bool(sh), note)  # type: ignore[arg-type]
            for id_, m, g, t, h, ms, sh, note in rows
        ]

    def get(self, win_id: int) -> Win:
        found = self._rows("id = ?", (win_id,), 1)
        if not found:
            raise KeyError(f"no win with id {win_id}")
        return found[0]

    def for_milestone(self, milestone_id: int) -> list[Win]:
        return self._rows("milestone_id = ?", (milestone_id,), -1)

    def for_mentee(self, mentee_id: int) -> list[Win]:
        return self._rows("mentee_id = ?", (mentee_id,), -1)

    def recent(self, limit: int = 10) -> list[Win]:
        return self._rows("1", (), limit)

    def between(self, first: date, last: date, limit: int = -1) -> list[Win]:
        """Wins that happened from ``first`` to ``last`` (both included), latest first."""
        return self._rows("happened_on >= ? AND happened_on <= ?", (day(first), day(last)), limit)

    def count_between(self, first: date, last: date) -> int:
        return int(
            self.db.conn.execute(
                "SELECT count(*) FROM wins WHERE happened_on >= ? AND happened_on <= ?",
                (day(first), day(last)),
            ).fetchone()[0]
        )

    def update(self, win: Win) -> None:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE wins SET title = ?, happened_on = ?, goal_id = ?, shareable = ?"
                " WHERE id = ?",
                (win.title, day(win.happened_on), win.goal_id, int(win.shareable), win.id),
            )
            _require_one(cur.rowcount, "win", win.id or 0)

    def delete(self, win_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM wins WHERE id = ?", (win_id,))


class ResourceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, res: Resource) -> Resource:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO resources (mentee_id, goal_id, title, url, kind, notes, created_at,"
                " shared_on, shareable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (res.mentee_id, res.goal_id, res.title, res.url, str(res.kind), res.notes,
                 instant(now_utc()), day(res.shared_on), int(res.shareable)),
            )  # fmt: skip
        return replace(res, id=int(cur.lastrowid or 0))

    def _rows(self, where: str, params: tuple[object, ...]) -> list[Resource]:
        rows = self.db.conn.execute(
            f"{_RESOURCES} WHERE {where} ORDER BY created_at DESC, id DESC", params
        )
        return [
            Resource(t, u, ResourceKind(k), m, g, n, id_, parse_day(on), bool(sh))
            for id_, m, g, t, u, k, n, on, sh in rows
        ]

    def get(self, resource_id: int) -> Resource:
        found = self._rows("id = ?", (resource_id,))
        if not found:
            raise KeyError(f"no resource with id {resource_id}")
        return found[0]

    def for_mentee(self, mentee_id: int) -> list[Resource]:
        return self._rows("mentee_id = ?", (mentee_id,))

    def update(self, res: Resource) -> None:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE resources SET title = ?, url = ?, kind = ?, goal_id = ?, notes = ?,"
                " shared_on = ?, shareable = ? WHERE id = ?",
                (res.title, res.url, str(res.kind), res.goal_id, res.notes, day(res.shared_on),
                 int(res.shareable), res.id),
            )  # fmt: skip
            _require_one(cur.rowcount, "resource", res.id or 0)

    def delete(self, resource_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM resources WHERE id = ?", (resource_id,))
