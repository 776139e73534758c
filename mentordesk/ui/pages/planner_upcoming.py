"""The planner's list of coming meetings in both local times, and what can happen to one:
reschedule, cancel it or the rest of its series, mark it held, export it to a calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import OccurrenceStatus
from mentordesk.domain.views import UpcomingMeeting
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.confirm import confirm
from mentordesk.ui.formatting import plural
from mentordesk.ui.models.today import UpcomingModel
from mentordesk.ui.widgets.section import Section

#: How far ahead the list reaches, and how many occurrences it lists at most.
HORIZON_DAYS = 60
LIMIT = 200


class UpcomingPanel(QWidget):
    status_message = Signal(str)
    data_changed = Signal()
    open_mentee = Signal(int)
    #: Call mode for the selected occurrence: mentee id, meeting id, original start.
    call_requested = Signal(int, int, object)

    def __init__(
        self,
        workspace: Workspace,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._clock = clock
        self._zone = ZoneInfo("UTC")
        self.dialog: QWidget | None = None

        self.model = UpcomingModel(self)
        self.section = Section(
            "Upcoming meetings",
            "No meetings in the next two months. Drag across the grid to plan one.",
            self.model,
            self.model.stretch_column,
            self,
        )
        self.view = self.section.view
        self.view.doubleClicked.connect(lambda _index: self.reschedule())

        self.reschedule_button = QPushButton("Reschedule…", self)
        self.reschedule_button.setToolTip("Move this occurrence, keeping the original (Ctrl+R)")
        self.reschedule_button.setShortcut("Ctrl+R")
        self.cancel_button = QPushButton("Cancel this one…", self)
        self.cancel_rest_button = QPushButton("Cancel the rest of the series…", self)
        self.held_button = QPushButton("Mark Held", self)
        self.held_button.setToolTip("It took place: counts as the last contact (Ctrl+H)")
        self.held_button.setShortcut("Ctrl+H")
        self.call_button = QPushButton("Start Call", self)
        self.call_button.setToolTip("Take notes during this meeting; ending the call marks it held")
        self.call_button.clicked.connect(self.start_call)
        self.export_button = QPushButton("Export .ics…", self)
        self.export_button.setToolTip(
            "Save the selected meeting or series — or, with nothing selected, every upcoming"
            " meeting — as an iCalendar file for Google Calendar, Outlook or Thunderbird"
        )
        self.import_button = QPushButton("Import .ics…", self)
        self.import_button.setToolTip(
            "Read a calendar file as busy times or as a mentee's meetings"
        )

        buttons = QHBoxLayout()
        for button in (
            self.reschedule_button,
            self.cancel_button,
            self.cancel_rest_button,
            self.held_button,
            self.call_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.section, 1)
        layout.addLayout(buttons)

        self.reschedule_button.clicked.connect(self.reschedule)
        self.cancel_button.clicked.connect(self.cancel_one)
        self.cancel_rest_button.clicked.connect(self.cancel_rest)
        self.held_button.clicked.connect(self.mark_held)
        self.export_button.clicked.connect(self.choose_export_file)
        self.import_button.clicked.connect(self.open_import)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_buttons()

    # -- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        key = self._selected_key()
        now = self._clock()
        self._zone = self.workspace.mentor_zone()
        self.model.set_clock(now, self._zone)
        self.model.set_rows(self.workspace.upcoming(now, days=HORIZON_DAYS, limit=LIMIT))
        row = self.model.row_of(key) if key is not None else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    def focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def selected(self) -> UpcomingMeeting | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.row_at(index.row())

    def _selected_key(self) -> object:
        chosen = self.selected()
        return None if chosen is None else self.model.key(chosen)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for button in (
            self.reschedule_button, self.cancel_button, self.held_button, self.call_button
        ):  # fmt: skip
            button.setEnabled(chosen is not None)
        self.cancel_rest_button.setEnabled(
            chosen is not None and bool(chosen.occurrence.meeting.rrule)
        )
        self.export_button.setText("Export .ics…" if chosen else "Export all .ics…")
        # One button, both ways: a wrongly held occurrence is un-marked where it was marked.
        held = chosen is not None and chosen.occurrence.status is OccurrenceStatus.HELD
        self.held_button.setText("Mark Not Held" if held else "Mark Held")

    def _changed(self, message: str) -> None:
        self.refresh()
        self.status_message.emit(message)
        self.data_changed.emit()

    def _when(self, chosen: UpcomingMeeting) -> str:
        return f"{chosen.occurrence.start.astimezone(self._zone):%a %d %b %H:%M}"

    # -- actions --------------------------------------------------------------------------

    def reschedule(self) -> QWidget | None:
        chosen = self.selected()
        if chosen is None:
            return None
        from mentordesk.ui.dialogs.reschedule_dialog import RescheduleDialog

        dialog = RescheduleDialog(
            self.workspace, chosen, self._zone, clock=self._clock, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.rescheduled.connect(
            lambda when: self._changed(f"Moved “{chosen.occurrence.meeting.title}” to {when}.")
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def _confirm(
        self, title: str, text: str, button: str, on_yes: Callable[[], None]
    ) -> QMessageBox:
        box = confirm(self, title, text, button, on_yes)
        self.dialog = box
        return box

    def cancel_one(self) -> QMessageBox | None:
        chosen = self.selected()
        if chosen is None:
            return None
        meeting = chosen.occurrence.meeting
        when = self._when(chosen)

        def cancel() -> None:
            self._run(
                lambda: self.workspace.meeting_changes.cancel_occurrence(
                    meeting.id or 0, chosen.occurrence.original_start, "Cancelled in the planner"
                ),
                f"Cancelled “{meeting.title}” on {when}.",
            )

        rest = " The rest of the series stays." if meeting.rrule else ""
        return self._confirm(
            "Cancel meeting",
            f"Cancel “{meeting.title}” with {chosen.mentee_name} on {when}?{rest}",
            "Cancel meeting",
            cancel,
        )

    def cancel_rest(self) -> QMessageBox | None:
        chosen = self.selected()
        if chosen is None or not chosen.occurrence.meeting.rrule:
            return None
        meeting = chosen.occurrence.meeting
        when = self._when(chosen)

        def end() -> None:
            self._run(
                lambda: self.workspace.meeting_changes.end_series(
                    meeting.id or 0, chosen.occurrence.original_start, "Ended in the planner"
                ),
                f"“{meeting.title}” now ends before {when}.",
            )

        return self._confirm(
            "Cancel the rest of the series",
            f"Cancel “{meeting.title}” from {when} on? Earlier meetings and their history stay.",
            "Cancel the rest",
            end,
        )

    def mark_held(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        meeting = chosen.occurrence.meeting
        original = chosen.occurrence.original_start
        if chosen.occurrence.status is OccurrenceStatus.HELD:
            self._run(
                lambda: self.workspace.schedule.mark_not_held(meeting.id or 0, original),
                f"“{meeting.title}” on {self._when(chosen)} is no longer marked held.",
            )
            return
        self._run(
            lambda: self.workspace.mark_held(meeting.id or 0, original, self._clock()),
            f"Marked “{meeting.title}” on {self._when(chosen)} as held.",
        )

    def start_call(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            meeting = chosen.occurrence.meeting
            self.call_requested.emit(
                meeting.mentee_id, meeting.id or 0, chosen.occurrence.original_start
            )

    def _run(self, work: Callable[[], object], message: str) -> bool:
        try:
            work()
        except ValidationError as error:
            self.status_message.emit(error.message)
            return False
        self._changed(message)
        return True

    # -- iCalendar ------------------------------------------------------------------------

    def choose_export_file(self) -> QFileDialog:
        chosen = self.selected()
        name = "mentordesk.ics"
        if chosen is not None:
            safe = "".join(c if c.isalnum() else "-" for c in chosen.occurrence.meeting.title)
            name = f"{safe.strip('-').lower() or 'meeting'}.ics"
        dialog = QFileDialog(self, "Export to iCalendar", str(Path.home() / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("iCalendar files (*.ics)")
        dialog.setDefaultSuffix("ics")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.export_to)
        self.dialog = dialog
        dialog.open()
        return dialog

    def export_to(self, path: str) -> int:
        chosen = self.selected()
        meeting_id = None if chosen is None else chosen.occurrence.meeting.id
        try:
            count = self.workspace.calendar.export_ics(
                None, path, self._clock(), meeting_id=meeting_id
            )
        except (ValidationError, OSError) as error:
            message = getattr(error, "message", None) or str(error)
            self.status_message.emit(f"Could not export to {path}: {message}")
            return 0
        what = plural(count, "meeting") if meeting_id is None else "the meeting"
        self.status_message.emit(f"Exported {what} to {path}.")
        return count

    def open_import(self) -> QWidget:
        from mentordesk.ui.dialogs.ics_import import IcsImportDialog

        chosen = self.selected()
        dialog = IcsImportDialog(
            self.workspace,
            mentee_id=None if chosen is None else chosen.occurrence.meeting.mentee_id,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda summary: self._changed(summary))
        self.dialog = dialog
        dialog.open()
        return dialog
