"""Telling a reload that only moved one milestone from any other: the roadmap model then
moves that row (``beginMoveRows``) instead of resetting, so the view keeps its state and
redraws less — a drag must be drawn within a frame."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mentordesk.domain.models import Milestone
from mentordesk.domain.progress import GoalProgress


@dataclass(frozen=True, slots=True)
class MilestoneMove:
    """Row ``source_row`` of goal row ``source`` went to row ``target_row`` of ``target``
    (``target_row`` counted after the move)."""

    source: int
    source_row: int
    target: int
    target_row: int

    def qt_destination(self) -> int:
        """``beginMoveRows``' destination: counted before the move, within the same parent."""
        same = self.source == self.target
        return (
            self.target_row + 1 if same and self.target_row > self.source_row else self.target_row
        )


def _ids(progress: GoalProgress) -> list[int]:
    return [m.id or 0 for m in progress.milestones]


def _renumbered(milestones: list[Milestone], goal_id: int) -> list[Milestone]:
    return [replace(m, goal_id=goal_id, position=n) for n, m in enumerate(milestones)]


def milestone_move(old: list[GoalProgress], new: list[GoalProgress]) -> MilestoneMove | None:
    """The one milestone move that turns ``old`` into ``new`` exactly, or None."""
    if [p.goal for p in old] != [p.goal for p in new]:
        return None
    changed = [row for row, (a, b) in enumerate(zip(old, new, strict=True)) if _ids(a) != _ids(b)]
    if not 1 <= len(changed) <= 2:
        return None
    source = next((r for r in changed if len(old[r].milestones) > len(new[r].milestones)), None)
    if source is None and len(changed) == 1:
        source = changed[0]
    if source is None:
        return None
    target = next((r for r in changed if r != source), source)
    before, after = _ids(old[source]), _ids(new[target])
    for source_row, moved in enumerate(before):
        if moved not in after:
            continue
        target_row = after.index(moved)
        steps = list(old[source].milestones)
        item = steps.pop(source_row)
        into = steps if target == source else list(old[target].milestones)
        into.insert(target_row, item)
        guess = [list(p.milestones) for p in old]
        guess[source] = _renumbered(steps, old[source].goal.id or 0)
        guess[target] = _renumbered(into, old[target].goal.id or 0)
        if guess == [p.milestones for p in new]:
            return MilestoneMove(source, source_row, target, target_row)
    return None
