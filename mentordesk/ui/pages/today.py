"""Today: the next meetings in both people's time, who is due a check-in, who has no session
booked, goals to revisit, open action items, the latest notes and recent wins — seven lists
that fold (``today_sections.py``), with a detail panel for the selected row."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
)

from mentordesk.domain.models import Settings
from mentordesk.domain.views import UpcomingMeeting
from mentordesk.services.agenda import SHOWN
from mentordesk.services.changes import Kind
from mentordesk.ui.formatting import plural
from mentordesk.ui.models.list_base import KEY_ROLE, MENTEE_ID_ROLE
from mentordesk.ui.pages.base import Page
from mentordesk.ui.pages.today_actions import ActionButtons
from mentordesk.ui.pages.today_detail import detail_html
from mentordesk.ui.pages.today_sections import FoldingLists, build_sections, columns
from mentordesk.ui.theme import scaled_font
from mentordesk.ui.widgets.folding_section import FoldingSection
from mentordesk.ui.widgets.muted_label import MutedLabel

_CLOCK_TICK_MS = 20_000
# Meetings start and end, check-ins fall due: reload now and then even if nothing was edited.
_RELOAD_EVERY = timedelta(minutes=5)
_NO_DETAIL = (
    "Select a row of any list to see all of it here. Alt+1…Alt+7 go to the lists;"
    " a list's title folds it."
)
PLAN_KEYS = QKeySequence("Ctrl+Shift+M")


def _greeting(hour: int) -> str:
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    return "Good evening"


class TodayPage(FoldingLists, Page):
    title = "Today"
    icon_name = "go-home"
    menu_title = "Li&sts"  # "Today" is View ▸ Today's name
    watches = frozenset(
        {
            Kind.MEETINGS,
            Kind.CONTACT,
            Kind.MENTEES,
            Kind.SETTINGS,
            Kind.ACTIONS,
            Kind.NOTES,
            Kind.GOALS,
            Kind.WINS,
        }
    )

    def setup(self) -> None:
        self._loaded_at: datetime | None = None
        self._settings = Settings()
        self._active: FoldingSection | None = None
        self._syncing = False

        self.models, self.proxies, self.sections = build_sections(self)
        (
            self.upcoming_model,
            self.check_in_model,
            self.action_model,
            self.note_model,
            self.goal_model,
            self.unbooked_model,
            self.win_model,
        ) = self.models  # type: ignore[assignment]
        self.unbooked, self.wins = self.sections[5], self.sections[6]
        self._build()
        self.refresh()
        self.tick_every(_CLOCK_TICK_MS)

    # -- Page ------------------------------------------------------------------------

    def refresh(self) -> None:
        now = self._clock()
        self._settings = self.workspace.settings()
        self._zone = self.workspace.mentor_zone()
        # In the mentor's zone, so "today" and "overdue" follow their calendar, not UTC's.
        agenda = self.workspace.agenda.today(now.astimezone(self._zone), limit=SHOWN)
        overview = agenda.overview
        kept = self._selected_key()
        self._syncing = True
        try:
            rows = (
                overview.upcoming,
                overview.check_ins,
                overview.open_actions,
                overview.recent_notes,
                overview.goals_to_revisit,
                agenda.no_next_session,
                agenda.recent_wins,
            )
            for model, items in zip(self.models, rows, strict=True):
                model.set_clock(now, self._zone)
                model.set_rows(items)
            self.unbooked.set_total(agenda.no_next_session_total)
            self.wins.set_total(agenda.recent_wins_total)
        finally:
            self._syncing = False
        self._loaded_at = now
        self._update_header(now)
        self._reselect(kept)
        self.summary_message.emit(self._summary(now))

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.date_label = QLabel(self)
        self.date_label.setFont(scaled_font(self.font(), 1.6, QFont.Weight.Bold))
        self.clock_label = MutedLabel("", self)

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Filter today’s lists (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)  # with Brief… beside it, in a 720 px window
        self.search_edit.textChanged.connect(self._filter)
        clear = QAction(self.search_edit)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search_edit.clear)
        self.search_edit.addAction(clear)
        #: Edit ▸ Undo reopens an item ticked off here.
        self.undo_stack = QUndoStack(self)
        self.action_buttons = ActionButtons(
            self, self.workspace, self.undo_stack, self.status_message.emit
        )

        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.date_label)
        titles.addWidget(self.clock_label)
        self.brief_button = QPushButton("&Brief…", self)
        self.brief_button.setShortcut(QKeySequence("Ctrl+B"))
        self.brief_button.setToolTip(
            "Before the call: the pre-session brief for the selected meeting or mentee,"
            " else for the next meeting (Ctrl+B)"
        )
        self.brief_button.clicked.connect(self._brief_clicked)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(self.brief_button, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.search_edit, 0, Qt.AlignmentFlag.AlignVCenter)

        self.plan_button = QPushButton("&Plan Meeting…", self)
        self.plan_button.setShortcut(PLAN_KEYS)
        self.plan_button.setToolTip(
            "Plan a meeting with the selected mentee: the Planner with them ticked, and"
            " New Meeting for them (Ctrl+Shift+M; Enter on the row does the same)"
        )
        self.plan_button.clicked.connect(self.plan_selected)
        self.unbooked.heading_row.addWidget(self.plan_button)
        self.sections[2].heading_row.addWidget(self.action_buttons)  # Open action items
        for section in self.sections:
            view = section.view
            view.selectionModel().selectionChanged.connect(
                lambda *_, s=section: self._selection_changed(s)
            )
            view.doubleClicked.connect(self._open_row)
            open_row = QAction(view)
            open_row.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
            open_row.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            open_row.triggered.connect(lambda _=False, v=view: self._open_row(v.currentIndex()))
            view.addAction(open_row)
        lists = columns(self, self.sections)
        self.build_menu()

        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail_label.setContentsMargins(10, 8, 10, 8)
        self.detail_label.setAccessibleName("Details")
        detail = QScrollArea(self)
        detail.setWidget(self.detail_label)
        detail.setWidgetResizable(True)
        detail.setFrameShape(QFrame.Shape.StyledPanel)
        # A meeting's main lines without scrolling; the lists need the rest at 720 px.
        detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("todaySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(lists)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 170])  # a saved state from the window replaces this

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self._show_detail(None)

    # -- behaviour -----------------------------------------------------------------------

    def _update_header(self, now: datetime) -> None:
        local = now.astimezone(self._zone)
        self.date_label.setText(f"{local:%A} {local.day} {local:%B %Y}")
        text = f"{local:%H:%M} your time · {self._zone.key}"
        if self._settings.mentor_name:
            first = self._settings.mentor_name.split(" ")[0]
            text = f"{_greeting(local.hour)}, {first} — {text}"
        self.clock_label.setText(text)

    def _tick(self) -> None:
        now = self._clock()
        loaded = self._loaded_at
        if (
            loaded is None
            or now - loaded >= _RELOAD_EVERY
            or (now.astimezone(self._zone).date() != loaded.astimezone(self._zone).date())
        ):
            self.refresh()
        else:
            self._update_header(now)

    def _summary(self, now: datetime) -> str:
        parts = []
        today = now.astimezone(self._zone).date()
        meetings_today = sum(
            1
            for u in self.upcoming_model.rows()
            if u.occurrence.start.astimezone(self._zone).date() == today
        )
        parts.append(f"{plural(meetings_today, 'meeting')} today")
        overdue = sum(1 for c in self.check_in_model.rows() if c.is_overdue)
        if overdue:
            parts.append(f"{plural(overdue, 'check-in')} overdue")
        return " · ".join(parts)

    def _filter(self, text: str) -> None:
        for proxy, section in zip(self.proxies, self.sections, strict=True):
            proxy.setFilterFixedString(text)
            section.set_filter_text(text)
        self._refresh_detail()

    def _selection_changed(self, section: FoldingSection) -> None:
        if self._syncing:
            return
        if section.view.selectionModel().hasSelection():
            self._active = section
            self._syncing = True
            try:
                for other in self.sections:
                    if other is not section:
                        other.view.clearSelection()
            finally:
                self._syncing = False
        self._refresh_detail()

    def _selected(self) -> tuple[FoldingSection, QModelIndex] | None:
        section = self._active
        if section is None:
            return None
        rows = section.view.selectionModel().selectedRows()
        return (section, rows[0]) if rows else None

    def selected_check_in(self) -> int | None:
        """The mentee of the selected check-in row, if any (Edit ▸ Log Contact… is for them)."""
        key = self._selected_key()
        return key[1] if isinstance(key, tuple) and key[0] == "check-in" else None

    def _selected_key(self) -> Hashable | None:
        selected = self._selected()
        return selected[1].data(KEY_ROLE) if selected else None

    def _reselect(self, key: Hashable | None) -> None:
        if key is not None and self._active is not None:
            proxy = self.proxies[self.sections.index(self._active)]
            for row in range(proxy.rowCount()):
                index = proxy.index(row, 0)
                if index.data(KEY_ROLE) == key:
                    self._active.view.selectionModel().setCurrentIndex(
                        index,
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    break
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        selected = self._selected()
        self.action_buttons.set_item(None)
        self.plan_button.setEnabled(self.selected_unbooked() is not None)
        if selected is None:
            self._show_detail(None)
            return
        section, index = selected
        i = self.sections.index(section)
        source = self.proxies[i].mapToSource(index)
        row = self.models[i].row_at(source.row())
        if self.models[i] is self.action_model:
            self.action_buttons.set_item((row.item.id, row.item.mentee_id))
        html = detail_html(row, self.workspace, self._clock(), self._zone)
        self._show_detail(html)

    def _show_detail(self, html: str | None) -> None:
        if html is None:
            self.detail_label.setText(f"<p>{_NO_DETAIL}</p>")
            self.detail_label.setEnabled(False)
        else:
            self.detail_label.setText(html)
            self.detail_label.setEnabled(True)

    def _brief_clicked(self) -> None:
        """The selected meeting's brief, else the selected row's mentee's, else the next."""
        selected = self._selected()
        if selected is None:
            self.brief_requested.emit(0, None)
            return
        section, index = selected
        i = self.sections.index(section)
        row = self.models[i].row_at(self.proxies[i].mapToSource(index).row())
        if isinstance(row, UpcomingMeeting):
            self.brief_requested.emit(row.occurrence.meeting.mentee_id, row.occurrence)
            return
        mentee_id = index.data(MENTEE_ID_ROLE)
        self.brief_requested.emit(mentee_id if isinstance(mentee_id, int) else 0, None)

    def _open_row(self, index: QModelIndex) -> None:
        """Enter or a double click: the mentee's dashboard, a goal's roadmap, or for someone
        with no session booked, planning one."""
        mentee_id = index.data(MENTEE_ID_ROLE)
        if not (isinstance(mentee_id, int) and mentee_id >= 0):
            return
        key = index.data(KEY_ROLE)
        if isinstance(key, tuple) and key[0] == "goal":
            self.roadmap_requested.emit(mentee_id, key[1])
        elif isinstance(key, tuple) and key[0] == "unbooked":
            self.plan_requested.emit(mentee_id)
        else:
            self.open_mentee.emit(mentee_id)

    def selected_unbooked(self) -> int | None:
        """The mentee of the selected row of "No next session booked", if any."""
        key = self._selected_key()
        return key[1] if isinstance(key, tuple) and key[0] == "unbooked" else None

    def plan_selected(self) -> None:
        mentee_id = self.selected_unbooked()
        if mentee_id is None:
            self.status_message.emit("Select someone under “No next session booked” first.")
            return
        self.plan_requested.emit(mentee_id)
