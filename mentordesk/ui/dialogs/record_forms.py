"""The record forms: feedback and wins here, resources and action items beside them
(``resource_form.py``, ``action_form.py``), all on ``RecordForm``.

Each form adds or edits one record of one mentee, validates at the field with the domain's
own rules (``domain/record_rules.py``), has **Include in summaries** (on by default except for
feedback from the mentee), and when editing a **Delete…** that asks first. A record born from
a tagged note line says so: its text is written back into that line when saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Feedback, FeedbackDirection, Win
from mentordesk.domain.record_rules import clean_feedback, clean_win
from mentordesk.services import Workspace
from mentordesk.services.records import OpenNotes
from mentordesk.ui.dialogs.confirm import confirm
from mentordesk.ui.dialogs.validating import ValidatingDialog, with_error
from mentordesk.ui.widgets.field_error import FieldError
from mentordesk.ui.widgets.muted_label import MutedLabel


def date_edit(parent: QWidget, value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    return edit


def picked_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def field_check(clean: Callable[[], object], field: str) -> Callable[[], None]:
    """A check that fails only for ``field``'s own message from ``clean``."""

    def check() -> None:
        try:
            clean()
        except ValidationError as exc:
            if exc.field == field:
                raise

    return check


class RecordForm(ValidatingDialog):
    """What every record form shares; ``saved`` holds the stored record after Save,
    ``deleted`` is True after Delete."""

    noun = "record"
    #: What happened, for the status bar: "Saved the win." / "Deleted the win."
    outcome = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        *,
        editing: bool,
        note_id: int | None = None,
        via: OpenNotes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.mentee = workspace.mentee(mentee_id)
        self.first_name = self.mentee.name.split(" ")[0]
        self.via = via
        self.saved: object | None = None
        self.deleted = False
        self.today = workspace.mentor.today()
        title = f"Edit {self.noun}" if editing else f"New {self.noun}"
        self.setWindowTitle(f"{title} — {self.mentee.name}")
        self.include_check = QCheckBox("&Include in summaries", self)
        self.include_check.setToolTip(
            "Print it in the progress summaries you hand over (File ▸ Export Progress Summary…)"
        )
        self.include_check.setChecked(True)
        self.origin_label = MutedLabel("", self)
        self.origin_label.setWordWrap(True)
        self.origin_label.hide()
        if note_id is not None:
            note = workspace.note(note_id)
            named = f"“{note.title}”" if note.title.strip() else "a note"
            text = f"From a tagged line of {named}: saving rewrites that line to match."
            if not note.shareable:
                text += " The note is private, so this stays out of summaries whatever the box."
            self.origin_label.setText(text)
            self.origin_label.show()
        self.delete_button = None
        if editing:
            # Apart from Save and Cancel, at the far left: not hit by a slip of the hand.
            self.delete_button = QPushButton("&Delete…", self)
            self.delete_button.setAutoDefault(False)
            self.delete_button.setToolTip(f"Delete this {self.noun} (asks first)")
            self.delete_button.clicked.connect(self._ask_delete)

    # -- for subclasses ------------------------------------------------------------------

    def delete_text(self) -> str:
        return f"Delete this {self.noun}? This cannot be undone."

    def remove(self) -> None:
        raise NotImplementedError

    def lay_out(self, form: QFormLayout, errors: Mapping[str, FieldError], editing: bool) -> None:
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("", self.include_check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin_label)
        layout.addLayout(form, 1)
        layout.addWidget(self.general_error)
        buttons = QHBoxLayout()
        if self.delete_button is not None:
            buttons.addWidget(self.delete_button)
        buttons.addWidget(self.button_box, 1)
        layout.addLayout(buttons)
        self.finish_form(errors, show_all=editing)
        self.setMinimumWidth(520)

    # -- delete --------------------------------------------------------------------------

    def _ask_delete(self) -> None:
        self._confirm = confirm(
            self, f"Delete this {self.noun}?", self.delete_text(), "Delete", self._delete
        )

    def _delete(self) -> None:
        self.remove()
        self.deleted = True
        self.accept()

    def accept(self) -> None:
        done = "Deleted" if self.deleted else "Saved"
        self.outcome.emit(f"{done} the {self.noun} ({self.mentee.name}).")
        super().accept()


