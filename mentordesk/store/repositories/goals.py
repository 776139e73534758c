"""Goals and their milestones (one aggregate)."""

from __future__ import annotations

from collections.abc import Iterable

from mentordesk.domain.models import Goal, GoalStatus, Milestone, MilestoneStatus
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import day, instant, now_utc, parse_day

_GOAL_COLUMNS = (
    "id, mentee_id, title, description, status, start_date, target_date, revisit_date, position"
)
_MILESTONE_COLUMNS = "id, goal_id, title, status, due_date, done_on, position"


def _goal(row: tuple) -> Goal:
    id_, mentee_id, title, description, status, start, target, revisit, position = row
    return Goal(
        id=id_,
        mentee_id=mentee_id,
        title=title,
        description=description,
        status=GoalStatus(status),
        start_date=parse_day(start),
        target_date=parse_day(target),
        revisit_date=parse_day(revisit),
        position=position,
    )


def _milestone(row: tuple) -> Milestone:
    id_, goal_id, title, status, due, done, position = row
    return Milestone(
        id=id_,
        goal_id=goal_id,
        title=title,
        status=MilestoneStatus(status),
        due_date=parse_day(due),
        done_on=parse_day(done),
        position=position,
    )


class GoalRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, goal: Goal, milestones: Iterable[Milestone] = ()) -> Goal:
        """Adds the goal and its milestones in one transaction."""
        stamp = instant(now_utc())
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO goals (mentee_id, title, description, status, start_date,"
                " target_date, revisit_date, position, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    goal.mentee_id,
                    goal.title,
                    goal.description,
                    str(goal.status),
                    day(goal.start_date),
                    day(goal.target_date),
                    day(goal.revisit_date),
                    goal.position,
                    stamp,
                    stamp,
                ),
            )
            goal_id = int(cur.lastrowid or 0)
            for position, milestone in enumerate(milestones):
                self._insert_milestone(goal_id, milestone, position)
        return self.get(goal_id)

    def _insert_milestone(self, goal_id: int, m: Milestone, position: int) -> int:
        cur = self.db.conn.execute(
            "INSERT INTO milestones (goal_id, title, status, due_date, done_on, position)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (goal_id, m.title, str(m.status), day(m.due_date), day(m.done_on), position),
        )
        return int(cur.lastrowid or 0)

    def add_milestone(self, milestone: Milestone) -> Milestone:
        with self.db.transaction() as conn:
            (position,) = conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM milestones WHERE goal_id = ?",
                (milestone.goal_id,),
            ).fetchone()
            new_id = self._insert_milestone(milestone.goal_id, milestone, position)
        return self.milestone(new_id)

    def update(self, goal: Goal) -> Goal:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE goals SET title = ?, description = ?, status = ?, start_date = ?,"
                " target_date = ?, revisit_date = ?, position = ?, updated_at = ? WHERE id = ?",
                (
                    goal.title,
                    goal.description,
                    str(goal.status),
                    day(goal.start_date),
                    day(goal.target_date),
                    day(goal.revisit_date),
                    goal.position,
                    instant(now_utc()),
                    goal.id,
                ),
            )
        return self.get(int(goal.id or 0))

    def update_milestone(self, m: Milestone) -> Milestone:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE milestones SET title = ?, status = ?, due_date = ?, done_on = ?,"
                " position = ? WHERE id = ?",
                (m.title, str(m.status), day(m.due_date), day(m.done_on), m.position, m.id),
            )
        return self.milestone(int(m.id or 0))

    def get(self, goal_id: int) -> Goal:
        row = self.db.conn.execute(
            f"SELECT {_GOAL_COLUMNS} FROM goals WHERE id = ?", (goal_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no goal with id {goal_id}")
        return _goal(row)

    def milestone(self, milestone_id: int) -> Milestone:
        row = self.db.conn.execute(
            f"SELECT {_MILESTONE_COLUMNS} FROM milestones WHERE id = ?", (milestone_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no milestone with id {milestone_id}")
        return _milestone(row)

    def for_mentee(self, mentee_id: int) -> list[Goal]:
        rows = self.db.conn.execute(
            f"SELECT {_GOAL_COLUMNS} FROM goals WHERE mentee_id = ? ORDER BY position, id",
            (mentee_id,),
        )
        return [_goal(r) for r in rows]

    def milestones(self, goal_ids: Iterable[int]) -> dict[int, list[Milestone]]:
        ids = list(goal_ids)
        result: dict[int, list[Milestone]] = {i: [] for i in ids}
        if not ids:
            return result
        rows = self.db.conn.execute(
            f"SELECT {_MILESTONE_COLUMNS} FROM milestones WHERE goal_id IN"
            f" ({', '.join('?' for _ in ids)}) ORDER BY goal_id, position, id",
            ids,
        )
        for row in rows:
            result[row[1]].append(_milestone(row))
        return result

    def delete(self, goal_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM goals WHERE id = ?", (goal_id,))

    def delete_milestone(self, milestone_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM milestones WHERE id = ?", (milestone_id,))
