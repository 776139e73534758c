"""Plan or edit a meeting with a mentee who may live many hours away.

The start is a wall-clock time in the anchor zone (the mentor's, or the zone an existing
meeting was planned in); the dialog shows it on every participant's clock as it is typed,
refuses times the anchor's clocks skip, asks which of two when they happen twice, and
warns before saving a series whose local time moves for someone, or that clashes with
something already planned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from mentordesk.domain.models import Meeting, Mentee, MenteeStatus
from mentordesk.planner.fit import attendees, nearest_slot
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.meeting_form import MeetingForm, first_name, next_full_hour
from mentordesk.ui.dialogs.meeting_preview import MeetingPreview
from mentordesk.ui.dialogs.validating import ValidatingDialog
from mentordesk.ui.formatting import safe_zone


class MeetingDialog(ValidatingDialog):
    """``saved`` carries the stored meeting (with its id) once Workspace.save_meeting succeeded.

    The fields are ``form`` (a ``MeetingForm``), the When/drift/conflicts panel ``preview``.
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
        mentees = [
            m for m in workspace.list_mentees() if m.status is MenteeStatus.ACTIVE or m.id in keep
        ]
        self.setWindowTitle("Edit meeting" if meeting is not None else "New meeting")
        self._settings = workspace.settings()
        if meeting is not None:
            first = meeting.start
        else:
            first = (start or self._first_suggestion(mentees, mentee_id, duration)).astimezone(
                self.anchor
            )
        self.form = MeetingForm(
            mentees,
            self.anchor,
            meeting,
            first,
            meeting.duration if meeting else duration,
            mentee_id,
            self,
        )
        self._build()
        self.form.edited.connect(self._edited)
        self.finish_form(
            self.form.error_labels(),
            # Without mentees the one thing to say is so, not that the empty title is empty.
            show_all=bool(mentees),
        )
        if not mentees:
            self.touched("mentee_id")()

    def _first_suggestion(
        self, mentees: list[Mentee], mentee_id: int | None, duration: timedelta
    ) -> datetime:
        """The next start inside working hours for the mentor and the mentee the form will
        show (the next full hour when their hours never meet)."""
        now = self._clock()
        hour = next_full_hour(now, self.anchor)
        mentee = next((m for m in mentees if m.id == mentee_id), mentees[0] if mentees else None)
        people = attendees(self._settings, self.mentor_zone, mentee, "")
        slot = nearest_slot([a.person for a in people], hour, duration, forward_only=True)
        return slot or hour

    def _build(self) -> None:
        self.preview = MeetingPreview(self.workspace.conflicts, self)
        self.preview.fit.use_requested.connect(self.form.use_time)
        # Long warnings scroll inside the column instead of pushing the buttons off screen.
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        columns = QHBoxLayout()
        columns.addWidget(self.form, 4)
        columns.addSpacing(18)
        columns.addWidget(scroll, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.button_box)
        self.resize(890, 660)

    def _edited(self, field: str) -> None:
        self.touched(field)()

    # -- ValidatingDialog ----------------------------------------------------------------

    def checks(self) -> Mapping[str, Callable[[], object]]:
        return self.form.checks()

    def validate(self) -> dict[str, str]:
        self.form.recheck_start()
        errors = super().validate()
        self._refresh_preview(errors)
        return errors

    def commit(self) -> None:
        saved = self.workspace.save_meeting(self.form.edited_meeting())
        self.saved_meeting = saved
        self.saved.emit(saved)

    # -- preview -----------------------------------------------------------------------

    def _people(self) -> list[tuple[str, str]]:
        """(who, zone) for the When panel: the anchor first when it is nobody's own zone."""
        people = [("You", self.mentor_zone)]
        mentee = self.form.current_mentee()
        if mentee is not None and safe_zone(mentee.time_zone) is not None:
            people.append((first_name(mentee), mentee.time_zone))
        if self.anchor.key not in {zone for _, zone in people}:
            people.insert(0, ("Planned in", self.anchor.key))
        return people

    def _refresh_preview(self, errors: Mapping[str, str]) -> None:
        start = self.form.start_local()
        if start is None:
            check = self.form.wall_choice.check
            self.preview.show_unavailable(
                f"Say which {check.naive:%H:%M} it is to see it in every zone."
                if check is not None and check.status == "fold"
                else f"Choose a time that exists in {self.anchor.key} to see it in every zone."
            )
            return
        rule_ok = "rrule" not in errors and "repeat_end" not in errors
        rule = self.form.current_rule() if rule_ok else None
        summary = self.form.recurrence.summary() if rule_ok else ""
        if rule and not summary:
            summary = f"Repeats by the rule {rule}"
        mentee = self.form.current_mentee()
        probe = Meeting(
            mentee.id if mentee is not None and mentee.id is not None else 0,
            self.form.title_edit.text() or "Meeting",
            start,
            self.form.duration(),
            rule,
            # The meeting being edited must not clash with itself.
            id=self.meeting.id if self.meeting is not None else None,
        )
        self.preview.show_meeting(probe, self._people(), summary, check_conflicts=rule_ok)
        name = first_name(mentee) if mentee is not None else ""
        self.preview.fit.show_fit(
            attendees(self._settings, self.mentor_zone, mentee, name),
            start,
            probe.duration,
            self._clock(),
            ZoneInfo(self.mentor_zone),
        )
