"""What the relationship records besides goals (``goals.py``): action items, feedback, wins
and shared resources. Each write validates first (ValidationError names the field)."""

from __future__ import annotations

from dataclasses import replace

from mentordesk.domain.models import ActionItem, Feedback, Resource, Win
from mentordesk.domain.validation import validate_name, validate_text, validate_url
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.store.repositories.notes import NoteRepository
from mentordesk.store.repositories.records import (
    FeedbackRepository,
    ResourceRepository,
    WinRepository,
)


class RecordService:
    def __init__(
        self,
        notes: NoteRepository,
        feedback: FeedbackRepository,
        wins: WinRepository,
        resources: ResourceRepository,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.notes = notes
        self.feedback = feedback
        self.wins = wins
        self.resources = resources

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
