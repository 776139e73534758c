"""The Today page's detail panel: everything about the selected row, as a little HTML page."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from mentordesk.domain.channels import label as channel_label
from mentordesk.domain.models import Mentee, OccurrenceStatus, Owner
from mentordesk.domain.views import (
    CheckIn,
    GoalToRevisit,
    NoteSummary,
    OpenAction,
    UpcomingMeeting,
)
from mentordesk.services import Workspace
from mentordesk.services.agenda import NamedWin
from mentordesk.ui.formatting import (
    ago,
    day_label,
    days_text,
    describe_rrule,
    due_phrase,
    duration_text,
    note_title,
    plural,
    safe_zone,
    short_date,
)

_NOTE_CHARS = 2000

TodayRow = UpcomingMeeting | CheckIn | OpenAction | NoteSummary | GoalToRevisit | Mentee | NamedWin


def _page(title: str, lines: list[str], body: str = "") -> str:
    parts = [f"<p style='font-size:large'><b>{escape(title)}</b></p>"]
    parts.append("<p>" + "<br>".join(lines) + "</p>")
    if body:
        text = escape(body).replace("\n", "<br>")
        parts.append(f"<p>{text}</p>")
    return "".join(parts)


def _line(label: str, value: str) -> str:
    return f"{escape(label)}: {escape(value)}"


def _full_when(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    local = moment.astimezone(zone)
    return f"{local:%A} {short_date(local.date(), now.date())}, {local:%H:%M}"


def detail_html(row: TodayRow, workspace: Workspace, now: datetime, zone: ZoneInfo) -> str:
    if isinstance(row, UpcomingMeeting):
        return _meeting(row, now, zone)
    if isinstance(row, CheckIn):
        return _check_in(row, now, zone)
    if isinstance(row, OpenAction):
        return _action(row, now)
    if isinstance(row, GoalToRevisit):
        return _goal(row, now)
    if isinstance(row, Mentee):
        return _unbooked(row, now, zone)
    if isinstance(row, NamedWin):
        return _win(row, workspace, now)
    return _note(row, workspace, now)


def _person_lines(mentee: Mentee, now: datetime) -> list[str]:
    """Their time now, hours and channels: what planning a meeting with them needs."""
    lines = []
    theirs = safe_zone(mentee.time_zone)
    if theirs is not None:
        local = now.astimezone(theirs)
        lines.append(_line("Their time now", f"{local:%H:%M} {mentee.time_zone}"))
    hours = mentee.hours
    lines.append(_line("Works", f"{hours.start:%H:%M}–{hours.end:%H:%M}, {days_text(hours.days)}"))
    lines.extend(_line(channel_label(c.kind), c.value) for c in mentee.channels)
    return lines


def _unbooked(mentee: Mentee, now: datetime, zone: ZoneInfo) -> str:
    today = now.astimezone(zone).date()
    last = (
        f"{short_date(mentee.last_contact.astimezone(zone).date(), today)}"
        f" ({ago(mentee.last_contact, now)})"
        if mentee.last_contact
        else "none yet"
    )
    lines = [
        escape("No meeting planned in the next three months."),
        _line("Last contact", last),
        _line("Check in", f"every {plural(mentee.cadence_days, 'day')}"),
        *_person_lines(mentee, now),
        escape("Enter or Plan Meeting… (Ctrl+Shift+M) opens the Planner with them ticked."),
    ]
    name = f"{mentee.name} ({mentee.pronouns})" if mentee.pronouns else mentee.name
    return _page(name, lines)


def _win(row: NamedWin, workspace: Workspace, now: datetime) -> str:
    win, today = row.win, now.date()
    lines = [_line("Mentee", row.mentee_name), _line("When", short_date(win.happened_on, today))]
    if win.milestone_id is not None:
        lines.append(escape("From a milestone completed on the roadmap"))
    if win.goal_id is not None:
        try:
            goal = workspace.roadmap.goal(win.goal_id)
        except KeyError:  # deleted meanwhile
            goal = None
        if goal is not None:
            lines.append(_line("Goal", goal.title))
    lines.append(escape("Shared in progress summaries" if win.shareable else "Private to you"))
    lines.append(escape("Enter opens their dashboard."))
    return _page(" ".join(win.title.split()), lines)


def _goal(row: GoalToRevisit, now: datetime) -> str:
    progress, today = row.progress, now.date()
    goal = progress.goal
    lines = [_line("Mentee", row.mentee_name), _line("Why", row.reason)]
    done, counted = progress.counted
    steps = f" ({done} of {plural(counted, 'milestone')})" if counted else ""
    lines.append(_line("Progress", f"{progress.percent}%{steps}"))
    for label, day in (("Target", goal.target_date), ("Revisit", goal.revisit_date)):
        if day is not None:
            lines.append(_line(label, short_date(day, today)))
    step = progress.next_milestone()
    if step is not None:
        due = f", due {short_date(step.due_date, today)}" if step.due_date else ""
        lines.append(_line("Next milestone", f"{step.title}{due}"))
    lines.append("Enter opens the roadmap; there, Goals ▸ Mark Revisited… records the look.")
    return _page(goal.title, lines, goal.success_criteria)


def _meeting(row: UpcomingMeeting, now: datetime, zone: ZoneInfo) -> str:
    occurrence = row.occurrence
    meeting = occurrence.meeting
    end = occurrence.end.astimezone(zone)
    lines = [
        _line("With", f"{row.mentee_name} · {duration_text(meeting.duration)}"),
        _line("Your time", f"{_full_when(occurrence.start, zone, now)}–{end:%H:%M} ({zone.key})"),
    ]
    theirs = safe_zone(row.mentee_zone)
    if theirs is not None:
        their_end = occurrence.end.astimezone(theirs)
        when = _full_when(occurrence.start, theirs, now)
        lines.append(_line("Their time", f"{when}–{their_end:%H:%M} ({row.mentee_zone})"))
    lines.append(_line("Repeats", describe_rrule(meeting.rrule) or "no, a single meeting"))
    if meeting.zone not in (zone.key, row.mentee_zone):
        lines.append(_line("Planned in", meeting.zone))
    if meeting.location:
        lines.append(_line("Where", meeting.location))
    if occurrence.status is OccurrenceStatus.MOVED:
        moved_from = _full_when(occurrence.original_start, zone, now)
        lines.append(_line("Moved from", moved_from))
    if occurrence.reason:
        lines.append(_line("Why", occurrence.reason))
    return _page(meeting.title, lines)


def _check_in(row: CheckIn, now: datetime, zone: ZoneInfo) -> str:
    mentee = row.mentee
    today = now.astimezone(zone).date()
    due = f"{day_label(row.due_on, today)} ({due_phrase(row.days_overdue)})"
    last = (
        f"{short_date(row.last_contact.astimezone(zone).date(), today)}"
        f" ({ago(row.last_contact, now)})"
        if row.last_contact
        else "none yet (a meeting held, a call or a logged contact counts)"
    )
    lines = [
        _line("Check in", f"every {plural(mentee.cadence_days, 'day')}"),
        _line("Due", due),
        _line("Last contact", last),
    ]
    lines.extend(_person_lines(mentee, now))
    name = f"{mentee.name} ({mentee.pronouns})" if mentee.pronouns else mentee.name
    return _page(name, lines)


def _action(row: OpenAction, now: datetime) -> str:
    item = row.item
    today = now.date()
    owner = "you" if item.owner is Owner.MENTOR else row.mentee_name
    lines = [_line("For", row.mentee_name), _line("Whose", owner)]
    if item.due_date is not None:
        overdue = item.due_date < today
        due = short_date(item.due_date, today) + (" — overdue" if overdue else "")
        lines.append(_line("Due", due))
    if item.created_at is not None:
        lines.append(_line("Added", ago(item.created_at, now)))
    return _page(" ".join(item.text.split()), lines)


def _note(row: NoteSummary, workspace: Workspace, now: datetime) -> str:
    body = workspace.note(row.id).body
    if len(body) > _NOTE_CHARS:
        body = body[:_NOTE_CHARS].rstrip() + " …"
    lines = [
        _line("About", row.mentee_name),
        _line("Updated", ago(row.updated_at, now)),
        escape("Shareable with the mentee" if row.shareable else "Private to you"),
    ]
    return _page(note_title(row.title, body), lines, body)
