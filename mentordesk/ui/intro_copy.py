"""An intro session copied into the mentee's profile and roadmap, as one undoable step.

The profile fields chosen get the session's text below what they held
(``domain/intro_session.merged``); the goals chosen are added after the mentee's own
(``GoalService.add_goals``). Undo puts the profile back as it was and removes those goals
(kept whole, so redo brings back the same ids), as the roadmap's template step does.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from mentordesk.domain.intro_session import IntroGoal, merged
from mentordesk.domain.models import Goal, Mentee
from mentordesk.domain.progress import GoalProgress
from mentordesk.services import Workspace
from mentordesk.services.goals import RemovedRows


class CopyIntro(QUndoCommand):
    """``profile``: field -> the session's text for it; ``goals``: those to add."""

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        profile: dict[str, str],
        goals: list[IntroGoal],
    ) -> None:
        super().__init__("Copy Intro Session to Profile")
        self.workspace, self.mentee_id = workspace, mentee_id
        self.profile, self.goals = profile, goals
        self.before: dict[str, str] = {}
        self.goal_ids: list[int] = []
        self._removed: list[RemovedRows] = []

    def redo(self) -> None:
        mentee = self.workspace.mentee(self.mentee_id)
        if self.profile:
            self.before = {field: getattr(mentee, field) for field in self.profile}
            after = {f: merged(getattr(mentee, f), text) for f, text in self.profile.items()}
            self.workspace.save_mentee(replace(mentee, **after))
        if self._removed:
            self.workspace.roadmap.restore_goals(self._removed, self.mentee_id)
        elif self.goals:
            plan = [
                GoalProgress(Goal(self.mentee_id, g.title, success_criteria=g.success_criteria))
                for g in self.goals
            ]
            self.goal_ids = self.workspace.roadmap.add_goals(plan)

    def undo(self) -> None:
        if self.goal_ids:
            self._removed = self.workspace.roadmap.delete_goals(self.goal_ids)
        if self.before:
            mentee: Mentee = self.workspace.mentee(self.mentee_id)
            self.workspace.save_mentee(replace(mentee, **self.before))
