"""Deleting a goal or a milestone so that undo can put it back exactly: same ids, same
rows, the wins and resources that pointed at it pointing at it again, siblings renumbered
back around it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from mentordesk.store.database import Database

Row = dict[str, object]


@dataclass(frozen=True, slots=True)
class RemovedRows:
    """What a delete took away (whole rows), and the links it cut (table, row id, column,
    value), so that ``restore`` is its exact inverse."""

    goal: Row | None = None
    milestones: tuple[Row, ...] = ()
    revisits: tuple[Row, ...] = ()
    links: tuple[tuple[str, int, str, int], ...] = field(default_factory=tuple)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[Row]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, values, strict=True)) for values in cur.fetchall()]


def _insert(conn: sqlite3.Connection, table: str, row: Row) -> None:
    names = list(row)
    conn.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [row[n] for n in names],
    )


def _open_gap(conn: sqlite3.Connection, table: str, parent: str, row: Row) -> None:
    """Moves the siblings at or after ``row``'s position one down, to make room for it."""
    conn.execute(
        f"UPDATE {table} SET position = position + 1 WHERE {parent} = ? AND position >= ?",
        (row[parent], row["position"]),
    )


def _close_gap(conn: sqlite3.Connection, table: str, parent: str, row: Row) -> None:
    """Moves the siblings after the removed ``row`` one up: positions stay dense."""
    conn.execute(
        f"UPDATE {table} SET position = position - 1 WHERE {parent} = ? AND position > ?",
        (row[parent], row["position"]),
    )


def _links(conn: sqlite3.Connection, column: str, value: int) -> list[tuple[str, int, str, int]]:
    found = []
    for table in ("wins", "resources"):
        if column == "milestone_id" and table == "resources":
            continue
        for (row_id,) in conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", (value,)):
            found.append((table, row_id, column, value))
    return found


class GoalRows:
    def __init__(self, db: Database) -> None:
        self.db = db

    def delete_goal(self, goal_id: int) -> RemovedRows:
        with self.db.transaction() as conn:
            [goal] = _rows(conn, "SELECT * FROM goals WHERE id = ?", (goal_id,))
            milestones = _rows(conn, "SELECT * FROM milestones WHERE goal_id = ?", (goal_id,))
            links = _links(conn, "goal_id", goal_id)
            for m in milestones:
                links += _links(conn, "milestone_id", int(m["id"]))  # type: ignore[arg-type]
            removed = RemovedRows(
                goal=goal,
                milestones=tuple(milestones),
                revisits=tuple(
                    _rows(conn, "SELECT * FROM goal_revisits WHERE goal_id = ?", (goal_id,))
                ),
                links=tuple(links),
            )
            conn.execute("DELETE FROM goals WHERE id = ?", (goal_id,))
            _close_gap(conn, "goals", "mentee_id", goal)
        return removed

    def delete_milestone(self, milestone_id: int) -> RemovedRows:
        with self.db.transaction() as conn:
            [row] = _rows(conn, "SELECT * FROM milestones WHERE id = ?", (milestone_id,))
            removed = RemovedRows(
                milestones=(row,), links=tuple(_links(conn, "milestone_id", milestone_id))
            )
            conn.execute("DELETE FROM milestones WHERE id = ?", (milestone_id,))
            _close_gap(conn, "milestones", "goal_id", row)
        return removed

    def milestone_wins(self, milestone_id: int) -> tuple[Row, ...]:
        """The wins a milestone's completion made, whole (to put back after un-completing)."""
        return tuple(
            _rows(self.db.conn, "SELECT * FROM wins WHERE milestone_id = ?", (milestone_id,))
        )

    def put_back_wins(self, wins: tuple[Row, ...]) -> None:
        with self.db.transaction() as conn:
            for row in wins:
                _insert(conn, "wins", row)

    def restore(self, removed: RemovedRows) -> None:
        """Puts back what ``delete_goal`` or ``delete_milestone`` removed."""
        with self.db.transaction() as conn:
            if removed.goal is not None:
                _open_gap(conn, "goals", "mentee_id", removed.goal)
                _insert(conn, "goals", removed.goal)
            else:
                for row in removed.milestones:
                    _open_gap(conn, "milestones", "goal_id", row)
            for row in removed.milestones:
                _insert(conn, "milestones", row)
            for row in removed.revisits:
                _insert(conn, "goal_revisits", row)
            for table, row_id, column, value in removed.links:
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row_id))
