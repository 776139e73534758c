"""Contacts in the window: Log Contact… from the dashboard, the list's context menu and the
Edit menu; a logged contact edited and deleted (asked first, undoable) from the dashboard;
Mark Not Held on the Meetings page; the early-call question of call mode, both ways."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QUrl
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.domain.contacts import ContactChannel
from mentordesk.domain.models import Meeting, Mentee, OccurrenceStatus, Settings, WorkingHours
from mentordesk.services import Workspace
from mentordesk.ui.call_mode import CallWindow
from mentordesk.ui.dialogs.contact import ContactDialog
from mentordesk.ui.pages.meetings import MeetingsPage
from mentordesk.ui.pages.mentees import MenteesPage
from tests.ui.conftest import shown_window

LONDON = ZoneInfo("Europe/London")
# Sunday 6 December 2026, 10:00 in London; Siobhan was last seen on 2 November.
NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "contacts.db") as workspace:
        workspace.save_settings(Settings("Sam", "Europe/London", WorkingHours(time(9), time(17))))
        yield workspace


@pytest.fixture
def siobhan(ws: Workspace) -> Mentee:
    mentee = ws.save_mentee(Mentee("Siobhan Walsh", "America/St_Johns", cadence_days=21))
    first = ws.save_meeting(
        Meeting(mentee.id or 0, "Intro", datetime(2026, 11, 2, 14, 0, tzinfo=LONDON))
    )
    ws.mark_held(first.id or 0, now=NOW)
    return mentee


@pytest.fixture
def page(qtbot: QtBot, ws: Workspace, siobhan: Mentee) -> MenteesPage:
    mentees = MenteesPage(ws, clock=lambda: NOW)
    qtbot.addWidget(mentees)
    ws.changes.subscribe(mentees.on_changes)  # the window's hub does this
    mentees.resize(1280, 720)
    mentees.show()
    mentees.select_mentee(siobhan.id or 0)
    return mentees


def _next_check_in(page: MenteesPage, mentee: Mentee) -> str:
    row = page.model.row_of(mentee.id)
    return str(page.model.index(row, page.model.columnCount() - 1).data())


def test_log_contact_from_the_dashboard_validates_and_moves_the_check_in(
    qtbot: QtBot, ws: Workspace, siobhan: Mentee, page: MenteesPage
) -> None:
    assert "overdue" in _next_check_in(page, siobhan)
    page.detail.contact_button.click()
    dialog = page.contacts.dialog
    assert isinstance(dialog, ContactDialog) and dialog.isVisible()
    assert dialog.mentee_label.text() == "<b>Siobhan Walsh</b>"
    assert dialog.at() == NOW.astimezone(LONDON)  # default: now, the mentor's zone
    # Tomorrow is refused at the field, and so is a summary of more than one line's length.
    dialog.date_edit.setDate(QDate(2026, 12, 7))
    qtbot.keyClicks(dialog.summary_edit, "x" * 201)
    assert "in the future" in dialog.at_error.text() and dialog.at_error.isVisible()
    assert "at most 200 characters" in dialog.summary_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.date_edit.setDate(QDate(2026, 12, 6))
    dialog.summary_edit.setText("Asked about Airflow vs Dagster")
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("chat"))
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    [contact] = ws.contacts.for_mentee(siobhan.id or 0)
    assert (contact.channel, contact.summary, contact.at) == (
        ContactChannel.CHAT, "Asked about Airflow vs Dagster", NOW
    )  # fmt: skip
    # The list and the dashboard follow through the change signal.
    assert _next_check_in(page, siobhan) == "due in 21 days"
    assert "Asked about Airflow vs Dagster" in page.detail.html()


def test_a_logged_contact_is_edited_and_deleted_from_the_dashboard_with_undo(
    qtbot: QtBot, ws: Workspace, siobhan: Mentee, page: MenteesPage
) -> None:
    logged = ws.contacts.log(siobhan.id or 0, ContactChannel.EMAIL, "Sent the course", now=NOW)
    assert f"contact:edit/{logged.id}" in page.detail.html()
    page.detail.browser.anchorClicked.emit(QUrl(f"contact:edit/{logged.id}"))
    dialog = page.contacts.dialog
    assert isinstance(dialog, ContactDialog) and dialog.windowTitle() == "Edit Contact"
    assert dialog.summary_edit.text() == "Sent the course"
    dialog.date_edit.setDate(QDate(2026, 12, 1))
    dialog.save_button.click()
    edited = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert ws.mentee(siobhan.id or 0).last_contact == edited
    page.undo_stack.undo()  # the edit, undone and redone
    assert ws.contacts.get(logged.id or 0).at == NOW
    page.undo_stack.redo()
    assert ws.contacts.get(logged.id or 0).at == edited

    page.detail.browser.anchorClicked.emit(QUrl(f"contact:delete/{logged.id}"))
    box = page.window().findChild(QMessageBox)
    assert isinstance(box, QMessageBox) and "Delete the email contact" in box.text()
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    delete.click()
    qtbot.waitUntil(lambda: ws.contacts.for_mentee(siobhan.id or 0) == [])
    held = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    assert ws.mentee(siobhan.id or 0).last_contact == held  # back to the meeting
    assert "overdue" in _next_check_in(page, siobhan)
    page.undo_stack.undo()
    [back] = ws.contacts.for_mentee(siobhan.id or 0)
    assert back.summary == "Sent the course"
    assert _next_check_in(page, siobhan) != "" and "overdue" not in _next_check_in(page, siobhan)


def test_the_list_s_context_menu_and_the_edit_menu_log_a_contact(
    qtbot: QtBot, ws: Workspace, siobhan: Mentee, page: MenteesPage, tmp_path: Path
) -> None:
    view = page.pane.view
    row = page.model.row_of(siobhan.id)
    menu = page.contacts.context_menu(view.visualRect(page.model.index(row, 0)).center())
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Log &Contact…" and "Start &Call" in texts
    menu.actions()[0].trigger()
    assert isinstance(page.contacts.dialog, ContactDialog)
    page.contacts.dialog.reject()

    window = shown_window(qtbot, ws, tmp_path / "window.ini")
    today = window.current_page()
    assert type(today).__name__ == "TodayPage" and today.selected_check_in() is None
    action = window.log_contact_action
    assert action.shortcut().toString() == "Ctrl+Shift+K"
    assert action in window.menuBar().actions()[1].menu().actions()  # Edit
    dialog = window.log_contact()
    assert isinstance(dialog, ContactDialog)
    # Nothing selected on Today: the mentor picks the mentee.
    assert dialog.mentee_combo.isVisibleTo(dialog)
    assert dialog.mentee_combo.currentText() == "Siobhan Walsh"
    dialog.save_button.click()
    assert len(ws.contacts.for_mentee(siobhan.id or 0)) == 1
    # An overdue check-in selected on Today: Log Contact… is for that mentee.
    ws.contacts.delete(ws.contacts.for_mentee(siobhan.id or 0)[0].id or 0)
    section = today.sections[1]
    section.view.setFocus()
    section.view.setCurrentIndex(section.view.model().index(0, 0))
    assert today.selected_check_in() == siobhan.id
    chosen = window.log_contact()
    assert isinstance(chosen, ContactDialog)
    assert chosen.mentee_label.text() == "<b>Siobhan Walsh</b>"
    chosen.reject()


def test_mark_not_held_on_the_meetings_page_moves_the_check_in_back(
    qtbot: QtBot, ws: Workspace, siobhan: Mentee
) -> None:
    wednesday = datetime(2026, 12, 9, 15, 0, tzinfo=LONDON)
    mock = ws.save_meeting(Meeting(siobhan.id or 0, "Mock interview", wednesday))
    page = MeetingsPage(ws, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    detail = page.detail
    # A meeting on a later day cannot be marked held yet (the service's rule, here too).
    assert page.pane.select_key(mock.id)
    detail.select_occurrence(0)
    assert not detail.mark_held_button.isEnabled()
    [intro] = [m for m in ws.meetings.for_mentee(siobhan.id or 0) if m.title == "Intro"]
    assert page.pane.select_key(intro.id)
    detail.select_occurrence(0)
    assert detail.mark_held_button.text() == "Mark Not Held"
    detail.mark_held_button.click()
    assert ws.mentee(siobhan.id or 0).last_contact is None
    detail.select_occurrence(0)
    assert detail.mark_held_button.text() == "Mark Held"


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_ending_a_call_started_early_asks_whether_it_was_held_early(
    qtbot: QtBot, ws: Workspace, siobhan: Mentee, answer: QMessageBox.StandardButton
) -> None:
    wednesday = datetime(2026, 12, 9, 15, 0, tzinfo=LONDON)
    mock = ws.save_meeting(Meeting(siobhan.id or 0, "Mock interview", wednesday))
    window = CallWindow(ws, siobhan.id or 0, mock.id, wednesday, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.editor.edit, "Talked it through early")
    assert window.end_call() is False  # not yet: it asks first
    box = window.early_question
    assert box is not None and box.isVisible()
    assert box.text() == "Held early — move this occurrence to now and mark it held?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Yes)
    box.button(answer).click()
    qtbot.waitUntil(lambda: window.is_ended)
    assert ws.mentee(siobhan.id or 0).last_contact == NOW
    [occurrence] = ws.occurrences_between(NOW - timedelta(days=1), NOW + timedelta(days=7))
    if answer is QMessageBox.StandardButton.Yes:
        assert (occurrence.start, occurrence.status) == (NOW, OccurrenceStatus.HELD)
        assert ws.contacts.for_mentee(siobhan.id or 0) == []
    else:
        assert (occurrence.start, occurrence.status) == (wednesday, OccurrenceStatus.SCHEDULED)
        [call] = ws.contacts.for_mentee(siobhan.id or 0)
        assert (call.channel, call.note_id) == (ContactChannel.CALL, window.note_id)
