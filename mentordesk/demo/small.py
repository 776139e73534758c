"""Seeds the small demo through the services, so every row passes the same validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from mentordesk.demo.cast import CAST, MENTOR_SETTINGS
from mentordesk.demo.plan import ActionSpec, MeetingSpec, MenteeSpec, NoteSpec
from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    Goal,
    Meeting,
    Milestone,
    Note,
    Resource,
    Win,
)
from mentordesk.planner.recurrence import expand
from mentordesk.services import Workspace

# Far enough ahead to find a series' first occurrence however sparse its rule.
_RULE_SEARCH = timedelta(days=400)


@dataclass(slots=True)
class _Clock:
    """Turns the plan's day offsets into dates and instants around ``now``."""

    now: datetime
    home: ZoneInfo

    @property
    def today(self) -> date:
        return self.now.astimezone(self.home).date()

    def day(self, offset: int | None) -> date | None:
        return None if offset is None else self.today + timedelta(days=offset)

    def instant(self, offset: int, hour: int = 12, minute: int = 0) -> datetime:
        local = datetime.combine(self.today + timedelta(days=offset), datetime.min.time())
        return local.replace(hour=hour, minute=minute, tzinfo=self.home).astimezone(UTC)


def _weekday(day: date, offset: int) -> date:
    """Meetings fall on weekdays: past ones move back to Friday, future ones on to Monday."""
    if day.isoweekday() <= 5:
        return day
    if offset < 0:
        return day - timedelta(days=day.isoweekday() - 5)
    return day + timedelta(days=8 - day.isoweekday())


def _first_start(spec: MeetingSpec, zone: ZoneInfo, clock: _Clock) -> datetime:
    local_today = clock.now.astimezone(zone).date()
    rough = datetime.combine(_weekday(local_today + timedelta(days=spec.days), spec.days), spec.at)
    start = rough.replace(tzinfo=zone)
    if spec.rrule:
        # A series starts on its rule's first real occurrence (e.g. the first Tuesday).
        start = next(expand(start, spec.rrule, start, start + _RULE_SEARCH))
    return start


def _past(meeting: Meeting, now: datetime) -> list[datetime]:
    """Occurrences that have already ended, oldest first."""
    return [
        o
        for o in expand(meeting.start, meeting.rrule, meeting.start, now)
        if o + meeting.duration <= now
    ]


def _add_action(ws: Workspace, mentee_id: int, spec: ActionSpec, clock: _Clock,
                created: datetime, note_id: int | None = None) -> None:  # fmt: skip
    ws.add_action(
        ActionItem(
            mentee_id=mentee_id,
            text=spec.text,
            owner=spec.owner,
            due_date=clock.day(spec.due),
            done_at=None if spec.done is None else clock.instant(spec.done, 16, 0),
            note_id=note_id,
            created_at=created,
        )
    )


def _seed_meetings(
    ws: Workspace, spec: MenteeSpec, mentee_id: int, clock: _Clock
) -> dict[str, tuple[Meeting, list[datetime]]]:
    """Saves the meetings and marks past occurrences held; returns them by key."""
    found: dict[str, tuple[Meeting, list[datetime]]] = {}
    for m in spec.meetings:
        zone = ZoneInfo(m.zone or spec.mentee.time_zone)
        meeting = ws.save_meeting(
            Meeting(
                mentee_id=mentee_id,
                title=m.title,
                start=_first_start(m, zone, clock),
                duration=timedelta(minutes=m.minutes),
                rrule=m.rrule,
                location=m.location,
            )
        )
        past = _past(meeting, clock.now)
        for back, original in enumerate(reversed(past), start=1):
            if back not in m.missed:
                ws.mark_held(int(meeting.id or 0), original)
        found[m.key] = (meeting, past)
    return found


def _note_time(
    note: NoteSpec, meetings: dict[str, tuple[Meeting, list[datetime]]], clock: _Clock
) -> tuple[datetime, int | None]:
    if note.meeting is None:
        return clock.instant(note.days, note.at.hour, note.at.minute), None
    meeting, past = meetings[note.meeting]
    # A young series may have fewer past occurrences than the plan counts back.
    original = past[-min(note.occurrence, len(past))]
    return (original + meeting.duration).astimezone(UTC), meeting.id


def _seed_mentee(ws: Workspace, spec: MenteeSpec, clock: _Clock) -> None:
    mentee = ws.save_mentee(spec.mentee)
    mentee_id = int(mentee.id or 0)
    goal_ids: list[int | None] = []
    for position, g in enumerate(spec.goals):
        goal = ws.add_goal(
            Goal(mentee_id, g.title, g.description, g.status, clock.day(g.start),
                 clock.day(g.target), clock.day(g.revisit), position,
                 created_at=clock.instant(g.start or 0, 9, 0)),
            [Milestone(0, m.title, m.status, clock.day(m.due), clock.day(m.done))
             for m in g.milestones],
        )  # fmt: skip
        goal_ids.append(goal.id)

    meetings = _seed_meetings(ws, spec, mentee_id, clock)
    for n in spec.notes:
        written, meeting_id = _note_time(n, meetings, clock)
        note = ws.save_note(
            Note(mentee_id, n.body, n.title, n.shareable, meeting_id, created_at=written)
        )
        for action in n.actions:
            _add_action(ws, mentee_id, action, clock, written, note.id)
    for action in spec.actions:
        _add_action(ws, mentee_id, action, clock, clock.instant(action.created or 0, 10, 0))

    for fb in spec.feedback:
        ws.add_feedback(
            Feedback(mentee_id, fb.direction, fb.body, clock.day(fb.days) or clock.today)
        )
    for win in spec.wins:
        goal_id = None if win.goal is None else goal_ids[win.goal]
        ws.add_win(Win(mentee_id, win.title, clock.day(win.days) or clock.today, goal_id))
    for res in spec.resources:
        goal_id = None if res.goal is None else goal_ids[res.goal]
        ws.add_resource(Resource(res.title, res.url, res.kind, mentee_id, goal_id, res.notes))


def seed_demo(workspace: Workspace, now: datetime | None = None) -> None:
    """Writes the demo practice (mentor settings, mentees and their history) around ``now``.

    Deterministic: the same ``now`` gives the same content. Dates are relative to
    ``now``, so there is always something coming up and someone due for a check-in.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(second=0, microsecond=0)
    clock = _Clock(moment, ZoneInfo(MENTOR_SETTINGS.time_zone))
    # One transaction (the services' own become savepoints): all or nothing, one sync.
    with workspace.db.transaction():
        workspace.save_settings(MENTOR_SETTINGS)
        for spec in CAST:
            _seed_mentee(workspace, spec, clock)
