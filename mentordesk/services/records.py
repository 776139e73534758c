"""What the relationship records: goals and milestones, action items, feedback, wins and
shared resources. Each write validates first (ValidationError names the field)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import ActionItem, Feedback, Goal, Milestone, Resource, Win
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.validation import validate_name, validate_text, validate_url
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.store.repositories.goals import GoalRepository
from mentordesk.store.repositories.notes import NoteRepository
from mentordesk.store.repositories.records import (
    FeedbackRepository,
    ResourceRepository,
    WinRepository,
)


class RecordService:
    def __init__(
        self,
        goals: GoalRepository,
        notes: NoteRepository,
        feedback: FeedbackRepository,
        wins: WinRepository,
        resources: ResourceRepository,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.goals = goals
        self.notes = notes
        self.feedback = feedback
        self.wins = wins
        self.resources = resources

    def goal_progress(self, mentee_id: int) -> list[GoalProgress]:
        goals = self.goals.for_mentee(mentee_id)
        milestones = self.goals.milestones(g.id for g in goals if g.id is not None)
        return [GoalProgress(g, milestones.get(g.id or 0, [])) for g in goals]

    def add_goal(self, goal: Goal, milestones: Sequence[Milestone] = ()) -> Goal:
        title = validate_name(goal.title, "title", "Goal title")
        if goal.start_date and goal.target_date and goal.target_date < goal.start_date:
            raise ValidationError(
                "target_date", "Target date is before the start date — choose a later target."
            )
        for m in milestones:
            validate_name(m.title, "milestone", "Milestone title")
        added = self.goals.add(replace(goal, title=title), list(milestones))
        self.feed.report(Changes.of(Kind.GOALS, mentee=added.mentee_id))
        return added

    def add_action(self, item: ActionItem) -> ActionItem:
        text = validate_text(item.text, "text", "Action item")
        added = self.notes.add_action(replace(item, text=text))
        self.feed.report(Changes.of(Kind.ACTIONS, mentee=added.mentee_id))
        return added

    def set_action_done(self, item_id: int, done: bool = True) -> None:
        self.notes.set_action_done(item_id, done)
        self.feed.report(Changes.of(Kind.ACTIONS))

    def add_feedback(self, fb: Feedback) -> Feedback:
        added = self.feedback.add(replace(fb, body=validate_text(fb.body, "body", "Feedback")))
        self.feed.report(Changes.of(Kind.FEEDBACK, mentee=added.mentee_id))
        return added

    def add_win(self, win: Win) -> Win:
        validate_name(win.title, "title", "Win")
        added = self.wins.add(win)
        self.feed.report(Changes.of(Kind.WINS, mentee=added.mentee_id))
        return added

    def add_resource(self, res: Resource) -> Resource:
        validate_name(res.title, "title", "Resource title")
        added = self.resources.add(replace(res, url=validate_url(res.url)))
        self.feed.report(Changes.of(Kind.RESOURCES, mentee=added.mentee_id))
        return added
