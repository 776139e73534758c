"""The main window: a sidebar of pages, menus with shortcuts, and a status bar.

Start-up is on the critical path: only the start page is built before the first paint, the
others when first shown, and dialogs are imported when first opened.

This module holds the window itself: its pages (built on first use), the status bar, the
state it restores (size, splitters, last page, each page's choices) and the ``ready`` signal.
Its menus and the dialogs behind them are ``main_window_actions.WindowActions``; call mode
and note windows are ``main_window_notes.NoteWindows``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from mentordesk.services.changes import Changes, Kind
from mentordesk.ui.change_hub import ChangeHub
from mentordesk.ui.formatting import plural
from mentordesk.ui.main_window_actions import WindowActions
from mentordesk.ui.main_window_brief import BriefWindows
from mentordesk.ui.main_window_notes import NoteWindows
from mentordesk.ui.pages.base import Page
from mentordesk.ui.pages.registry import PAGES, PageEntry, load_page, page_name
from mentordesk.ui.resources import app_icon
from mentordesk.ui.widgets.elided_label import ElidedLabel
from mentordesk.ui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from mentordesk.services import Workspace
    from mentordesk.ui.backup_scheduler import AutoBackup
    from mentordesk.ui.call_mode import CallWindow
    from mentordesk.ui.dialogs.brief import BriefDialog
    from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog
    from mentordesk.ui.note_window import NoteWindow
    from mentordesk.ui.reminders import ReminderNotifier

DEFAULT_SIZE = (1200, 780)
_STATUS_MS = 8000


def _settings_key(page_class: PageEntry, splitter: QSplitter) -> str:
    return f"splitters/{page_name(page_class)}/{splitter.objectName()}"


class MainWindow(WindowActions, NoteWindows, BriefWindows, QMainWindow):
    """``ready`` is emitted once, after the page shown at start has data and was painted."""

    ready = Signal()

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        pages: Sequence[PageEntry] = PAGES,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._new_mentee_dialog: MenteeDialog | None = None
        self.settings = settings if settings is not None else QSettings("MentorDesk", "MentorDesk")
        self.page_classes: tuple[PageEntry, ...] = tuple(pages)
        self._pages: list[Page | None] = [None] * len(self.page_classes)
        self._ready_page: Page | None = None
        self._ready_sent = False
        self.call_windows: list[CallWindow] = []
        self.note_windows: list[NoteWindow] = []
        self.auto_backup: AutoBackup | None = None
        self.brief_windows: dict[int, BriefDialog] = {}
        self.reminders: ReminderNotifier | None = None
        #: Every committed write, on the GUI thread; each page and window decides to redraw.
        self.hub = ChangeHub(workspace, self)
        self.hub.changed.connect(self._changes_arrived)

        if QApplication.windowIcon().isNull():
            self.setWindowIcon(app_icon())
        self.sidebar = Sidebar(self)
        for cls in self.page_classes:
            self.sidebar.add_page(cls.title, cls.icon_name)
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self._build_status_bar()
        start = self._restore_state()
        self.sidebar.currentRowChanged.connect(self.show_page_index)
        self.show_page_index(start)
        self._ready_page = self.current_page()
        self._ready_page.installEventFilter(self)
        self.ready.connect(self.recover_notes)

    # -- pages -----------------------------------------------------------------------

    def _index(self, page_class: PageEntry | str) -> int:
        name = page_class if isinstance(page_class, str) else page_name(page_class)
        return [page_name(entry) for entry in self.page_classes].index(name)

    def page(self, page_class: PageEntry | str) -> Page:
        """The page of that class (or class name), built on first use."""
        return self._page_at(self._index(page_class))

    def current_page(self) -> Page:
        return self._page_at(max(self.sidebar.currentRow(), 0))

    def built_pages(self) -> list[Page]:
        return [p for p in self._pages if p is not None]

    def show_page(self, page_class: PageEntry | str) -> Page:
        self.show_page_index(self._index(page_class))
        return self.current_page()

    def show_page_index(self, index: int) -> None:
        if not 0 <= index < len(self.page_classes):
            return
        page = self._page_at(index)
        self.stack.setCurrentWidget(page)
        if self.sidebar.currentRow() != index:
            self.sidebar.setCurrentRow(index)
        self._view_actions[index].setChecked(True)
        self.setWindowTitle(f"{page.title} — MentorDesk")
        self._page_shown(page)

    def _page_at(self, index: int) -> Page:
        page = self._pages[index]
        if page is None:
            cls = load_page(self.page_classes[index])
            page = cls(self.workspace, self.stack)
            page.status_message.connect(self._show_status)
            page.summary_message.connect(self._show_summary)
            page.open_mentee.connect(self.open_mentee)
            page.open_meeting.connect(self.open_meeting)
            page.plan_requested.connect(self.plan_with)
            page.roadmap_requested.connect(self.open_roadmap)
            page.call_requested.connect(
                lambda mentee, meeting, start: self.open_call(mentee, meeting or None, start)
            )
            page.note_requested.connect(lambda mentee, note: self.open_note(mentee, note or None))
            page.summary_requested.connect(self.export_summary)
            page.brief_requested.connect(self.open_brief)
            for splitter in page.findChildren(QSplitter):
                state = self.settings.value(_settings_key(cls, splitter))
                if splitter.objectName() and isinstance(state, QByteArray):
                    splitter.restoreState(state)
            prefix = f"choices/{page_name(self.page_classes[index])}/"
            page.restore_choices(lambda key: self.settings.value(prefix + key))
            self.stack.addWidget(page)
            self._pages[index] = page
            self._page_built(page)
        return page

    # -- redrawing and navigation -----------------------------------------------------

    def refresh_all(self) -> None:
        """View ▸ Refresh (F5): reload every page built, whatever changed."""
        for page in self.built_pages():
            page.refresh()
        self._update_counts()

    def _changes_arrived(self, changes: Changes) -> None:
        for page in self.built_pages():
            page.on_changes(changes)
        self.briefs_follow(changes)
        if not changes.typing and changes.touches(Kind.MENTEES, Kind.MEETINGS, Kind.NOTES):
            self._update_counts()

    def focus_search(self) -> None:
        self.current_page().focus_search()

    def open_mentee(self, mentee_id: int) -> None:
        if "MenteesPage" not in [page_name(entry) for entry in self.page_classes]:
            return
        page = self.show_page("MenteesPage")
        select = getattr(page, "select_mentee", None)
        if select is not None:
            select(mentee_id)

    def open_meeting(self, meeting_id: int) -> None:
        """The Meetings page with that meeting selected (its occurrences and notes)."""
        if "MeetingsPage" in [page_name(entry) for entry in self.page_classes]:
            page = self.show_page("MeetingsPage")
            if not page.select_meeting(meeting_id):  # type: ignore[attr-defined]
                self._show_status("That meeting no longer exists.")

    def plan_with(self, mentee_id: int) -> None:
        """The Planner with only this mentee ticked (their hours beside the mentor's), and
        New Meeting for them on top: picking the time is the one step left."""
        if "PlannerPage" in [page_name(entry) for entry in self.page_classes]:
            planner = self.show_page("PlannerPage")
            planner.show_people([mentee_id])  # type: ignore[attr-defined]
            planner.plan_meeting(None, timedelta(minutes=45))  # type: ignore[attr-defined]

    def open_roadmap(self, mentee_id: int, goal_id: int = 0) -> None:
        if "RoadmapPage" in [page_name(entry) for entry in self.page_classes]:
            self.show_page("RoadmapPage").show_mentee(mentee_id, goal_id)  # type: ignore[attr-defined]

    # -- status bar ------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.counts_label = QLabel(self)
        self.path_label = ElidedLabel(str(self.workspace.path), self)
        self.path_label.setMaximumWidth(420)
        status.addPermanentWidget(self.counts_label)
        status.addPermanentWidget(self.path_label)
        # Counting 200,000 notes is not needed for the first paint.
        QTimer.singleShot(0, self._update_counts)

    def _update_counts(self) -> None:
        counts = self.workspace.counts()
        self.counts_label.setText(
            " · ".join(
                plural(counts.get(t, 0), t.rstrip("s")) for t in ("mentees", "meetings", "notes")
            )
        )

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, _STATUS_MS)

    def _show_summary(self, message: str) -> None:
        """A page's summary never hides a confirmation ("Marked held", "Moved …")."""
        if not self.statusBar().currentMessage():
            self.statusBar().showMessage(message, _STATUS_MS)

    # -- state -----------------------------------------------------------------------

    def _restore_state(self) -> int:
        """Restores geometry and splitters; returns the page to start on."""
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*DEFAULT_SIZE)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([self.sidebar.sizeHint().width(), DEFAULT_SIZE[0]])
        names = [page_name(entry) for entry in self.page_classes]
        last = self.settings.value("window/page")
        return names.index(last) if last in names else 0

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/page", type(self.current_page()).__name__)
        for entry, page in zip(self.page_classes, self._pages, strict=True):
            if page is None:
                continue
            for splitter in page.findChildren(QSplitter):
                if splitter.objectName():
                    self.settings.setValue(_settings_key(entry, splitter), splitter.saveState())
            for key, value in page.saved_choices().items():
                self.settings.setValue(f"choices/{page_name(entry)}/{key}", value)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_quit() or not self.close_note_windows():
            event.ignore()
            return
        self.save_state()
        if self.auto_backup is not None:
            self.auto_backup.back_up_on_quit()
        super().closeEvent(event)

    # -- ready -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._ready_page and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._ready_page = None
            # The page's children paint in the same pass, after this event: signal once it is done.
            QTimer.singleShot(0, self._emit_ready)
        return super().eventFilter(watched, event)

    def _emit_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()
