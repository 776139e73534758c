"""Plan or edit a meeting with a mentee who may live many hours away.

The start is a wall-clock time in the anchor zone (the mentor's, or the zone an existing
meeting was planned in); the dialog shows it on every participant's clock as it is typed,
refuses times the anchor's clocks skip, asks which of two when they happen twice, and
warns before saving a series whose local time moves for someone, or that clashes with
something already planned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Meeting, Mentee, MenteeStatus
from mentordesk.domain.validation import validate_name
from mentordesk.planner.series import check_wall_time
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.meeting_preview import MeetingPreview
from mentordesk.ui.dialogs.recurrence_fields import RecurrenceFields
from mentordesk.ui.dialogs.validating import ValidatingDialog, with_error
from mentordesk.ui.dialogs.wall_time_choice import WallTimeChoice
from mentordesk.ui.formatting import safe_zone
from mentordesk.ui.widgets.field_error import FieldError

_DURATION_STEP = 15
_DURATION_RANGE = (15, 8 * 60)


def next_full_hour(now: datetime, zone: ZoneInfo) -> datetime:
    """The first full hour on ``zone``'s clock after ``now`` (aware, in ``zone``)."""
    local = now.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    # Through UTC: an hour added on the wall clock could land in a gap.
    return (local.astimezone(UTC) + timedelta(hours=1)).astimezone(zone)


def _only(field: str, check: Callable[[], object]) -> Callable[[], None]:
    """``check``, reporting only its errors about ``field`` (one check, two error lines)."""

    def run() -> None:
        try:
            check()
        except ValidationError as exc:
            if exc.field == field:
                raise

    return run


def _first_name(mentee: Mentee) -> str:
    return mentee.name.split()[0] if mentee.name.split() else mentee.name


def _fixed(widget: QWidget) -> QWidget:
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget


