"""Feedback, wins and resources: small aggregates that hang off a mentee."""

from __future__ import annotations

from dataclasses import replace

from mentordesk.domain.models import Feedback, FeedbackDirection, Resource, ResourceKind, Win
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import day, instant, now_utc, parse_day


class FeedbackRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, fb: Feedback) -> Feedback:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (mentee_id, direction, body, given_on, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (fb.mentee_id, str(fb.direction), fb.body, day(fb.given_on),
                 instant(now_utc())),
            )  # fmt: skip
        return Feedback(fb.mentee_id, fb.direction, fb.body, fb.given_on, int(cur.lastrowid or 0))

    def for_mentee(self, mentee_id: int) -> list[Feedback]:
        rows = self.db.conn.execute(
            "SELECT id, mentee_id, direction, body, given_on FROM feedback WHERE mentee_id = ?"
            " ORDER BY given_on DESC, id DESC",
            (mentee_id,),
        )
        return [
            Feedback(m, FeedbackDirection(d), b, parse_day(g), id_)  # type: ignore[arg-type]
            for id_, m, d, b, g in rows
        ]

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
        return replace(win, id=int(cur.lastrowid or 0))

    def _rows(self, where: str, params: tuple[object, ...], limit: int) -> list[Win]:
        rows = self.db.conn.execute(
            "SELECT id, mentee_id, goal_id, title, happened_on, milestone_id, shareable"
            f" FROM wins WHERE {where} ORDER BY happened_on DESC, id DESC LIMIT ?",
            (*params, limit),
        )
        return [
            Win(m, t, parse_day(h), g, id_, ms, bool(sh))  # type: ignore[arg-type]
            for id_, m, g, t, h, ms, sh in rows
        ]

    def for_milestone(self, milestone_id: int) -> list[Win]:
        return self._rows("milestone_id = ?", (milestone_id,), -1)

    def for_mentee(self, mentee_id: int) -> list[Win]:
        return self._rows("mentee_id = ?", (mentee_id,), -1)

    def recent(self, limit: int = 10) -> list[Win]:
        return self._rows("1", (), limit)

    def delete(self, win_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM wins WHERE id = ?", (win_id,))


class ResourceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, res: Resource) -> Resource:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO resources (mentee_id, goal_id, title, url, kind, notes, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (res.mentee_id, res.goal_id, res.title, res.url, str(res.kind), res.notes,
                 instant(now_utc())),
            )  # fmt: skip
        return Resource(
            res.title, res.url, res.kind, res.mentee_id, res.goal_id, res.notes,
            int(cur.lastrowid or 0),
        )  # fmt: skip

    def for_mentee(self, mentee_id: int) -> list[Resource]:
        rows = self.db.conn.execute(
            "SELECT id, mentee_id, goal_id, title, url, kind, notes FROM resources"
            " WHERE mentee_id = ? ORDER BY created_at DESC, id DESC",
            (mentee_id,),
        )
        return [Resource(t, u, ResourceKind(k), m, g, n, id_) for id_, m, g, t, u, k, n in rows]

    def delete(self, resource_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM resources WHERE id = ?", (resource_id,))
