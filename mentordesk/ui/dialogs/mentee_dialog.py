"""Create or edit a mentee: every field, validated inline by the domain's own rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.models import Mentee, MenteeStatus
from mentordesk.domain.validation import (
    validate_cadence,
    validate_channels,
    validate_hours,
    validate_name,
    validate_zone,
)
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.validating import ValidatingDialog, with_error
from mentordesk.ui.widgets.channel_editor import ChannelEditor
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.hours_editor import HoursEditor
from mentordesk.ui.widgets.zone_edit import ZoneField

_STATUS_LABELS = {
    MenteeStatus.ACTIVE: "Active",
    MenteeStatus.PAUSED: "Paused",
    MenteeStatus.ALUMNI: "Alumni",
}


def _text_edit(parent: QWidget, placeholder: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class MenteeDialog(ValidatingDialog):
    """``saved_mentee`` holds the stored mentee (with its id) after Save."""

    def __init__(
        self,
        workspace: Workspace,
        mentee: Mentee | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.mentee = mentee
        self.saved_mentee: Mentee | None = None
        self.setWindowTitle("New mentee" if mentee is None else f"Edit {mentee.name}")
        self._build()
        self._load(mentee or Mentee(name="", time_zone=""))
        self._connect()
        self.finish_form(
            {
                "name": self.name_error,
                "time_zone": self.zone_error,
                "hours": self.hours_error,
                "cadence_days": self.cadence_error,
                "channels": self.channels_error,
            },
            show_all=mentee is not None,
        )

    # -- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("Required")
        self.pronouns_edit = QLineEdit(self)
        self.pronouns_edit.setPlaceholderText("e.g. she/her")
        self.organisation_edit = QLineEdit(self)
        self.role_edit = QLineEdit(self)
        self.zone_field = ZoneField(self)
        self.zone_edit = self.zone_field.edit
        self.hours_editor = HoursEditor(self)
        self.cadence_spin = QSpinBox(self)
        self.cadence_spin.setRange(1, 365)
        self.cadence_spin.setSuffix(" days")
        self.cadence_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.status_combo = QComboBox(self)
        for status, label in _STATUS_LABELS.items():
            self.status_combo.addItem(label, status.value)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText("comma separated, e.g. career, design")
        self.channel_editor = ChannelEditor(self)
        self.background_edit = _text_edit(self, "Where they come from, what they do now", 3)
        self.interests_edit = _text_edit(self, "What they want to learn or explore", 3)
        self.expectations_edit = _text_edit(self, "What they hope to get from mentoring", 3)

        self.name_error = FieldError(self)
        self.zone_error = FieldError(self)
        self.hours_error = FieldError(self)
        self.cadence_error = FieldError(self)
        self.channels_error = FieldError(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name:", with_error(self.name_edit, self.name_error, self))
        form.addRow("&Pronouns:", self.pronouns_edit)
        form.addRow("&Organisation:", self.organisation_edit)
        form.addRow("&Role:", self.role_edit)
        form.addRow("&Time zone:", with_error(self.zone_field, self.zone_error, self))
        form.addRow("Working &hours:", with_error(self.hours_editor, self.hours_error, self))
        form.addRow("Check in &every:", with_error(self.cadence_spin, self.cadence_error, self))
        form.addRow("&Status:", self.status_combo)
        form.addRow("T&ags:", self.tags_edit)
        self._label_buddies(form)

        about = QVBoxLayout()
        for text, edit in (
            ("&Channels (the first email is their address):", self.channel_editor),
            ("&Background:", self.background_edit),
            ("&Interests:", self.interests_edit),
            ("E&xpectations:", self.expectations_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(edit)
            if about.count():
                about.addSpacing(6)
            about.addWidget(label)
            if edit is self.channel_editor:
                about.addWidget(edit)
                about.addWidget(self.channels_error)
            else:
                about.addWidget(edit, 1)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        # Spacing between the columns only: nested layouts inherit a layout's own spacing.
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(18)
        columns.addLayout(about, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.button_box)
        self.resize(880, 600)

    def _label_buddies(self, form: QFormLayout) -> None:
        """Alt+letter on a label focuses the field (the field may sit inside an error box)."""
        fields = [
            self.name_edit,
            self.pronouns_edit,
            self.organisation_edit,
            self.role_edit,
            self.zone_edit,
            self.hours_editor.start_edit,
            self.cadence_spin,
            self.status_combo,
            self.tags_edit,
        ]
        for row, field in enumerate(fields):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and isinstance(label.widget(), QLabel):
                label.widget().setBuddy(field)

    def _load(self, mentee: Mentee) -> None:
        self.name_edit.setText(mentee.name)
        self.pronouns_edit.setText(mentee.pronouns)
        self.organisation_edit.setText(mentee.organisation)
        self.role_edit.setText(mentee.role)
        self.zone_edit.setText(mentee.time_zone)
        self.hours_editor.set_hours(mentee.hours)
        self.cadence_spin.setValue(mentee.cadence_days)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(mentee.status.value), 0))
        self.tags_edit.setText(", ".join(mentee.tags))
        self.channel_editor.set_channels(mentee.channels)
        self.background_edit.setPlainText(mentee.background)
        self.interests_edit.setPlainText(mentee.interests)
        self.expectations_edit.setPlainText(mentee.expectations)

    def _connect(self) -> None:
        self.name_edit.textChanged.connect(self.touched("name"))
        self.zone_edit.textChanged.connect(self.touched("time_zone"))
        self.hours_editor.changed.connect(self.touched("hours"))
        self.cadence_spin.valueChanged.connect(self.touched("cadence_days"))
        self.channel_editor.changed.connect(self.touched("channels"))

    # -- ValidatingDialog ----------------------------------------------------------------

    def checks(self) -> Mapping[str, Callable[[], object]]:
        return {
            "name": lambda: validate_name(self.name_edit.text()),
            "time_zone": lambda: validate_zone(self.zone_edit.text()),
            "hours": lambda: validate_hours(self.hours_editor.hours()),
            "cadence_days": lambda: validate_cadence(self.cadence_spin.value()),
            "channels": lambda: validate_channels(self.channel_editor.channels()),
        }

    def edited_mentee(self) -> Mentee:
        """The mentee as the form shows it (not yet validated)."""
        base = self.mentee or Mentee(name="", time_zone="")
        return replace(
            base,
            name=self.name_edit.text(),
            pronouns=self.pronouns_edit.text().strip(),
            organisation=self.organisation_edit.text().strip(),
            role=self.role_edit.text().strip(),
            time_zone=self.zone_edit.text(),
            hours=self.hours_editor.hours(),
            channels=self.channel_editor.channels(),
            background=self.background_edit.toPlainText().strip(),
            interests=self.interests_edit.toPlainText().strip(),
            expectations=self.expectations_edit.toPlainText().strip(),
            cadence_days=self.cadence_spin.value(),
            status=MenteeStatus(self.status_combo.currentData()),
            tags=tuple(t.strip() for t in self.tags_edit.text().split(",")),
        )

    def commit(self) -> None:
        self.saved_mentee = self.workspace.save_mentee(self.edited_mentee())