class MeetingDialog(ValidatingDialog):
    """``saved`` carries the stored meeting (with its id) once Workspace.save_meeting succeeded.

    Open it with ``open()`` (never ``exec()``, see DESIGN.md on qasync).
    """

    saved = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        *,
        start: datetime | None = None,
        duration: timedelta = timedelta(minutes=45),
        mentee_id: int | None = None,
        meeting: Meeting | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting = meeting
        self.saved_meeting: Meeting | None = None
        self._clock = clock or (lambda: datetime.now(UTC))
        mentor_zone = workspace.mentor_zone()
        #: The mentor's zone name, for the When panel.
        self.mentor_zone = mentor_zone.key
        # An existing series stays anchored where it was planned: moving its anchor would
        # move every occurrence for someone.
        self.anchor = ZoneInfo(meeting.zone) if meeting is not None else mentor_zone
        keep = {i for i in (mentee_id, meeting.mentee_id if meeting else None) if i is not None}
        self.mentees = [
            m for m in workspace.list_mentees() if m.status is MenteeStatus.ACTIVE or m.id in keep
        ]
        self._title_auto = meeting is None
        self._location_auto = meeting is None
        self.setWindowTitle("Edit meeting" if meeting is not None else "New meeting")
        self._build()
        if meeting is not None:
            first = meeting.start
        else:
            first = (start or next_full_hour(self._clock(), self.anchor)).astimezone(self.anchor)
        self._load(first, meeting.duration if meeting else duration, mentee_id)
        self._connect()
        self.finish_form(
            {
                "mentee_id": self.mentee_error,
                "title": self.title_error,
                "start": self.start_error,
                "duration": self.duration_error,
                "rrule": self.recurrence.rule_error,
                "repeat_end": self.recurrence.end_error,
            },
            # Without mentees the one thing to say is so, not that the empty title is empty.
            show_all=bool(self.mentees),
        )
        if not self.mentees:
            self.touched("mentee_id")()

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
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
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
            self.form.addRow(QLabel(text, self), box)
        self._fix_buddies()

        self.preview = MeetingPreview(self.workspace.conflicts, self)
        # Long warnings scroll inside the column instead of pushing the buttons off screen.
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 4)
        columns.addSpacing(18)
        columns.addWidget(scroll, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.button_box)
        self.resize(890, 660)

    def _fix_buddies(self) -> None:
        """Alt+letter focuses the field itself, not the box that holds it and its error."""
        fields = [self.mentee_combo, self.title_edit, self.date_edit, self.time_edit]
        fields += [self.duration_spin, self.location_edit, self.recurrence.repeat_combo]
        fields.append(self.recurrence.end_combo)
        for row, field in enumerate(fields):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
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
        self.title_edit.textChanged.connect(self.touched("title"))
        self.location_edit.textEdited.connect(self._location_edited)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.time_edit.timeChanged.connect(self.touched("start"))
        self.duration_spin.valueChanged.connect(self.touched("duration"))
        self.recurrence.changed.connect(self._recurrence_changed)
        self.wall_choice.picked.connect(self._use_time)
        self.wall_choice.fold_changed.connect(self.touched("start"))

    # -- reacting to edits -------------------------------------------------------------

    def _title_edited(self, _text: str) -> None:
        self._title_auto = False

    def _location_edited(self, _text: str) -> None:
        self._location_auto = False

    def _mentee_changed(self, _index: int) -> None:
        self._fill_defaults()
        self.touched("mentee_id")()

    def _fill_defaults(self) -> None:
        """Title and video link follow the mentee until the mentor types their own."""
        mentee = self.current_mentee()
        if mentee is None:
            return
        if self._title_auto:
            self.title_edit.setText(f"1:1 with {_first_name(mentee)}")
        if self._location_auto:
            video = next((c.value for c in mentee.channels if c.kind == "video"), "")
            self.location_edit.setText(video)

    def _date_changed(self, day: QDate) -> None:
        self.recurrence.set_start_date(day.toPython())
        self.touched("start")()

    def _recurrence_changed(self) -> None:
        self._update_end_row()
        self.touched("rrule")()

    def _update_end_row(self) -> None:
        self.form.setRowVisible(self.recurrence.end_row, self.recurrence.shows_end())

    def _use_time(self, moment: datetime) -> None:
        """A gap alternative was clicked: put it in the fields (its date may differ)."""
        local = moment.astimezone(self.anchor)
        for edit in (self.date_edit, self.time_edit):
            edit.blockSignals(True)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))
        for edit in (self.date_edit, self.time_edit):
            edit.blockSignals(False)
        self.recurrence.set_start_date(local.date())
        self.touched("start")()

    # -- state -----------------------------------------------------------------------------

    def current_mentee(self) -> Mentee | None:
        index = self.mentee_combo.currentIndex()
        return self.mentees[index] if 0 <= index < len(self.mentees) else None

    def _naive(self) -> datetime:
        at = self.time_edit.time().toPython().replace(second=0, microsecond=0)
        return datetime.combine(self.date_edit.date().toPython(), at)

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

    # -- ValidatingDialog ----------------------------------------------------------------

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

    def validate(self) -> dict[str, str]:
        self.wall_choice.set_check(check_wall_time(self._naive(), self.anchor.key))
        errors = super().validate()
        self._refresh_preview(errors)
        return errors

    def commit(self) -> None:
        saved = self.workspace.save_meeting(self.edited_meeting())
        self.saved_meeting = saved
        self.saved.emit(saved)

    # -- preview -----------------------------------------------------------------------

    def _people(self) -> list[tuple[str, str]]:
        """(who, zone) for the When panel: the anchor first when it is nobody's own zone."""
        people = [("You", self.mentor_zone)]
        mentee = self.current_mentee()
        if mentee is not None and safe_zone(mentee.time_zone) is not None:
            people.append((_first_name(mentee), mentee.time_zone))
        if self.anchor.key not in {zone for _, zone in people}:
            people.insert(0, ("Planned in", self.anchor.key))
        return people

    def _refresh_preview(self, errors: Mapping[str, str]) -> None:
        start = self.start_local()
        if start is None:
            check = self.wall_choice.check
            self.preview.show_unavailable(
                f"Say which {check.naive:%H:%M} it is to see it in every zone."
                if check is not None and check.status == "fold"
                else f"Choose a time that exists in {self.anchor.key} to see it in every zone."
            )
            return
        rule_ok = "rrule" not in errors and "repeat_end" not in errors
        rule = self.current_rule() if rule_ok else None
        summary = self.recurrence.summary() if rule_ok else ""
        if rule and not summary:
            summary = f"Repeats by the rule {rule}"
        mentee = self.current_mentee()
        probe = Meeting(
            mentee.id if mentee is not None and mentee.id is not None else 0,
            self.title_edit.text() or "Meeting",
            start,
            self.duration(),
            rule,
            # The meeting being edited must not clash with itself.
            id=self.meeting.id if self.meeting is not None else None,
        )
        self.preview.show_meeting(probe, self._people(), summary, check_conflicts=rule_ok)
