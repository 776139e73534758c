"""The pre-session brief as one HTML page (shown by ui/dialogs/brief.py).

Pure functions of a ``Brief``, the mentor's zone and the palette; the goals' bars are the
dashboard's ``bar:<percent>`` images, drawn by the same browser class.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtGui import QPalette

from mentordesk.domain.models import ActionItem, FeedbackDirection
from mentordesk.services.brief import Brief
from mentordesk.ui.formatting import ago, day_label, plural, short_date
from mentordesk.ui.theme import error_color
from mentordesk.ui.widgets.detail_mentee import (
    BAR_SCHEME,
    BAR_SIZE,
    columns,
    gap_text,
    goal_caption,
)
from mentordesk.ui.widgets.detail_parts import items, muted, text


def _heading(title: str, count: int | None = None) -> str:
    label = f"{title} ({count})" if count else title
    return f"<h3 style='margin-top:14px; margin-bottom:4px'>{text(label)}</h3>"


def _sub(title: str, count: int | None = None) -> str:
    label = f"{title} ({count})" if count else title
    return f"<h4 style='margin-top:4px; margin-bottom:2px'>{text(label)}</h4>"


def first_name(brief: Brief) -> str:
    return brief.mentee.name.split(" ")[0]


def when(brief: Brief, zone: ZoneInfo) -> str:
    """'Next: 1:1 · Tue 8 Dec, 09:00 your time (14:30 theirs) · in 2 days'."""
    meeting = brief.meeting
    if meeting is None:
        return "No meeting planned in the next two months."
    today = brief.now.astimezone(zone).date()
    mine = meeting.start.astimezone(zone)
    theirs = meeting.start.astimezone(brief.their_time.tzinfo)
    line = (
        f"<b>{text(meeting.meeting.title)}</b> · {day_label(mine.date(), today)}, {mine:%H:%M}"
        " your time"
    )
    if theirs.replace(tzinfo=None) != mine.replace(tzinfo=None):
        line += f" ({theirs:%a %H:%M} theirs)"
    if meeting.start <= brief.now < meeting.end:
        return f"Now: {line} · started {ago(meeting.start, brief.now)}"
    return f"Next: {line}"


def their_time(brief: Brief, zone: ZoneInfo) -> str:
    local = brief.their_time
    mine = brief.now.astimezone(zone)
    gap = (local.utcoffset() or timedelta(0)) - (mine.utcoffset() or timedelta(0))
    relation = gap_text(int(gap.total_seconds() // 60))
    hours_ = brief.mentee.hours
    working = local.isoweekday() in hours_.days and hours_.start <= local.time() < hours_.end
    state = "working hours" if working else "outside their working hours"
    return (
        f"Their time now: <b>{local:%a %H:%M}</b> · {text(brief.mentee.time_zone)} — {relation},"
        f" {state}"
    )


def _action(item: ActionItem, brief: Brief, zone: ZoneInfo, palette: QPalette) -> str:
    today = brief.now.astimezone(zone).date()
    line = text(item.text)
    if item.due_date is not None:
        due = f"due {short_date(item.due_date, today)}"
        if item.due_date < today:
            color = error_color(palette).name()
            line += f" · <b style='color:{color}'>{due}, overdue</b>"
        else:
            line += f" · {muted(due, palette)}"
    return line


def actions(brief: Brief, zone: ZoneInfo, palette: QPalette, two: bool) -> str:
    yours = [_action(a, brief, zone, palette) for a in brief.mentor_actions]
    theirs = [_action(a, brief, zone, palette) for a in brief.mentee_actions]
    return columns(
        _sub("Yours to do", len(yours)) + items(yours, "Nothing open on your side.", palette),
        _sub(f"{first_name(brief)}’s to do", len(theirs))
        + items(theirs, f"Nothing open on {first_name(brief)}’s side.", palette),
        two,
    )


def goals(brief: Brief, zone: ZoneInfo, palette: QPalette) -> str:
    if not brief.goals:
        return f"<p>{muted('No open goals — agree on some with Roadmap….', palette)}</p>"
    today = brief.now.astimezone(zone).date()
    width, height = BAR_SIZE
    rows = []
    for progress in brief.goals:
        bar = (
            f"<img src='{BAR_SCHEME}:{progress.percent}' width='{width}' height='{height}'"
            f" alt='{progress.percent}% done'>&nbsp; "
        )
        rows.append(
            f"<p style='margin-top:4px'>{bar}<b>{text(progress.goal.title)}</b>"
            f" · {progress.percent}%<br>{muted(goal_caption(progress, today), palette)}</p>"
        )
    return "".join(rows)


def since_call(brief: Brief, zone: ZoneInfo, palette: QPalette, two: bool) -> str:
    today = brief.now.astimezone(zone).date()
    name = text(first_name(brief))
    wins = [
        f"{text(w.title)} — {muted(short_date(w.happened_on, today), palette)}" for w in brief.wins
    ]
    feedback = []
    for fb in brief.feedback:
        who = f"To {name}" if fb.direction is FeedbackDirection.TO_MENTEE else f"From {name}"
        feedback.append(
            f"<b>{who}</b> · {muted(short_date(fb.given_on, today), palette)}<br>{text(fb.body)}"
        )
    return columns(
        _sub("Wins", len(wins)) + items(wins, "No wins recorded since.", palette),
        _sub("Feedback", len(feedback))
        + items(feedback, "No feedback recorded since, either way.", palette),
        two,
    )


def notes(brief: Brief, zone: ZoneInfo, palette: QPalette) -> str:
    if not brief.notes:
        return f"<p>{muted('No notes yet.', palette)}</p>"
    today = brief.now.astimezone(zone).date()
    blocks = []
    for note in brief.notes:
        mark = "shareable" if note.shareable else "private"
        title = text(note.title or "Untitled note")
        date_text = short_date(note.created_at.astimezone(zone).date(), today)
        blocks.append(
            f"<p style='margin-top:6px'><b>{title}</b> · {date_text} ·"
            f" <i>{muted(mark, palette)}</i><br>{text(note.text)}</p>"
        )
    return "".join(blocks)


def page(brief: Brief, zone: ZoneInfo, palette: QPalette, two_columns: bool) -> str:
    """The whole brief below its title: the call and their time, then the sections."""
    today = brief.now.astimezone(zone).date()
    if brief.since_last_call:
        since = f"Since the last call ({short_date(brief.since, today)})"
    else:
        since = f"In the last {plural((today - brief.since).days, 'day')} (no call held yet)"
    parts = [
        f"<p>{when(brief, zone)}<br>{their_time(brief, zone)}</p>",
        "<hr>",
        _heading("Open actions", len(brief.mentor_actions) + len(brief.mentee_actions)),
        actions(brief, zone, palette, two_columns),
        _heading("Goals", len(brief.goals)) + goals(brief, zone, palette),
        _heading(since),
        since_call(brief, zone, palette, two_columns),
        _heading("Latest notes", len(brief.notes)) + notes(brief, zone, palette),
    ]
    return "".join(parts)
