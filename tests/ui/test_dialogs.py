"""The mentee, preferences and welcome dialogs: inline validation and what Save stores."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Channel, Mentee, MenteeStatus
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog
from mentordesk.ui.dialogs.preferences import PreferencesDialog
from mentordesk.ui.dialogs.welcome import WelcomeDialog


@pytest.fixture
def dialog(qtbot: QtBot, workspace: Workspace) -> MenteeDialog:
    new = MenteeDialog(workspace)
    qtbot.addWidget(new)
    new.show()
    return new


def test_a_misspelt_zone_is_explained_under_the_field_and_blocks_save(
    qtbot: QtBot, dialog: MenteeDialog, workspace: Workspace
) -> None:
    qtbot.keyClicks(dialog.name_edit, "Ravi Kumar")
    qtbot.keyClicks(dialog.zone_edit, "Europe/Berln")
    assert dialog.zone_error.isVisible()
    assert "Time zone 'Europe/Berln' is not known — did you mean Europe/Berlin" in (
        dialog.zone_error.text()
    )
    assert not dialog.save_button.isEnabled()

    dialog.zone_edit.clear()
    qtbot.keyClicks(dialog.zone_edit, "Europe/Berlin")
    assert not dialog.zone_error.isVisible()
    assert dialog.zone_field.hint.text().startswith("Now ")
    assert dialog.save_button.isEnabled()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.saved_mentee
    assert saved is not None and saved.id is not None
    assert [(m.name, m.time_zone) for m in workspace.list_mentees()] == [
        ("Ravi Kumar", "Europe/Berlin")
    ]


def test_a_new_form_waits_for_typing_before_it_complains(
    qtbot: QtBot, dialog: MenteeDialog
) -> None:
    assert not dialog.save_button.isEnabled()
    assert not dialog.name_error.isVisible() and not dialog.zone_error.isVisible()
    qtbot.keyClicks(dialog.name_edit, "R")
    dialog.name_edit.clear()
    assert dialog.name_error.isVisible()
    assert dialog.name_error.text() == "Name is empty — type at least one character."


def test_email_hours_and_channels_are_checked_as_typed(qtbot: QtBot, dialog: MenteeDialog) -> None:
    qtbot.keyClicks(dialog.name_edit, "Ravi")
    qtbot.keyClicks(dialog.zone_edit, "Asia/Kolkata")
    assert dialog.save_button.isEnabled()

    # A new form offers one e-mail row: the address is the first e-mail channel.
    [email] = dialog.channel_editor.rows
    assert email.kind() == "email"
    qtbot.keyClicks(email.value_edit, "ravi@x")
    assert "Channel 1 (Email)" in dialog.channels_error.text()
    assert "is not an address" in dialog.channels_error.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(email.value_edit, ".org")
    assert not dialog.channels_error.isVisible() and dialog.save_button.isEnabled()

    dialog.hours_editor.end_edit.setTime(QTime(8, 0))
    assert "before they start at 09:00" in dialog.hours_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.hours_editor.end_edit.setTime(QTime(18, 0))


def test_editing_a_mentee_fills_every_field_and_saves_changes(
    qtbot: QtBot, workspace: Workspace
) -> None:
    mentee = workspace.save_mentee(
        Mentee(
            "Lena Fischer",
            "Europe/Berlin",
            pronouns="she/her",
            channels=(Channel("email", "lena@example.com"), Channel("chat", "@lena")),
            background="Product designer",
            cadence_days=7,
            status=MenteeStatus.PAUSED,
            tags=("design", "career"),
        )
    )
    dialog = MenteeDialog(workspace, mentee)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit Lena Fischer"
    assert dialog.channel_editor.channels() == (
        Channel("email", "lena@example.com"),
        Channel("chat", "@lena"),
    )
    assert dialog.tags_edit.text() == "design, career"
    assert dialog.status_combo.currentText() == "Paused"
    assert dialog.save_button.isEnabled()

    dialog.cadence_spin.setValue(10)
    dialog.tags_edit.setText("design, , leadership")
    dialog.hours_editor.day_boxes[5].setChecked(True)  # Saturday
    dialog.save()
    stored = workspace.mentee(mentee.id or 0)
    assert stored.cadence_days == 10
    assert stored.tags == ("design", "leadership")
    assert stored.hours.days == (1, 2, 3, 4, 5, 6)
    assert stored.background == "Product designer" and stored.status is MenteeStatus.PAUSED


def test_preferences_refuse_hours_that_end_before_they_start(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button.isEnabled()  # the defaults are valid
    dialog.hours_editor.start_edit.setTime(QTime(10, 0))
    dialog.hours_editor.end_edit.setTime(QTime(9, 30))
    assert dialog.hours_error.isVisible()
    assert dialog.hours_error.text().startswith("Working hours end at 09:30, before they start")
    assert not dialog.save_button.isEnabled()


def test_preferences_save_name_zone_and_hours(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Sam Rivera")
    dialog.zone_edit.clear()
    qtbot.keyClicks(dialog.zone_edit, "america/new_york")
    dialog.hours_editor.start_edit.setTime(QTime(8, 30))
    dialog.hours_editor.end_edit.setTime(QTime(16, 0))
    dialog.hours_editor.day_boxes[4].setChecked(False)  # no Fridays
    assert dialog.save_button.isEnabled()
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    settings = workspace.settings()
    assert settings.mentor_name == "Sam Rivera"
    assert settings.time_zone == "America/New_York"
    assert (settings.hours.start, settings.hours.end) == (time(8, 30), time(16, 0))
    assert settings.hours.days == (1, 2, 3, 4)


def test_preferences_show_a_bad_zone(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.zone_edit.setText("Mars/Olympus")
    assert "Time zone 'Mars/Olympus' is not known" in dialog.zone_error.text()
    assert not dialog.save_button.isEnabled()


@pytest.mark.parametrize(("button", "choice"), [("demo_button", "demo"), ("own_button", "own")])
def test_the_welcome_dialog_reports_the_choice(qtbot: QtBot, button: str, choice: str) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    getattr(dialog, button).click()
    assert dialog.choice == choice
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_closing_the_welcome_dialog_chooses_nothing(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert dialog.choice is None


def test_error_text_stays_readable_on_a_dark_palette(qtbot: QtBot, dialog: MenteeDialog) -> None:
    qtbot.keyClicks(dialog.zone_edit, "Nowhere/Special")
    label = dialog.zone_error.findChild(QLabel, "message")
    light_red = label.palette().color(label.foregroundRole())
    dark = QPalette(dialog.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    dialog.setPalette(dark)
    dark_red = label.palette().color(label.foregroundRole())
    assert light_red.red() > light_red.green() and dark_red.red() > dark_red.green()
    assert light_red.lightness() < 128 < dark_red.lightness()
