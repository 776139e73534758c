"""The pre-session brief from Today, a meeting's detail and the call window; it follows
changes while open. Reminders (with a pinned clock and no tray: the window message) open
it, and those missed while the app was closed are told once on the next launch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Meeting, Mentee, Settings, Win
from mentordesk.services import Workspace
from mentordesk.ui.call_mode import CallWindow
from mentordesk.ui.dialogs.brief import BriefDialog
from mentordesk.ui.dialogs.preferences import PreferencesDialog
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.reminders import ReminderNotifier, reminder_service
from tests.ui.conftest import shown_window

LONDON = ZoneInfo("Europe/London")


def _window(qtbot: QtBot, workspace: Workspace, settings_path: Path) -> MainWindow:
    return shown_window(qtbot, workspace, settings_path)


def test_today_s_brief_button_prepares_the_next_meeting_and_follows_changes(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee], settings_path: Path
) -> None:
    window = _window(qtbot, workspace, settings_path)
    today = window.show_page("TodayPage")
    button: QPushButton = today.brief_button  # type: ignore[attr-defined]
    assert button.shortcut().toString() == "Ctrl+B"
    button.click()
    priya = practice["Priya Natarajan"]
    brief = window.brief_windows[priya.id or 0]
    assert isinstance(brief, BriefDialog) and not brief.isModal() and brief.isVisible()
    shown = brief.browser.toPlainText()
    assert brief.title_label.text() == "Before the call with Priya Natarajan"
    assert "Next: Career check-in" in shown and "Their time now:" in shown
    assert "Send the system design reading list" in shown and "overdue" in shown
    assert "Goals for the half" in shown and "private" in shown
    # A win recorded while the brief is open shows up in it.
    workspace.add_win(Win(priya.id or 0, "Shipped the retry queue", datetime.now(UTC).date()))
    qtbot.waitUntil(lambda: "Shipped the retry queue" in brief.browser.toPlainText())
    # Asked again, the same window comes to the front.
    button.click()
    assert list(window.brief_windows) == [priya.id]
    brief.close()
    assert window.brief_windows == {}


def test_a_meeting_s_detail_and_the_call_window_open_the_brief(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee], settings_path: Path
) -> None:
    window = _window(qtbot, workspace, settings_path)
    lena = practice["Lena Fischer"]
    meetings = window.show_page("MeetingsPage")
    series = next(m for m in workspace.meetings.for_mentee(lena.id or 0) if m.rrule)
    assert meetings.pane.select_key(series.id)  # type: ignore[attr-defined]
    meetings.detail.brief_button.click()  # type: ignore[attr-defined]
    brief = window.brief_windows[lena.id or 0]
    assert "Next: Weekly 1:1" in brief.browser.toPlainText()
    assert "Draft the case study outline" in brief.browser.toPlainText()  # Lena's to do

    aroha = practice["Aroha Ngata"]
    call = window.open_call(aroha.id or 0)
    assert isinstance(call, CallWindow)
    assert call.brief_action.shortcut().toString() == "Ctrl+B"
    call.brief_action.trigger()
    assert "Next: Portfolio review" in window.brief_windows[aroha.id or 0].browser.toPlainText()
    call.close()


# -- reminders ---------------------------------------------------------------------------

T = datetime(2026, 12, 7, 9, 0, tzinfo=LONDON)


def _practice(workspace: Workspace) -> Mentee:
    workspace.save_settings(Settings(mentor_name="Sam", time_zone="Europe/London"))
    priya = workspace.save_mentee(Mentee("Priya Raman", "Asia/Kolkata"))
    workspace.save_meeting(Meeting(priya.id or 0, "1:1", T))
    return priya


def _notifier(qtbot: QtBot, workspace: Workspace, at: datetime) -> ReminderNotifier:
    owner = QWidget()
    qtbot.addWidget(owner)
    notifier = ReminderNotifier(workspace, owner, clock=lambda: at, tray=False)
    notifier.start()
    return notifier


def test_a_reminder_ten_minutes_before_opens_the_brief(qtbot: QtBot, workspace: Workspace) -> None:
    priya = _practice(workspace)
    early = _notifier(qtbot, workspace, T - timedelta(minutes=30))
    assert early.message_box is None and early.timer.isActive()
    notifier = _notifier(qtbot, workspace, T - timedelta(minutes=10))
    box = notifier.message_box
    assert box is not None and box.isVisible() and not box.isModal()
    assert box.text() == "1:1 with Priya Raman in 10 minutes"
    assert "09:00 1:1 with Priya Raman" in box.informativeText()
    with qtbot.waitSignal(notifier.brief_requested) as opened:
        qtbot.mouseClick(box.defaultButton(), Qt.MouseButton.LeftButton)
    assert opened.args == [priya.id]
    # Shown once: the next checks say nothing more.
    notifier.message_box = None
    assert not notifier.check() and notifier.message_box is None


def test_a_reminder_missed_while_closed_is_shown_once_on_the_next_launch(
    qtbot: QtBot, workspace: Workspace
) -> None:
    _practice(workspace)
    _notifier(qtbot, workspace, T - timedelta(hours=2))  # ran at 07:00, then closed
    launch = _notifier(qtbot, workspace, T + timedelta(minutes=40))
    box = launch.message_box
    assert box is not None
    assert box.text() == "1 meeting reminder missed while MentorDesk was closed"
    assert "Mon 09:00 1:1 with Priya Raman" in box.informativeText()
    again = _notifier(qtbot, workspace, T + timedelta(minutes=50))
    assert again.message_box is None


def test_preferences_set_how_long_before_a_meeting_to_remind(
    qtbot: QtBot, workspace: Workspace
) -> None:
    _practice(workspace)
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.reminder_spin.value() == 10  # the default
    dialog.reminder_spin.setValue(0)
    assert dialog.reminder_spin.text() == "Off"
    dialog.reminder_spin.setValue(25)
    dialog.save()
    assert reminder_service(workspace).minutes() == 25


def test_the_timer_brings_the_reminder_when_the_clock_reaches_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    _practice(workspace)
    moment = [T - timedelta(minutes=30)]
    owner = QWidget()
    qtbot.addWidget(owner)
    notifier = ReminderNotifier(workspace, owner, clock=lambda: moment[0], tray=False)
    notifier.timer.setInterval(20)  # the real one checks every 15 s
    notifier.start()
    qtbot.wait(100)
    assert notifier.message_box is None
    moment[0] = T - timedelta(minutes=9)
    qtbot.waitUntil(lambda: notifier.message_box is not None, timeout=2000)
    assert notifier.message_box is not None
    assert notifier.message_box.text() == "1:1 with Priya Raman in 9 minutes"
    notifier.timer.stop()  # before the workspace closes
