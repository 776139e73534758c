"""A form dialog that validates as the user types and enables Save only when all is well."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.ui.widgets.field_error import ErrorDisplay, FieldError, collect_errors


def with_error(field: QWidget | QLayout, error: FieldError, parent: QWidget) -> QWidget:
    """The field with its error message right under it, as one form row."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if isinstance(field, QLayout):
        layout.addLayout(field)
    else:
        layout.addWidget(field)
    layout.addWidget(error)
    return box


class ValidatingDialog(QDialog):
    """Subclasses build their fields, then call ``finish_form``.

    A field's message shows once the user has changed that field (an empty new form does not
    greet anyone with errors); Save stays disabled while any check fails.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.general_error = FieldError(self)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button: QPushButton = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)
        self._touched: set[str] = set()
        self._errors_display: ErrorDisplay | None = None

    # -- for subclasses ------------------------------------------------------------------

    def checks(self) -> Mapping[str, Callable[[], object]]:
        """Field name -> a domain validator over the field's current value."""
        raise NotImplementedError

    def commit(self) -> None:
        """Saves through the services; raises ValidationError naming the field."""
        raise NotImplementedError

    def finish_form(self, fields: Mapping[str, FieldError], *, show_all: bool) -> None:
        self._errors_display = ErrorDisplay(fields, self.general_error)
        if show_all:
            self._touched = set(fields)
        self.validate()

    def touched(self, field: str) -> Callable[..., None]:
        """A slot for the field's change signal: remember it was edited, then validate."""

        def slot(*_: object) -> None:
            self._touched.add(field)
            self.validate()

        return slot

    # -- behaviour -------------------------------------------------------------------------

    def current_errors(self) -> dict[str, str]:
        return collect_errors(self.checks())

    def validate(self) -> dict[str, str]:
        errors = self.current_errors()
        if self._errors_display is not None:
            self._errors_display.show(errors, self._touched)
        self.save_button.setEnabled(not errors)
        return errors

    def save(self) -> None:
        if self.current_errors():
            if self._errors_display is not None:
                self._touched = set(self._errors_display.fields)
            self.validate()
            return
        try:
            self.commit()
        except ValidationError as exc:
            self._touched.add(exc.field)
            if self._errors_display is not None:
                self._errors_display.show({exc.field: exc.message}, self._touched)
            return
        self.accept()
