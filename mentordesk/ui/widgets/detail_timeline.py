"""The dashboard's Timeline tab as HTML: a mentee's history, newest first, by day.

Pure functions of the entries, the moment and the mentor's zone. Each entry links to what
it is about (``detail_parts`` schemes, routed by ``widgets/dashboard_browser.py``): a note
opens in its window, a meeting in the Meetings page, a record in its form, a milestone or a
revisit on the roadmap; a resource's title opens its URL. "Show more" (``timeline:more``)
asks for the next page.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtGui import QPalette

from mentordesk.domain.contacts import ContactChannel
from mentordesk.domain.history import HistoryEntry, HistoryFilter, HistoryKind
from mentordesk.ui.formatting import day_label, note_title, plain_excerpt
from mentordesk.ui.widgets.detail_mentee import CONTACT_SCHEME
from mentordesk.ui.widgets.detail_parts import (
    GOAL_SCHEME,
    MEETING_SCHEME,
    NOTE_SCHEME,
    TIMELINE_SCHEME,
    items,
    link,
    muted,
    record_link,
    scheme_link,
    text,
)

#: How much of a note or a piece of feedback a line shows.
EXCERPT_CHARS = 140
#: The link that loads the next page.
MORE_LINK = f"{TIMELINE_SCHEME}:more"


def _excerpt(value: str) -> str:
    words = plain_excerpt(value)
    return words if len(words) <= EXCERPT_CHARS else words[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def _when(entry: HistoryEntry, zone: ZoneInfo) -> str:
    return "" if entry.at is None else f"{entry.at.astimezone(zone):%H:%M} · "


def _meeting(entry: HistoryEntry, zone: ZoneInfo, today: date, palette: QPalette) -> str:
    title = scheme_link(MEETING_SCHEME, entry.meeting_id or 0, entry.title or "Meeting")
    reason = f" · {muted('reason:', palette)} {text(entry.detail)}" if entry.detail else ""
    if entry.extra == "moved" and entry.moved_to is not None:
        to = entry.moved_to.astimezone(zone)
        return f"<b>Moved</b> — {title} → {day_label(to.date(), today)} {to:%H:%M}{reason}"
    if entry.extra == "cancelled":
        return f"<b>Cancelled</b> — <s>{title}</s>{reason}"
    return f"<b>Held</b> — {title}{reason}"


def _contact(entry: HistoryEntry, palette: QPalette) -> str:
    try:
        channel = ContactChannel(entry.extra)
    except ValueError:
        channel = ContactChannel.OTHER
    head = "Call" if channel is ContactChannel.CALL else f"Contact · {channel.label}"
    line = f"<b>{head}</b>"
    if entry.detail:
        line += f" — {text(entry.detail)}"
    if entry.note_id:
        line += f" · {scheme_link(NOTE_SCHEME, entry.note_id, 'Notes')}"
    if channel is not ContactChannel.CALL:
        line += f" · {scheme_link(CONTACT_SCHEME, f'edit/{entry.id}', 'Edit…')}"
    return line


def _note(entry: HistoryEntry, palette: QPalette) -> str:
    title = note_title(entry.title, entry.detail)
    kind = "Call note" if entry.meeting_id else "Note"
    privacy = muted("shareable" if entry.shareable else "private", palette)
    line = f"<b>{kind}</b> — {scheme_link(NOTE_SCHEME, entry.id, title)} · {privacy}"
    if entry.title.strip() and entry.detail.strip():
        line += f"<br>{muted(_excerpt(entry.detail), palette)}"
    return line


def _kept(entry: HistoryEntry, palette: QPalette) -> str:
    return "" if entry.shareable else " · " + muted("not in summaries", palette)


def _entry(entry: HistoryEntry, first: str, zone: ZoneInfo, today: date, palette: QPalette) -> str:
    kind = entry.kind
    if kind is HistoryKind.MEETING:
        body = _meeting(entry, zone, today, palette)
    elif kind is HistoryKind.CONTACT:
        body = _contact(entry, palette)
    elif kind is HistoryKind.NOTE:
        body = _note(entry, palette)
    elif kind is HistoryKind.FEEDBACK:
        who = f"Feedback to {first}" if entry.extra == "to_mentee" else f"Feedback from {first}"
        body = (
            f"<b>{who}</b> — {text(_excerpt(entry.detail))}{_kept(entry, palette)}"
            f" · {record_link(f'feedback/{entry.id}', 'Edit')}"
        )
    elif kind is HistoryKind.WIN:
        body = (
            f"<b>Win</b> — {text(entry.title)}{_kept(entry, palette)}"
            f" · {record_link(f'win/{entry.id}', 'Edit')}"
        )
    elif kind is HistoryKind.MILESTONE:
        goal = scheme_link(GOAL_SCHEME, entry.goal_id or 0, entry.detail)
        body = f"<b>Milestone completed</b> — {text(entry.title)} · {goal}"
    elif kind is HistoryKind.REVISIT:
        goal = scheme_link(GOAL_SCHEME, entry.goal_id or 0, entry.title)
        said = f" — {text(entry.detail)}" if entry.detail.strip() else ""
        body = f"<b>Goal revisited</b> — {goal}{said}"
    else:
        body = (
            f"<b>Resource shared</b> — {link(entry.extra, entry.title)}{_kept(entry, palette)}"
            f" · {record_link(f'resource/{entry.id}', 'Edit')}"
        )
    return _when(entry, zone) + body


def timeline(
    entries: list[HistoryEntry],
    first_name: str,
    show: HistoryFilter,
    has_more: bool,
    now: datetime,
    zone: ZoneInfo,
    palette: QPalette,
) -> str:
    """The entries under a heading per day (in the mentor's zone), and "Show more"."""
    today = now.astimezone(zone).date()
    first = text(first_name)
    if not entries:
        empty = (
            "Nothing yet — meetings held, calls, notes, feedback, wins and milestones show"
            " here as they happen."
            if show is HistoryFilter.ALL
            else f"Nothing of this kind yet ({show.label.lower()})."
        )
        return f"<p>{muted(empty, palette)}</p>"
    parts: list[str] = []
    rows: list[str] = []
    current: date | None = None
    for entry in entries:
        day = entry.on_in(zone)
        if day != current:
            if rows:
                parts.append(items(rows, "", palette))
                rows = []
            label = day_label(day, today)
            if day.year != today.year and str(day.year) not in label:
                label += f" {day.year}"
            parts.append(f"<p style='margin-top:10px; margin-bottom:0'><b>{label}</b></p>")
            current = day
        rows.append(_entry(entry, first, zone, today, palette))
    parts.append(items(rows, "", palette))
    if has_more:
        parts.append(f"<p><a href='{MORE_LINK}'>Show more…</a></p>")
    else:
        parts.append(f"<p>{muted('That is everything.', palette)}</p>")
    return "".join(parts)
