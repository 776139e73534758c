"""Goals and their milestones (one aggregate): rows, order and revisits.

Positions stay dense (0..n-1 per mentee for goals, per goal for milestones): every write
that inserts, removes or moves one renumbers its siblings in the same transaction.
Deleting and restoring a goal or milestone exactly (for undo) is ``goal_rows.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mentordesk.domain.models import Goal, GoalRevisit, GoalStatus, Milestone, MilestoneStatus
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import (
    day,
    instant,
    now_utc,
    parse_day,
    parse_instant,
)

_GOAL_COLUMNS = (
    "id, mentee_id, title, description, status, start_date, target_date, revisit_date,"
    " position, success_criteria, manual_percent, shareable, created_at"
)
_MILESTONE_COLUMNS = "id, goal_id, title, status, due_date, done_on, position"


def _goal(row: tuple) -> Goal:
    (id_, mentee_id, title, description, status, start, target, revisit, position) = row[:9]
    criteria, percent, shareable, created = row[9:]
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
        success_criteria=criteria,
        manual_percent=percent,
        shareable=bool(shareable),
        created_at=parse_instant(created),
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


def _goal_values(goal: Goal) -> tuple[object, ...]:
    return (
        goal.title,
        goal.description,
        str(goal.status),
        day(goal.start_date),
        day(goal.target_date),
        day(goal.revisit_date),
        goal.success_criteria,
        goal.manual_percent,
        int(goal.shareable),
    )


class GoalRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- goals ------------------------------------------------------------------------------

    def add(
        self, goal: Goal, milestones: Iterable[Milestone] = (), index: int | None = None
    ) -> Goal:
        """Adds the goal (at ``index`` among the mentee's goals, else last) and its
        milestones in one transaction."""
        stamp = instant(goal.created_at or now_utc())
        with self.db.transaction() as conn:
            count = self.goal_count(goal.mentee_id)
            position = count if index is None else max(0, min(index, count))
            conn.execute(
                "UPDATE goals SET position = position + 1 WHERE mentee_id = ? AND position >= ?",
                (goal.mentee_id, position),
            )
            cur = conn.execute(
                "INSERT INTO goals (title, description, status, start_date, target_date,"
                " revisit_date, success_criteria, manual_percent, shareable, mentee_id,"
                " position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*_goal_values(goal), goal.mentee_id, position, stamp, stamp),
            )
            goal_id = int(cur.lastrowid or 0)
            for number, milestone in enumerate(milestones):
                self._insert_milestone(goal_id, milestone, number)
        return self.get(goal_id)

    def update(self, goal: Goal) -> Goal:
        """Writes the goal's fields (not its place: ``move``). The wins its milestones made
        follow its "Include in summaries" (same transaction)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE goals SET title = ?, description = ?, status = ?, start_date = ?,"
                " target_date = ?, revisit_date = ?, success_criteria = ?, manual_percent = ?,"
                " shareable = ?, updated_at = ? WHERE id = ?",
                (*_goal_values(goal), instant(now_utc()), goal.id),
            )
            conn.execute(
                "UPDATE wins SET shareable = ? WHERE goal_id = ? AND milestone_id IS NOT NULL"
                " AND shareable != ?",
                (int(goal.shareable), goal.id, int(goal.shareable)),
            )
        return self.get(int(goal.id or 0))

    def goal_count(self, mentee_id: int) -> int:
        (count,) = self.db.conn.execute(
            "SELECT count(*) FROM goals WHERE mentee_id = ?", (mentee_id,)
        ).fetchone()
        return int(count)

    def move(self, goal_id: int, index: int) -> None:
        """Puts the goal at ``index`` among its mentee's goals (clamped)."""
        goal = self.get(goal_id)
        with self.db.transaction():
            ids = [g.id for g in self.for_mentee(goal.mentee_id) if g.id != goal_id]
            ids.insert(max(0, min(index, len(ids))), goal_id)
            self._renumber("goals", [i for i in ids if i is not None])

    def get(self, goal_id: int) -> Goal:
        row = self.db.conn.execute(
            f"SELECT {_GOAL_COLUMNS} FROM goals WHERE id = ?", (goal_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no goal with id {goal_id}")
        return _goal(row)

    def for_mentee(self, mentee_id: int) -> list[Goal]:
        rows = self.db.conn.execute(
            f"SELECT {_GOAL_COLUMNS} FROM goals WHERE mentee_id = ? ORDER BY position, id",
            (mentee_id,),
        )
        return [_goal(r) for r in rows]

    def open_goals(self) -> list[Goal]:
        """Every goal not done or dropped, of active mentees (for Today)."""
        rows = self.db.conn.execute(
            f"SELECT {', '.join('g.' + c.strip() for c in _GOAL_COLUMNS.split(','))}"
            " FROM goals g JOIN mentees m ON m.id = g.mentee_id"
            " WHERE g.status NOT IN ('done', 'dropped') AND m.status = 'active'"
            " ORDER BY g.mentee_id, g.position"
        )
        return [_goal(r) for r in rows]

    def revisit_due(self, today: date, limit: int) -> list[Goal]:
        """Open goals of active mentees whose revisit date has come, the longest waiting first
        (then by mentee name), at most ``limit``: Today's list when it is long.

        CROSS JOIN keeps SQLite on the revisit-date index (it preferred walking every active
        mentee's goals and sorting them all: ~30 ms against ~0.2 ms on the large database).
        """
        goal_columns = ", ".join("g." + c.strip() for c in _GOAL_COLUMNS.split(","))
        rows = self.db.conn.execute(
            f"SELECT {goal_columns} FROM goals g CROSS JOIN mentees m ON m.id = g.mentee_id"
            " WHERE g.revisit_date <= ? AND g.status NOT IN ('done', 'dropped')"
            " AND m.status = 'active'"
            " ORDER BY g.revisit_date, m.name, g.mentee_id, g.position LIMIT ?",
            (day(today), limit),
        )
        return [_goal(r) for r in rows]

    def delete(self, goal_id: int) -> None:
        with self.db.transaction():
            goal = self.get(goal_id)
            self.db.conn.execute("DELETE FROM goals WHERE id = ?", (goal_id,))
            self._renumber("goals", [g.id or 0 for g in self.for_mentee(goal.mentee_id)])

    # -- milestones -------------------------------------------------------------------------

    def _insert_milestone(self, goal_id: int, m: Milestone, position: int) -> int:
        cur = self.db.conn.execute(
            "INSERT INTO milestones (goal_id, title, status, due_date, done_on, position)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (goal_id, m.title, str(m.status), day(m.due_date), day(m.done_on), position),
        )
        return int(cur.lastrowid or 0)

    def add_milestone(self, milestone: Milestone, index: int | None = None) -> Milestone:
        """Adds the milestone at ``index`` within its goal (else last)."""
        with self.db.transaction() as conn:
            (count,) = conn.execute(
                "SELECT count(*) FROM milestones WHERE goal_id = ?", (milestone.goal_id,)
            ).fetchone()
            position = count if index is None else max(0, min(index, count))
            conn.execute(
                "UPDATE milestones SET position = position + 1 WHERE goal_id = ? AND position >= ?",
                (milestone.goal_id, position),
            )
            new_id = self._insert_milestone(milestone.goal_id, milestone, position)
        return self.milestone(new_id)

    def update_milestone(self, m: Milestone) -> Milestone:
        """Writes the milestone's fields (not its place: ``move_milestone``)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE milestones SET title = ?, status = ?, due_date = ?, done_on = ?"
                " WHERE id = ?",
                (m.title, str(m.status), day(m.due_date), day(m.done_on), m.id),
            )
        return self.milestone(int(m.id or 0))

    def move_milestone(self, milestone_id: int, goal_id: int, index: int) -> None:
        """Puts the milestone at ``index`` (clamped) under ``goal_id``, which may be another
        goal of the same mentee; both goals' milestones stay densely numbered."""
        moving = self.milestone(milestone_id)
        with self.db.transaction() as conn:
            conn.execute("UPDATE milestones SET goal_id = ? WHERE id = ?", (goal_id, milestone_id))
            # The wins the milestone made follow it, and the summary choice of their new goal.
            conn.execute(
                "UPDATE wins SET goal_id = ?, shareable = (SELECT shareable FROM goals"
                " WHERE id = ?) WHERE milestone_id = ?",
                (goal_id, goal_id, milestone_id),
            )
            if moving.goal_id != goal_id:
                self._renumber("milestones", self._milestone_ids(moving.goal_id))
            ids = [i for i in self._milestone_ids(goal_id) if i != milestone_id]
            ids.insert(max(0, min(index, len(ids))), milestone_id)
            self._renumber("milestones", ids)

    def _milestone_ids(self, goal_id: int) -> list[int]:
        rows = self.db.conn.execute(
            "SELECT id FROM milestones WHERE goal_id = ? ORDER BY position, id", (goal_id,)
        )
        return [r[0] for r in rows]

    def milestone(self, milestone_id: int) -> Milestone:
        row = self.db.conn.execute(
            f"SELECT {_MILESTONE_COLUMNS} FROM milestones WHERE id = ?", (milestone_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no milestone with id {milestone_id}")
        return _milestone(row)

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

    def delete_milestone(self, milestone_id: int) -> None:
        with self.db.transaction() as conn:
            goal_id = self.milestone(milestone_id).goal_id
            conn.execute("DELETE FROM milestones WHERE id = ?", (milestone_id,))
            self._renumber("milestones", self._milestone_ids(goal_id))

    def _renumber(self, table: str, ids: list[int]) -> None:
        # Only rows whose number changes are written: a move touches few rows.
        self.db.conn.executemany(
            f"UPDATE {table} SET position = ? WHERE id = ? AND position != ?",
            [(number, id_, number) for number, id_ in enumerate(ids)],
        )

    # -- revisits ---------------------------------------------------------------------------

    def add_revisit(self, revisit: GoalRevisit, next_date: date | None) -> GoalRevisit:
        """Records a revisit and moves the goal's revisit date on, in one transaction."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO goal_revisits (goal_id, revisited_on, note, created_at)"
                " VALUES (?, ?, ?, ?)",
                (revisit.goal_id, day(revisit.revisited_on), revisit.note, instant(now_utc())),
            )
            conn.execute(
                "UPDATE goals SET revisit_date = ?, updated_at = ? WHERE id = ?",
                (day(next_date), instant(now_utc()), revisit.goal_id),
            )
        return GoalRevisit(revisit.goal_id, revisit.revisited_on, revisit.note, cur.lastrowid)

    def remove_revisit(self, revisit_id: int, revisit_date: date | None) -> None:
        """Takes a revisit back and puts the goal's revisit date back (undo)."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT goal_id FROM goal_revisits WHERE id = ?", (revisit_id,)
            ).fetchone()
            if row is None:
                raise KeyError(f"no revisit with id {revisit_id}")
            conn.execute("DELETE FROM goal_revisits WHERE id = ?", (revisit_id,))
            conn.execute(
                "UPDATE goals SET revisit_date = ? WHERE id = ?", (day(revisit_date), row[0])
            )

    def revisits(self, goal_id: int) -> list[GoalRevisit]:
        rows = self.db.conn.execute(
            "SELECT id, goal_id, revisited_on, note FROM goal_revisits WHERE goal_id = ?"
            " ORDER BY revisited_on DESC, id DESC",
            (goal_id,),
        )
        return [GoalRevisit(g, parse_day(on) or date.min, note, id_) for id_, g, on, note in rows]
