"""A mentee's dashboard as one HTML page (shown by pages/mentee_detail.py in a QTextBrowser).

Pure functions of the dashboard, the moment and the mentor's zone. One document is laid out
once per selection; a dozen word-wrapped labels were each laid out several times (~25 ms).
Goal progress bars are ``bar:<percent>`` images that the browser draws with the style.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtGui import QPalette

from mentordesk.domain.channels import channel_url
from mentordesk.domain.channels import label as channel_label
from mentordesk.domain.models import (
    GoalStatus,
    Milestone,
    MilestoneStatus,
    Occurrence,
    OccurrenceStatus,
)
from mentordesk.domain.progress import GoalProgress
from mentordesk.services import MenteeDashboard
from mentordesk.ui.formatting import (
    ago,
    day_label,
    days_text,
    describe_rrule,
    due_phrase,
    note_title,
    plural,
    safe_zone,
    short_date,
)
from mentordesk.ui.models.mentees import utc_offset_text
from mentordesk.ui.theme import error_color
from mentordesk.ui.widgets.detail_parts import (
    GOAL_SCHEME,
    MEETING_SCHEME,
    MENTEE_SCHEME,
    NOTE_SCHEME,
    items,
    more,
    muted,
    record_link,
    scheme_link,
    text,
)
from mentordesk.ui.widgets.detail_records import MAX_ITEMS, actions, feedback, resources, wins

#: The size of a goal's progress bar image, in logical pixels.
BAR_SIZE = (120, 12)
#: The URL scheme of progress-bar images: ``bar:50`` is a bar at 50 %.
BAR_SCHEME = "bar"
#: The scheme of a logged contact's links: ``contact:edit/7``, ``contact:delete/7``.
CONTACT_SCHEME = "contact"
#: The URL scheme of the contact links: ``channel:2`` is the mentee's third channel.
CHANNEL_SCHEME = "channel"


def _row(label: str, value: str) -> str:
    return f"<tr><td style='padding-right:12px'><b>{label}</b></td><td>{value}</td></tr>"


def _table(rows: list[str]) -> str:
    return f"<table cellspacing='0' cellpadding='2'>{''.join(rows)}</table>"


def gap_text(minutes: int) -> str:
    """'4 h 30 min ahead of you', '2 h behind you', 'same time as you'."""
    if minutes == 0:
        return "same time as you"
    hours, rest = divmod(abs(minutes), 60)
    size = " ".join(p for p in (f"{hours} h" if hours else "", f"{rest} min" if rest else "") if p)
    return f"{size} {'ahead of' if minutes > 0 else 'behind'} you"


def subtitle(dashboard: MenteeDashboard) -> str:
    mentee = dashboard.mentee
    work = " @ ".join(p for p in (mentee.role, mentee.organisation) if p.strip())
    return " · ".join(p for p in (mentee.pronouns, work) if p.strip())


def facts(dashboard: MenteeDashboard, now: datetime, zone: ZoneInfo, palette: QPalette) -> str:
    """Local time, working hours (in both zones), status and tags."""
    mentee = dashboard.mentee
    theirs = safe_zone(mentee.time_zone)
    rows: list[str] = []
    if theirs is None:
        rows.append(_row("Local time", f"unknown zone '{text(mentee.time_zone)}'"))
    else:
        local = now.astimezone(theirs)
        offset = local.utcoffset() or timedelta(0)
        mine = now.astimezone(zone).utcoffset() or timedelta(0)
        gap = int((offset - mine).total_seconds() // 60)
        rows.append(
            _row(
                "Local time",
                f"<b>{local:%a %H:%M}</b> · {text(mentee.time_zone)}"
                f" ({utc_offset_text(offset)}) — {gap_text(gap)}",
            )
        )
        hours = mentee.hours
        start = local.replace(hour=hours.start.hour, minute=hours.start.minute)
        end = local.replace(hour=hours.end.hour, minute=hours.end.minute)
        if end <= start:  # a night shift ends the next morning
            end += timedelta(days=1)
        working = local.isoweekday() in hours.days and start <= local < end
        state = "working now" if working else "outside working hours now"
        rows.append(
            _row(
                "Works",
                f"{hours.start:%H:%M}–{hours.end:%H:%M} {days_text(hours.days)}, their time"
                f" (= {start.astimezone(zone):%H:%M}–{end.astimezone(zone):%H:%M} yours)"
                f" · {muted(state, palette)}",
            )
        )
    rows.append(
        _row(
            "Status",
            f"{mentee.status.value.capitalize()} · check-ins every "
            f"{plural(mentee.cadence_days, 'day')}",
        )
    )
    if mentee.tags:
        rows.append(_row("Tags", " ".join(f"#{text(t)}" for t in mentee.tags)))
    return _table(rows)


def contact(dashboard: MenteeDashboard, palette: QPalette) -> str:
    """Each channel as a link to ``channel:<index>``: the page opens it in its app, or copies
    a value nothing can open (a Slack handle) to the clipboard."""
    rows = []
    for index, channel in enumerate(dashboard.mentee.channels):
        value = f"<a href='{CHANNEL_SCHEME}:{index}'>{text(channel.value)}</a>"
        if channel_url(channel) is None:
            value += f" {muted('(click to copy)', palette)}"
        rows.append(_row(text(channel_label(channel.kind)), value))
    if not rows:
        return f"<p>{muted('No e-mail or channel yet — add one with Edit channels…', palette)}</p>"
    return _table(rows)


def check_in(dashboard: MenteeDashboard, now: datetime, zone: ZoneInfo, palette: QPalette) -> str:
    check = dashboard.check_in
    today = now.astimezone(zone).date()
    if check.last_contact is None:
        last = "none yet — a meeting held, a call or a logged contact counts"
    else:
        when = short_date(check.last_contact.astimezone(zone).date(), today)
        relative = ago(check.last_contact, now)
        last = when if relative == when else f"{when} ({relative})"
    due = f"{day_label(check.due_on, today)} — {due_phrase(check.days_overdue)}"
    if check.is_overdue:
        due = f"<b style='color:{error_color(palette).name()}'>{due}</b>"
    return _table([_row("Last contact", last), _row("Next check-in", due)]) + contacts(
        dashboard, now, zone, palette
    )


def contacts(dashboard: MenteeDashboard, now: datetime, zone: ZoneInfo, palette: QPalette) -> str:
    """Logged contacts and calls, latest first, each with Edit… and Delete… links."""
    today = now.astimezone(zone).date()
    rows = []
    for c in dashboard.contacts[:MAX_ITEMS]:
        local = c.at.astimezone(zone)
        summary = f" — {text(c.summary)}" if c.summary else ""
        edit = f"<a href='{CONTACT_SCHEME}:edit/{c.id}'>Edit…</a>"
        delete = f"<a href='{CONTACT_SCHEME}:delete/{c.id}'>Delete…</a>"
        rows.append(
            f"{short_date(local.date(), today)} {local:%H:%M} · {text(c.channel.label)}{summary}"
            f" &nbsp;{edit} · {delete}"
        )
    empty = "No contacts logged — Log Contact… records an email, a chat or a phone call."
    if not rows:
        return f"<p>{muted(empty, palette)}</p>"
    shown = more(MAX_ITEMS, len(dashboard.contacts), "`mentordesk mentee show`", palette)
    return "<p style='margin-top:8px'><b>Logged contacts</b></p>" + items(rows, "", palette) + shown


def profile(dashboard: MenteeDashboard, palette: QPalette) -> str:
    mentee = dashboard.mentee
    parts = []
    for label, value in (
        ("Background", mentee.background),
        ("Interests", mentee.interests),
        ("Expectations", mentee.expectations),
    ):
        body = text(value) if value.strip() else muted("not recorded yet", palette)
        parts.append(f"<p><b>{label}</b><br>{body}</p>")
    return "".join(parts)


def goal_caption(progress: GoalProgress, today: date) -> str:
    goal = progress.goal
    bits = [goal.status.value.replace("_", " ")]
    if goal.target_date:
        bits.append(f"target {short_date(goal.target_date, today)}")
    if goal.revisit_date:
        bits.append(f"revisit {short_date(goal.revisit_date, today)}")
    if note := progress.risk_note(today):
        bits.append(note)
    done, counted = progress.counted
    if counted:
        bits.append(f"{done}/{counted} milestones")
    return " · ".join(bits)


def _milestone(m: Milestone, today: date) -> str:
    due = f" · {short_date(m.due_date, today)}" if m.due_date else ""
    if m.status is MilestoneStatus.DONE:
        return f"✓ <s>{text(m.title)}</s>{due}"
    if m.status is MilestoneStatus.DROPPED:
        return f"✕ <s>{text(m.title)}</s> (dropped)"
    mark = "◐" if m.status is MilestoneStatus.IN_PROGRESS else "○"
    return f"{mark} {text(m.title)}{due}"


def milestones(progress: GoalProgress, today: date, palette: QPalette) -> str:
    if not progress.milestones:
        return muted("No milestones yet.", palette)
    return "<br>".join(_milestone(m, today) for m in progress.milestones)


def _occurrence(
    o: Occurrence, mentee_zone: str, now: datetime, zone: ZoneInfo, palette: QPalette
) -> str:
    mine = o.start.astimezone(zone)
    today = now.astimezone(zone).date()
    title = scheme_link(MEETING_SCHEME, o.meeting.id or 0, o.meeting.title)
    line = f"<b>{day_label(mine.date(), today)}, {mine:%H:%M}</b> — {title}"
    theirs = safe_zone(mentee_zone)
    if theirs is not None:
        local = o.start.astimezone(theirs)
        if local.replace(tzinfo=None) != mine.replace(tzinfo=None):
            line += f" · {muted(f'{local:%a %H:%M} their time', palette)}"
    if o.status is OccurrenceStatus.CANCELLED:
        return f"<s>{line}</s> (cancelled)"
    return line


def upcoming(dashboard: MenteeDashboard, now: datetime, zone: ZoneInfo, palette: QPalette) -> str:
    mentee_zone = dashboard.mentee.time_zone
    rows = [_occurrence(o, mentee_zone, now, zone, palette) for o in dashboard.upcoming[:MAX_ITEMS]]
    series = sorted(
        {f"{m.title} ({describe_rrule(m.rrule)})" for m in dashboard.meetings if m.rrule}
    )
    footer = f"<p>{muted('Series: ' + '; '.join(series), palette)}</p>" if series else ""
    return items(rows, "Nothing planned in the next 60 days.", palette) + footer


def notes(dashboard: MenteeDashboard, now: datetime, zone: ZoneInfo, palette: QPalette) -> str:
    today = now.astimezone(zone).date()
    rows = []
    for note in dashboard.notes[:MAX_ITEMS]:
        title = scheme_link(NOTE_SCHEME, note.id, note_title(note.title, note.excerpt))
        when = short_date(note.created_at.astimezone(zone).date(), today)
        privacy = "shareable" if note.shareable else "private"
        rows.append(f"{title} — {when} · {muted(privacy, palette)}")
    return items(rows, "No notes yet.", palette) + more(
        MAX_ITEMS, len(dashboard.notes), "Notes", palette
    )


def goals(dashboard: MenteeDashboard, today: date, palette: QPalette) -> str:
    """Open goals with their bar, facts and milestones; finished or dropped ones in a line."""
    if not dashboard.goals:
        empty = (
            "No goals yet — agree on them in the introductory session, then add them with Roadmap…."
        )
        return f"<p>{muted(empty, palette)}</p>"
    width, height = BAR_SIZE
    blocks = []
    for progress in dashboard.goals:
        percent = progress.percent
        # The bar leads the line so that the bars of all goals line up.
        bar = (
            f"<img src='{BAR_SCHEME}:{percent}' width='{width}' height='{height}'"
            f" alt='{percent}% done'>&nbsp; "
        )
        title = f"<b>{scheme_link(GOAL_SCHEME, progress.goal.id or 0, progress.goal.title)}</b>"
        if progress.goal.status in (GoalStatus.DONE, GoalStatus.DROPPED):
            state = progress.goal.status.value
            blocks.append(f"<p style='margin-top:6px'>{bar}{title} · {muted(state, palette)}</p>")
            continue
        blocks.append(
            f"<p style='margin-top:10px'>{bar}{title}&nbsp;·&nbsp;{percent}%<br>"
            f"{muted(goal_caption(progress, today), palette)}<br>"
            f"{milestones(progress, today, palette)}</p>"
        )
    return "".join(blocks)


def _heading(title: str, count: int = 0, action: str = "") -> str:
    """A section's heading; ``action`` is its add link (a new record, a plan, an edit)."""
    label = f"{title} ({count})" if count else title
    add = f" &nbsp;<span style='font-size:small; font-weight:normal'>{action}</span>" * bool(action)
    return f"<h3 style='margin-top:16px; margin-bottom:4px'>{text(label)}{add}</h3>"


