"""The record forms through pytest-qt: they validate at the field, save through the record
service, ask before deleting; the dashboard, Today, the call agenda and the Edit menu open
and tick them; and a record from a tagged line edits that line through the window open on
its note, so that window's next autosave keeps the change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    FeedbackDirection,
    Mentee,
    Win,
)
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.action_form import ActionForm
from mentordesk.ui.dialogs.record_forms import FeedbackForm, WinForm
from mentordesk.ui.dialogs.resource_form import ResourceForm
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.note_window_base import NoteWindowBase
from tests.ui.conftest import shown_window


@pytest.fixture
def priya(practice: dict[str, Mentee]) -> int:
    return practice["Priya Natarajan"].id or 0


def _confirm_delete(qtbot: QtBot, form: QWidgetLike) -> None:
    form.delete_button.click()
    box = form.findChild(QMessageBox)
    assert box is not None and "cannot be undone" in box.text()
    [delete] = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    delete.click()
    qtbot.waitUntil(lambda: form.result() == 1)


QWidgetLike = FeedbackForm | WinForm | ResourceForm | ActionForm


# -- the forms -------------------------------------------------------------------------------


def test_feedback_form_validates_defaults_and_saves(
    qtbot: QtBot, workspace: Workspace, priya: int
) -> None:
    form = FeedbackForm(workspace, priya)
    qtbot.addWidget(form)
    form.show()
    assert not form.save_button.isEnabled()  # nothing written yet
    assert form.include_check.isChecked()  # feedback to the mentee: in summaries
    form.direction_combo.setCurrentIndex(1)  # from the mentee, about the mentoring
    assert not form.include_check.isChecked()
    qtbot.keyClicks(form.body_edit, "Agendas before each call help")
    form.body_edit.selectAll()
    qtbot.keyClick(form.body_edit, Qt.Key.Key_Delete)
    assert form.body_error.isVisible() and "Feedback is empty" in form.body_error.text()
    qtbot.keyClicks(form.body_edit, "Agendas before each call help")
    qtbot.keyClicks(form.why_edit, "She prepares better")
    assert form.save_button.isEnabled() and not form.body_error.isVisible()
    form.save_button.click()
    [fb] = workspace.feedback.for_mentee(priya)
    assert (fb.direction, fb.body, fb.why_it_matters, fb.shareable) == (
        FeedbackDirection.FROM_MENTEE, "Agendas before each call help", "She prepares better",
        False,
    )  # fmt: skip


def test_resource_form_wants_a_real_link_or_a_picked_file(
    qtbot: QtBot, workspace: Workspace, priya: int, tmp_path: Path
) -> None:
    form = ResourceForm(workspace, priya)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.title_edit, "Reading list")
    qtbot.keyClicks(form.url_edit, "staffeng.com")
    assert form.url_error.isVisible() and "https://" in form.url_error.text()
    assert not form.save_button.isEnabled()
    picked = tmp_path / "Reading list.pdf"
    picked.write_bytes(b"%PDF-1.4\n")
    form.set_file(str(picked))  # what Browse… answers
    assert not form.url_error.isVisible() and form.save_button.isEnabled()
    form.include_check.setChecked(False)
    form.save_button.click()
    [res] = workspace.resources.for_mentee(priya)
    assert res.url == picked.as_uri() and not res.shareable
    assert res.shared_on == workspace.mentor.today()


def test_editing_a_win_and_deleting_it_after_asking(
    qtbot: QtBot, workspace: Workspace, priya: int
) -> None:
    win = workspace.records.add_win(Win(priya, "Talk accepted", date(2026, 11, 4)))
    form = WinForm(workspace, priya, workspace.records.win(win.id or 0))
    qtbot.addWidget(form)
    form.show()
    assert not form.include_check.isChecked()  # as stored
    form.title_edit.setText("Talk accepted at PyCon")
    form.save_button.click()
    assert workspace.records.win(win.id or 0).title == "Talk accepted at PyCon"

    again = WinForm(workspace, priya, workspace.records.win(win.id or 0))
    qtbot.addWidget(again)
    again.show()
    outcomes: list[str] = []
    again.outcome.connect(outcomes.append)
    _confirm_delete(qtbot, again)
    assert workspace.wins.for_mentee(priya) == []
    assert outcomes == ["Deleted the win (Priya Natarajan)."]


def test_an_action_form_edits_owner_due_and_done(
    qtbot: QtBot, workspace: Workspace, priya: int
) -> None:
    item = workspace.records.add_action(ActionItem(priya, "Send the deck"))
    form = ActionForm(workspace, priya, workspace.records.action(item.id or 0))
    qtbot.addWidget(form)
    form.show()
    form.owner_combo.setCurrentIndex(1)
    form.due_check.setChecked(True)
    form.due_edit.setDate(date(2027, 1, 15))
    form.done_check.setChecked(True)
    form.save_button.click()
    saved = workspace.records.action(item.id or 0)
    assert (saved.owner.value, saved.due_date, saved.is_open) == (
        "mentee",
        date(2027, 1, 15),
        False,
    )


# -- where they open -------------------------------------------------------------------------


def test_the_dashboard_adds_edits_ticks_and_reopens(
    qtbot: QtBot, workspace: Workspace, priya: int, settings_path: Path
) -> None:
    main = shown_window(qtbot, workspace, settings_path)
    main.open_mentee(priya)
    page = main.current_page()
    workspace.records.add_feedback(
        Feedback(priya, FeedbackDirection.TO_MENTEE, "Crisp demo", date(2026, 11, 3),
                 why_it_matters="The VP noticed")
    )  # fmt: skip
    html = page.detail.html()
    assert "Crisp demo" in html and "The VP noticed" in html and "not in summaries" in html
    [fb] = workspace.feedback.for_mentee(priya)
    page.detail.browser.anchorClicked.emit(QUrl(f"record:feedback/{fb.id}"))
    form = main.findChild(FeedbackForm)
    assert form is not None and form.isVisible() and form.body_edit.toPlainText() == "Crisp demo"
    form.reject()
    # Add ▸ Win… opens an empty form for the mentee shown.
    page.detail.add_button.menu().actions()[1].trigger()
    win_form = next(f for f in main.findChildren(WinForm) if f.isVisible())
    qtbot.keyClicks(win_form.title_edit, "First on-call week without pages")
    win_form.save_button.click()
    assert "First on-call week without pages" in page.detail.html()
    # Done and Reopen on an open action item.
    [item] = [a for a in workspace.mentee_dashboard(priya).actions if a.is_open]
    page.detail.browser.anchorClicked.emit(QUrl(f"record:done/{item.id}"))
    assert not workspace.records.action(item.id or 0).is_open
    assert f"record:reopen/{item.id}" in page.detail.html()
    page.detail.browser.anchorClicked.emit(QUrl(f"record:reopen/{item.id}"))
    assert workspace.records.action(item.id or 0).is_open


def test_today_ticks_an_item_off_and_undo_reopens_it(
    qtbot: QtBot, workspace: Workspace, priya: int, settings_path: Path
) -> None:
    main = shown_window(qtbot, workspace, settings_path)
    today = main.current_page()
    buttons = today.action_buttons
    assert not buttons.done_button.isEnabled()
    view = today.sections[2].view
    first = view.model().index(0, 0)
    text = first.data()
    view.selectionModel().select(
        first, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows,
    )  # fmt: skip
    assert buttons.done_button.isEnabled()
    buttons.done_button.click()
    assert text not in [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
    assert main.undo_action.isEnabled()
    main.undo_action.trigger()
    assert text in [view.model().index(r, 0).data() for r in range(view.model().rowCount())]


def test_the_edit_menu_offers_every_record_form_with_a_shortcut(
    qtbot: QtBot, workspace: Workspace, priya: int, settings_path: Path
) -> None:
    main = shown_window(qtbot, workspace, settings_path)
    shown = {a.text().replace("&", ""): a.shortcut().toString() for a in main.record_actions}
    assert shown == {
        "New Feedback…": "Ctrl+Alt+F", "New Win…": "Ctrl+Alt+W",
        "New Resource…": "Ctrl+Alt+R", "New Action Item…": "Ctrl+Alt+A",
    }  # fmt: skip
    main.open_mentee(priya)
    main.record_actions[2].trigger()  # the selected mentee: straight to the form
    form = next(f for f in main.findChildren(ResourceForm) if f.isVisible())
    assert form.mentee.id == priya


# -- the tagged line and the window open on its note ---------------------------------------------


def _open_on(main: MainWindow, qtbot: QtBot, mentee: int, body: str, call: bool) -> NoteWindowBase:
    window = main.open_call(mentee) if call else main.open_note(mentee)
    window.editor.edit.insertPlainText(body)  # as typed (keyClicks cannot type a newline)
    assert window.autosaver.flush()
    return window


@pytest.mark.parametrize("call", [True, False], ids=["call window", "note window"])
def test_editing_a_record_goes_through_the_open_window(
    qtbot: QtBot, workspace: Workspace, priya: int, settings_path: Path, call: bool
) -> None:
    main = shown_window(qtbot, workspace, settings_path)
    window = _open_on(main, qtbot, priya, "Intro\nShipped the importer #win", call)
    note_id = window.note_id or 0
    [win] = [w for w in workspace.wins.for_mentee(priya) if w.note_id == note_id]
    main.open_mentee(priya)
    page = main.current_page()
    form = page.open_record("win", win.id or 0)
    assert isinstance(form, WinForm) and "tagged line" in form.origin_label.text()
    form.title_edit.setText("Shipped the CSV importer")
    form.save_button.click()
    assert window.editor.text() == "Intro\nShipped the CSV importer #win"
    assert workspace.note(note_id).body == window.editor.text()
    assert workspace.note_revisions(note_id)[0].reason == "record edit"
    # The window's next autosave keeps the new text, and so the record.
    qtbot.keyClicks(window.editor.edit, " today")
    assert window.autosaver.flush()
    assert workspace.records.win(win.id or 0).title == "Shipped the CSV importer today"
    # The edit is one step of the window's own undo.
    assert window.editor.edit.document().isUndoAvailable()


def test_ticking_on_the_dashboard_ticks_the_line_in_the_open_call(
    qtbot: QtBot, workspace: Workspace, priya: int, settings_path: Path
) -> None:
    main = shown_window(qtbot, workspace, settings_path)
    window = _open_on(main, qtbot, priya, "- [ ] Book the review room @them", call=True)
    [item] = [a for a in workspace.mentee_dashboard(priya).actions if a.note_id == window.note_id]
    main.open_mentee(priya)
    main.current_page().detail.browser.anchorClicked.emit(QUrl(f"record:done/{item.id}"))
    assert window.editor.text() == "- [x] Book the review room @them"
    qtbot.keyClicks(window.editor.edit, " (booked)")
    assert window.autosaver.flush()
    assert not workspace.records.action(item.id or 0).is_open  # not reverted by the autosave
    # And the reverse: unticking in the window reopens the item.
    body = window.editor.text().replace("[x]", "[ ]")
    window.editor.edit.setPlainText(body)
    assert window.autosaver.flush()
    assert workspace.records.action(item.id or 0).is_open


def test_the_call_agenda_ticks_and_reopens_items(
    qtbot: QtBot, workspace: Workspace, priya: int, settings_path: Path
) -> None:
    main = shown_window(qtbot, workspace, settings_path)
    window = main.open_call(priya)
    [item] = [a for a in workspace.mentee_dashboard(priya).actions if a.is_open]
    assert item.text in window.agenda.toPlainText()
    window.agenda.anchorClicked.emit(QUrl(f"record:done/{item.id}"))
    assert not workspace.records.action(item.id or 0).is_open
    assert f"record:reopen/{item.id}" in window.agenda.toHtml()
    window.agenda.anchorClicked.emit(QUrl(f"record:reopen/{item.id}"))
    assert workspace.records.action(item.id or 0).is_open
    assert f"record:done/{item.id}" in window.agenda.toHtml()


def test_the_call_agenda_edits_an_item(
    qtbot: QtBot, workspace: Workspace, priya: int, settings_path: Path
) -> None:
    main = shown_window(qtbot, workspace, settings_path)
    window = main.open_call(priya)
    [item] = [a for a in workspace.mentee_dashboard(priya).actions if a.is_open]
    window.agenda.anchorClicked.emit(QUrl(f"record:action/{item.id}"))
    form = next(f for f in window.findChildren(ActionForm) if f.isVisible())
    form.text_edit.setText("Send the reading list, with the two new papers")
    form.save_button.click()
    assert "with the two new papers" in window.agenda.toPlainText()
    assert workspace.records.action(item.id or 0).text.endswith("two new papers")