def _text_edit(parent: QWidget, placeholder: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class FeedbackForm(RecordForm):
    noun = "feedback"

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        feedback: Feedback | None = None,
        *,
        direction: FeedbackDirection = FeedbackDirection.TO_MENTEE,
        via: OpenNotes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = feedback is not None
        note_id = feedback.note_id if feedback else None
        super().__init__(workspace, mentee_id, editing=editing, note_id=note_id, via=via,
                         parent=parent)  # fmt: skip
        self.feedback = feedback or Feedback(mentee_id, direction, "", self.today)
        self.direction_combo = QComboBox(self)
        self.direction_combo.addItem(f"To {self.first_name}", FeedbackDirection.TO_MENTEE.value)
        self.direction_combo.addItem(
            f"From {self.first_name}, about the mentoring", FeedbackDirection.FROM_MENTEE.value
        )
        self.direction_combo.setEnabled(note_id is None)
        if note_id is not None:
            self.direction_combo.setToolTip("Set by the line's tag (#feedback or #fb-me)")
        self.date_edit = date_edit(self, self.feedback.given_on)
        self.body_edit = _text_edit(self, "What happened — specific and observable", 3)
        self.why_edit = QLineEdit(self)
        self.why_edit.setPlaceholderText("Optional — the impact, for them or others")
        self.action_edit = QLineEdit(self)
        self.action_edit.setPlaceholderText("Optional — one thing to try next time")
        self.body_error = FieldError(self)
        self.why_error = FieldError(self)
        self.action_error = FieldError(self)
        self.direction_error = FieldError(self)

        fb = self.feedback
        self.direction_combo.setCurrentIndex(self.direction_combo.findData(fb.direction.value))
        self.body_edit.setPlainText(fb.body)
        self.why_edit.setText(fb.why_it_matters)
        self.action_edit.setText(fb.suggested_action)
        # Feedback from the mentee is about the mentoring: not for their summary by default.
        self.include_check.setChecked(
            fb.shareable if editing else fb.direction is FeedbackDirection.TO_MENTEE
        )
        self._include_chosen = editing
        self.include_check.clicked.connect(self._include_clicked)
        self.direction_combo.currentIndexChanged.connect(self._direction_changed)

        form = QFormLayout()
        form.addRow("&Direction:", with_error(self.direction_combo, self.direction_error, self))
        form.addRow("D&ate:", self.date_edit)
        form.addRow("&What happened:", with_error(self.body_edit, self.body_error, self))
        form.addRow("W&hy it matters:", with_error(self.why_edit, self.why_error, self))
        form.addRow("&Suggested action:", with_error(self.action_edit, self.action_error, self))
        self.body_edit.textChanged.connect(self.touched("body"))
        self.why_edit.textChanged.connect(self.touched("why_it_matters"))
        self.action_edit.textChanged.connect(self.touched("suggested_action"))
        errors = {
            "body": self.body_error,
            "why_it_matters": self.why_error,
            "suggested_action": self.action_error,
            "direction": self.direction_error,
        }
        self.lay_out(form, errors, editing)
        self.body_edit.setFocus()

    def _include_clicked(self) -> None:
        self._include_chosen = True

    def _direction_changed(self) -> None:
        if not self._include_chosen:
            self.include_check.setChecked(self.edited().direction is FeedbackDirection.TO_MENTEE)

    def edited(self) -> Feedback:
        return replace(
            self.feedback,
            direction=FeedbackDirection(self.direction_combo.currentData()),
            given_on=picked_date(self.date_edit),
            body=self.body_edit.toPlainText(),
            why_it_matters=self.why_edit.text(),
            suggested_action=self.action_edit.text(),
            shareable=self.include_check.isChecked(),
        )

    def checks(self) -> Mapping[str, Callable[[], object]]:
        clean = lambda: clean_feedback(self.edited())  # noqa: E731
        fields = ("body", "why_it_matters", "suggested_action")
        return {field: field_check(clean, field) for field in fields}

    def commit(self) -> None:
        records = self.workspace.records
        if self.feedback.id is None:
            self.saved = records.add_feedback(self.edited())
        else:
            self.saved = records.update_feedback(self.edited(), via=self.via)

    def delete_text(self) -> str:
        text = "Delete this feedback? This cannot be undone."
        if self.feedback.note_id is not None:
            text += " Its line stays in the note, as written."
        return text

    def remove(self) -> None:
        self.workspace.records.delete_feedback(self.feedback.id or 0)


class WinForm(RecordForm):
    noun = "win"

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        win: Win | None = None,
        *,
        via: OpenNotes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = win is not None
        note_id = win.note_id if win else None
        super().__init__(workspace, mentee_id, editing=editing, note_id=note_id, via=via,
                         parent=parent)  # fmt: skip
        self.win = win or Win(mentee_id, "", self.today, shareable=True)
        self.title_edit = QLineEdit(self.win.title, self)
        self.title_edit.setPlaceholderText("What they achieved — e.g. “Gave her first talk”")
        self.date_edit = date_edit(self, self.win.happened_on)
        self.goal_combo = goal_combo(self, workspace, mentee_id, self.win.goal_id)
        self.title_error = FieldError(self)
        self.include_check.setChecked(self.win.shareable)
        form = QFormLayout()
        form.addRow("&Win:", with_error(self.title_edit, self.title_error, self))
        form.addRow("D&ate:", self.date_edit)
        form.addRow("&Goal:", self.goal_combo)
        self.title_edit.textChanged.connect(self.touched("title"))
        self.lay_out(form, {"title": self.title_error}, editing)
        self.title_edit.setFocus()

    def edited(self) -> Win:
        return replace(
            self.win,
            title=self.title_edit.text(),
            happened_on=picked_date(self.date_edit),
            goal_id=self.goal_combo.currentData() or None,
            shareable=self.include_check.isChecked(),
        )

    def checks(self) -> Mapping[str, Callable[[], object]]:
        return {"title": field_check(lambda: clean_win(self.edited()), "title")}

    def commit(self) -> None:
        records = self.workspace.records
        if self.win.id is None:
            self.saved = records.add_win(self.edited())
        else:
            self.saved = records.update_win(self.edited(), via=self.via)

    def delete_text(self) -> str:
        text = f"Delete the win “{self.win.title}”? This cannot be undone."
        if self.win.note_id is not None:
            text += " Its line stays in the note, as written."
        return text

    def remove(self) -> None:
        self.workspace.records.delete_win(self.win.id or 0)


def goal_combo(
    parent: QWidget, workspace: Workspace, mentee_id: int, goal_id: int | None
) -> QComboBox:
    """The mentee's goals, after "(no goal)"; the record's own goal selected."""
    combo = QComboBox(parent)
    combo.addItem("(no goal)", 0)
    for progress in workspace.roadmap.progress(mentee_id):
        combo.addItem(progress.goal.title, progress.goal.id)
    combo.setCurrentIndex(max(combo.findData(goal_id or 0), 0))
    return combo
