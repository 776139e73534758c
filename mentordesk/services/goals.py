"""Goals and milestones: adding, editing, ordering, completing, revisiting and deleting, each
reported as a change (Kind.GOALS; a completion that adds or removes a win also Kind.WINS).

Every write is one transaction. Deletes return what they removed, so that undo can put it
back exactly (same ids); a milestone's completion returns the win it made, so that undoing
the completion removes just that win.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.goal_rules import validate_goal, validate_milestone
from mentordesk.domain.models import Goal, GoalRevisit, Milestone, MilestoneStatus, Win
from mentordesk.domain.progress import GoalProgress, next_revisit
from mentordesk.domain.views import GoalToRevisit
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.mentor import MentorSettings
from mentordesk.store.database import Database
from mentordesk.store.repositories.goal_rows import GoalRows, RemovedRows
from mentordesk.store.repositories.goals import GoalRepository
from mentordesk.store.repositories.mentees import MenteeRepository
from mentordesk.store.repositories.records import WinRepository

__all__ = ["GoalService", "GoalToRevisit", "RemovedRows", "WinRows"]

#: Whole rows of wins, kept by an undo command (opaque to it).
WinRows = tuple[dict[str, object], ...]


class GoalService:
    def __init__(
        self,
        db: Database,
        goals: GoalRepository,
        wins: WinRepository,
        mentees: MenteeRepository,
        feed: ChangeFeed,
        mentor: MentorSettings,
    ) -> None:
        self.db = db
        #: Whose calendar "today" is: a completion or a revisit is dated in the mentor's zone.
        self.mentor = mentor
        self.mentees = mentees
        self.goals = goals
        self.wins = wins
        self.rows = GoalRows(db)
        self.feed = feed

    def _report(self, mentee_id: int, *kinds: Kind) -> None:
        self.feed.report(Changes.of(Kind.GOALS, *kinds, mentee=mentee_id))

    # -- reading ----------------------------------------------------------------------------

    def progress(self, mentee_id: int) -> list[GoalProgress]:
        goals = self.goals.for_mentee(mentee_id)
        milestones = self.goals.milestones(g.id for g in goals if g.id is not None)
        return [GoalProgress(g, milestones.get(g.id or 0, [])) for g in goals]

    def goal(self, goal_id: int) -> Goal:
        return self._known_goal(goal_id)

    def milestone(self, milestone_id: int) -> Milestone:
        try:
            return self.goals.milestone(milestone_id)
        except KeyError:
            raise ValidationError(
                "milestone", f"No milestone has id {milestone_id} — list them with 'goals'."
            ) from None

    def _known_goal(self, goal_id: int) -> Goal:
        try:
            return self.goals.get(goal_id)
        except KeyError:
            raise ValidationError(
                "goal", f"No goal has id {goal_id} — list a mentee's goals with 'goals'."
            ) from None

    def revisits(self, goal_id: int) -> list[GoalRevisit]:
        return self.goals.revisits(goal_id)

    def to_revisit(self, today: date, limit: int | None = None) -> list[GoalToRevisit]:
        """Open goals of active mentees that are due a look (``GoalProgress.revisit_reason``),
        the longest waiting first; the first ``limit`` of them when given.

        Goals whose revisit date has come sort first, so when there are ``limit`` of those
        they are the answer, read in index order; otherwise every open goal is weighed (a
        large practice has thousands: ~400 ms).
        """
        if limit is not None:
            due = self.goals.revisit_due(today, limit)
            if len(due) == limit:
                return self._revisits(due, today)
        found = self._revisits(self.goals.open_goals(), today)
        return found if limit is None else found[:limit]

    def _revisits(self, goals: list[Goal], today: date) -> list[GoalToRevisit]:
        names = self.mentees.names(g.mentee_id for g in goals) if goals else {}
        milestones = self.goals.milestones(g.id or 0 for g in goals)
        found = []
        for goal in goals:
            progress = GoalProgress(goal, milestones.get(goal.id or 0, []))
            reason = progress.revisit_reason(today)
            if reason is not None:
                name = names.get(goal.mentee_id, "")
                found.append(GoalToRevisit(goal.mentee_id, name, progress, reason))
        return sorted(
            found, key=lambda g: (g.progress.goal.revisit_date or date.max, g.mentee_name)
        )

    # -- goals ------------------------------------------------------------------------------

    def add_goal(
        self,
        goal: Goal,
        milestones: tuple[Milestone, ...] = (),
        index: int | None = None,
        today: date | None = None,
    ) -> Goal:
        """Adds a goal (last, or at ``index``); its revisit date defaults to four weeks on."""
        clean = validate_goal(goal)
        if clean.revisit_date is None:
            clean = replace(clean, revisit_date=next_revisit(today or self.mentor.today()))
        steps = tuple(validate_milestone(m) for m in milestones)
        added = self.goals.add(clean, steps, index)
        self._report(added.mentee_id)
        return added

    def add_goals(self, plan: list[GoalProgress], today: date | None = None) -> list[int]:
        """Adds several goals with their milestones after the mentee's others, all or none
        (one transaction, one change): a roadmap template applied. Returns the new ids."""
        checked = []
        for progress in plan:
            clean = validate_goal(progress.goal)
            if clean.revisit_date is None:
                clean = replace(clean, revisit_date=next_revisit(today or self.mentor.today()))
            checked.append((clean, tuple(validate_milestone(m) for m in progress.milestones)))
        if not checked:
            return []
        with self.db.transaction():
            added = [self.goals.add(goal, steps) for goal, steps in checked]
        self._report(added[0].mentee_id)
        return [int(g.id or 0) for g in added]

    def delete_goals(self, goal_ids: list[int]) -> list[RemovedRows]:
        """Deletes the goals (last first) in one transaction; ``restore_goals`` puts them
        back."""
        if not goal_ids:
            return []
        mentee_id = self._known_goal(goal_ids[0]).mentee_id
        with self.db.transaction():
            removed = [self.rows.delete_goal(goal_id) for goal_id in reversed(goal_ids)]
        self._report(mentee_id, Kind.WINS, Kind.RESOURCES)
        return removed

    def restore_goals(self, removed: list[RemovedRows], mentee_id: int) -> None:
        with self.db.transaction():
            for rows in reversed(removed):
                self.rows.restore(rows)
        self._report(mentee_id, Kind.WINS, Kind.RESOURCES)

    def update_goal(self, goal: Goal) -> Goal:
        """Saves the goal's fields; switching "Include in summaries" switches the wins its
        milestones made with it."""
        clean = validate_goal(goal)
        before = self._known_goal(int(goal.id or 0))
        saved = self.goals.update(clean)
        self._report(
            saved.mentee_id, *((Kind.WINS,) if before.shareable != saved.shareable else ())
        )
        return saved

    def move_goal(self, goal_id: int, index: int) -> None:
        goal = self._known_goal(goal_id)
        self.goals.move(goal_id, index)
        self._report(goal.mentee_id)

    def delete_goal(self, goal_id: int) -> RemovedRows:
        """Deletes the goal with its milestones and revisits; its wins and resources stay,
        unlinked. Returns what ``restore`` needs to put it all back."""
        goal = self._known_goal(goal_id)
        removed = self.rows.delete_goal(goal_id)
        self._report(goal.mentee_id, Kind.WINS, Kind.RESOURCES)
        return removed

    def restore(self, removed: RemovedRows, mentee_id: int) -> None:
        self.rows.restore(removed)
        self._report(mentee_id, Kind.WINS, Kind.RESOURCES)

    # -- milestones -------------------------------------------------------------------------

    def add_milestone(self, milestone: Milestone, index: int | None = None) -> Milestone:
        goal = self._known_goal(milestone.goal_id)
        clean = validate_milestone(milestone)
        if clean.status is MilestoneStatus.DONE:
            raise ValidationError("status", "Add the milestone first, then mark it done.")
        added = self.goals.add_milestone(clean, index)
        self._report(goal.mentee_id)
        return added

    def milestone_wins(self, milestone_id: int) -> WinRows:
        """The wins the milestone's completion made (for an undo that completes it again)."""
        return self.rows.milestone_wins(milestone_id)

    def update_milestone(
        self, milestone: Milestone, today: date | None = None, wins: WinRows = ()
    ) -> Milestone:
        """Saves the milestone. Becoming done records ``done_on`` (given, else today) and adds
        one win for the mentee linked to the goal (or puts back ``wins``, the ones an undone
        un-completion removed); leaving done clears it and removes that win. One
        transaction."""
        clean = validate_milestone(milestone)
        before = self.milestone(int(milestone.id or 0))
        goal = self._known_goal(before.goal_id)
        completing = clean.status is MilestoneStatus.DONE
        was_done = before.status is MilestoneStatus.DONE
        if completing and clean.done_on is None:
            clean = replace(clean, done_on=today or self.mentor.today())
        if not completing:
            clean = replace(clean, done_on=None)
        with self.db.transaction():
            saved = self.goals.update_milestone(replace(clean, goal_id=before.goal_id))
            if completing and not was_done and wins:
                self.rows.put_back_wins(wins)
            elif completing and not was_done:
                self.wins.add(
                    Win(
                        goal.mentee_id,
                        f"Milestone reached: {saved.title}",
                        saved.done_on or self.mentor.today(),
                        goal_id=goal.id,
                        milestone_id=saved.id,
                        shareable=goal.shareable,
                    )
                )
            elif was_done and not completing:
                for win in self.wins.for_milestone(int(saved.id or 0)):
                    self.wins.delete(int(win.id or 0))
        touched = (Kind.WINS,) if completing != was_done else ()
        self._report(goal.mentee_id, *touched)
        return saved

    def complete_milestone(self, milestone_id: int, on: date | None = None) -> Milestone:
        m = self.milestone(milestone_id)
        if m.status is MilestoneStatus.DONE:
            raise ValidationError("milestone", f"Milestone {milestone_id} is already done.")
        return self.update_milestone(replace(m, status=MilestoneStatus.DONE, done_on=on), on)

    def move_milestone(self, milestone_id: int, goal_id: int, index: int) -> None:
        """Reorders a milestone, or moves it under another goal of the same mentee."""
        moving = self.milestone(milestone_id)
        source = self._known_goal(moving.goal_id)
        target = self._known_goal(goal_id)
        if target.mentee_id != source.mentee_id:
            raise ValidationError("goal", "A milestone can move only to a goal of the same mentee.")
        self.goals.move_milestone(milestone_id, goal_id, index)
        self._report(source.mentee_id, Kind.WINS)

    def delete_milestone(self, milestone_id: int) -> RemovedRows:
        goal = self._known_goal(self.milestone(milestone_id).goal_id)
        removed = self.rows.delete_milestone(milestone_id)
        self._report(goal.mentee_id, Kind.WINS)
        return removed

    # -- revisits ---------------------------------------------------------------------------

    def mark_revisited(self, goal_id: int, on: date, note: str = "") -> GoalRevisit:
        """Records the revisit and moves the goal's revisit date four weeks on from it."""
        goal = self._known_goal(goal_id)
        added = self.goals.add_revisit(GoalRevisit(goal_id, on, note.strip()), next_revisit(on))
        self._report(goal.mentee_id)
        return added

    def unmark_revisited(self, revisit: GoalRevisit, revisit_date: date | None) -> None:
        goal = self._known_goal(revisit.goal_id)
        self.goals.remove_revisit(int(revisit.id or 0), revisit_date)
        self._report(goal.mentee_id)
