"""Move one occurrence to another time, with a reason; the original stays in the history."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee
from mentordesk.domain.validation import validate_text
from mentordesk.domain.views import UpcomingMeeting
from mentordesk.planner.fit import attendees
from mentordesk.planner.series import check_wall_time
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.validating import ValidatingDialog, with_error
from mentordesk.ui.formatting import their_time
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.fit_notice import FitNotice
from mentordesk.ui.widgets.muted_label import MutedLabel


class RescheduleDialog(ValidatingDialog):
    """``rescheduled(text)`` after the move is saved, with the new time as the mentor reads it."""

    rescheduled = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        upcoming: UpcomingMeeting,
        zone: ZoneInfo,
        *,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.upcoming = upcoming
        self.zone = zone
        #: "Now" for the suggested time (never one in the past); tests pin it.
        self._clock = clock or (lambda: datetime.now(UTC))
        occurrence = upcoming.occurrence
        meeting = occurrence.meeting
        self.setWindowTitle("Reschedule meeting")
        local = occurrence.start.astimezone(zone)

        original = QLabel(
            f"<b>{meeting.title}</b> with {upcoming.mentee_name}<br>"
            f"now {local:%a %d %b %Y %H:%M} your time · "
            f"{their_time(occurrence.start, upcoming.mentee_zone, local.date())} theirs",
            self,
        )
        original.setWordWrap(True)
        self.date_edit = QDateEdit(QDate(local.year, local.month, local.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.time_edit = QTimeEdit(QTime(local.hour, local.minute), self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.fold_combo = QComboBox(self)
        self.fold_combo.setAccessibleName("Which of the two times")
        self.fold_combo.hide()
        self.theirs = MutedLabel("", self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("e.g. Priya is travelling that week")
        self.fit = FitNotice(self)
        self.fit.use_requested.connect(self._use_time)
        try:
            mentee: Mentee | None = workspace.mentee(meeting.mentee_id)
        except KeyError:
            mentee = None
        name = upcoming.mentee_name.split()[0] if upcoming.mentee_name.strip() else ""
        self._attendees = attendees(workspace.settings(), zone.key, mentee, name)

        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(self.time_edit)
        when.addWidget(self.fold_combo)
        when.addStretch(1)
        self.start_error = FieldError(self)
        self.reason_error = FieldError(self)
        form = QFormLayout()
        form.addRow(f"New time ({zone.key})", with_error(when, self.start_error, self))
        form.addRow("Their time", self.theirs)
        form.addRow("Reason", with_error(self.reason_edit, self.reason_error, self))

        layout = QVBoxLayout(self)
        layout.addWidget(original)
        layout.addLayout(form)
        layout.addWidget(self.fit)
        layout.addWidget(self.general_error)
        layout.addWidget(self.button_box)
        self.save_button.setText("Reschedule")

        self.date_edit.dateChanged.connect(self._time_changed)
        self.time_edit.timeChanged.connect(self._time_changed)
        self.fold_combo.currentIndexChanged.connect(self.touched("new_start"))
        self.reason_edit.textChanged.connect(self.touched("reason"))
        self.finish_form(
            {"new_start": self.start_error, "reason": self.reason_error}, show_all=False
        )
        self._time_changed()
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    # -- the new start ------------------------------------------------------------------

    def _naive(self) -> datetime:
        day, at = self.date_edit.date(), self.time_edit.time()
        return datetime(day.year(), day.month(), day.day(), at.hour(), at.minute())

    def _time_changed(self, *_: object) -> None:
        check = check_wall_time(self._naive(), self.zone.key)
        self.fold_combo.blockSignals(True)
        self.fold_combo.clear()
        if check.status == "fold":
            self.fold_combo.addItem("Which one?", None)
            for label, choice in zip(("first", "second"), check.choices, strict=True):
                offset = choice.strftime("%z")
                self.fold_combo.addItem(
                    f"{label} ({choice:%H:%M} {choice.tzname()}, UTC{offset[:3]}:{offset[3:]})",
                    choice.fold,
                )
        self.fold_combo.setVisible(check.status == "fold")
        self.fold_combo.blockSignals(False)
        self._touched.add("new_start")
        self.validate()
        try:
            start = self.new_start()
        except ValidationError:
            self.theirs.setText("—")
            self.fit.hide()
            return
        local = start.astimezone(self.zone)
        self.theirs.setText(their_time(start, self.upcoming.mentee_zone, local.date()))
        duration = self.upcoming.occurrence.meeting.duration
        self.fit.show_fit(self._attendees, start, duration, self._clock(), self.zone)

    def _use_time(self, moment: datetime) -> None:
        local = moment.astimezone(self.zone)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))

    def new_start(self) -> datetime:
        """The chosen start, aware in the mentor's zone; ValidationError for a gap or an
        unanswered fold."""
        naive = self._naive()
        check = check_wall_time(naive, self.zone.key)
        if check.status == "gap":
            raise ValidationError("new_start", check.message)
        if check.status == "fold":
            fold = self.fold_combo.currentData()
            if fold is None:
                raise ValidationError("new_start", check.message)
            return naive.replace(tzinfo=self.zone, fold=int(fold))
        return naive.replace(tzinfo=self.zone)

    # -- ValidatingDialog ------------------------------------------------------------------

    def checks(self) -> Mapping[str, Callable[[], object]]:
        return {
            "new_start": self.new_start,
            "reason": lambda: validate_text(self.reason_edit.text(), "reason", "The reason"),
        }

    def commit(self) -> None:
        occurrence = self.upcoming.occurrence
        start = self.new_start()
        self.workspace.meeting_changes.reschedule_occurrence(
            occurrence.meeting.id or 0,
            occurrence.original_start,
            start,
            self.reason_edit.text().strip(),
        )
        self.rescheduled.emit(f"{start.astimezone(self.zone):%a %d %b %H:%M}")
