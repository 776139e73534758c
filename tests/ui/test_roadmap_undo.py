"""Random sequences of roadmap commands, then undo all: the database is as it was, row for
row (``updated_at`` aside, the moment of an edit)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Goal, Mentee, Milestone, MilestoneStatus, Win
from mentordesk.services import Workspace
from mentordesk.ui import roadmap_commands as cmd
from tests.services.test_goals import dump

TODAY = date(2026, 12, 6)
OPS = (
    "add_goal",
    "add_milestone",
    "edit_goal",
    "status",
    "move_goal",
    "move_milestone",
    "delete_goal",
    "delete_milestone",
    "revisit",
    "indent",
    "outdent",
)


def _seed(ws: Workspace) -> int:
    mentee = int(ws.save_mentee(Mentee("Ana", "UTC")).id or 0)
    for g in range(3):
        steps = tuple(Milestone(0, f"G{g} step {k}") for k in range(g + 1))
        ws.roadmap.add_goal(Goal(mentee, f"Goal {g}"), steps, today=TODAY)
    first = ws.roadmap.progress(mentee)[0]
    ws.roadmap.complete_milestone(int(first.milestones[0].id or 0), TODAY)
    ws.add_win(Win(mentee, "Spoke up in the review", TODAY, goal_id=first.goal.id))
    return mentee


def _command(ws: Workspace, mentee: int, op: str, a: int, b: int) -> cmd._Command | None:
    service = ws.roadmap
    goals = service.progress(mentee)
    steps = [m for p in goals for m in p.milestones]
    if op == "add_goal":
        return cmd.AddGoal(service, Goal(mentee, f"Added {a}"), b % (len(goals) + 1), TODAY)
    if not goals:
        return None
    goal = goals[a % len(goals)].goal
    if op == "add_milestone":
        return cmd.AddMilestone(service, mentee, Milestone(int(goal.id or 0), f"New {b}"), b % 3)
    if op == "edit_goal":
        return cmd.EditGoal(service, goal, replace(goal, title=f"{goal.title}!"), "Edit")
    if op == "move_goal":
        return cmd.MoveGoal(service, goal, b % len(goals))
    if op == "delete_goal":
        return cmd.DeleteGoal(service, goal)
    if op == "revisit":
        return cmd.MarkRevisited(service, goal, TODAY, f"note {b}")
    if op == "indent":
        row = a % len(goals)
        if row == 0 or goals[row].milestones:
            return None
        return cmd.GoalToMilestone(service, goal, goals[row - 1].goal)
    if not steps:
        return None
    step = steps[b % len(steps)]
    if op == "status":
        status = list(MilestoneStatus)[a % len(MilestoneStatus)]
        after = replace(step, status=status, done_on=TODAY if status == "done" else None)
        return cmd.EditMilestone(service, mentee, step, after, "Status")
    if op == "move_milestone":
        return cmd.MoveMilestone(service, mentee, step, int(goal.id or 0), b % 4)
    if op == "delete_milestone":
        return cmd.DeleteMilestone(service, mentee, step)
    return cmd.MilestoneToGoal(service, mentee, step, a % (len(goals) + 1), TODAY)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 9), st.integers(0, 9)),
        min_size=1,
        max_size=15,
    )
)
def test_undoing_every_command_gives_back_the_database(qtbot: QtBot, steps: list) -> None:
    with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder) / "u.db") as ws:
        mentee = _seed(ws)
        start = dump(ws.db.conn)
        stack = QUndoStack()
        for op, a, b in steps:
            command = _command(ws, mentee, op, a, b)
            if command is not None:
                stack.push(command)
        after = dump(ws.db.conn)
        while stack.canUndo():
            stack.undo()
        assert dump(ws.db.conn) == start
        while stack.canRedo():
            stack.redo()
        # Redo gives back the same goals and milestones (ids included); only the ids of
        # remade wins and revisit records may differ.
        for table in ("goals", "milestones"):
            assert dump(ws.db.conn)[table] == after[table]
        ws.db.close()
