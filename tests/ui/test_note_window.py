"""Notes written outside a call, through the real windows: the Notes page opens the editor,
typing is saved with its tagged lines, title and privacy are kept (the items follow), the
History dock restores a version undoably, and a note is deleted only after asking.
Also: call mode starts from a mentee's dashboard, a meeting and the planner's list."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee, Note, Owner
from mentordesk.services import Workspace
from mentordesk.ui.call_mode import CallWindow
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.note_window import NoteWindow
from mentordesk.ui.widgets.note_editor import RECOVERED_TEXT

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def priya(practice: dict[str, Mentee]) -> Mentee:
    return practice["Priya Natarajan"]


@pytest.fixture
def main_window(qtbot: QtBot, workspace: Workspace, settings_path: Path) -> MainWindow:
    window = MainWindow(
        workspace, settings=QSettings(str(settings_path), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    return window


def only_note_window(main_window: MainWindow) -> NoteWindow:
    (window,) = main_window.note_windows
    assert isinstance(window, NoteWindow)
    return window


def saved(window: NoteWindow) -> bool:
    return not window.autosaver.pending


def test_after_a_crash_each_note_reopens_in_the_window_that_was_writing_it(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, main_window: MainWindow, settings_path: Path
) -> None:
    written = main_window.open_note(priya.id or 0)
    qtbot.keyClicks(written.editor.edit, "Half a thought about the offsite")
    in_call = main_window.open_call(priya.id or 0)
    qtbot.keyClicks(in_call.editor.edit, "Asked about on-call")
    for window in (written, in_call):
        qtbot.waitUntil(lambda w=window: saved(w), timeout=2000)  # type: ignore[misc]
        window.hide()  # no clean close: to the file, the app stopped here
    assert [n.id for n in workspace.unclosed_notes(in_call=False)] == [written.note_id]
    assert [n.id for n in workspace.unclosed_notes(in_call=True)] == [in_call.note_id]

    restarted = MainWindow(
        workspace, settings=QSettings(str(settings_path), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(restarted)
    with qtbot.waitSignal(restarted.ready, timeout=5000):
        restarted.show()
    qtbot.waitUntil(lambda: bool(restarted.note_windows and restarted.call_windows), timeout=2000)
    (editor,) = restarted.note_windows
    (call,) = restarted.call_windows
    assert isinstance(editor, NoteWindow) and editor.note_id == written.note_id
    assert editor.editor.text() == "Half a thought about the offsite"
    assert editor.editor.banner.isVisible()
    assert editor.editor.banner_label.text() == RECOVERED_TEXT
    assert isinstance(call, CallWindow) and call.note_id == in_call.note_id
    assert call.editor.text() == "Asked about on-call"


def test_a_new_note_from_the_notes_page_is_saved_with_its_items(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, main_window: MainWindow
) -> None:
    page = main_window.show_page("NotesPage")
    page.pane.select_key(None)  # type: ignore[attr-defined]
    page.new_button.click()  # type: ignore[attr-defined]
    chooser = QApplication.activeModalWidget()
    assert isinstance(chooser, QInputDialog) and chooser.windowTitle() == "New Note"
    chooser.setTextValue("Priya Natarajan")
    chooser.accept()
    window = only_note_window(main_window)
    assert window.mentee.id == priya.id
    assert window.note_id is None  # nothing written yet: no empty note

    qtbot.keyClicks(window.title_edit, "Thoughts after the offsite")
    qtbot.keyClick(window.title_edit, Qt.Key.Key_Return)
    assert window.focusWidget() is window.editor.edit
    qtbot.keyClicks(window.editor.edit, "She ran the retro well #win")
    qtbot.keyClick(window.editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor.edit, "- [ ] Share the RFC template @them due:2027-01-15")
    qtbot.waitUntil(lambda: saved(window), timeout=2000)

    note = workspace.note(window.note_id or 0)
    assert note.title == "Thoughts after the offsite"
    assert note.body == window.editor.text()
    assert not note.shareable  # private unless the mentor says otherwise
    dashboard = workspace.mentee_dashboard(priya.id or 0)
    (action,) = [a for a in dashboard.actions if a.note_id == note.id]
    assert (action.text, action.owner, str(action.due_date)) == (
        "Share the RFC template",
        Owner.MENTEE,
        "2027-01-15",
    )
    assert "She ran the retro well" in [w.title for w in dashboard.wins]

    with qtbot.waitSignal(window.finished, timeout=2000):
        window.close()
    assert main_window.note_windows == []
    assert workspace.unclosed_notes() == []
    assert [r.body for r in workspace.note_revisions(note.id or 0)] == [note.body]
    # The list shows the new note, and the window title said what it is.
    assert page.model.row_of(note.id) >= 0  # type: ignore[attr-defined]


def test_editing_an_existing_note_and_its_privacy_moves_its_items(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, main_window: MainWindow
) -> None:
    note = workspace.start_note(
        priya.id or 0, title="Mid-year review", body="Shipped the cache #win\n"
    )
    page = main_window.show_page("NotesPage")
    page.refresh()
    assert page.pane.select_key(note.id)  # type: ignore[attr-defined]
    page.detail.edit_button.click()  # type: ignore[attr-defined]
    window = only_note_window(main_window)
    assert window.editor.text() == "Shipped the cache #win\n"
    assert window.windowTitle() == "Mid-year review — Priya Natarajan — MentorDesk"
    # Opening it again raises the same window.
    page.detail.edit_button.click()  # type: ignore[attr-defined]
    assert len(main_window.note_windows) == 1

    (win,) = workspace.linked_items(note.id or 0)
    assert not win.shareable
    window.shareable_box.click()
    assert workspace.note(note.id or 0).shareable
    (win,) = workspace.linked_items(note.id or 0)
    assert win.shareable

    edit = window.editor.edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, "## Private")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # keyClicks cannot type a newline
    qtbot.keyClicks(edit, "Worried about burnout #feedback")
    qtbot.waitUntil(lambda: saved(window), timeout=2000)
    items = {i.text: i.shareable for i in workspace.linked_items(note.id or 0)}
    assert items == {"Shipped the cache": True, "Worried about burnout": False}

    window.shareable_box.click()  # private again: nothing of it is shared
    assert not any(i.shareable for i in workspace.linked_items(note.id or 0))
    window.shareable_box.click()  # shareable: the private section stays private
    items = {i.text: i.shareable for i in workspace.linked_items(note.id or 0)}
    assert items == {"Shipped the cache": True, "Worried about burnout": False}
    window.close()


def test_the_history_dock_restores_a_version_and_undo_brings_back_the_text(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, main_window: MainWindow
) -> None:
    start = datetime.now().astimezone() - timedelta(hours=1)
    note = workspace.start_note(priya.id or 0, title="Draft", body="")
    workspace.write_note_body(note.id or 0, "first version", now=start)
    assert workspace.take_revision(note.id or 0, "close", now=start + timedelta(minutes=1))
    workspace.write_note_body(note.id or 0, "second version", now=start + timedelta(minutes=2))
    workspace.close_note(note.id or 0, now=start + timedelta(minutes=3))

    window = main_window.open_note(priya.id or 0, note.id)
    assert isinstance(window, NoteWindow)
    qtbot.waitExposed(window)
    assert not window.history_dock.isVisible()
    window.history_action.trigger()
    assert window.history_dock.isVisible()
    history = window.history
    bodies = [history.model.revision_at(r).body for r in range(history.model.rowCount())]
    assert bodies == ["second version", "first version"]
    history.select_row(1)
    assert history.restore_button.isEnabled()
    history.restore_button.click()
    assert window.editor.text() == "first version"
    qtbot.waitUntil(lambda: saved(window), timeout=2000)
    assert workspace.note(note.id or 0).body == "first version"

    window.editor.edit.undo()
    assert window.editor.text() == "second version"
    qtbot.waitUntil(lambda: saved(window), timeout=2000)
    assert workspace.note(note.id or 0).body == "second version"
    window.close()


def test_deleting_a_note_asks_first_and_takes_its_items_with_it(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, main_window: MainWindow
) -> None:
    note = workspace.start_note(priya.id or 0, title="Old plan", body="- [ ] Book a room @me")
    page = main_window.show_page("NotesPage")
    page.refresh()
    assert page.pane.select_key(note.id)  # type: ignore[attr-defined]

    page.detail.delete_button.click()  # type: ignore[attr-defined]
    box = page.dialog  # type: ignore[attr-defined]
    assert isinstance(box, QMessageBox) and "Old plan" in box.text()
    keep = next(b for b in box.buttons() if b.text() == "Keep it")
    keep.click()
    assert workspace.note(note.id or 0).title == "Old plan"

    page.detail.delete_button.click()  # type: ignore[attr-defined]
    box = page.dialog  # type: ignore[attr-defined]
    assert isinstance(box, QMessageBox)
    delete = next(b for b in box.buttons() if b.text() == "Delete Note")
    delete.click()
    qtbot.waitUntil(lambda: page.model.row_of(note.id) < 0, timeout=2000)  # type: ignore[attr-defined]
    with pytest.raises(KeyError):
        workspace.note(note.id or 0)
    dashboard = workspace.mentee_dashboard(priya.id or 0)
    assert "Book a room" not in [a.text for a in dashboard.actions]


def test_enter_on_a_note_in_the_list_opens_it_in_the_editor(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, main_window: MainWindow
) -> None:
    note = workspace.save_note(Note(priya.id or 0, "body", "Keyboard only"))
    page = main_window.show_page("NotesPage")
    page.refresh()
    assert page.pane.select_key(note.id)  # type: ignore[attr-defined]
    view = page.pane.view  # type: ignore[attr-defined]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert only_note_window(main_window).note_id == note.id
    only_note_window(main_window).close()


def test_a_call_starts_from_a_mentee_a_meeting_and_the_planner(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, main_window: MainWindow
) -> None:
    mentees = main_window.show_page("MenteesPage")
    mentees.select_mentee(priya.id)  # type: ignore[attr-defined]
    mentees.detail.call_button.click()  # type: ignore[attr-defined]
    (call,) = main_window.call_windows
    assert isinstance(call, CallWindow) and call.mentee.id == priya.id and call.meeting is None
    call.close()

    meetings = main_window.show_page("MeetingsPage")
    meeting = next(
        m for m in workspace.meetings.for_mentee(priya.id or 0) if m.title == "Career check-in"
    )
    assert meetings.pane.select_key(meeting.id)  # type: ignore[attr-defined]
    meetings.detail.select_occurrence(0)  # type: ignore[attr-defined]
    meetings.detail.call_button.click()  # type: ignore[attr-defined]
    (call,) = main_window.call_windows
    assert isinstance(call, CallWindow)
    assert call.meeting is not None and call.meeting.id == meeting.id
    assert call.original_start == meeting.start
    call.close()

    planner = main_window.show_page("PlannerPage")
    upcoming = planner.upcoming  # type: ignore[attr-defined]
    row = next(
        r
        for r in range(upcoming.model.rowCount())
        if upcoming.model.row_at(r).occurrence.meeting.id == meeting.id
    )
    upcoming.select_row(row)
    upcoming.call_button.click()
    (call,) = main_window.call_windows
    assert isinstance(call, CallWindow)
    assert call.meeting is not None and call.meeting.id == meeting.id
    call.close()

    # A note about the mentee from their dashboard.
    mentees = main_window.show_page("MenteesPage")
    mentees.detail.note_button.click()  # type: ignore[attr-defined]
    assert only_note_window(main_window).mentee.id == priya.id
    main_window.close()
    assert main_window.note_windows == [] and main_window.call_windows == []
