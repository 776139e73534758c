"""The dashboard's record sections as HTML: action items (with Done and Reopen), feedback,
wins and resources, each with its Edit link (``record:`` links, see ``detail_parts``)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtGui import QPalette

from mentordesk.domain.models import FeedbackDirection, Owner
from mentordesk.services import MenteeDashboard
from mentordesk.ui.formatting import short_date
from mentordesk.ui.widgets.detail_parts import items, link, more, muted, record_link, text

#: Entries listed per section (the newest first).
MAX_ITEMS = 6
#: Done action items listed under the open ones, each with "Reopen".
MAX_DONE = 3


def actions(dashboard: MenteeDashboard, now: datetime, zone: ZoneInfo, palette: QPalette) -> str:
    today = now.astimezone(zone).date()
    first = dashboard.mentee.name.split(" ")[0]
    open_items = [a for a in dashboard.actions if a.is_open]
    rows = []
    for item in open_items[:MAX_ITEMS]:
        owner = "you" if item.owner is Owner.MENTOR else first
        line = f"{text(item.text)} — {muted(owner, palette)}"
        if item.due_date is not None:
            due = f"due {short_date(item.due_date, today)}"
            line += f" · <b>{due}, overdue</b>" if item.due_date < today else f" · {due}"
        line += f" · {record_link(f'done/{item.id}', 'Done')} · {_edit('action', item.id)}"
        rows.append(line)
    done = sorted((a for a in dashboard.actions if not a.is_open),
                  key=lambda a: a.done_at or now, reverse=True)[:MAX_DONE]  # fmt: skip
    rows += [
        f"<s>{text(a.text)}</s> {muted('done', palette)}"
        f" · {record_link(f'reopen/{a.id}', 'Reopen')}"
        for a in done
    ]
    return items(rows, "No open action items.", palette) + more(
        MAX_ITEMS, len(open_items), "call mode", palette
    )


def _kept(shareable: bool, palette: QPalette) -> str:
    """Says so when a record stays out of the progress summaries."""
    return "" if shareable else " · " + muted("not in summaries", palette)


def _edit(kind: str, record_id: int | None) -> str:
    return record_link(f"{kind}/{record_id}", "Edit")


def feedback(dashboard: MenteeDashboard, now: datetime, palette: QPalette) -> str:
    first = text(dashboard.mentee.name.split(" ")[0])
    rows = []
    ordered = sorted(dashboard.feedback, key=lambda f: f.given_on, reverse=True)
    for fb in ordered[:MAX_ITEMS]:
        who = f"To {first}" if fb.direction is FeedbackDirection.TO_MENTEE else f"From {first}"
        head = f"<b>{who}</b> · {short_date(fb.given_on, now.date())}{_kept(fb.shareable, palette)}"
        body = text(fb.body)
        for label, value in (("Why it matters", fb.why_it_matters),
                             ("Suggested", fb.suggested_action)):  # fmt: skip
            body += f"<br>{muted(label + ':', palette)} {text(value)}" if value.strip() else ""
        rows.append(f"{head} · {_edit('feedback', fb.id)}<br>{body}")
    return items(rows, "No feedback recorded yet, either way.", palette)


def wins(dashboard: MenteeDashboard, now: datetime, palette: QPalette) -> str:
    ordered = sorted(dashboard.wins, key=lambda w: w.happened_on, reverse=True)
    rows = [
        f"{text(w.title)} — {muted(short_date(w.happened_on, now.date()), palette)}"
        f"{_kept(w.shareable, palette)} · {_edit('win', w.id)}"
        for w in ordered[:MAX_ITEMS]
    ]
    return items(rows, "No wins yet — they come from milestones and notes.", palette)


def resources(dashboard: MenteeDashboard, palette: QPalette) -> str:
    rows = []
    for res in dashboard.resources:
        line = f"{link(res.url, res.title)} {muted(f'({res.kind.value})', palette)}"
        line += f"{_kept(res.shareable, palette)} · {_edit('resource', res.id)}"
        if res.notes.strip():
            line += f"<br>{text(res.notes)}"
        rows.append(line)
    return items(rows, "No shared resources yet.", palette)
