"""The call window's agenda: last call's next steps, other open action items, goals in progress.

Read once when the call opens (what to talk about), not while typing: the items this call
creates are in the note the mentor is looking at. Each item can be ticked off (Done), reopened
and edited from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from html import escape

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from mentordesk.domain.models import ActionItem, GoalStatus, Owner
from mentordesk.domain.progress import GoalProgress
from mentordesk.services import MenteeDashboard
from mentordesk.ui.formatting import short_date
from mentordesk.ui.theme import error_color, muted_color
from mentordesk.ui.widgets.detail_parts import RECORD_SCHEME, record_link

_ACTIVE_GOALS = (GoalStatus.IN_PROGRESS, GoalStatus.AT_RISK)


@dataclass(slots=True)
class Agenda:
    next_steps: list[ActionItem] = field(default_factory=list)
    open_actions: list[ActionItem] = field(default_factory=list)
    goals: list[GoalProgress] = field(default_factory=list)


def build_agenda(dashboard: MenteeDashboard, current_note_id: int | None) -> Agenda:
    """Next steps are the open action items of the newest note before this call's note."""
    previous = next((n.id for n in dashboard.notes if n.id != current_note_id), None)
    this_call = {current_note_id} - {None}
    open_items = [a for a in dashboard.actions if a.is_open and a.note_id not in this_call]
    return Agenda(
        next_steps=[a for a in open_items if a.note_id is not None and a.note_id == previous],
        open_actions=[a for a in open_items if a.note_id is None or a.note_id != previous],
        goals=[g for g in dashboard.goals if g.goal.status in _ACTIVE_GOALS],
    )


class CallAgenda(QTextBrowser):
    """Each action item has Done (Reopen once ticked): ``done_toggled(item id, done)`` asks
    the window to tick it; ``set_done`` then shows the answer without reading it all again."""

    done_toggled = Signal(int, bool)
    #: Edit on an item: its form (text, owner, due date).
    edit_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Agenda")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self._agenda = Agenda()
        self._today = date.today()

    def _follow(self, url: QUrl) -> None:
        if url.scheme() != RECORD_SCHEME:
            QDesktopServices.openUrl(url)
            return
        verb, _, number = url.path().partition("/")
        if not number.isdigit():
            return
        if verb == "action":
            self.edit_requested.emit(int(number))
        else:
            self.done_toggled.emit(int(number), verb == "done")

    def set_done(self, item_id: int, done: bool) -> None:
        stamp = datetime.now(UTC) if done else None
        for items in (self._agenda.next_steps, self._agenda.open_actions):
            items[:] = [replace(a, done_at=stamp) if a.id == item_id else a for a in items]
        self.setHtml(self._html())

    def show_agenda(self, agenda: Agenda, today: date) -> None:
        self._agenda = agenda
        self._today = today
        self.setHtml(self._html())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.setHtml(self._html())

    def _html(self) -> str:
        agenda = self._agenda
        muted = muted_color(self.palette()).name()
        parts = [
            self._section("Last call's next steps", self._actions(agenda.next_steps)),
            self._section("Open action items", self._actions(agenda.open_actions)),
            self._section("Goals in progress", [self._goal(g) for g in agenda.goals]),
        ]
        if not any(parts):
            return f"<p style='color:{muted}'>Nothing open: no action items or active goals.</p>"
        return "".join(parts)

    def _section(self, title: str, rows: list[str]) -> str:
        if not rows:
            return ""
        items = "".join(f"<li>{row}</li>" for row in rows)
        return f"<h4>{escape(title)}</h4><ul style='margin-left:-20px'>{items}</ul>"

    def _actions(self, actions: list[ActionItem]) -> list[str]:
        palette = self.palette()
        muted = muted_color(palette).name()
        rows = []
        for action in actions:
            if not action.is_open:
                rows.append(f"<s>{escape(action.text)}</s> · "
                            + record_link(f"reopen/{action.id}", "Reopen"))  # fmt: skip
                continue
            row = escape(action.text)
            if action.owner is Owner.MENTEE:
                row += f" <span style='color:{muted}'>(them)</span>"
            if action.due_date is not None:
                late = action.due_date < self._today
                colour = error_color(palette).name() if late else muted
                when = short_date(action.due_date, self._today)
                row += f" <span style='color:{colour}'>due {when}</span>"
            links = record_link(f"done/{action.id}", "Done") + " · "
            rows.append(f"{row} · {links}{record_link(f'action/{action.id}', 'Edit')}")
        return rows

    def _goal(self, progress: GoalProgress) -> str:
        muted = muted_color(self.palette()).name()
        text = f"{escape(progress.goal.title)} <span style='color:{muted}'>{progress.percent}%"
        upcoming = progress.next_milestone()
        if upcoming is not None:
            text += f" · next: {escape(upcoming.title)}"
        return text + "</span>"
