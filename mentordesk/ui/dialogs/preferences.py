"""The mentor's own profile: name, time zone and working hours."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from mentordesk.domain.models import Settings
from mentordesk.domain.validation import validate_hours, validate_zone
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.validating import ValidatingDialog, with_error
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.hours_editor import HoursEditor
from mentordesk.ui.widgets.zone_edit import ZoneField


class PreferencesDialog(ValidatingDialog):
    """``saved_settings`` holds what was stored after Save."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
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
        for row, field in enumerate((self.name_edit, self.zone_edit, self.hours_editor.start_edit)):
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
        self.resize(520, 300)

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
