"""``mentordesk history NAME_OR_ID``: a mentee's timeline on the command line — everything
that happened with them, newest first (``--show`` one kind, ``--limit`` entries, ``--json``
for scripts). The same ``services/history.py`` pages as the dashboard's Timeline tab."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import EXIT_OK, exit_on_error
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.history import HistoryEntry, HistoryFilter, HistoryKind

#: What ``--limit`` accepts: a page of the service at most per query, read page by page.
MAX_LIMIT = 10_000


def as_json(entry: HistoryEntry) -> dict[str, object]:
    def moment(value: datetime | None) -> str | None:
        return None if value is None else value.astimezone(UTC).isoformat(timespec="minutes")

    return {
        "kind": str(entry.kind),
        "id": entry.id,
        "at": moment(entry.at),
        "day": None if entry.day is None else entry.day.isoformat(),
        "title": entry.title,
        "detail": entry.detail,
        "extra": entry.extra,
        "moved_to": moment(entry.moved_to),
        "note_id": entry.note_id,
        "meeting_id": entry.meeting_id,
        "goal_id": entry.goal_id,
        "shareable": entry.shareable,
    }


def describe(entry: HistoryEntry, first: str, zone: ZoneInfo) -> str:
    """One line in words: 'Moved — Weekly 1:1 → Thu 12 Nov 15:00 (reason: travelling)'."""
    why = f" (reason: {entry.detail})" if entry.detail else ""
    kind = entry.kind
    if kind is HistoryKind.MEETING:
        if entry.extra == "moved" and entry.moved_to is not None:
            return f"Moved — {entry.title} → {entry.moved_to.astimezone(zone):%a %d %b %H:%M}{why}"
        return f"{entry.extra.capitalize()} — {entry.title}{why}"
    if kind is HistoryKind.CONTACT:
        head = "Call" if entry.extra == "call" else f"Contact ({entry.extra.replace('_', ' ')})"
        return f"{head} — {entry.detail}" if entry.detail else head
    if kind is HistoryKind.NOTE:
        privacy = "shareable" if entry.shareable else "private"
        return f"Note — {entry.title or 'Untitled note'} [{privacy}]"
    if kind is HistoryKind.FEEDBACK:
        who = f"to {first}" if entry.extra == "to_mentee" else f"from {first}"
        return f"Feedback {who} — {' '.join(entry.detail.split())}"
    if kind is HistoryKind.WIN:
        return f"Win — {entry.title}"
    if kind is HistoryKind.MILESTONE:
        return f"Milestone completed — {entry.title} ({entry.detail})"
    if kind is HistoryKind.REVISIT:
        said = f": {entry.detail}" if entry.detail else ""
        return f"Goal revisited — {entry.title}{said}"
    return f"Resource shared — {entry.title} <{entry.extra}>"


def _when(entry: HistoryEntry, zone: ZoneInfo) -> str:
    if entry.at is None:
        return f"{entry.on_in(zone):%a %d %b %Y}      "
    return f"{entry.at.astimezone(zone):%a %d %b %Y %H:%M}"


def cmd_history(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    with exit_on_error(), open_workspace(args, readonly=True) as workspace:
        if not 1 <= args.limit <= MAX_LIMIT:
            raise ValidationError(
                "limit", f"--limit takes 1 to {MAX_LIMIT:,} entries, not {args.limit}."
            )
        mentee = workspace.find_mentee(args.mentee)
        entries: list[HistoryEntry] = []
        after = None
        while len(entries) < args.limit:
            page = workspace.history.page(mentee.id or 0, HistoryFilter(args.show), after, now,
                                          size=min(args.limit - len(entries), 500))  # fmt: skip
            entries += page.entries
            if page.next is None:
                break
            after = page.next
        zone = workspace.mentor_zone()
    if args.json:
        rows = [as_json(e) for e in entries]
        document = {"mentee": {"id": mentee.id, "name": mentee.name}, "entries": rows}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return EXIT_OK
    first = mentee.name.split(" ")[0]
    print(f"{mentee.name}: {HistoryFilter(args.show).label.lower()}, newest first")
    if not entries:
        print("  nothing yet")
    for entry in entries:
        print(f"  {_when(entry, zone)}  {describe(entry, first, zone)}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"history": cmd_history}
