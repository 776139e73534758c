"""The fields of one meeting and what they say: who, title, start, length, place, repetition.

The start is a wall-clock time in the anchor zone; a time its clocks skip or show twice is
answered under the field (``WallTimeChoice``), never guessed. The title and the video link
follow the chosen mentee until the mentor types their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, Mentee
from mentordesk.domain.validation import validate_name
from mentordesk.planner.series import check_wall_time
from mentordesk.ui.dialogs.recurrence_fields import RecurrenceFields
from mentordesk.ui.dialogs.validating import with_error
from mentordesk.ui.dialogs.wall_time_choice import WallTimeChoice
from mentordesk.ui.widgets.field_error import FieldError

_DURATION_STEP = 15
_DURATION_RANGE = (15, 8 * 60)


def next_full_hour(now: datetime, zone: ZoneInfo) -> datetime:
    """The first full hour on ``zone``'s clock after ``now`` (aware, in ``zone``)."""
    local = now.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    # Through UTC: an hour added on the wall clock could land in a gap.
    return (local.astimezone(UTC) + timedelta(hours=1)).astimezone(zone)


def first_name(mentee: Mentee) -> str:
    return mentee.name.split()[0] if mentee.name.split() else mentee.name


def _only(field: str, check: Callable[[], object]) -> Callable[[], None]:
    """``check``, reporting only its errors about ``field`` (one check, two error lines)."""

    def run() -> None:
        try:
            check()
        except ValidationError as exc:
            if exc.field == field:
                raise

    return run


def _fixed(widget: QWidget) -> QWidget:
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget


