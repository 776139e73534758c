"""The mentor's own profile (name, time zone and working hours) and the file's privacy:
encryption turned on or off (at once, not on Save: it rewrites the file)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.models import Settings
from mentordesk.domain.reminders import MAX_MINUTES
from mentordesk.domain.validation import validate_hours, validate_zone
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.validating import ValidatingDialog, with_error
from mentordesk.ui.encryption_flow import EncryptionFlow, status_text
from mentordesk.ui.reminders import reminder_service
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.hours_editor import HoursEditor
from mentordesk.ui.widgets.zone_edit import ZoneField


class PreferencesDialog(ValidatingDialog):
    """``saved_settings`` holds what was stored after Save. ``encryption_changed`` carries
    what to tell the mentor after encryption was turned on or off."""

    encryption_changed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        busy: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._busy = busy
        self.flow: EncryptionFlow | None = None
        self.saved_settings: Settings | None = None
        self.setWindowTitle("Preferences")
        current = workspace.settings()

        intro = QLabel(
            "Meetings are shown in your time zone next to each mentee's, and your working"
            " hours are compared with theirs when you plan a meeting.",
            self,
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(current.mentor_name, self)
        self.name_edit.setPlaceholderText("How the app greets you, e.g. Sam")
        self.zone_field = ZoneField(self)
        self.zone_edit = self.zone_field.edit
        self.zone_edit.setText(current.time_zone)
        self.hours_editor = HoursEditor(self)
        self.hours_editor.set_hours(current.hours)
        self.zone_error = FieldError(self)
        self.hours_error = FieldError(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Your &name:", self.name_edit)
        form.addRow("Your &time zone:", with_error(self.zone_field, self.zone_error, self))
        form.addRow("Working &hours:", with_error(self.hours_editor, self.hours_error, self))
        self.reminder_spin = QSpinBox(self)
        self.reminder_spin.setRange(0, MAX_MINUTES)
        self.reminder_spin.setSuffix(" minutes before a meeting")
        self.reminder_spin.setSpecialValueText("Off")  # 0: no reminders
        self.reminder_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.reminder_spin.setValue(reminder_service(workspace).minutes())
        self.reminder_spin.setToolTip(
            "A desktop notification that opens the pre-session brief; 0 turns reminders off"
        )
        form.addRow("&Remind me:", self.reminder_spin)
        self.encryption_status = QLabel(self)
        self.encryption_status.setWordWrap(True)
        self.encryption_button = QPushButton(self)
        self.encryption_button.clicked.connect(self.toggle_encryption)
        self.passphrase_button = QPushButton("Change &Passphrase…", self)
        self.passphrase_button.clicked.connect(lambda: self._start("change_passphrase"))
        self.recovery_button = QPushButton("New &Recovery Key…", self)
        self.recovery_button.clicked.connect(lambda: self._start("new_recovery_key"))
        privacy = QVBoxLayout()
        privacy.addWidget(self.encryption_status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.encryption_button)
        buttons.addWidget(self.passphrase_button)
        buttons.addWidget(self.recovery_button)
        buttons.addStretch(1)
        privacy.addLayout(buttons)
        form.addRow("Encryption:", privacy)
        self._show_encryption()
        fields = (self.name_edit, self.zone_edit, self.hours_editor.start_edit, self.reminder_spin)
        for row, field in enumerate(fields):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setBuddy(field)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.button_box)
        self.resize(600, 380)

        self.zone_edit.textChanged.connect(self.touched("time_zone"))
        self.hours_editor.changed.connect(self.touched("hours"))
        self.finish_form({"time_zone": self.zone_error, "hours": self.hours_error}, show_all=True)

    def checks(self) -> Mapping[str, Callable[[], object]]:
        return {
            "time_zone": lambda: validate_zone(self.zone_edit.text()),
            "hours": lambda: validate_hours(self.hours_editor.hours()),
        }

    def edited_settings(self) -> Settings:
        return Settings(
            mentor_name=self.name_edit.text(),
            time_zone=self.zone_edit.text(),
            hours=self.hours_editor.hours(),
        )

    def commit(self) -> None:
        self.saved_settings = self.workspace.save_settings(self.edited_settings())
        reminders = reminder_service(self.workspace)
        if reminders.minutes() != self.reminder_spin.value():
            reminders.set_minutes(self.reminder_spin.value())

    def _show_encryption(self) -> None:
        from mentordesk.services import encryption

        self.encryption_status.setText(status_text(self.workspace))
        on = self.workspace.encrypted
        self.encryption_button.setText("Turn &Off Encryption…" if on else "&Encrypt…")
        # A passphrase to change only when the key is made from one.
        self.passphrase_button.setVisible(encryption.key_store_of(self.workspace) == "passphrase")
        self.recovery_button.setVisible(on)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.encryption_button, self.passphrase_button, self.recovery_button)

    def toggle_encryption(self) -> None:
        self._start("turn_on" if not self.workspace.encrypted else "turn_off")

    def _start(self, step: str) -> None:
        """Runs one of the flow's steps (``turn_on``, ``turn_off``, ``change_passphrase``,
        ``new_recovery_key``), its buttons disabled until it ends."""
        self.flow = EncryptionFlow(self.workspace, self, busy=self._busy)
        self.flow.finished.connect(self._encryption_done)
        for button in self._buttons():
            button.setEnabled(False)
        getattr(self.flow, step)()

    def _encryption_done(self, message: str) -> None:
        for button in self._buttons():
            button.setEnabled(True)
        self._show_encryption()
        if message:
            self.encryption_changed.emit(message)
