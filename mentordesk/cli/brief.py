"""``mentordesk brief``: the pre-session brief on the command line — for a mentee's next
meeting (``--mentee``), else for the next meeting with anyone; ``--json`` for scripts.
The same ``services/brief.py`` content as the window's brief."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import EXIT_OK, exit_on_error
from mentordesk.domain.models import ActionItem, FeedbackDirection
from mentordesk.services.brief import Brief


def _action(item: ActionItem) -> dict[str, object]:
    due = item.due_date.isoformat() if item.due_date else None
    return {"id": item.id, "text": item.text, "due": due}


def as_json(brief: Brief) -> dict[str, object]:
    meeting = brief.meeting
    return {
        "mentee": {"id": brief.mentee.id, "name": brief.mentee.name},
        "their_time": brief.their_time.isoformat(timespec="minutes"),
        "meeting": None
        if meeting is None
        else {
            "id": meeting.meeting.id,
            "title": meeting.meeting.title,
            "start": meeting.start.astimezone(UTC).isoformat(timespec="minutes"),
        },
        "since": brief.since.isoformat(),
        "since_last_call": brief.since_last_call,
        "mentor_actions": [_action(a) for a in brief.mentor_actions],
        "mentee_actions": [_action(a) for a in brief.mentee_actions],
        "goals": [
            {"id": p.goal.id, "title": p.goal.title, "progress": p.percent} for p in brief.goals
        ],
        "wins": [{"title": w.title, "on": w.happened_on.isoformat()} for w in brief.wins],
        "feedback": [
            {"direction": f.direction.value, "text": f.body, "on": f.given_on.isoformat()}
            for f in brief.feedback
        ],
        "notes": [
            {
                "id": n.id,
                "title": n.title,
                "shareable": n.shareable,
                "created": n.created_at.astimezone(UTC).isoformat(timespec="minutes"),
                "text": n.text,
            }
            for n in brief.notes
        ],
    }


def as_text(brief: Brief, zone_name: str) -> str:
    zone = ZoneInfo(zone_name)
    first = brief.mentee.name.split(" ")[0]
    lines = [f"Before the call with {brief.mentee.name}"]
    if brief.meeting is not None:
        start = brief.meeting.start
        lines.append(
            f"Next: {brief.meeting.meeting.title}, {start.astimezone(zone):%a %d %b %H:%M} your"
            f" time ({start.astimezone(brief.their_time.tzinfo):%a %H:%M} theirs)"
        )
    else:
        lines.append("No meeting planned in the next two months.")
    lines.append(f"Their time now: {brief.their_time:%a %H:%M} ({brief.mentee.time_zone})")

    def section(title: str, rows: list[str], empty: str) -> None:
        lines.append("")
        lines.append(f"{title} ({len(rows)})" if rows else title)
        if rows:
            lines.extend(f"  - {row}" for row in rows)
        else:
            lines.append(f"  {empty}")

    def due(item: ActionItem) -> str:
        return f"{item.text} (due {item.due_date})" if item.due_date else item.text

    section("Yours to do", [due(a) for a in brief.mentor_actions], "nothing open")
    section(f"{first}'s to do", [due(a) for a in brief.mentee_actions], "nothing open")
    section("Goals", [f"{p.goal.title} — {p.percent}%" for p in brief.goals], "no open goals")
    since = f"since {brief.since}" + ("" if brief.since_last_call else " (no call held yet)")
    section(f"Wins {since}", [f"{w.title} ({w.happened_on})" for w in brief.wins], "none")
    who = {
        FeedbackDirection.TO_MENTEE: f"to {first}",
        FeedbackDirection.FROM_MENTEE: f"from {first}",
    }
    section(
        f"Feedback {since}",
        [f"{who.get(f.direction, '')}: {f.body} ({f.given_on})" for f in brief.feedback],
        "none",
    )
    notes = [
        f"{n.title or 'Untitled note'} [{'shareable' if n.shareable else 'private'}]"
        f" {n.created_at.astimezone(zone):%d %b}"
        + "".join(f"\n      {t}" for t in n.text.splitlines())
        for n in brief.notes
    ]
    section("Latest notes", notes, "no notes yet")
    return "\n".join(lines)


def cmd_brief(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    with exit_on_error(), open_workspace(args, readonly=True) as workspace:
        if args.mentee:
            mentee = workspace.find_mentee(args.mentee)
            brief: Brief | None = workspace.brief.for_mentee(mentee.id or 0, now)
        else:
            brief = workspace.brief.next_meeting(now)
        zone = workspace.mentor_zone().key
    if args.json:
        print(json.dumps(None if brief is None else as_json(brief), indent=2, ensure_ascii=False))
    elif brief is None:
        print("No meeting planned in the next two months — name a mentee with --mentee.")
    else:
        print(as_text(brief, zone))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"brief": cmd_brief}
