"""Meetings: every single meeting and series, with occurrences, held marks and linked notes."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, Occurrence
from mentordesk.services.changes import Kind
from mentordesk.ui.dialogs.confirm import confirm
from mentordesk.ui.models.meetings import DURATION, MeetingsModel, when_text
from mentordesk.ui.pages.list_page import ListPage
from mentordesk.ui.widgets.detail_meeting import MeetingDetail

#: How much of a series' past the detail shows, and how many coming occurrences.
PAST_WINDOW = timedelta(days=182)
PAST_SHOWN = 8
FUTURE_WINDOW = timedelta(days=400)
FUTURE_SHOWN = 5


class MeetingsPage(ListPage):
    title = "Meetings"
    icon_name = "x-office-calendar"
    watches = frozenset({Kind.MEETINGS, Kind.CONTACT, Kind.MENTEES, Kind.NOTES, Kind.SETTINGS})
    typing_watches = frozenset()  # notes are listed by title, which typing leaves alone
    noun = "meeting"
    empty_text = "No meetings yet. Meetings you plan with your mentees show up here."

    model: MeetingsModel
    detail: MeetingDetail

    def setup(self) -> None:
        self.model = MeetingsModel(self)
        self.make_list(
            "Filter meetings… (Ctrl+F)",
            widths=(14, 8, 14, 22, 12, 6, 14),
            # The title gives way first, and the duration (in the detail too) starts hidden:
            # every column stays in sight beside the detail at 1280×720.
            stretch_column=3,
            hidden=(DURATION,),
        )
        self.detail = MeetingDetail(self)
        self.place_detail("meetingsSplitter", (1380, 620))

        self.detail.mark_held_requested.connect(self.mark_held)
        self.detail.mark_not_held_requested.connect(self.mark_not_held)
        self.detail.open_mentee_requested.connect(self.open_mentee)
        self.detail.edit_requested.connect(self.edit_meeting)
        self.detail.delete_requested.connect(self.confirm_delete)
        self.detail.brief_requested.connect(
            lambda meeting, occurrence: self.brief_requested.emit(meeting.mentee_id, occurrence)
        )
        self.detail.call_requested.connect(
            lambda meeting, start: self.call_requested.emit(meeting.mentee_id, meeting.id, start)
        )
        self.dialog: QWidget | None = None
        self.refresh()

    # -- Page ------------------------------------------------------------------------

    def refresh(self) -> None:
        now = self._clock()
        self._zone = self.workspace.mentor_zone()
        self.model.set_search(self.pane.search_text())
        self.model.set_meetings(self.workspace.list_meetings(), now, self._zone)
        self._update_empty_text()
        self._show(self.pane.current_key())

    def select_meeting(self, meeting_id: int) -> bool:
        """Shows that meeting (clearing a filter that hides them); False if there is none."""
        return self.select_and_focus(meeting_id)

    # -- actions --------------------------------------------------------------------------

    def mark_held(self, occurrence: Occurrence) -> None:
        meeting, start = occurrence.meeting, occurrence.original_start
        self._record(
            occurrence,
            lambda: self.workspace.mark_held(meeting.id or 0, start, self._clock()),
            "Marked “{title}” on {when} as held.",
        )

    def mark_not_held(self, occurrence: Occurrence) -> None:
        """Undoes a wrong "held"; the last contact and the check-in move back."""
        meeting, start = occurrence.meeting, occurrence.original_start
        self._record(
            occurrence,
            lambda: self.workspace.schedule.mark_not_held(meeting.id or 0, start),
            "“{title}” on {when} is no longer marked held.",
        )

    def _record(self, occurrence: Occurrence, work: Callable[[], object], done: str) -> None:
        try:
            work()
        except ValidationError as error:
            self.status_message.emit(error.message)
            return
        when = when_text(occurrence.start, self._zone, self._clock())
        self._show(self.pane.current_key())
        self.status_message.emit(done.format(title=occurrence.meeting.title, when=when))

    def edit_meeting(self, meeting: Meeting) -> QWidget:
        from mentordesk.ui.dialogs.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(self.workspace, meeting=meeting, clock=self._clock, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, meeting: Meeting) -> None:
        self.refresh()
        self.status_message.emit(f"Saved “{meeting.title}”.")

    def confirm_delete(self, meeting: Meeting) -> QMessageBox:
        what = "series" if meeting.rrule else "meeting"
        box = confirm(
            self,
            f"Delete {what}",
            f"Delete “{meeting.title}” and its held, moved and cancelled history? Notes taken"
            " in it stay with the mentee. This cannot be undone.",
            f"Delete {what}",
            lambda: self.delete_meeting(meeting),
        )
        self.dialog = box
        return box

    def delete_meeting(self, meeting: Meeting) -> None:
        self.workspace.meeting_changes.delete_meeting(meeting.id or 0)
        self.refresh()
        self.status_message.emit(f"Deleted “{meeting.title}”.")

    # -- behaviour -----------------------------------------------------------------------

    def _show(self, key: Hashable | None) -> None:
        row = self.model.row_of(key)
        if row < 0:
            self.detail.show_message(
                "Select a meeting to see its occurrences and notes."
                if self.model.total()
                else "Plan meetings with your mentees; they show up here."
            )
            return
        listing = self.model.listing_at(row)
        meeting = listing.meeting
        now = self._clock()
        low = meeting.start if not meeting.rrule else max(meeting.start, now - PAST_WINDOW)
        window = [
            o
            for o in self.workspace.occurrences_between(
                min(low, now), now + FUTURE_WINDOW, meeting.mentee_id
            )
            if o.meeting.id == meeting.id
        ]
        past = [o for o in window if o.start <= now][-PAST_SHOWN:]
        future = [o for o in window if o.start > now][:FUTURE_SHOWN]
        notes = self.workspace.schedule.notes_about(meeting.id or 0)
        self.detail.show_meeting(listing, past + future, notes, now, self._zone)
