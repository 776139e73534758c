"""The roadmap's undoable edits: each a ``QUndoCommand`` over the goal service.

Ids stay stable across undo and redo: an added goal or milestone that is undone is deleted
with its rows kept, and redoing restores those rows (same ids), so later commands on the
stack still find what they name. Two ids do change, by design: the win a completion makes
and a revisit's record are made anew on each redo (nothing else refers to them).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtGui import QUndoCommand

from mentordesk.domain.models import Goal, GoalRevisit, Milestone
from mentordesk.domain.progress import GoalProgress
from mentordesk.services.goals import GoalService, RemovedRows, WinRows


class _Command(QUndoCommand):
    def __init__(self, service: GoalService, mentee_id: int, text: str) -> None:
        super().__init__(text)
        self.service = service
        self.mentee_id = mentee_id


class EditGoal(_Command):
    def __init__(self, service: GoalService, before: Goal, after: Goal, text: str) -> None:
        super().__init__(service, before.mentee_id, text)
        self.before, self.after = before, after

    def redo(self) -> None:
        self.service.update_goal(self.after)

    def undo(self) -> None:
        self.service.update_goal(self.before)


class EditMilestone(_Command):
    """Completing adds a win and undoing it removes that win (the service's rule)."""

    def __init__(
        self, service: GoalService, mentee_id: int, before: Milestone, after: Milestone, text: str
    ) -> None:
        super().__init__(service, mentee_id, text)
        self.before, self.after = before, after
        self._wins: WinRows = ()

    def redo(self) -> None:
        # Un-completing removes the completion's win: keep it whole for undo.
        self._wins = self.service.milestone_wins(int(self.before.id or 0))
        self.service.update_milestone(self.after, self.after.done_on)

    def undo(self) -> None:
        self.service.update_milestone(self.before, self.before.done_on, self._wins)


class _Kept:
    """One goal or milestone a command removes, kept whole to be put back (same ids)."""

    def __init__(self, service: GoalService, mentee_id: int, kind: str) -> None:
        self.service, self.mentee_id, self.kind = service, mentee_id, kind
        self.rows: RemovedRows | None = None

    def remove(self, item_id: int) -> None:
        delete = self.service.delete_goal if self.kind == "goal" else self.service.delete_milestone
        self.rows = delete(item_id)

    def put_back(self) -> None:
        if self.rows is not None:
            self.service.restore(self.rows, self.mentee_id)


class _Add(_Command):
    """Adds once; undo removes it (kept), redo puts the same rows back."""

    def __init__(self, service: GoalService, mentee_id: int, kind: str) -> None:
        super().__init__(service, mentee_id, f"Add {kind}")
        self.added = _Kept(service, mentee_id, kind)
        self.item_id = 0

    def _add(self) -> int:
        raise NotImplementedError

    def redo(self) -> None:
        if self.added.rows is None:
            self.item_id = self._add()
        else:
            self.added.put_back()

    def undo(self) -> None:
        self.added.remove(self.item_id)


class AddGoal(_Add):
    def __init__(self, service: GoalService, goal: Goal, index: int, today: date) -> None:
        super().__init__(service, goal.mentee_id, "goal")
        self.goal, self.index, self.today = goal, index, today

    @property
    def goal_id(self) -> int:
        return self.item_id

    def _add(self) -> int:
        return int(self.service.add_goal(self.goal, (), self.index, self.today).id or 0)


class AddMilestone(_Add):
    def __init__(
        self, service: GoalService, mentee_id: int, milestone: Milestone, index: int | None
    ) -> None:
        super().__init__(service, mentee_id, "milestone")
        self.milestone, self.index = milestone, index

    @property
    def milestone_id(self) -> int:
        return self.item_id

    def _add(self) -> int:
        return int(self.service.add_milestone(self.milestone, self.index).id or 0)


class _Delete(_Command):
    """Undo restores what went: a goal with its milestones and revisits, and the wins' and
    resources' links to it — the same rows with the same ids."""

    def __init__(self, service: GoalService, mentee_id: int, kind: str, item_id: int) -> None:
        super().__init__(service, mentee_id, f"Delete {kind}")
        self.removed = _Kept(service, mentee_id, kind)
        self.item_id = item_id

    def redo(self) -> None:
        self.removed.remove(self.item_id)

    def undo(self) -> None:
        self.removed.put_back()


class DeleteGoal(_Delete):
    def __init__(self, service: GoalService, goal: Goal) -> None:
        super().__init__(service, goal.mentee_id, "goal", int(goal.id or 0))


class DeleteMilestone(_Delete):
    def __init__(self, service: GoalService, mentee_id: int, milestone: Milestone) -> None:
        super().__init__(service, mentee_id, "milestone", int(milestone.id or 0))


class MoveGoal(_Command):
    def __init__(self, service: GoalService, goal: Goal, to_index: int) -> None:
        super().__init__(service, goal.mentee_id, "Move goal")
        self.goal_id, self.before, self.after = int(goal.id or 0), goal.position, to_index

    def redo(self) -> None:
        self.service.move_goal(self.goal_id, self.after)

    def undo(self) -> None:
        self.service.move_goal(self.goal_id, self.before)


class MoveMilestone(_Command):
    def __init__(
        self,
        service: GoalService,
        mentee_id: int,
        milestone: Milestone,
        goal_id: int,
        to_index: int,
    ) -> None:
        super().__init__(service, mentee_id, "Move milestone")
        self.milestone_id = int(milestone.id or 0)
        self.before = (milestone.goal_id, milestone.position)
        self.after = (goal_id, to_index)

    def redo(self) -> None:
        self.service.move_milestone(self.milestone_id, *self.after)

    def undo(self) -> None:
        self.service.move_milestone(self.milestone_id, *self.before)


class MarkRevisited(_Command):
    def __init__(self, service: GoalService, goal: Goal, on: date, note: str) -> None:
        super().__init__(service, goal.mentee_id, "Mark revisited")
        self.goal_id, self.on, self.note = int(goal.id or 0), on, note
        self.previous_date = goal.revisit_date
        self._revisit: GoalRevisit | None = None

    def redo(self) -> None:
        self._revisit = self.service.mark_revisited(self.goal_id, self.on, self.note)

    def undo(self) -> None:
        if self._revisit is not None:
            self.service.unmark_revisited(self._revisit, self.previous_date)


class _Convert(_Add):
    """Removes one item and adds its replacement (of the other kind); undo reverses both,
    putting back the same rows."""

    def __init__(
        self, service: GoalService, mentee_id: int, old: tuple[str, int], new: str, text: str
    ) -> None:
        super().__init__(service, mentee_id, new)
        self.setText(text)
        self.old = _Kept(service, mentee_id, old[0])
        self.old_id = old[1]

    def redo(self) -> None:
        self.old.remove(self.old_id)
        super().redo()

    def undo(self) -> None:
        super().undo()
        self.old.put_back()


class GoalToMilestone(_Convert):
    """Indent: a goal without milestones becomes the last milestone of the goal above."""

    def __init__(self, service: GoalService, goal: Goal, into: Goal) -> None:
        old = ("goal", int(goal.id or 0))
        super().__init__(service, goal.mentee_id, old, "milestone", "Make goal a milestone")
        self.milestone = Milestone(int(into.id or 0), goal.title, due_date=goal.target_date)

    @property
    def milestone_id(self) -> int:
        return self.item_id

    def _add(self) -> int:
        return int(self.service.add_milestone(self.milestone).id or 0)


class MilestoneToGoal(_Convert):
    """Outdent: a milestone becomes a goal of its own, just below the goal it was under."""

    def __init__(
        self, service: GoalService, mentee_id: int, milestone: Milestone, index: int, today: date
    ) -> None:
        old = ("milestone", int(milestone.id or 0))
        super().__init__(service, mentee_id, old, "goal", "Make milestone a goal")
        self.goal = Goal(mentee_id, milestone.title, target_date=milestone.due_date)
        self.index, self.today = index, today

    @property
    def goal_id(self) -> int:
        return self.item_id

    def _add(self) -> int:
        return int(self.service.add_goal(self.goal, (), self.index, self.today).id or 0)


class ApplyTemplate(_Command):
    """A template's goals added after the mentee's own, as one step: undo removes them
    all, redo puts the same rows back (same ids)."""

    def __init__(
        self,
        service: GoalService,
        mentee_id: int,
        plan: list[GoalProgress],
        title: str,
        today: date,
    ) -> None:
        super().__init__(service, mentee_id, f"Apply template “{title}”")
        self.plan, self.today = plan, today
        self.goal_ids: list[int] = []
        self._removed: list[RemovedRows] = []

    def redo(self) -> None:
        if self._removed:
            self.service.restore_goals(self._removed, self.mentee_id)
        else:
            self.goal_ids = self.service.add_goals(self.plan, self.today)

    def undo(self) -> None:
        self._removed = self.service.delete_goals(self.goal_ids)


def edited(item: Goal | Milestone, field: str, value: object) -> Goal | Milestone:
    """The item with one field changed (a milestone's done_on follows its status)."""
    return replace(item, **{field: value})
