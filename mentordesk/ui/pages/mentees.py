"""Mentees: everyone the mentor guides, with the selected mentee's dashboard beside the list."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from mentordesk.domain.history import HistoryCursor, HistoryFilter, HistoryPage
from mentordesk.domain.models import Mentee
from mentordesk.services import MenteeDashboard
from mentordesk.services.changes import Changes, Kind
from mentordesk.services.history import PAGE_SIZE
from mentordesk.ui.formatting import plural
from mentordesk.ui.models.mentees import MenteesModel
from mentordesk.ui.pages.list_page import ListPage
from mentordesk.ui.pages.mentee_contacts import MenteeContacts
from mentordesk.ui.pages.mentee_detail import MenteeDetail

_CLOCK_TICK_MS = 30_000

#: Asks the mentor to confirm a deletion: (parent, title, text) -> yes?
Confirm = Callable[[QWidget, str, str], bool]


def confirm_with_message_box(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setObjectName("confirmDelete")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText("Delete")
    box.button(QMessageBox.StandardButton.No).setText("Keep")
    return box.exec() == QMessageBox.StandardButton.Yes


def deletion_text(dashboard: MenteeDashboard, note_count: int) -> str:
    """What deleting a mentee takes with it, in words the mentor can check."""
    parts = [
        plural(len(dashboard.goals), "goal"),
        plural(len(dashboard.meetings), "meeting"),
        plural(note_count, "note"),
        plural(len(dashboard.actions), "action item"),
        plural(len(dashboard.feedback), "feedback entry").replace("entrys", "entries"),
        plural(len(dashboard.wins), "win"),
        plural(len(dashboard.resources), "resource"),
    ]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}"
    return (
        f"Delete {dashboard.mentee.name} and everything recorded about them — {listed}?"
        "\n\nThis cannot be undone (backups keep earlier copies of the file)."
    )


class MenteesPage(ListPage):
    title = "Mentees"
    icon_name = "system-users"
    watches = frozenset(Kind) - {Kind.BACKUPS, Kind.BUSY}
    noun = "mentee"
    empty_text = "No mentees yet — File › New Mentee (Ctrl+N)"

    model: MenteesModel
    detail: MenteeDetail

    def setup(self) -> None:
        #: Replaceable so a caller can confirm differently; the default asks with a message box.
        self.confirm: Confirm = confirm_with_message_box
        self._dialog: QWidget | None = None

        self.model = MenteesModel(self)
        self.make_list("Filter mentees… (Ctrl+F)", widths=(14, 9, 12, 22, 7, 14), stretch_column=3)
        self.detail = MenteeDetail(self)
        # The list gets the room its columns need at the default window size.
        self.place_detail("menteesSplitter", (1300, 700))

        self.detail.edit_requested.connect(self.edit_mentee)
        self.detail.delete_requested.connect(self.delete_mentee)
        self.detail.call_requested.connect(lambda mentee: self.call_requested.emit(mentee, 0, None))
        self.detail.note_requested.connect(lambda mentee: self.note_requested.emit(mentee, 0))
        self.detail.roadmap_requested.connect(lambda mentee: self.roadmap_requested.emit(mentee, 0))
        self.detail.summary_requested.connect(self.summary_requested)
        # Log Contact…, a contact's Edit…/Delete… and the list's context menu.
        self.contacts = MenteeContacts(self, self.pane.view, self.model.key_at)
        self.undo_stack = self.contacts.undo_stack
        self.detail.record_requested.connect(self.open_record)
        self.detail.action_done_requested.connect(self.set_action_done)
        # The dashboard's live links: a note, a meeting, a goal, the planner.
        self.detail.note_open_requested.connect(self._open_note)
        self.detail.meeting_open_requested.connect(self.open_meeting)
        self.detail.goal_requested.connect(self.roadmap_requested)
        self.detail.plan_requested.connect(self.plan_requested)
        self.detail.timeline.source = self._history_page

        self.tick_every(_CLOCK_TICK_MS)
        self.refresh()

    # -- Page ------------------------------------------------------------------------

    def refresh(self) -> None:
        now = self._clock()
        self._zone = self.workspace.mentor_zone()
        mentees = self.workspace.list_mentees()
        today = now.astimezone(self._zone).date()
        check_ins = self.workspace.overview.check_ins_for(mentees, today)
        self.model.set_search(self.pane.search_text())
        self.model.set_mentees(mentees, check_ins, now, self._zone)
        self._update_empty_text()
        self._show(self.pane.current_key())

    def follow_typing(self, changes: Changes) -> bool:
        """An autosave changes nothing the list shows, only the dashboard of the mentee the
        note is about: another mentee's typing needs no reload at all."""
        key = self.pane.current_key()
        return not isinstance(key, int) or not changes.about(key)

    def select_mentee(self, mentee_id: int) -> bool:
        """Shows that mentee (clearing a filter that hides them); False if there is none."""
        return self.select_and_focus(mentee_id)

    # -- actions --------------------------------------------------------------------------

    def edit_mentee(self, mentee_id: int) -> QWidget | None:
        # Imported when first used: dialogs stay off the start-up path.
        from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog

        dialog = MenteeDialog(self.workspace, self.workspace.mentee(mentee_id), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda holding the dialog: a lambda would drop the last
        # reference to the dialog's wrapper while Qt deletes the dialog (a crash).
        self._dialog = dialog
        dialog.accepted.connect(self._edited)
        dialog.open()
        return dialog

    def open_record(self, kind: str, record_id: int) -> QWidget | None:
        """The form of a record of the mentee shown (a new one for id 0)."""
        from mentordesk.ui.record_editing import open_record_form

        mentee_id = self.detail.mentee_id()
        if mentee_id is None:
            return None
        try:
            return open_record_form(self, self.workspace, kind, mentee_id, record_id or None,
                                    status=self.status_message.emit)  # fmt: skip
        except KeyError:  # deleted elsewhere since the dashboard was drawn
            self.refresh()
            return None

    def set_action_done(self, item_id: int, done: bool) -> None:
        from mentordesk.ui.record_editing import set_action_done

        try:
            self.status_message.emit(set_action_done(self, self.workspace, item_id, done))
        except KeyError:
            self.refresh()

    def delete_mentee(self, mentee_id: int) -> bool:
        """Deletes after the mentor confirms, naming everything that goes with them."""
        dashboard = self.workspace.mentee_dashboard(mentee_id, self._clock())
        note_count = len(self.workspace.note_ids(mentee_id=mentee_id))
        title = f"Delete {dashboard.mentee.name}?"
        if not self.confirm(self, title, deletion_text(dashboard, note_count)):
            return False
        self.workspace.delete_mentee(mentee_id)
        self.refresh()
        self.status_message.emit(f"Deleted {dashboard.mentee.name}.")
        return True

    def saved_choices(self) -> dict[str, object]:
        return {**super().saved_choices(), "timeline": str(self.detail.timeline.shown_filter()),
                "tab": self.detail.tabs.currentIndex()}  # fmt: skip

    def restore_choices(self, read: Callable[[str], object]) -> None:
        super().restore_choices(read)
        shown = read("timeline")
        if shown in set(HistoryFilter):
            self.detail.timeline.set_filter(HistoryFilter(str(shown)))
        tab = read("tab")
        if str(tab) in ("0", "1"):
            self.detail.tabs.setCurrentIndex(int(str(tab)))

    # -- behaviour -----------------------------------------------------------------------

    def _history_page(
        self, mentee_id: int, show: HistoryFilter, after: HistoryCursor | None, at_least: int
    ) -> HistoryPage:
        size = max(PAGE_SIZE, at_least)
        return self.workspace.history.page(mentee_id, show, after, self._clock(), size)

    def _open_note(self, note_id: int) -> None:
        mentee_id = self.detail.mentee_id()
        if mentee_id is not None:
            self.note_requested.emit(mentee_id, note_id)

    def _edited(self) -> None:
        mentee: Mentee | None = getattr(self._dialog, "saved_mentee", None)
        self._dialog = None
        self.refresh()
        if mentee is not None and mentee.id is not None:
            self.pane.select_key(mentee.id)
            self.status_message.emit(f"Saved {mentee.name}.")

    def _show(self, key: Hashable | None) -> None:
        if not isinstance(key, int):
            if self.model.total() == 0:
                text = "Your mentees' dashboards show here once you add one."
            else:
                text = "Select a mentee to see their dashboard."
            self.detail.show_message(text)
            return
        try:
            dashboard = self.workspace.mentee_dashboard(key, self._clock())
        except KeyError:  # deleted elsewhere since the list was loaded
            self.detail.show_message("This mentee no longer exists.")
            return
        self.detail.show_dashboard(dashboard, self._clock(), self._zone)

    def _tick(self) -> None:
        now = self._clock()
        if now.astimezone(self._zone).date() != self.model.now.date():
            self.refresh()  # a new day: who is due changes
            return
        self.model.set_clock(now, self._zone)
        self.detail.set_clock(now)
