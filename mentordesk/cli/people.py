"""Mentees from the command line: ``today`` (what is due), ``mentees`` (the list),
``mentee show`` (a mentee's dashboard) and ``contact add`` (log an email, chat, call…).
Everything comes from the services the window uses; ``--json`` prints one object or list
whose items each name their mentee."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import EXIT_OK, exit_on_error
from mentordesk.cli.goals import _as_json as goal_json
from mentordesk.domain.cadence import check_in
from mentordesk.domain.contacts import LOGGABLE, Contact, parse_channel
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import ActionItem, Mentee, Occurrence
from mentordesk.domain.views import CheckIn
from mentordesk.planner.zones import utc_iso
from mentordesk.services import Workspace
from mentordesk.services.agenda import TodayAgenda
from mentordesk.services.clock import utc_now
from mentordesk.services.overview import MenteeDashboard

#: A JSON object as printed; the text output reads the same values.
Row = dict[str, Any]


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    return utc_iso(value) if isinstance(value, datetime) else value.isoformat()


def _local(moment: datetime, zone: ZoneInfo | str) -> str:
    where = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    return moment.astimezone(where).isoformat(timespec="minutes")


def _days_since(last: datetime | None, now: datetime) -> int | None:
    return None if last is None else (now - last).days


def _check_in_json(c: CheckIn, now: datetime) -> dict[str, object]:
    return {
        "mentee_id": c.mentee.id,
        "mentee": c.mentee.name,
        "last_contact": _iso(c.last_contact),
        "days_since_contact": _days_since(c.last_contact, now),
        "cadence_days": c.mentee.cadence_days,
        "due_on": _iso(c.due_on),
        "days_overdue": c.days_overdue,
    }


def _occurrence_json(
    o: Occurrence, name: str, their_zone: str, zone: ZoneInfo
) -> dict[str, object]:
    return {
        "mentee_id": o.meeting.mentee_id,
        "mentee": name,
        "meeting_id": o.meeting.id,
        "title": o.meeting.title,
        "start": _iso(o.start),
        "your_time": _local(o.start, zone),
        "their_time": _local(o.start, their_zone),
        "status": o.status.value,
    }


def _action_json(a: ActionItem, name: str) -> dict[str, object]:
    return {
        "mentee_id": a.mentee_id,
        "mentee": name,
        "id": a.id,
        "text": a.text,
        "owner": a.owner.value,
        "due": _iso(a.due_date),
        "done": a.done_at is not None,
    }


def _contact_json(c: Contact) -> dict[str, object]:
    return {
        "id": c.id,
        "at": _iso(c.at),
        "channel": c.channel.value,
        "summary": c.summary,
        "note_id": c.note_id,
    }


def today_json(agenda: TodayAgenda) -> dict[str, object]:
    o, zone = agenda.overview, agenda.zone
    today = o.now.astimezone(zone).date()
    return {
        "now": _iso(o.now),
        "your_zone": zone.key,
        "check_ins": [_check_in_json(c, o.now) for c in o.check_ins],
        "no_next_session": [
            {
                "mentee_id": m.id,
                "mentee": m.name,
                "last_contact": _iso(m.last_contact),
                "days_since_contact": _days_since(m.last_contact, o.now),
            }
            for m in agenda.no_next_session
        ],
        "upcoming": [
            _occurrence_json(u.occurrence, u.mentee_name, u.mentee_zone, zone) for u in o.upcoming
        ],
        "goals_to_revisit": [
            {
                "mentee_id": g.mentee_id,
                "mentee": g.mentee_name,
                "goal_id": g.progress.goal.id,
                "title": g.progress.goal.title,
                "progress": g.progress.percent,
                "reason": g.reason,
                "revisit": _iso(g.progress.goal.revisit_date),
            }
            for g in o.goals_to_revisit
        ],
        "open_actions": [_action_json(a.item, a.mentee_name) for a in o.open_actions],
        "recent_wins": [
            {
                "mentee_id": w.win.mentee_id,
                "mentee": w.mentee_name,
                "id": w.win.id,
                "title": w.win.title,
                "happened_on": _iso(w.win.happened_on),
                "days_ago": (today - w.win.happened_on).days,
            }
            for w in agenda.recent_wins
        ],
    }


def _since(days: int | None) -> str:
    if days is None:
        return "never in contact"
    return "in contact today" if days == 0 else f"last contact {days} d ago"


def _due(row: Row) -> str:
    if row.get("status", "active") != "active":
        return "none while " + row["status"]
    late = row["days_overdue"]
    return f"overdue by {late} d" if late > 0 else f"due {row['due_on']}"


def _clock(text: str) -> str:
    """'2026-12-09T15:00+00:00' as '2026-12-09 15:00'."""
    return text[:16].replace("T", " ")


_TODAY_LINES: list[tuple[str, str, Callable[[Row], str]]] = [
    ("check_ins", "Check-ins due", lambda c: f"{c['mentee']}: {_since(c['days_since_contact'])},"
     f" every {c['cadence_days']} d — {_due(c)}"),
    ("no_next_session", "No next session",
     lambda m: f"{m['mentee']} ({_since(m['days_since_contact'])})"),
    ("upcoming", "Upcoming meetings", lambda u: f"{_clock(u['your_time'])} (theirs"
     f" {_clock(u['their_time'])})  {u['mentee']} — {u['title']}"),
    ("goals_to_revisit", "Goals to revisit",
     lambda g: f"{g['mentee']}: {g['title']} ({g['progress']}%, {g['reason']})"),
    ("open_actions", "Open action items", lambda a: f"[{a['id']}] {a['mentee']}: {a['text']}"
     + (f" (due {a['due']})" if a["due"] else "")),
    ("recent_wins", "Recent wins", lambda w: f"{w['happened_on']} {w['mentee']}: {w['title']}"),
]  # fmt: skip


def _print_lists(data: Row, lines: list[tuple[str, str, Callable[[Row], str]]]) -> None:
    for key, title, line in lines:
        rows = data[key]
        print(f"{title}:")
        print("\n".join(f"  {line(r)}" for r in rows) if rows else "  (none)")


def cmd_today(args: argparse.Namespace) -> int:
    with exit_on_error(), open_workspace(args, readonly=True) as workspace:
        data = today_json(workspace.agenda.today(_mentor_now(workspace), limit=None))
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_lists(data, _TODAY_LINES)
    return EXIT_OK


def _mentee_json(m: Mentee, now: datetime) -> dict[str, object]:
    state = check_in(m, now.date())
    return {
        "id": m.id,
        "name": m.name,
        "status": m.status.value,
        "time_zone": m.time_zone,
        "their_time": _local(now, m.time_zone),
        "cadence_days": m.cadence_days,
        "last_contact": _iso(m.last_contact),
        "days_since_contact": _days_since(m.last_contact, now),
        "due_on": _iso(state.due_on),
        "days_overdue": state.days_overdue,
    }


def _mentor_now(workspace: Workspace) -> datetime:
    """Now on the mentor's calendar: "today" and "overdue" follow their day, not UTC's."""
    return utc_now().astimezone(workspace.mentor.zone())


def cmd_mentees(args: argparse.Namespace) -> int:
    with exit_on_error(), open_workspace(args, readonly=True) as workspace:
        now = _mentor_now(workspace)
        rows = [_mentee_json(m, now) for m in workspace.roster.list()]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("No mentees yet — add one in the window (Mentees ▸ New Mentee).")
    for r in rows:
        print(f"[{r['id']}] {r['name']} — {r['status']}, {r['time_zone']},"
              f" {_since(r['days_since_contact'])}, check-in {_due(r)}")  # fmt: skip
    return EXIT_OK


def dashboard_json(d: MenteeDashboard, now: datetime, zone: ZoneInfo) -> dict[str, object]:
    m = d.mentee
    return {
        **_mentee_json(m, now),
        "pronouns": m.pronouns,
        "email": m.email,
        "organisation": m.organisation,
        "role": m.role,
        "channels": [{"kind": c.kind, "value": c.value} for c in m.channels],
        "working_hours": {
            "start": m.hours.start.strftime("%H:%M"),
            "end": m.hours.end.strftime("%H:%M"),
            "days": list(m.hours.days),
        },
        "tags": list(m.tags),
        "background": m.background,
        "interests": m.interests,
        "expectations": m.expectations,
        "goals": [goal_json(p, now.astimezone(zone).date()) for p in d.goals],
        "upcoming": [_occurrence_json(o, m.name, m.time_zone, zone) for o in d.upcoming],
        "open_actions": [_action_json(a, m.name) for a in d.actions if a.done_at is None],
        "feedback": [
            {"id": f.id, "direction": f.direction.value, "on": _iso(f.given_on), "text": f.body}
            for f in d.feedback
        ],
        "wins": [
            {"id": w.id, "on": _iso(w.happened_on), "title": w.title, "goal_id": w.goal_id}
            for w in d.wins
        ],
        "resources": [
            {"id": r.id, "title": r.title, "url": r.url, "kind": r.kind.value, "goal_id": r.goal_id}
            for r in d.resources
        ],
        "contacts": [_contact_json(c) for c in d.contacts],
        "notes": [
            {"id": n.id, "title": n.title, "created": _iso(n.created_at), "shareable": n.shareable}
            for n in d.notes
        ],
    }


def cmd_mentee_show(args: argparse.Namespace) -> int:
    with exit_on_error(), open_workspace(args, readonly=True) as workspace:
        now = _mentor_now(workspace)
        mentee = workspace.find_mentee(args.mentee)
        data = dashboard_json(workspace.mentee_dashboard(mentee.id or 0, now), now,
                              workspace.mentor.zone())  # fmt: skip
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    job = " at ".join(p for p in (data["role"], data["organisation"]) if p)
    print(f"{data['name']} — {data['status']}" + (f", {job}" if job else ""))
    print(f"  Their time: {_clock(data['their_time'])} ({data['time_zone']})")
    print(f"  Check-in: every {data['cadence_days']} d, {_since(data['days_since_contact'])},"
          f" {_due(data)}")  # fmt: skip
    _print_lists(data, _DASHBOARD_LINES)
    return EXIT_OK


_DASHBOARD_LINES: list[tuple[str, str, Callable[[Row], str]]] = [
    ("goals", "Goals", lambda g: f"[{g['id']}] {g['title']} — {g['progress']}%"),
    ("upcoming", "Upcoming", lambda u: f"{_clock(u['your_time'])} {u['title']}"),
    ("open_actions", "Open action items", lambda a: f"[{a['id']}] {a['text']}"),
    ("contacts", "Contacts", lambda c: f"{c['at'][:10]} {c['channel']} {c['summary']}".rstrip()),
    ("wins", "Wins", lambda w: f"{w['on']} {w['title']}"),
]


def _at(text: str | None, zone: ZoneInfo) -> datetime | None:
    """``--at``: 'YYYY-MM-DD HH:MM' (your zone), a date (noon), or ISO 8601 with an offset."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            "at", f"--at {text!r} is not a date and time — write it as 'YYYY-MM-DD HH:MM'."
        ) from None
    if moment.tzinfo is None:
        if len(text.strip()) <= 10:  # a date alone: its middle, so no zone moves it a day
            moment = moment.replace(hour=12)
        moment = moment.replace(tzinfo=zone)
    return moment


