"""Log Contact… and Edit Contact…: an email, a chat, a phone call or a meeting in person that
counts as contact for the check-in cadence. When (default now, the mentor's zone), the
channel, and an optional one-line summary; checked at the field as the mentor types."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from html import escape

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

from mentordesk.domain.contacts import (
    LOGGABLE,
    MAX_SUMMARY,
    Contact,
    ContactChannel,
    clean_contact,
)
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee, MenteeStatus
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.validating import ValidatingDialog, with_error
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.muted_label import MutedLabel

Clock = Callable[[], datetime]


class ContactDialog(ValidatingDialog):
    """Logs a new contact (``contact`` None) or edits one; ``saved(contact)`` after saving.

    With no ``mentee_id`` the mentor picks the mentee (active ones first).
    """

    saved = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int | None = None,
        contact: Contact | None = None,
        *,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.contact = contact
        self._clock = clock or (lambda: datetime.now(UTC))
        self.zone = workspace.mentor_zone()
        self.saved_contact: Contact | None = None
        editing = contact is not None
        self.setWindowTitle("Edit Contact" if editing else "Log Contact")

        self.mentee_combo = QComboBox(self)
        self.mentee_combo.setAccessibleName("Mentee")
        chosen = contact.mentee_id if contact is not None else mentee_id
        for mentee in self._mentees(chosen):
            self.mentee_combo.addItem(mentee.name, mentee.id)
        # Opened for one mentee, the dialog names them: no list to slip on.
        self.mentee_label = QLabel(self)
        if chosen is not None:
            self.mentee_combo.setCurrentIndex(max(0, self.mentee_combo.findData(chosen)))
            self.mentee_label.setText(f"<b>{escape(self.mentee_combo.currentText())}</b>")
        mentee_row = QHBoxLayout()
        mentee_row.setContentsMargins(0, 0, 0, 0)
        mentee_row.addWidget(self.mentee_combo if chosen is None else self.mentee_label, 1)
        self.mentee_combo.setVisible(chosen is None)

        at = (contact.at if contact is not None else self._clock()).astimezone(self.zone)
        self.date_edit = QDateEdit(QDate(at.year, at.month, at.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Date")
        self.time_edit = QTimeEdit(QTime(at.hour, at.minute), self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Time")
        self.channel_combo = QComboBox(self)
        self.channel_combo.setAccessibleName("Channel")
        channels = list(LOGGABLE)
        if contact is not None and contact.channel not in channels:
            channels.append(contact.channel)  # a call keeps its channel when edited
        for channel in channels:
            self.channel_combo.addItem(channel.label, channel.value)
        current = contact.channel if contact is not None else ContactChannel.EMAIL
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(current.value))
        self.summary_edit = QLineEdit(contact.summary if contact is not None else "", self)
        self.summary_edit.setMaxLength(MAX_SUMMARY + 50)  # over the limit says so, not silently
        self.summary_edit.setPlaceholderText("Optional — e.g. Sent her the dbt course link")
        self.summary_edit.setAccessibleName("Summary")
        hint = MutedLabel("It counts as contact: the next check-in moves from it.", self)
        hint.setWordWrap(True)

        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(self.time_edit)
        when.addStretch(1)
        self.at_error = FieldError(self)
        self.summary_error = FieldError(self)
        self.mentee_error = FieldError(self)
        form = QFormLayout()
        form.addRow("&Mentee", with_error(mentee_row, self.mentee_error, self))
        form.addRow(f"&When ({self.zone.key})", with_error(when, self.at_error, self))
        form.addRow("&Channel", self.channel_combo)
        form.addRow("&Summary", with_error(self.summary_edit, self.summary_error, self))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.general_error)
        layout.addWidget(self.button_box)
        self.save_button.setText("Save" if editing else "Log Contact")
        if self.mentee_combo.count() == 0:
            layout.insertWidget(0, QLabel("Add a mentee first (File ▸ New Mentee).", self))

        self.date_edit.dateChanged.connect(self.touched("at"))
        self.time_edit.timeChanged.connect(self.touched("at"))
        self.summary_edit.textChanged.connect(self.touched("summary"))
        self.finish_form(
            {"at": self.at_error, "summary": self.summary_error, "mentee": self.mentee_error},
            show_all=False,
        )
        self.summary_edit.setFocus()
        self.resize(max(self.sizeHint().width(), 480), self.sizeHint().height())

    def _mentees(self, chosen: int | None) -> list[Mentee]:
        everyone = self.workspace.list_mentees()
        active = [m for m in everyone if m.status is MenteeStatus.ACTIVE or m.id == chosen]
        return active or everyone

    # -- the values ------------------------------------------------------------------------

    def at(self) -> datetime:
        day, clock = self.date_edit.date(), self.time_edit.time()
        local = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
        # Keep the seconds of an untouched time, so an edit of the summary alone moves nothing.
        if self.contact is not None:
            was = self.contact.at.astimezone(self.zone)
            if was.replace(second=0, microsecond=0, tzinfo=None) == local:
                return self.contact.at
        return local.replace(tzinfo=self.zone)

    def channel(self) -> ContactChannel:
        return ContactChannel(self.channel_combo.currentData())

    def value(self) -> Contact:
        mentee_id = self.mentee_combo.currentData()
        if not isinstance(mentee_id, int):
            raise ValidationError("mentee", "Choose the mentee you were in contact with.")
        base = self.contact or Contact(mentee_id, self.at())
        return replace(
            base,
            mentee_id=mentee_id,
            at=self.at(),
            channel=self.channel(),
            summary=self.summary_edit.text(),
        )

    # -- ValidatingDialog ------------------------------------------------------------------

    def checks(self) -> Mapping[str, Callable[[], object]]:
        return {name: self._check(name) for name in ("at", "summary", "mentee")}

    def validate(self) -> dict[str, str]:
        errors = super().validate()
        # A message under a field needs its lines: grow rather than clip them.
        hint = self.sizeHint()
        if hint.height() > self.height():
            self.resize(self.width(), hint.height())
        return errors

    def _check(self, name: str) -> Callable[[], object]:
        """The domain's check, its message kept for the field it names."""

        def check() -> None:
            now = self._clock()
            value = self.value()
            if name != "at":  # each field's message shows whatever the others hold
                value = replace(value, at=now)
            try:
                clean_contact(value, now)
            except ValidationError as exc:
                if exc.field == name:
                    raise

        return check

    def commit(self) -> None:
        contact = self.value()
        now = self._clock()
        if self.contact is None:
            saved = self.workspace.contacts.log(
                contact.mentee_id, contact.channel, contact.summary, contact.at, now
            )
        else:
            saved = self.workspace.contacts.update(contact, now)
        self.saved_contact = saved
        self.saved.emit(saved)
