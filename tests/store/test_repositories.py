"""CRUD per repository, and what goes when a mentee, note or meeting is deleted."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mentordesk.domain.models import (
    ActionItem,
    Channel,
    Feedback,
    FeedbackDirection,
    Goal,
    GoalStatus,
    Meeting,
    Mentee,
    MenteeStatus,
    Milestone,
    MilestoneStatus,
    Note,
    Owner,
    Resource,
    ResourceKind,
    Settings,
    Win,
    WorkingHours,
)
from mentordesk.services import Workspace

KOLKATA = ZoneInfo("Asia/Kolkata")


def _mentee(ws: Workspace, name: str = "Priya Raman") -> Mentee:
    return ws.save_mentee(
        Mentee(
            name=name,
            time_zone="Asia/Kolkata",
            pronouns="she/her",
            organisation="Acme",
            role="Backend engineer",
            hours=WorkingHours(time(10), time(18, 30), (1, 2, 3, 4, 5)),
            channels=(
                Channel("email", "priya@example.org"),
                Channel("video", "https://meet.example.org/priya"),
            ),
            background="Five years of Java services.",
            interests="Distributed systems",
            expectations="Grow into a tech lead",
            cadence_days=14,
            tags=("tech-lead", "backend"),
        )
    )


def _count(ws: Workspace, table: str) -> int:
    return ws.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_mentee_round_trip_and_update(workspace: Workspace) -> None:
    saved = _mentee(workspace)
    assert saved.id is not None and saved.created_at is not None
    loaded = workspace.mentee(saved.id)
    assert loaded.hours == WorkingHours(time(10), time(18, 30), (1, 2, 3, 4, 5))
    assert loaded.channels == (
        Channel("email", "priya@example.org"),
        Channel("video", "https://meet.example.org/priya"),
    )
    assert loaded.email == "priya@example.org"
    assert loaded.tags == ("tech-lead", "backend")
    loaded.status = MenteeStatus.PAUSED
    loaded.cadence_days = 21
    updated = workspace.save_mentee(loaded)
    assert (updated.status, updated.cadence_days) == (MenteeStatus.PAUSED, 21)
    assert workspace.find_mentee("PRIYA RAMAN").id == saved.id
    assert workspace.find_mentee(str(saved.id)).name == "Priya Raman"


def test_mentee_list_filters_and_sorts(workspace: Workspace) -> None:
    for name, zone in [("Zoe", "Europe/London"), ("adam", "Asia/Kathmandu"), ("Mia", "UTC")]:
        workspace.save_mentee(Mentee(name=name, time_zone=zone))
    assert [m.name for m in workspace.list_mentees()] == ["adam", "Mia", "Zoe"]
    assert [m.name for m in workspace.list_mentees(descending=True)] == ["Zoe", "Mia", "adam"]
    assert [m.name for m in workspace.list_mentees("kathm")] == ["adam"]
    assert workspace.list_mentees("100%_") == []  # LIKE wildcards are taken literally


def test_goals_and_milestones(workspace: Workspace) -> None:
    mentee = _mentee(workspace)
    assert mentee.id is not None
    goal = workspace.add_goal(
        Goal(mentee.id, "Lead the Q3 migration", status=GoalStatus.IN_PROGRESS),
        [
            Milestone(0, "Write the RFC", status=MilestoneStatus.DONE),
            Milestone(0, "Run the pilot", status=MilestoneStatus.IN_PROGRESS),
            Milestone(0, "Roll out"),
        ],
    )
    [progress] = workspace.goal_progress(mentee.id)
    assert progress.goal.title == "Lead the Q3 migration"
    assert [m.title for m in progress.milestones] == ["Write the RFC", "Run the pilot", "Roll out"]
    assert progress.percent == 33  # an in-progress milestone is not half done
    assert goal.id is not None
    extra = workspace.goals.add_milestone(Milestone(goal.id, "Retrospective"))
    assert extra.position == 3
    workspace.goals.delete_milestone(extra.id or 0)
    workspace.goals.delete(goal.id)
    assert _count(workspace, "milestones") == 0


def test_notes_search_and_fts_follow_edits(workspace: Workspace) -> None:
    mentee = _mentee(workspace)
    assert mentee.id is not None
    note = workspace.save_note(Note(mentee.id, "We practised the **keynote** opening.", "Talk"))
    assert [n.id for n in workspace.search_notes("keynote")] == [note.id]
    assert [n.id for n in workspace.search_notes("keyn")] == [note.id]  # prefix while typing
    note.body = "We rehearsed the conference abstract."
    workspace.save_note(note)
    assert workspace.search_notes("keynote") == []
    assert [n.id for n in workspace.search_notes('"conference abstract"')] == [note.id]
    assert workspace.search_notes('AND OR "') == []  # operators typed by a user are harmless
    workspace.notes.delete(note.id or 0)
    assert workspace.search_notes("conference") == []


def test_feedback_wins_resources_actions_settings(workspace: Workspace) -> None:
    mentee = _mentee(workspace)
    mid = mentee.id or 0
    workspace.add_feedback(Feedback(mid, FeedbackDirection.TO_MENTEE, "Clear demo.", date.today()))
    workspace.add_feedback(
        Feedback(mid, FeedbackDirection.FROM_MENTEE, "More async.", date.today())
    )
    workspace.add_win(Win(mid, "Promoted to senior", date.today()))
    workspace.add_resource(Resource("Staff Eng", "https://staffeng.com", ResourceKind.BOOK, mid))
    item = workspace.add_action(ActionItem(mid, "Send the RFC template", Owner.MENTOR))
    directions = {f.direction for f in workspace.feedback.for_mentee(mid)}
    assert directions == {FeedbackDirection.FROM_MENTEE, FeedbackDirection.TO_MENTEE}
    assert workspace.wins.for_mentee(mid)[0].title == "Promoted to senior"
    assert workspace.resources.for_mentee(mid)[0].kind is ResourceKind.BOOK
    assert [a.text for a in workspace.notes.open_actions()] == ["Send the RFC template"]
    workspace.set_action_done(item.id or 0)
    assert workspace.notes.open_actions() == []
    workspace.save_settings(Settings("Sam", "Europe/Berlin", WorkingHours(time(8), time(16))))
    assert workspace.settings().time_zone == "Europe/Berlin"
    assert workspace.settings().hours.start == time(8)


def test_deleting_a_mentee_removes_everything_of_theirs(workspace: Workspace) -> None:
    keep = _mentee(workspace, "Keeper")
    gone = _mentee(workspace, "Leaver")
    for person in (keep, gone):
        mid = person.id or 0
        goal = workspace.add_goal(Goal(mid, "Goal"), [Milestone(0, "Step")])
        start = datetime(2026, 1, 5, 9, 0, tzinfo=KOLKATA)
        meeting = workspace.save_meeting(Meeting(mid, "1:1", start, rrule="FREQ=WEEKLY"))
        workspace.mark_held(meeting.id or 0, start)
        workspace.save_note(Note(mid, f"notes about {person.name}", meeting_id=meeting.id))
        workspace.add_action(ActionItem(mid, "Do it"))
        workspace.add_feedback(Feedback(mid, FeedbackDirection.TO_MENTEE, "Good", date.today()))
        workspace.add_win(Win(mid, "Win", date.today(), goal_id=goal.id))
        workspace.add_resource(Resource("R", "https://example.org", mentee_id=mid))
    tables = ["goals", "milestones", "meetings", "meeting_occurrences", "notes", "action_items"]
    tables += ["feedback", "wins", "resources"]
    assert all(_count(workspace, t) == 2 for t in tables)
    workspace.delete_mentee(gone.id or 0)
    assert {t: _count(workspace, t) for t in tables} == dict.fromkeys(tables, 1)
    assert workspace.search_notes("Leaver") == []
    assert len(workspace.search_notes("Keeper")) == 1


def test_deleting_a_meeting_keeps_its_notes(workspace: Workspace) -> None:
    mentee = _mentee(workspace)
    start = datetime(2026, 3, 2, 9, tzinfo=KOLKATA)
    meeting = workspace.save_meeting(Meeting(mentee.id or 0, "Intro", start, timedelta(hours=1)))
    note = workspace.save_note(Note(mentee.id or 0, "Intro notes", meeting_id=meeting.id))
    workspace.meetings.delete(meeting.id or 0)
    assert workspace.note(note.id or 0).meeting_id is None


def test_a_search_lists_only_the_newest_matches_when_capped(workspace: Workspace) -> None:
    first = _mentee(workspace, "First")
    second = _mentee(workspace, "Second")
    ids = [
        workspace.save_note(Note((first if i % 2 else second).id or 0, f"retro number {i}")).id
        for i in range(6)
    ]
    newest_three = list(reversed(ids))[:3]
    assert workspace.notes.ids("retro", match_limit=3) == newest_three
    assert workspace.notes.ids("retro", sort="title", descending=False, match_limit=3) == sorted(
        newest_three
    )
    # Within one mentee every match is listed: the cap must not hide their notes.
    assert len(workspace.notes.ids("retro", mentee_id=second.id, match_limit=1)) == 3


def test_search_ranks_few_matches_and_lists_many_newest_first(workspace: Workspace) -> None:
    mentee = _mentee(workspace)
    bodies = ["salary talk", "salary salary salary negotiation", "a salary", "salary"]
    ids = [workspace.save_note(Note(mentee.id or 0, body)).id for body in bodies]
    ranked = workspace.notes.search("salary", rank_limit=10)
    assert ranked[0] == ids[1]  # the note most about it comes first
    assert workspace.notes.search("salary", rank_limit=3) == list(reversed(ids))