class MeetingForm(QWidget):
    """The fields, loaded with ``meeting`` (or a new one at ``first``); ``edited(field)``
    names the field the mentor changed (the names of ``checks``)."""

    edited = Signal(str)

    def __init__(
        self,
        mentees: list[Mentee],
        anchor: ZoneInfo,
        meeting: Meeting | None,
        first: datetime,
        duration: timedelta,
        mentee_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.mentees = mentees
        self.anchor = anchor
        self.meeting = meeting
        self._title_auto = meeting is None
        self._location_auto = meeting is None
        self._build()
        self._load(first, duration, mentee_id)
        self._connect()

    # -- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.mentee_combo = QComboBox(self)
        self.mentee_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for mentee in self.mentees:
            self.mentee_combo.addItem(f"{mentee.name} — {mentee.time_zone}", mentee.id)
        if not self.mentees:
            self.mentee_combo.setPlaceholderText("No mentees yet")
            self.mentee_combo.setEnabled(False)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("e.g. 1:1 with Priya")
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.time_edit = QTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.duration_spin = QSpinBox(self)
        self.duration_spin.setRange(*_DURATION_RANGE)
        self.duration_spin.setSingleStep(_DURATION_STEP)
        self.duration_spin.setSuffix(" min")
        self.location_edit = QLineEdit(self)
        self.location_edit.setPlaceholderText("Video link or room (optional)")
        self.recurrence = RecurrenceFields(self)
        self.wall_choice = WallTimeChoice(self)

        self.mentee_error = FieldError(self)
        self.title_error = FieldError(self)
        self.start_error = FieldError(self)
        self.duration_error = FieldError(self)

        start_box = with_error(_fixed(self.time_edit), self.start_error, self)
        start_layout = start_box.layout()
        assert start_layout is not None
        start_layout.addWidget(self.wall_choice)
        self.rows = QFormLayout()
        self.rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, box in (
            ("&Mentee:", with_error(self.mentee_combo, self.mentee_error, self)),
            ("&Title:", with_error(self.title_edit, self.title_error, self)),
            ("&Date:", _fixed(self.date_edit)),
            (f"&Start ({self.anchor.key}):", start_box),
            ("D&uration:", with_error(_fixed(self.duration_spin), self.duration_error, self)),
            ("&Location:", self.location_edit),
            ("&Repeat:", self.recurrence.repeat_row),
            ("&Ends:", self.recurrence.end_row),
        ):
            self.rows.addRow(QLabel(text, self), box)
        self._fix_buddies()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows)
        layout.addStretch(1)

    def _fix_buddies(self) -> None:
        """Alt+letter focuses the field itself, not the box that holds it and its error."""
        fields = [self.mentee_combo, self.title_edit, self.date_edit, self.time_edit]
        fields += [self.duration_spin, self.location_edit, self.recurrence.repeat_combo]
        fields.append(self.recurrence.end_combo)
        for row, field in enumerate(fields):
            item = self.rows.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(field)

    def _load(self, first: datetime, duration: timedelta, mentee_id: int | None) -> None:
        wanted = self.meeting.mentee_id if self.meeting is not None else mentee_id
        index = self.mentee_combo.findData(wanted) if wanted is not None else -1
        self.mentee_combo.setCurrentIndex(max(index, 0) if self.mentees else -1)
        minutes = round(duration.total_seconds() / 60)
        low, high = _DURATION_RANGE
        # Widen rather than clip: an imported 10-minute meeting must not turn into 15.
        self.duration_spin.setRange(min(low, max(minutes, 1)), max(high, minutes))
        self.duration_spin.setValue(minutes)
        self.date_edit.setDate(QDate(first.year, first.month, first.day))
        self.time_edit.setTime(QTime(first.hour, first.minute))
        self.recurrence.load(self.meeting.rrule if self.meeting else None, first)
        if self.meeting is not None:
            self.title_edit.setText(self.meeting.title)
            self.location_edit.setText(self.meeting.location)
        else:
            self._fill_defaults()
        # The start came as an exact instant, which already says which of two times it is.
        self.wall_choice.set_check(check_wall_time(self._naive(), self.anchor.key), first.fold)
        self._update_end_row()

    def _connect(self) -> None:
        self.mentee_combo.currentIndexChanged.connect(self._mentee_changed)
        self.title_edit.textEdited.connect(self._title_edited)
        self.title_edit.textChanged.connect(self._edits("title"))
        self.location_edit.textEdited.connect(self._location_edited)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.time_edit.timeChanged.connect(self._edits("start"))
        self.duration_spin.valueChanged.connect(self._edits("duration"))
        self.recurrence.changed.connect(self._recurrence_changed)
        self.wall_choice.picked.connect(self.use_time)
        self.wall_choice.fold_changed.connect(self._edits("start"))

    # -- reacting to edits -------------------------------------------------------------

    def _edits(self, field: str) -> Callable[..., None]:
        """A slot for a change signal: says ``field`` was edited."""

        def slot(*_: object) -> None:
            self.edited.emit(field)

        return slot

    def _title_edited(self, _text: str) -> None:
        self._title_auto = False

    def _location_edited(self, _text: str) -> None:
        self._location_auto = False

    def _mentee_changed(self, _index: int) -> None:
        self._fill_defaults()
        self.edited.emit("mentee_id")

    def _fill_defaults(self) -> None:
        """Title and video link follow the mentee until the mentor types their own."""
        mentee = self.current_mentee()
        if mentee is None:
            return
        if self._title_auto:
            self.title_edit.setText(f"1:1 with {first_name(mentee)}")
        if self._location_auto:
            video = next((c.value for c in mentee.channels if c.kind == "video"), "")
            self.location_edit.setText(video)

    def _date_changed(self, day: QDate) -> None:
        self.recurrence.set_start_date(day.toPython())
        self.edited.emit("start")

    def _recurrence_changed(self) -> None:
        self._update_end_row()
        self.edited.emit("rrule")

    def _update_end_row(self) -> None:
        self.rows.setRowVisible(self.recurrence.end_row, self.recurrence.shows_end())

    def use_time(self, moment: datetime) -> None:
        """A gap alternative or a suggested slot was taken: put it in the fields (its date
        may differ)."""
        local = moment.astimezone(self.anchor)
        for edit in (self.date_edit, self.time_edit):
            edit.blockSignals(True)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))
        for edit in (self.date_edit, self.time_edit):
            edit.blockSignals(False)
        self.recurrence.set_start_date(local.date())
        self.edited.emit("start")

    # -- what the fields say ---------------------------------------------------------------

    def current_mentee(self) -> Mentee | None:
        index = self.mentee_combo.currentIndex()
        return self.mentees[index] if 0 <= index < len(self.mentees) else None

    def _naive(self) -> datetime:
        at = self.time_edit.time().toPython().replace(second=0, microsecond=0)
        return datetime.combine(self.date_edit.date().toPython(), at)

    def recheck_start(self) -> None:
        """Asks the anchor zone again whether the typed start exists, or happens twice."""
        self.wall_choice.set_check(check_wall_time(self._naive(), self.anchor.key))

    def start_local(self) -> datetime | None:
        """The start as an exact instant, or None while it does not exist or is ambiguous."""
        return self.wall_choice.instant()

    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_spin.value())

    def current_rule(self) -> str | None:
        """The RRULE the fields say; ValidationError names 'rrule' or 'repeat_end'."""
        return self.recurrence.rule(self._naive().replace(tzinfo=self.anchor))

    def edited_meeting(self) -> Meeting:
        """The meeting as the form shows it (call only when the form is valid)."""
        mentee, start = self.current_mentee(), self.start_local()
        assert mentee is not None and mentee.id is not None and start is not None
        base = self.meeting or Meeting(mentee.id, "", start)
        return replace(
            base,
            mentee_id=mentee.id,
            title=self.title_edit.text(),
            start=start,
            duration=self.duration(),
            rrule=self.current_rule(),
            location=self.location_edit.text().strip(),
        )

    # -- checks ------------------------------------------------------------------------

    def error_labels(self) -> dict[str, FieldError]:
        """Where each field's message shows (the names of ``checks``, and 'duration')."""
        return {
            "mentee_id": self.mentee_error,
            "title": self.title_error,
            "start": self.start_error,
            "duration": self.duration_error,
            "rrule": self.recurrence.rule_error,
            "repeat_end": self.recurrence.end_error,
        }

    def checks(self) -> Mapping[str, Callable[[], object]]:
        return {
            "mentee_id": self._check_mentee,
            "title": lambda: validate_name(self.title_edit.text(), "title", "Meeting title"),
            "start": self._check_start,
            "rrule": _only("rrule", self.current_rule),
            "repeat_end": _only("repeat_end", self.current_rule),
        }

    def _check_mentee(self) -> None:
        if not self.mentees:
            raise ValidationError(
                "mentee_id",
                "There are no active mentees yet — add a mentee first, then plan a meeting.",
            )
        if self.current_mentee() is None:
            raise ValidationError("mentee_id", "Choose who the meeting is with.")

    def _check_start(self) -> None:
        if problem := self.wall_choice.problem():
            raise ValidationError("start", problem)