def _add(kind: str, label: str = "Add…") -> str:
    """A section's link to a new record's form (``record:win/0``)."""
    return record_link(f"{kind}/0", label)


def columns(left: str, right: str, two: bool) -> str:
    if not two:
        return left + right
    return (
        # Qt drops a heading's top margin at the start of a cell: the table carries it.
        "<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:12px'><tr>"
        f"<td width='50%' valign='top' style='padding-right:18px'>{left}</td>"
        f"<td width='50%' valign='top'>{right}</td></tr></table>"
    )


def page(
    dashboard: MenteeDashboard,
    now: datetime,
    zone: ZoneInfo,
    palette: QPalette,
    two_columns: bool,
) -> str:
    """The whole dashboard below the name: facts, then the sections, paired when wide."""
    d = dashboard
    today = now.astimezone(zone).date()
    open_actions = sum(1 for a in d.actions if a.is_open)
    parts = [
        facts(d, now, zone, palette),
        "<hr>",
        columns(
            _heading("Contact", 0, scheme_link(MENTEE_SCHEME, "edit", "Edit channels…"))
            + contact(d, palette),
            _heading("Check-in", 0, f"<a href='{CONTACT_SCHEME}:new'>Log contact…</a>")
            + check_in(d, now, zone, palette),
            two_columns,
        ),
        _heading("From the introductory session", 0, scheme_link(MENTEE_SCHEME, "edit", "Edit…"))
        + profile(d, palette),
        _heading("Goals", len(d.goals), scheme_link(GOAL_SCHEME, 0, "Roadmap…"))
        + goals(d, today, palette),
        columns(
            _heading("Upcoming meetings", len(d.upcoming), scheme_link(MEETING_SCHEME, 0, "Plan…"))
            + upcoming(d, now, zone, palette),
            _heading("Open action items", open_actions, _add("action"))
            + actions(d, now, zone, palette),
            two_columns,
        ),
        columns(
            _heading("Recent notes", 0, scheme_link(NOTE_SCHEME, 0, "New note…"))
            + notes(d, now, zone, palette),
            _heading("Feedback", len(d.feedback), _add("feedback")) + feedback(d, now, palette),
            two_columns,
        ),
        columns(
            _heading("Wins", len(d.wins), _add("win")) + wins(d, now, palette),
            _heading("Resources", len(d.resources), _add("resource")) + resources(d, palette),
            two_columns,
        ),
    ]
    return "".join(parts)
