"""The meeting dialog says when a time is at night or out of hours for someone, offers the
nearest time inside everyone's hours, and opens on such a time."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee, Settings, WorkingHours
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.meeting_dialog import MeetingDialog

BERLIN = ZoneInfo("Europe/Berlin")
SUNDAY_MORNING = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)  # 09:00 in Berlin, 05:00 São Paulo


@pytest.fixture
def people(workspace: Workspace) -> dict[str, Mentee]:
    workspace.save_settings(Settings("Sam", "Europe/Berlin", WorkingHours(time(9), time(17))))
    return {
        m.name.split()[0]: workspace.save_mentee(m)
        for m in (
            Mentee("Ana Lima", "America/Sao_Paulo", hours=WorkingHours(time(9), time(18))),
            Mentee("Maya Chen", "America/Los_Angeles", pronouns="she/her"),
        )
    }


def _dialog(qtbot: QtBot, workspace: Workspace, mentee: Mentee) -> MeetingDialog:
    dialog = MeetingDialog(workspace, mentee_id=mentee.id, clock=lambda: SUNDAY_MORNING)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_new_meeting_opens_on_the_next_time_inside_both_working_days(
    qtbot: QtBot, workspace: Workspace, people: dict[str, Mentee]
) -> None:
    dialog = _dialog(qtbot, workspace, people["Ana"])
    # Not Sunday 10:00 (06:00 for Ana): Monday 13:00 in Berlin, 09:00 in São Paulo.
    assert dialog.form.start_local() == datetime(2026, 12, 7, 13, 0, tzinfo=BERLIN)
    assert dialog.preview.fit.isHidden()


def test_a_night_time_is_said_and_the_nearest_good_time_offered(
    qtbot: QtBot, workspace: Workspace, people: dict[str, Mentee]
) -> None:
    dialog = _dialog(qtbot, workspace, people["Maya"])
    dialog.form.date_edit.setDate(QDate(2026, 12, 10))
    dialog.form.time_edit.setTime(QTime(11, 0))
    fit = dialog.preview.fit
    qtbot.waitUntil(fit.isVisible, timeout=1000)
    assert "02:00 for Maya — she will be asleep" in fit.text()
    # Berlin's and Los Angeles' working days never meet: the nearest time both are awake.
    assert "Use Thu 10 Dec 16:00 (your time) — everyone is awake" in fit.text()
    assert dialog.save_button.isEnabled()  # a warning, not a refusal
    qtbot.mouseClick(fit.use_button, Qt.MouseButton.LeftButton)
    assert dialog.form.start_local() == datetime(2026, 12, 10, 16, 0, tzinfo=BERLIN)
    assert fit.text().splitlines() == [
        "07:00 for Maya — outside working hours (Mon–Fri 09:00–17:00)",
        "Use Thu 10 Dec 16:00 (your time) — everyone is awake",
    ]


def test_an_out_of_hours_time_offers_a_time_inside_everyones_hours(
    qtbot: QtBot, workspace: Workspace, people: dict[str, Mentee]
) -> None:
    dialog = _dialog(qtbot, workspace, people["Ana"])
    dialog.form.date_edit.setDate(QDate(2026, 12, 10))
    dialog.form.time_edit.setTime(QTime(18, 30))  # 14:30 for Ana, after hours for the mentor
    fit = dialog.preview.fit
    qtbot.waitUntil(fit.isVisible, timeout=1000)
    assert fit.text().splitlines() == [
        "18:30 for you — outside working hours (Mon–Fri 09:00–17:00)",
        "Use Thu 10 Dec 16:15 (your time) — inside everyone's working hours",
    ]
    # The offer wraps: the notice fits a column half as wide, so nothing is clipped.
    column = dialog.preview.parentWidget()  # the scroll area's viewport
    assert fit.minimumSizeHint().width() <= column.width() // 2
    qtbot.waitUntil(lambda: dialog.preview.width() <= column.width(), timeout=1000)
    assert fit.use_button.text() == "Use Thu 10 Dec 16:15"
    qtbot.mouseClick(fit.use_button, Qt.MouseButton.LeftButton)
    assert dialog.form.start_local() == datetime(2026, 12, 10, 16, 15, tzinfo=BERLIN)
    assert fit.isHidden()
