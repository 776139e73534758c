"""The main window's menus and what their entries open: a new mentee, Preferences, Backups,
Move Database, Export All Data, About; the automatic backups; and whether the file may be
moved or rewritten, or the window closed, now (``ui/operations.py``'s registry of running work).

A mixin of ``MainWindow`` (``ui/main_window.py``). Dialogs are imported when first opened:
none of them is needed for the first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenu

from mentordesk.ui.page_actions import fill_actions_menu, with_mnemonic
from mentordesk.ui.record_editing import add_record_actions

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QMenuBar, QMessageBox, QStatusBar, QWidget

    from mentordesk.domain.contacts import Contact
    from mentordesk.domain.models import Mentee
    from mentordesk.services import Workspace
    from mentordesk.ui.backup_scheduler import AutoBackup
    from mentordesk.ui.call_mode import CallWindow
    from mentordesk.ui.dialogs.backups import BackupsDialog
    from mentordesk.ui.dialogs.export_all import ExportAllRun
    from mentordesk.ui.dialogs.location_warning import LocationWarningDialog
    from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog
    from mentordesk.ui.dialogs.preferences import PreferencesDialog
    from mentordesk.ui.dialogs.summary_export import SummaryExportDialog
    from mentordesk.ui.pages.base import Page
    from mentordesk.ui.pages.registry import PageEntry
    from mentordesk.ui.widgets.elided_label import ElidedLabel


class WindowActions:
    """Menus with shortcuts, and the dialogs and background work behind them."""

    workspace: Workspace
    page_classes: tuple[PageEntry, ...]
    call_windows: list[CallWindow]
    auto_backup: AutoBackup | None
    path_label: ElidedLabel
    _new_mentee_dialog: MenteeDialog | None
    _view_actions: list[QAction]

    if TYPE_CHECKING:  # provided by MainWindow and its other parts

        def menuBar(self) -> QMenuBar: ...
        def statusBar(self) -> QStatusBar: ...
        def close(self) -> bool: ...
        def findChild(self, kind: type[QObject]) -> QObject | None: ...
        def refresh_all(self) -> None: ...
        def focus_search(self) -> None: ...
        def current_page(self) -> Page: ...
        def show_page_index(self, index: int) -> None: ...
        def open_mentee(self, mentee_id: int) -> None: ...
        def new_call(self) -> QWidget | None: ...
        def new_note(self) -> QWidget | None: ...
        def _show_status(self, message: str) -> None: ...
        def _selected_mentee_id(self) -> int | None: ...

    # -- menus -----------------------------------------------------------------------

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
        self.export_summary_action = self._action(
            "Export Progress &Summary…", lambda: self.export_summary(), [QKeySequence("Ctrl+P")]
        )
        file_menu.addAction(self.export_summary_action)
        file_menu.addSeparator()
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        self._add_undo(edit_menu)
        self.find_action = self._action("&Find", self.focus_search, [QKeySequence("Ctrl+F")])
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        self.log_contact_action = self._action(
            # The same keys as the Mentees list's menu (ui/pages/mentee_contacts.py).
            "Log &Contact…",
            lambda: self.log_contact(),
            [QKeySequence("Ctrl+Shift+K")],
        )
        edit_menu.addAction(self.log_contact_action)
        self.record_actions = add_record_actions(self, self, edit_menu)  # type: ignore[arg-type]

        self.actions_menu = bar.addMenu("&Actions")  # the page's buttons (ui/page_actions.py)
        self.actions_menu.aboutToShow.connect(
            lambda: fill_actions_menu(self.actions_menu, self.current_page())
        )

        view_menu = bar.addMenu("&View")
        group = QActionGroup(self)
        self._view_actions = []
        taken = {"r", "c"}  # &Refresh, &Columns
        for i, cls in enumerate(self.page_classes):
            keys = [QKeySequence(f"Ctrl+{i + 1}")] if i < 9 else []
            text = with_mnemonic(cls.title, taken)
            action = self._action(text, lambda _=False, i=i: self.show_page_index(i), keys)
            action.setCheckable(True)
            group.addAction(action)
            view_menu.addAction(action)
            self._view_actions.append(action)
        view_menu.addSeparator()
        # The shown list's columns (the same ticks as right-clicking a column title).
        self.columns_menu = view_menu.addMenu("&Columns")
        view_menu.aboutToShow.connect(self._fill_columns_menu)
        self.refresh_action = self._action("&Refresh", self.refresh_all, [QKeySequence("F5")])
        view_menu.addAction(self.refresh_action)

        self.help_menu = help_menu = bar.addMenu("&Help")
        self.about_action = self._action(
            "&About MentorDesk", self.show_about, role=QAction.MenuRole.AboutRole
        )
        self.shortcuts_action = self._action(
            "&Keyboard Shortcuts",
            self.show_shortcuts,
            [QKeySequence("Ctrl+/")],
        )
        self.data_folder_action = self._action("&Data Folder…", self.show_data_folder)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.data_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    # -- a page's undo stack and menu (the Roadmap's) ---------------------------------

    def _add_undo(self, edit_menu: QMenu) -> None:
        """Edit ▸ Undo/Redo follow the shown page's stack and name its next command."""
        self.undo_group = QUndoGroup(self)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        )
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._page_menus: dict[int, QMenu] = {}

    def _page_built(self, page: Page) -> None:
        stack = getattr(page, "undo_stack", None)
        if stack is not None:
            self.undo_group.addStack(stack)
        actions = getattr(page, "menu_actions", None)
        if actions is not None:
            menu = QMenu(getattr(page, "menu_title", page.title), self.menuBar())
            for action in actions():
                menu.addSeparator() if action is None else menu.addAction(action)
            self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
            self._page_menus[id(page)] = menu

    def _fill_columns_menu(self) -> None:
        pane = getattr(self.current_page(), "pane", None)
        if pane is None:
            self.columns_menu.clear()
        else:
            pane.fill_column_menu(self.columns_menu)
        self.columns_menu.setEnabled(pane is not None)

    def _page_shown(self, page: Page) -> None:
        self.undo_group.setActiveStack(getattr(page, "undo_stack", None))
        for key, menu in self._page_menus.items():
            menu.menuAction().setVisible(key == id(page))

    # -- dialogs -----------------------------------------------------------------------

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

    def _new_mentee_accepted(self) -> None:
        dialog = self._new_mentee_dialog
        self._new_mentee_dialog = None
        if dialog is not None:
            self._mentee_saved(dialog.saved_mentee)

    def _mentee_saved(self, mentee: Mentee | None) -> None:
        if mentee is not None and mentee.id is not None:
            self.open_mentee(mentee.id)

    def show_preferences(self) -> PreferencesDialog:
        from mentordesk.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.workspace, self, busy=self.rewrite_refused)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.encryption_changed.connect(self._show_status)
        dialog.open()
        return dialog

    def show_backups(self) -> BackupsDialog:
        from mentordesk.ui.dialogs.backups import BackupsDialog

        dialog = BackupsDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def log_contact(self, mentee_id: int | None = None) -> QWidget:
        """Log Contact… for ``mentee_id``, else the mentee selected on the Mentees page or the
        check-in selected on Today, else one the mentor picks in the dialog."""
        from mentordesk.ui.dialogs.contact import ContactDialog

        chosen = mentee_id if mentee_id is not None else self._selected_mentee_id()
        if chosen is None:
            check_in = getattr(self.current_page(), "selected_check_in", None)
            chosen = check_in() if check_in is not None else None
        dialog = ContactDialog(self.workspace, chosen, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._contact_logged)
        dialog.open()
        return dialog

    def _contact_logged(self, contact: Contact) -> None:
        name = self.workspace.mentee(contact.mentee_id).name
        self._show_status(f"Logged {contact.channel.label.lower()} contact with {name}.")

    def export_summary(self, mentee_id: int | None = None) -> SummaryExportDialog:
        """A mentee's shared progress as a PDF: ``mentee_id``'s, else the mentee selected on
        the Mentees page, else the first."""
        from mentordesk.ui.dialogs.summary_export import SummaryExportDialog

        chosen = mentee_id if mentee_id is not None else self._selected_mentee_id()
        dialog = SummaryExportDialog(self.workspace, self, chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_all_data(self) -> ExportAllRun:
        """Everything, private notes included, into a folder the mentor chooses."""
        from mentordesk.ui.dialogs.export_all import ExportAllRun

        run = ExportAllRun(self.workspace, self)
        run.choose_folder()
        return run

    def show_shortcuts(self) -> QMessageBox:
        from mentordesk.ui.dialogs.shortcuts import show_shortcuts

        return show_shortcuts(self.menuBar(), self.current_page(), self)

    def show_data_folder(self) -> QMessageBox:
        from mentordesk.ui.dialogs.shortcuts import show_data_folder

        return show_data_folder(self.workspace.path, self)

    def show_about(self) -> QWidget:
        from mentordesk.ui.dialogs.about import show_about

        return show_about(self.workspace, self)

    # -- the database file -------------------------------------------------------------

    def rewrite_refused(self) -> str:
        """Why the file cannot be rewritten (encrypted, decrypted) right now, or ""."""
        from mentordesk.ui import operations

        return operations.refusal(operations.REWRITE)

    def move_refused(self) -> str:
        """Why the file cannot be moved right now, or ""."""
        if self.call_windows:
            return "Finish the call first: its note is being saved as you type."
        from mentordesk.ui import operations

        return operations.refusal(operations.MOVE)

    def may_quit(self) -> bool:
        """Whether the window may close now. While work that quitting would cut off runs
        (``operations.running(QUIT)``), it asks (cancel an export and quit, or keep
        working) or waits (a backup being written), closes the window again once that
        work has ended, and returns False."""
        from mentordesk.ui import operations

        busy = operations.running(operations.QUIT)
        if not busy:
            return True
        from mentordesk.ui.dialogs.busy_quit import QuitWhenDone

        guard = self.findChild(QuitWhenDone)
        if not isinstance(guard, QuitWhenDone):
            guard = QuitWhenDone(self)  # type: ignore[arg-type]  # self is the MainWindow
        guard.ask(busy)
        return False

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
        """The workspace now works on the file at ``path`` (the pages redrew when it was
        rebound): name it."""
        self.path_label.set_full_text(str(path))

    # -- automatic backups ---------------------------------------------------------------

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
