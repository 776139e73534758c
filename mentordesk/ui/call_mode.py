"""Call mode: a compact window beside the video call, for notes that never lose a word.

Saving, closing and the History dock are the ``NoteWindowBase``'s; this window adds the
call: who and their local time, the running timer, the agenda, and ending the call.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Unpack

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, Note
from mentordesk.services import Workspace
from mentordesk.ui.formatting import their_time
from mentordesk.ui.note_window_base import Clock, NoteWindowBase, WindowOptions, utc_now
from mentordesk.ui.theme import scaled_font
from mentordesk.ui.widgets.call_agenda import CallAgenda, build_agenda
from mentordesk.ui.widgets.muted_label import MutedLabel
from mentordesk.ui.widgets.note_editor import format_elapsed

DEFAULT_SIZE = (480, 640)
END_CALL_KEYS = (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"))
#: A reopened note continues its call's timer when it was started this recently.
_CONTINUE_WITHIN = timedelta(hours=4)
_TICK_MS = 1000


class CallWindow(NoteWindowBase):
    """A call with one mentee, optionally for a meeting occurrence; ``note_id`` reopens a note.

    ``ended(note_id)`` after the call was ended (meeting held, review shown);
    ``finished(note_id)`` when the window closed (0 when no note was written).
    """

    ended = Signal(int)
    #: The pre-session brief for this mentee: mentee id, and None (their current or next
    #: meeting, which the brief finds itself).
    brief_requested = Signal(int, object)
    settings_group = "call"
    writes_in_call = True

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        meeting_id: int | None = None,
        original_start: datetime | None = None,
        note_id: int | None = None,
        **options: Unpack[WindowOptions],
    ) -> None:
        self.meeting: Meeting | None = workspace.meeting(meeting_id) if meeting_id else None
        self.original_start = original_start
        self.is_ended = False
        self.review: QWidget | None = None
        self.early_question: QMessageBox | None = None
        # The timer runs from the note's start when it is reopened soon after.
        note = workspace.note(note_id) if note_id else None
        self.started_at = self._start_time(note, options.get("clock"))
        super().__init__(workspace, mentee_id, note_id, elapsed=self.elapsed, **options)
        if self.meeting is not None and self.original_start is None:
            self.original_start = self._occurrence_near(self.note.created_at if self.note else None)

        self._build()
        self._build_menus()
        self._restore()
        self._show_agenda()
        self._tick()
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.editor.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the call --------------------------------------------------------------------

    def elapsed(self) -> timedelta:
        return self._clock() - self.started_at

    def note_title(self) -> str:
        # No date in the title: every list of notes (Notes, the dashboard, a meeting's
        # detail) shows the note's own date beside it, which made "… — 6 Dec 2026 — 6 Dec".
        if self.meeting is not None:
            return self.meeting.title
        return f"Call with {self.mentee.name}"

    def end_call(self) -> bool:
        """Saves, records the contact and shows the review; False if it did not end (yet).

        A call for an occurrence on a later day first asks whether it was held early
        (``early_question``); the call ends once that is answered.
        """
        if self.is_ended:
            return True
        if not self.autosaver.flush():
            self._say(f"Not ended: the note could not be saved ({self.autosaver.error}).")
            return False
        if self.meeting is not None:
            try:
                refusal = self.workspace.schedule.held_refusal(
                    self.meeting.id or 0, self.original_start, self._clock()
                )
            except KeyError:
                refusal = None  # deleted meanwhile: ending says so
            if refusal is not None:
                self._ask_held_early(refusal)
                return False
        return self._end(None)

    def _ask_held_early(self, refusal: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Held early",
            "Held early — move this occurrence to now and mark it held?",
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            f"{refusal.split(';')[0]}. No: this call counts as a contact with"
            f" {self.mentee.name} and that meeting stays planned."
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)

        def answered(result: int) -> None:
            self.early_question = None
            box.deleteLater()
            if result == QMessageBox.StandardButton.Yes:
                self._end(True)
            elif result == QMessageBox.StandardButton.No:
                self._end(False)

        box.finished.connect(answered)
        self.early_question = box
        box.open()
        return box

    def _end(self, held_early: bool | None) -> bool:
        try:
            note_id = self._ensure_note()
            items = self.workspace.end_call(
                note_id,
                self.meeting.id if self.meeting else None,
                self.original_start,
                now=self._clock(),
                held_early=held_early,
            )
        except ValidationError as exc:
            self._say(exc.message)
            return False
        except KeyError:
            self._say("Not ended: this note or its meeting was deleted meanwhile.")
            return False
        self._finish_editing()
        self.is_ended = True
        self.end_action.setEnabled(False)
        self.end_button.setEnabled(False)
        self._say("Call ended.")
        from mentordesk.ui.dialogs.call_review import CallReviewDialog

        today = self._clock().astimezone(self._mentor_zone).date()
        review = CallReviewDialog(self.workspace, items, self.mentee.name, self, today=today)
        if self.has_intro():
            review.offer_intro_copy(self.copy_to_profile)
        review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        review.finished.connect(self._review_done)
        self.review = review
        review.open()
        self.ended.emit(note_id)
        return True

    def _editing_over(self) -> bool:
        return self.is_ended

    def _window_closing(self) -> None:
        self._timer.stop()

    # -- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(f"Call with {self.mentee.name} — MentorDesk")
        self.name_label = QLabel(self.mentee.name, self)
        self.name_label.setFont(scaled_font(self.font(), 1.25, weight=QFont.Weight.DemiBold))
        self.local_label = MutedLabel("", self)
        self.local_label.setAccessibleName("Their local time")
        self.timer_label = QLabel("00:00", self)
        self.timer_label.setAccessibleName("Call time")
        self.timer_label.setFont(scaled_font(self.font(), 1.25, weight=QFont.Weight.DemiBold))
        self.end_button = QPushButton("End Call", self)
        self.end_button.setToolTip(
            "Save, mark the meeting held and review what the call captured"
            f" ({END_CALL_KEYS[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        self.end_button.clicked.connect(self.end_call)

        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_label)
        names.addWidget(self.local_label)
        header = QHBoxLayout()
        header.addLayout(names, 1)
        header.addWidget(self.timer_label)
        header.addWidget(self.end_button)

        self.agenda = CallAgenda(self)
        self.agenda.done_toggled.connect(self.set_action_done)
        self.agenda.edit_requested.connect(self.edit_action)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("callSplitter")
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.agenda)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([300, 170])

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.resize(*DEFAULT_SIZE)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Call")
        # One window, one set of shortcuts: the editor's own actions work from anywhere in it.
        for action in (self.editor.timestamp_action, self.editor.preview_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menu.addAction(self.editor.timestamp_action)
        menu.addAction(self.editor.preview_action)
        menu.addSeparator()
        self.agenda_action = QAction("Show &Agenda", self)
        self.agenda_action.setCheckable(True)
        self.agenda_action.setChecked(True)
        self.agenda_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.agenda_action.toggled.connect(self.agenda.setVisible)
        self.stay_on_top_action = QAction("Stay on &Top", self)
        self.stay_on_top_action.setCheckable(True)
        self.stay_on_top_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.stay_on_top_action.toggled.connect(self.set_stay_on_top)
        menu.addAction(self.agenda_action)
        menu.addAction(self.history_action)
        menu.addAction(self.stay_on_top_action)
        self.brief_action = QAction("Pre-session &Brief", self)
        self.brief_action.setShortcut(QKeySequence("Ctrl+B"))
        self.brief_action.triggered.connect(
            lambda: self.brief_requested.emit(self.mentee.id or 0, None)
        )
        menu.addAction(self.brief_action)
        menu.addAction(self.copy_profile_action)
        menu.addSeparator()
        self.end_action = QAction("&End Call", self)
        self.end_action.setShortcuts(list(END_CALL_KEYS))
        self.end_action.triggered.connect(self.end_call)
        self.close_action = QAction("&Close Without Ending", self)
        self.close_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        self.close_action.triggered.connect(self.close)
        menu.addAction(self.end_action)
        menu.addAction(self.close_action)
        # Shortcuts of actions in a menu bar work only while it is shown; add them here too.
        self.addActions(
            [
                self.editor.timestamp_action,
                self.editor.preview_action,
                self.agenda_action,
                self.stay_on_top_action,
                self.brief_action,
                self.end_action,
                self.close_action,
            ]
        )
        self._add_template_menu()

    def set_stay_on_top(self, on: bool) -> None:
        if bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) == on:
            return
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:  # changing a window's flags hides it
            self.show()
        if self.stay_on_top_action.isChecked() != on:
            self.stay_on_top_action.setChecked(on)

    # -- behaviour -------------------------------------------------------------------

    def _new_note(self) -> Note:
        return self.workspace.start_note(
            self.mentee.id or 0,
            meeting_id=self.meeting.id if self.meeting else None,
            title=self.note_title(),
        )

    def set_action_done(self, item_id: int, done: bool) -> None:
        """Done (or Reopen) on the agenda; an item from a ``- [ ]`` line ticks that line."""
        from mentordesk.ui.record_editing import set_action_done

        try:
            self._say(set_action_done(self, self.workspace, item_id, done))
        except KeyError:
            self._say("That action item no longer exists.")
            return
        self.agenda.set_done(item_id, done)

    def edit_action(self, item_id: int) -> QWidget | None:
        """Edit on the agenda: the item's form; the agenda is read again once it is saved."""
        from mentordesk.ui.record_editing import open_record_form

        try:
            form = open_record_form(self, self.workspace, "action", self.mentee.id or 0, item_id,
                                    status=self._say)  # fmt: skip
        except KeyError:
            self._say("That action item no longer exists.")
            return None
        form.accepted.connect(self._show_agenda)
        return form

    def _review_done(self) -> None:
        self.review = None
        self.close()

    @staticmethod
    def _start_time(note: Note | None, clock: Clock | None) -> datetime:
        now = (clock or utc_now)()
        created = note.created_at if note is not None else None
        if created is not None and timedelta(0) <= now - created <= _CONTINUE_WITHIN:
            return created
        return now

    def _occurrence_near(self, moment: datetime | None) -> datetime | None:
        """The occurrence of the meeting this call is for: the one nearest the call's start."""
        meeting = self.meeting
        if meeting is None or not meeting.rrule:
            return meeting.start if meeting else None
        at = moment or self.started_at
        found = [
            o
            for o in self.workspace.occurrences_between(
                at - timedelta(days=1), at + timedelta(days=1), self.mentee.id
            )
            if o.meeting.id == meeting.id
        ]
        if not found:
            return None
        return min(found, key=lambda o: abs(o.start - at)).original_start

    def _show_agenda(self) -> None:
        now = self._clock()
        dashboard = self.workspace.mentee_dashboard(self.mentee.id or 0, now)
        self.agenda.show_agenda(
            build_agenda(dashboard, self.note_id), now.astimezone(self._mentor_zone).date()
        )

    def _tick(self) -> None:
        now = self._clock()
        self.timer_label.setText(format_elapsed(now - self.started_at))
        today = now.astimezone(self._mentor_zone).date()
        local = their_time(now, self.mentee.time_zone, today)
        self.local_label.setText(f"Their time: {local}")

    # -- state -----------------------------------------------------------------------

    def _restore(self) -> None:
        self._restore_settings()
        if self._settings is None:
            return
        splitter = self._settings.value("call/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.agenda_action.setChecked(self._settings.value("call/agenda", True, bool))
        self.set_stay_on_top(self._settings.value("call/stay_on_top", False, bool))

    def _save_settings(self) -> None:
        super()._save_settings()
        if self._settings is None:
            return
        self._settings.setValue("call/splitter", self.splitter.saveState())
        self._settings.setValue("call/agenda", self.agenda_action.isChecked())
        self._settings.setValue("call/stay_on_top", self.stay_on_top_action.isChecked())
