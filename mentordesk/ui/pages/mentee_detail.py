"""One mentee's dashboard: the detail half of the Mentees page.

A header (name, role, Edit… and Delete…) over two tabs: Overview, one QTextBrowser holding
the rest as HTML, and Timeline, the mentee's history in pages (``widgets/mentee_timeline.py``).
Switching mentees replaces one document, which Qt lays out once: measured on 2,000 mentees,
that is ~5 ms where a dozen word-wrapped labels took ~25 ms. Every link of both tabs goes
through the browser's one router (``widgets/dashboard_browser.py``) to a signal here.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, Signal, SignalInstance
from PySide6.QtGui import QCursor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import MenteeDashboard
from mentordesk.ui.channel_open import open_channel
from mentordesk.ui.theme import muted_color, scaled_font
from mentordesk.ui.widgets import detail_mentee as html

# Re-exported: the brief's window shows its page in the same browser.
from mentordesk.ui.widgets.dashboard_browser import TWO_COLUMNS_FROM, DashboardBrowser
from mentordesk.ui.widgets.mentee_timeline import MenteeTimeline


class MenteeDetail(QWidget):
    """Shows a ``MenteeDashboard``; asks the page to edit or delete through signals."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)
    call_requested = Signal(int)
    note_requested = Signal(int)
    roadmap_requested = Signal(int)
    summary_requested = Signal(int)
    #: Log Contact… for the mentee; a logged contact's Edit… / Delete… links (its id).
    contact_requested = Signal(int)
    contact_edit_requested = Signal(int)
    contact_delete_requested = Signal(int)
    #: A record's form: kind ("feedback", "win", "resource", "action"), id (0: a new one).
    record_requested = Signal(str, int)
    #: An action item ticked off (True) or reopened (False) by its id.
    action_done_requested = Signal(int, bool)
    #: A note's window (its id); a meeting's detail (its id); the roadmap at a goal (mentee
    #: id, goal id; 0: none); the planner with this mentee ticked (mentee id).
    note_open_requested = Signal(int)
    meeting_open_requested = Signal(int)
    goal_requested = Signal(int, int)
    plan_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dashboard: MenteeDashboard | None = None
        self._now = datetime.now().astimezone()
        self._zone = ZoneInfo("UTC")
        self._two_columns = False

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setContentsMargins(24, 24, 24, 24)

        content = QWidget(self)
        self.name_label = QLabel(content)
        self.name_label.setFont(scaled_font(self.font(), 1.6, QFont.Weight.Bold))
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = QLabel(content)
        self.subtitle_label.setWordWrap(True)
        self.edit_button = QPushButton("Edit…", content)
        self.edit_button.setToolTip("Edit this mentee's profile")
        self.delete_button = QPushButton("Delete…", content)
        self.delete_button.setToolTip("Delete this mentee and everything recorded about them")
        self.edit_button.clicked.connect(self._edit_clicked)
        self.delete_button.clicked.connect(self._delete_clicked)
        self.call_button = QPushButton("Start Call", content)
        self.call_button.setToolTip("Take notes during a call with this mentee (Ctrl+Shift+N)")
        self.call_button.clicked.connect(lambda: self._emit_for_mentee(self.call_requested))
        self.note_button = QPushButton("New Note…", content)
        self.note_button.setToolTip("Write a note about this mentee, outside a call")
        self.note_button.clicked.connect(lambda: self._emit_for_mentee(self.note_requested))
        self.roadmap_button = QPushButton("Roadmap…", content)
        self.roadmap_button.setToolTip("Add, edit, reorder and revisit this mentee's goals")
        self.roadmap_button.clicked.connect(lambda: self._emit_for_mentee(self.roadmap_requested))
        self.summary_button = QPushButton("Summary PDF…", content)
        self.summary_button.setToolTip("Export a progress summary to hand over (Ctrl+P)")
        self.summary_button.clicked.connect(lambda: self._emit_for_mentee(self.summary_requested))
        self.contact_button = QPushButton("Log Contact…", content)
        self.contact_button.setToolTip(
            "An email, chat, phone call or meeting in person: it counts as contact (Ctrl+Shift+K)"
        )
        self.contact_button.clicked.connect(lambda: self._emit_for_mentee(self.contact_requested))
        self.add_button = QPushButton("A&dd", content)
        self.add_button.setToolTip("Record feedback, a win, a resource or an action item")
        add_menu = QMenu(self.add_button)
        for kind, label in (("feedback", "Feedback…"), ("win", "Win…"),
                            ("resource", "Resource…"), ("action", "Action Item…")):  # fmt: skip
            add_menu.addAction(label, lambda kind=kind: self.record_requested.emit(kind, 0))
        self.add_button.setMenu(add_menu)
        self.browser = DashboardBrowser(content)
        self.browser.setAccessibleName("Dashboard")
        self.timeline = MenteeTimeline(content)
        for browser in (self.browser, self.timeline.browser):
            self._route(browser)
        self.tabs = QTabWidget(content)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.browser, "&Overview")
        self.tabs.addTab(self.timeline, "&Timeline")
        self.tabs.setTabToolTip(0, "Profile, goals, meetings and records (Alt+O)")
        self.tabs.setTabToolTip(
            1, "Everything that happened with this mentee, newest first (Alt+T)"
        )
        self.tabs.currentChanged.connect(self._tab_changed)
        #: What the last channel click did ("Copied … to the clipboard"), also shown as a tip.
        self.channel_message = ""

        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.name_label)
        titles.addWidget(self.subtitle_label)
        # The profile's own buttons beside the name; what to do with the mentee under it, in
        # two rows, so the pane stays narrow enough for the list beside it.
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QGridLayout()
        buttons.setHorizontalSpacing(6)
        for index, button in enumerate(
            (
                self.call_button,
                self.note_button,
                self.contact_button,
                self.add_button,
                self.roadmap_button,
                self.summary_button,
            )
        ):
            buttons.addWidget(button, index // 3, index % 3)
        buttons.setColumnStretch(3, 1)
        header = QVBoxLayout()
        header.setContentsMargins(16, 12, 16, 6)
        header.setSpacing(8)
        header.addLayout(top)
        header.addLayout(buttons)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._apply_muted()
        self.show_message("Select a mentee to see their dashboard.")

    # -- API ------------------------------------------------------------------------

    def mentee_id(self) -> int | None:
        return self.dashboard.mentee.id if self.dashboard is not None else None

    def show_message(self, message: str) -> None:
        self.dashboard = None
        self.placeholder.setText(message)
        self.stack.setCurrentIndex(0)

    def show_dashboard(self, dashboard: MenteeDashboard, now: datetime, zone: ZoneInfo) -> None:
        same = self.dashboard is not None and self.dashboard.mentee.id == dashboard.mentee.id
        self.dashboard, self._now, self._zone = dashboard, now, zone
        self.name_label.setText(dashboard.mentee.name)
        first = dashboard.mentee.name.split(" ")[0]
        self.timeline.set_mentee(dashboard.mentee.id or 0, first, now, zone)
        if self.tabs.currentWidget() is self.timeline:
            self.timeline.load()
        subtitle = html.subtitle(dashboard)
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))
        self._render(keep_scroll=same)
        self.stack.setCurrentIndex(1)
        # The whole panel changed: paint it in one pass (its children are within it).
        self.update()

    def set_clock(self, now: datetime) -> None:
        """Moves the clock on: their local time and working-hours state change."""
        self._now = now
        self._render(keep_scroll=True)

    def html(self) -> str:
        """The dashboard's HTML as shown (what a screen reader and the tests read)."""
        return self.browser.toHtml()

    # -- inside ---------------------------------------------------------------------------

    def _render(self, keep_scroll: bool) -> None:
        if self.dashboard is None:
            return
        bar = self.browser.verticalScrollBar()
        position = bar.value() if keep_scroll else 0
        page = html.page(self.dashboard, self._now, self._zone, self.palette(), self._two_columns)
        self.browser.setHtml(page)
        bar.setValue(position)

    def _route(self, browser: DashboardBrowser) -> None:
        browser.record_link.connect(self._record_link)
        browser.contact_link.connect(self._contact_link)
        browser.channel_link.connect(self._channel_clicked)
        browser.note_link.connect(self._note_link)
        browser.meeting_link.connect(self._meeting_link)
        browser.goal_link.connect(self._goal_link)
        browser.mentee_link.connect(self._mentee_link)

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.timeline:
            self.timeline.load()

    def _note_link(self, note_id: int) -> None:
        """``note:12`` opens that note's window; ``note:0`` a new note about the mentee."""
        if note_id:
            self.note_open_requested.emit(note_id)
        else:
            self._emit_for_mentee(self.note_requested)

    def _meeting_link(self, meeting_id: int) -> None:
        """``meeting:4`` shows that meeting's detail; ``meeting:0`` plans one."""
        if meeting_id:
            self.meeting_open_requested.emit(meeting_id)
        else:
            self._emit_for_mentee(self.plan_requested)

    def _goal_link(self, goal_id: int) -> None:
        mentee_id = self.mentee_id()
        if mentee_id is not None:
            self.goal_requested.emit(mentee_id, goal_id)

    def _mentee_link(self, target: str) -> None:
        if target == "edit":
            self._edit_clicked()

    def _channel_clicked(self, index: str) -> None:
        """``2``: the mentee's third channel opens in its app, or is copied."""
        channels = self.dashboard.mentee.channels if self.dashboard is not None else ()
        try:
            channel = channels[int(index)]
        except (ValueError, IndexError):
            return
        self.channel_message = open_channel(channel)
        QToolTip.showText(QCursor.pos(), self.channel_message, self.browser)

    def _edit_clicked(self) -> None:
        mentee_id = self.mentee_id()
        if mentee_id is not None:
            self.edit_requested.emit(mentee_id)

    def _emit_for_mentee(self, signal: SignalInstance) -> None:
        mentee_id = self.mentee_id()
        if mentee_id is not None:
            signal.emit(mentee_id)

    def _contact_link(self, target: str) -> None:
        """``edit/3`` and ``delete/3``: a logged contact's Edit… and Delete… links; ``new``:
        Log Contact…."""
        if target == "new":
            self._emit_for_mentee(self.contact_requested)
            return
        action, _, number = target.partition("/")
        signal = {"edit": self.contact_edit_requested, "delete": self.contact_delete_requested}
        if action in signal and number.isdigit():
            signal[action].emit(int(number))

    def _record_link(self, target: str) -> None:
        """``win/12`` edits that win; ``done/7`` and ``reopen/7`` tick or reopen item 7."""
        kind, _, number = target.partition("/")
        if not number.isdigit() or self.mentee_id() is None:
            return
        if kind in ("done", "reopen"):
            self.action_done_requested.emit(int(number), kind == "done")
        else:
            self.record_requested.emit(kind, int(number))

    def _delete_clicked(self) -> None:
        mentee_id = self.mentee_id()
        if mentee_id is not None:
            self.delete_requested.emit(mentee_id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        two = event.size().width() >= TWO_COLUMNS_FROM
        if two != self._two_columns:
            self._two_columns = two
            self._render(keep_scroll=True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_muted()
            self._render(keep_scroll=True)
        super().changeEvent(event)

    def _apply_muted(self) -> None:
        for label in (self.placeholder, self.subtitle_label):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, muted_color(self.palette()))
            label.setPalette(palette)
