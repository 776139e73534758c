"""The main window: a sidebar of pages, menus with shortcuts, and a status bar.

Start-up is on the critical path: only the start page is built before the first paint, the
others when first shown, and dialogs are imported when first opened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.ui.formatting import plural
from mentordesk.ui.pages.base import Page
from mentordesk.ui.pages.registry import PAGES, PageEntry, load_page, page_name
from mentordesk.ui.resources import app_icon
from mentordesk.ui.widgets.elided_label import ElidedLabel
from mentordesk.ui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from mentordesk.ui.backup_scheduler import AutoBackup
    from mentordesk.ui.call_mode import CallWindow
    from mentordesk.ui.dialogs.backups import BackupsDialog
    from mentordesk.ui.dialogs.export_all import ExportAllRun
    from mentordesk.ui.dialogs.location_warning import LocationWarningDialog
    from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog
    from mentordesk.ui.dialogs.preferences import PreferencesDialog
    from mentordesk.ui.note_window import NoteWindow
    from mentordesk.ui.note_window_base import NoteWindowBase

DEFAULT_SIZE = (1200, 780)
_STATUS_MS = 8000


def _settings_key(page_class: PageEntry, splitter: QSplitter) -> str:
    return f"splitters/{page_name(page_class)}/{splitter.objectName()}"


class MainWindow(QMainWindow):
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

    def _page_at(self, index: int) -> Page:
        page = self._pages[index]
        if page is None:
            cls = load_page(self.page_classes[index])
            page = cls(self.workspace, self.stack)
            page.status_message.connect(self._show_status)
            page.data_changed.connect(lambda p=page: self._data_changed(p))
            page.open_mentee.connect(self.open_mentee)
            page.call_requested.connect(
                lambda mentee, meeting, start: self.open_call(mentee, meeting or None, start)
            )
            page.note_requested.connect(lambda mentee, note: self.open_note(mentee, note or None))
            for splitter in page.findChildren(QSplitter):
                state = self.settings.value(_settings_key(cls, splitter))
                if splitter.objectName() and isinstance(state, QByteArray):
                    splitter.restoreState(state)
            prefix = f"choices/{page_name(self.page_classes[index])}/"
            page.restore_choices(lambda key: self.settings.value(prefix + key))
            self.stack.addWidget(page)
            self._pages[index] = page
        return page

    # -- actions ---------------------------------------------------------------------

    def refresh_all(self) -> None:
        for page in self.built_pages():
            page.refresh()
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

    def new_mentee(self) -> MenteeDialog:
        from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog

        dialog = MenteeDialog(self.workspace, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda holding ``dialog``: with WA_DeleteOnClose the lambda
        # could drop the last Python reference while Qt deletes the dialog (a crash seen here).
        self._new_mentee_dialog = dialog
        dialog.accepted.connect(self._new_mentee_accepted)
        dialog.open()
        return dialog

    def show_preferences(self) -> PreferencesDialog:
        from mentordesk.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.workspace, self, busy=self.rewrite_refused)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh_all)
        dialog.encryption_changed.connect(self._show_status)
        dialog.open()
        return dialog

    def show_backups(self) -> BackupsDialog:
        from mentordesk.ui.dialogs.backups import BackupsDialog

        dialog = BackupsDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self.refresh_all)
        dialog.open()
        return dialog

    def _backup_running(self) -> bool:
        return self.auto_backup is not None and self.auto_backup.busy

    def rewrite_refused(self) -> str:
        """Why the file cannot be rewritten (encrypted, decrypted) right now, or ""."""
        if self._backup_running():
            return "A backup is being written — try again in a few seconds."
        return ""

    def move_refused(self) -> str:
        """Why the file cannot be moved right now, or ""."""
        if self.call_windows:
            return "Finish the call first: its note is being saved as you type."
        if self._backup_running():
            return "A backup is being written — try again in a moment."
        return ""

    def move_database(self) -> LocationWarningDialog:
        """To another folder (out of a synced one): ``ui/dialogs/location_warning.py``."""
        from mentordesk.ui.dialogs.location_warning import open_move_dialog

        dialog = open_move_dialog(self.workspace, self, refused=self.move_refused)
        dialog.moved.connect(self.database_moved)
        return dialog

    def warn_about_location(self, *, mounts: str | None = None) -> LocationWarningDialog | None:
        """The once-per-file warning about a synced or network folder (after the start-up
        check), or None when the file is in a safe place or the mentor has answered."""
        from mentordesk.ui.dialogs.location_warning import maybe_warn_location

        dialog = maybe_warn_location(self.workspace, self, refused=self.move_refused, mounts=mounts)
        if dialog is not None:
            dialog.moved.connect(self.database_moved)
        return dialog

    def database_moved(self, path: Path) -> None:
        """The workspace now works on the file at ``path``: name it and redraw."""
        self.path_label.set_full_text(str(path))
        self.refresh_all()

    def export_all_data(self) -> ExportAllRun:
        """Everything, private notes included, into a folder the mentor chooses."""
        from mentordesk.ui.dialogs.export_all import ExportAllRun

        run = ExportAllRun(self.workspace, self)
        run.choose_folder()
        return run

    def enable_auto_backup(self) -> AutoBackup:
        """Backups when the data changed: now, every 30 minutes, on quit (after first paint)."""
        from mentordesk.ui.backup_scheduler import AutoBackup

        if self.auto_backup is None:
            self.auto_backup = AutoBackup(self.workspace, self)
            self.auto_backup.message.connect(self._backup_message)
            self.auto_backup.start()
        return self.auto_backup

    def _backup_message(self, text: str, failed: bool) -> None:
        if not failed:
            self._show_status(text)
            return
        from PySide6.QtWidgets import QMessageBox

        self.statusBar().showMessage(text)  # stays until the next message
        box = QMessageBox(QMessageBox.Icon.Warning, "Backup failed", text,
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_about(self) -> QWidget:
        from mentordesk.ui.dialogs.about import show_about

        return show_about(self.workspace, self)

    def _selected_mentee_id(self) -> int | None:
        page = self.current_page()
        pane = getattr(page, "pane", None) if type(page).__name__ == "MenteesPage" else None
        key = pane.current_key() if pane is not None else None
        return key if isinstance(key, int) else None

    def new_call(self) -> QWidget | None:
        """A call with the selected mentee, or a chooser first when none is selected."""
        from mentordesk.ui.dialogs.call_prompts import choose_mentee

        key = self._selected_mentee_id()
        if key is not None:
            return self.open_call(key)
        chooser = choose_mentee(self, self.workspace, self.open_call)
        if chooser is None:
            self._show_status("Add a mentee first (File ▸ New Mentee…), then start a call.")
        return chooser

    def open_call(
        self,
        mentee_id: int,
        meeting_id: int | None = None,
        original_start: datetime | None = None,
        note_id: int | None = None,
        *,
        recovered: bool = False,
    ) -> NoteWindowBase:
        """Opens call mode (or raises the window already open on that note)."""
        from mentordesk.ui.call_mode import CallWindow

        shown = self._raise_window_of(note_id)
        if shown is not None:
            return shown
        window = CallWindow(
            self.workspace,
            mentee_id,
            meeting_id,
            original_start,
            note_id,
            recovered=recovered,
            settings=self.settings,
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.ended.connect(self.refresh_all)
        window.finished.connect(self._call_finished)
        self.call_windows.append(window)
        window.show()
        return window

    def new_note(self) -> QWidget | None:
        """A note about the selected mentee, or a chooser first when none is selected."""
        from mentordesk.ui.dialogs.call_prompts import choose_mentee

        key = self._selected_mentee_id()
        if key is not None:
            return self.open_note(key)
        chooser = choose_mentee(
            self, self.workspace, self.open_note,
            title="New Note", label="Note about:", ok_text="Write Note",
        )  # fmt: skip
        if chooser is None:
            self._show_status("Add a mentee first (File ▸ New Mentee…), then write a note.")
        return chooser

    def _raise_window_of(self, note_id: int | None) -> NoteWindowBase | None:
        for window in [*self.call_windows, *self.note_windows]:
            if note_id is not None and window.note_id == note_id:
                window.raise_()
                window.activateWindow()
                return window
        return None

    def open_note(
        self, mentee_id: int, note_id: int | None = None, *, recovered: bool = False
    ) -> NoteWindowBase:
        """The note editor on ``note_id`` (a new note when None); a window already open on
        that note, for a call or not, is raised instead. ``recovered``: reopened after a crash
        (the window says so)."""
        from mentordesk.ui.note_window import NoteWindow

        shown = self._raise_window_of(note_id)
        if shown is not None:
            return shown
        window = NoteWindow(
            self.workspace, mentee_id, note_id, settings=self.settings, recovered=recovered
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.details_changed.connect(self.refresh_all)
        window.finished.connect(self._note_finished)
        self.note_windows.append(window)
        window.show()
        return window

    def _note_finished(self) -> None:
        self.note_windows = [w for w in self.note_windows if w is not self.sender()]
        self.refresh_all()

    def recover_notes(self) -> None:
        """Reopens notes an unexpected exit left unclosed, each with a banner saying so."""
        for note in self.workspace.unclosed_notes(in_call=True):
            self.open_call(note.mentee_id, note.meeting_id, note_id=note.id, recovered=True)
        for note in self.workspace.unclosed_notes(in_call=False):
            self.open_note(note.mentee_id, note.id, recovered=True)

    def _call_finished(self) -> None:
        # The window is deleted once closed: forget it now, while it still exists.
        self.call_windows = [w for w in self.call_windows if w is not self.sender()]
        self.refresh_all()

    def _new_mentee_accepted(self) -> None:
        dialog = self._new_mentee_dialog
        self._new_mentee_dialog = None
        if dialog is not None:
            self._mentee_saved(dialog.saved_mentee)

    def _mentee_saved(self, mentee: Mentee | None) -> None:
        self.refresh_all()
        if mentee is not None and mentee.id is not None:
            self.open_mentee(mentee.id)

    def _data_changed(self, source: Page) -> None:
        for page in self.built_pages():
            if page is not source:
                page.refresh()
        self._update_counts()

    # -- building --------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcuts: Sequence[QKeySequence] = (),
        role: QAction.MenuRole = QAction.MenuRole.NoRole,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(list(shortcuts))
        action.setMenuRole(role)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        preferences_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        file_menu = bar.addMenu("&File")
        self.new_mentee_action = self._action(
            "&New Mentee…", self.new_mentee, [QKeySequence("Ctrl+N")]
        )
        self.preferences_action = self._action(
            "&Preferences…",
            self.show_preferences,
            preferences_keys or [QKeySequence("Ctrl+,")],
            QAction.MenuRole.PreferencesRole,
        )
        self.quit_action = self._action(
            "&Quit", self.close, [QKeySequence("Ctrl+Q")], QAction.MenuRole.QuitRole
        )
        self.new_call_action = self._action(
            "New &Call…", self.new_call, [QKeySequence("Ctrl+Shift+N")]
        )
        file_menu.addAction(self.new_mentee_action)
        file_menu.addAction(self.new_call_action)
        self.new_note_action = self._action(
            "New N&ote…", self.new_note, [QKeySequence("Ctrl+Alt+N")]
        )
        file_menu.addAction(self.new_note_action)
        file_menu.addSeparator()
        self.backups_action = self._action(
            "&Backups…", self.show_backups, [QKeySequence("Ctrl+Shift+B")]
        )
        file_menu.addAction(self.backups_action)
        self.move_database_action = self._action(
            "&Move Database…", self.move_database, [QKeySequence("Ctrl+Shift+L")]
        )
        file_menu.addAction(self.move_database_action)
        self.export_all_action = self._action(
            "&Export All Data…", self.export_all_data, [QKeySequence("Ctrl+Shift+E")]
        )
        file_menu.addAction(self.export_all_action)
        file_menu.addSeparator()
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        self.find_action = self._action("&Find", self.focus_search, [QKeySequence("Ctrl+F")])
        edit_menu.addAction(self.find_action)

        view_menu = bar.addMenu("&View")
        group = QActionGroup(self)
        self._view_actions: list[QAction] = []
        for i, cls in enumerate(self.page_classes):
            keys = [QKeySequence(f"Ctrl+{i + 1}")] if i < 9 else []
            action = self._action(cls.title, lambda _=False, i=i: self.show_page_index(i), keys)
            action.setCheckable(True)
            group.addAction(action)
            view_menu.addAction(action)
            self._view_actions.append(action)
        view_menu.addSeparator()
        self.refresh_action = self._action("&Refresh", self.refresh_all, [QKeySequence("F5")])
        view_menu.addAction(self.refresh_action)

        help_menu = bar.addMenu("&Help")
        self.about_action = self._action(
            "&About MentorDesk", self.show_about, role=QAction.MenuRole.AboutRole
        )
        help_menu.addAction(self.about_action)

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
        for note_window in [*self.call_windows, *self.note_windows]:
            # A note that cannot be saved yet keeps its window (and this one) open.
            if not note_window.close():
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