def cmd_contact_add(args: argparse.Namespace) -> int:
    with exit_on_error(), open_workspace(args) as workspace:
        channel = parse_channel(args.channel)
        if channel not in LOGGABLE:
            raise ValidationError(
                "channel", "A call is recorded by ending it in call mode — use phone or other."
            )
        mentee = workspace.find_mentee(args.mentee)
        zone = workspace.mentor.zone()
        now = _mentor_now(workspace)
        logged = workspace.contacts.log(
            mentee.id or 0, channel, args.summary or "", _at(args.at, zone), now
        )
        state = check_in(workspace.mentee(mentee.id or 0), now.date())
    when = logged.at.astimezone(zone)
    print(f"Logged {channel.label.lower()} contact with {mentee.name} on {when:%a %d %b %H:%M}"
          f" (id {logged.id}); next check-in {state.due_on:%a %d %b}.")  # fmt: skip
    return EXIT_OK


def _occurrence(workspace: Workspace, meeting_id: int, text: str | None, now: datetime) -> datetime:
    """``--start`` in the meeting's own zone, else the occurrence nearest now."""
    meeting = workspace.meeting(meeting_id)
    if text is not None:
        start = _at(text, meeting.start.tzinfo or UTC)
        assert start is not None
        return start
    near = workspace.schedule.occurrence_near(meeting_id, now)
    if near is None:
        raise ValidationError(
            "start", f"'{meeting.title}' has no occurrence near today — give --start."
        )
    return near.original_start


def cmd_meeting_held(args: argparse.Namespace) -> int:
    now = utc_now()
    with exit_on_error(), open_workspace(args) as workspace:
        try:
            start = _occurrence(workspace, args.id, args.start, now)
            if args.action == "held":
                workspace.mark_held(args.id, start, now)
            else:
                workspace.schedule.mark_not_held(args.id, start)
        except KeyError:
            raise ValidationError("id", f"There is no meeting {args.id}.") from None
        title = workspace.meeting(args.id).title
    done = "marked held" if args.action == "held" else "no longer marked held"
    print(f"“{title}” on {start:%a %d %b %H:%M} ({start.tzinfo}) is {done}.")
    return EXIT_OK


def _subcommand(args: argparse.Namespace) -> int:
    return SUBCOMMANDS[(args.command, args.action)](args)


SUBCOMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace], int]] = {
    ("mentee", "show"): cmd_mentee_show,
    ("contact", "add"): cmd_contact_add,
    ("meeting", "held"): cmd_meeting_held,
    ("meeting", "not-held"): cmd_meeting_held,
}

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "today": cmd_today,
    "mentees": cmd_mentees,
    "mentee": _subcommand,
    "contact": _subcommand,
    "meeting": _subcommand,
}
