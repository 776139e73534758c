"""Call mode through the real window: typing is saved, tagged lines become items, Ctrl+T stamps
the call time, ending the call marks the meeting held and shows the review, closing flushes,
and a note left open by a crash comes back with a banner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Goal, GoalStatus, Meeting, Mentee, Owner
from mentordesk.services import Workspace
from mentordesk.ui.call_mode import CallWindow
from mentordesk.ui.dialogs.call_review import CallReviewDialog
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.widgets.note_editor import RECOVERED_TEXT, SAVED_TEXT

CTRL = Qt.KeyboardModifier.ControlModifier


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def priya(practice: dict[str, Mentee]) -> Mentee:
    return practice["Priya Natarajan"]


@pytest.fixture
def meeting(workspace: Workspace, priya: Mentee) -> Meeting:
    return next(m for m in workspace.meetings.for_mentee(priya.id or 0) if m.title != "Check-in")


OpenCall = Callable[..., CallWindow]


@pytest.fixture
def open_call(qtbot: QtBot, workspace: Workspace) -> OpenCall:
    def make(*args: object, **kwargs: object) -> CallWindow:
        window = CallWindow(workspace, *args, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        return window

    return make


def saved(window: CallWindow) -> Callable[[], bool]:
    return lambda: not window.autosaver.pending


def test_a_call_for_a_meeting_from_typing_to_the_review(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, meeting: Meeting, open_call: OpenCall
) -> None:
    # The call's timer runs from the moment call mode opens.
    opened = meeting.start + timedelta(minutes=2)
    clock = Clock(opened)
    window = open_call(priya.id, meeting.id, meeting.start, clock=clock)
    assert window.windowTitle() == "Call with Priya Natarajan — MentorDesk"
    assert "Kolkata" in window.local_label.text()
    assert "Send the system design reading list" in window.agenda.toPlainText()
    editor = window.editor.edit

    qtbot.keyClicks(editor, "Wants to lead the migration.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    clock.now = opened + timedelta(minutes=12, seconds=34)
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL)
    qtbot.keyClicks(editor, "- [ ] Send CV @them")
    assert window.editor.text() == "Wants to lead the migration.\n[12:34] - [ ] Send CV @them"
    qtbot.waitUntil(saved(window), timeout=2000)
    assert window.editor.status_label.text() == SAVED_TEXT

    # Not a list line with the stamp in front of it: start the line with the checkbox.
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "- [ ] Review the design doc @me due:2027-01-15")
    qtbot.waitUntil(saved(window), timeout=2000)
    note = workspace.note(window.note_id or 0)
    assert note.meeting_id == meeting.id and not note.shareable
    assert note.body == window.editor.text()
    actions = {a.text: a for a in workspace.mentee_dashboard(priya.id or 0).actions}
    assert actions["Review the design doc"].owner is Owner.MENTOR
    assert str(actions["Review the design doc"].due_date) == "2027-01-15"
    assert actions["Review the design doc"].note_id == window.note_id

    ended: list[int] = []
    window.ended.connect(ended.append)
    clock.now = meeting.start + timedelta(minutes=40)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert ended == [window.note_id]
    assert workspace.mentee(priya.id or 0).last_contact == meeting.start
    assert editor.isReadOnly()
    review = window.review
    assert isinstance(review, CallReviewDialog) and review.isVisible()
    assert [i.text for i in review.items] == ["Review the design doc"]
    assert review.intro_button is None  # not an introductory session: no copy offered

    review.boxes[0].setChecked(True)
    (item,) = workspace.linked_items(window.note_id or 0)
    assert item.shareable
    with qtbot.waitSignal(window.finished, timeout=2000):
        review.done_button.click()
    assert not window.isVisible()
    assert workspace.unclosed_notes() == []


def test_a_call_notes_title_says_its_date_once(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, meeting: Meeting, open_call: OpenCall
) -> None:
    # Every list of notes writes "title — date" (Notes has a Date column): a title with its
    # own date read "Career check-in — 6 Dec 2026 — 6 Dec" on the dashboard.
    clock = Clock(meeting.start + timedelta(minutes=1))
    for args in ((priya.id, meeting.id, meeting.start), (priya.id,)):
        window = open_call(*args, clock=clock)
        qtbot.keyClicks(window.editor.edit, "Talked about the migration.")
        qtbot.waitUntil(saved(window), timeout=2000)
        title = workspace.note(window.note_id or 0).title
        assert title == (meeting.title if len(args) == 3 else "Call with Priya Natarajan")
        window.close()


def test_the_review_writes_due_dates_against_the_calls_own_day(
    qtbot: QtBot, priya: Mentee, open_call: OpenCall
) -> None:
    # New Year's morning for the mentor, whatever the machine's calendar says: a due date this
    # January reads without its year, as everywhere else in the window.
    clock = Clock(datetime(2027, 1, 1, 10, 0, tzinfo=UTC))
    window = open_call(priya.id, clock=clock)
    qtbot.keyClicks(window.editor.edit, "- [ ] Book the venue @me due:2027-01-15")
    qtbot.keyClick(window.editor.edit, Qt.Key.Key_Return, CTRL)
    review = window.review
    assert isinstance(review, CallReviewDialog)
    labels = {label.text() for label in review.findChildren(QLabel)}
    assert "15 Jan" in labels and "15 Jan 2027" not in labels


def test_the_action_line_shows_on_the_mentees_dashboard(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, open_call: OpenCall
) -> None:
    window = open_call(priya.id)
    qtbot.keyClicks(window.editor.edit, "- [ ] Send CV @them")
    qtbot.waitUntil(saved(window), timeout=2000)
    dashboard = workspace.mentee_dashboard(priya.id or 0)
    (action,) = [a for a in dashboard.actions if a.note_id == window.note_id]
    assert (action.text, action.owner, action.is_open) == ("Send CV", Owner.MENTEE, True)


def test_the_agenda_lists_last_calls_next_steps_and_goals_in_progress(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, open_call: OpenCall
) -> None:
    workspace.add_goal(
        Goal(priya.id or 0, "Lead the payments migration", status=GoalStatus.IN_PROGRESS)
    )
    workspace.add_goal(Goal(priya.id or 0, "Finished goal", status=GoalStatus.DONE))
    last = workspace.start_note(priya.id or 0, body="- [ ] Book the mock interview @them")
    workspace.close_note(last.id or 0)

    window = open_call(priya.id)
    agenda = window.agenda.toPlainText()
    steps, rest = agenda.split("Open action items")
    assert "Last call's next steps" in steps and "Book the mock interview (them)" in steps
    assert "Send the system design reading list" in rest
    assert "Lead the payments migration 0%" in rest and "Finished goal" not in agenda
    qtbot.keyClick(window.editor.edit, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not window.agenda.isVisible()


def test_an_item_gone_before_the_review_is_said_and_not_ticked(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, open_call: OpenCall
) -> None:
    window = open_call(priya.id)
    qtbot.keyClicks(window.editor.edit, "Shipped the retry queue #win")
    assert window.end_call()
    review = window.review
    assert isinstance(review, CallReviewDialog)
    assert [(i.kind, i.text) for i in review.items] == [("win", "Shipped the retry queue")]
    workspace.delete_note(window.note_id or 0)  # takes its items with it
    review.boxes[0].setChecked(True)
    assert not review.boxes[0].isChecked()
    assert review.error.text() == "This item is gone."


def test_closing_without_ending_saves_at_once_and_closes_cleanly(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, meeting: Meeting, open_call: OpenCall
) -> None:
    window = open_call(priya.id, meeting.id, meeting.start)
    window.editor.edit.insertPlainText("said just before closing")
    assert window.autosaver.pending  # well before any timer
    with qtbot.waitSignal(window.finished, timeout=1000) as finished:
        assert window.close()
    note_id = finished.args[0]
    assert workspace.note(note_id).body == "said just before closing"
    assert workspace.unclosed_notes() == []
    # Not ended: the meeting is not marked held.
    assert workspace.mentee(priya.id or 0).last_contact != meeting.start


def test_a_window_closed_without_a_word_leaves_no_note(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, open_call: OpenCall
) -> None:
    before = workspace.note_ids(mentee_id=priya.id)
    window = open_call(priya.id)
    with qtbot.waitSignal(window.finished, timeout=1000) as finished:
        window.close()
    assert finished.args == [0]
    assert workspace.note_ids(mentee_id=priya.id) == before


def test_text_that_cannot_be_saved_keeps_the_window_until_the_mentor_decides(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, open_call: OpenCall
) -> None:
    window = open_call(priya.id)
    qtbot.keyClicks(window.editor.edit, "first")
    qtbot.waitUntil(saved(window), timeout=2000)
    workspace.delete_note(window.note_id or 0)  # e.g. deleted from the Notes page meanwhile
    qtbot.keyClicks(window.editor.edit, " and second")

    assert not window.close()
    assert window.isVisible()
    assert window.editor.status_label.text().startswith("Not saved:")
    box = window.unsaved_box
    assert box is not None and box.isVisible()
    assert window.discard_button is not None
    window.discard_button.click()
    assert not window.isVisible()
    assert QGuiApplication.clipboard().text() == "first and second"


def test_the_clock_line_and_the_timer_follow_the_clock(
    qtbot: QtBot, priya: Mentee, now: datetime, open_call: OpenCall
) -> None:
    clock = Clock(now)
    window = open_call(priya.id, clock=clock)
    assert window.timer_label.text() == "00:00"
    clock.now = now + timedelta(hours=1, minutes=2, seconds=3)
    qtbot.waitUntil(lambda: window.timer_label.text() == "1:02:03", timeout=2000)
    local = clock.now.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Kolkata"))
    assert f"{local:%H:%M} Kolkata" in window.local_label.text()


def test_stay_on_top_is_a_window_flag(qtbot: QtBot, priya: Mentee, open_call: OpenCall) -> None:
    window = open_call(priya.id)
    assert (window.width(), window.height()) == (480, 640)
    window.stay_on_top_action.trigger()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.isVisible()
    window.stay_on_top_action.trigger()
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


# -- through the main window ----------------------------------------------------------------


@pytest.fixture
def main_window(qtbot: QtBot, workspace: Workspace, settings_path: Path) -> MainWindow:
    window = MainWindow(
        workspace, settings=QSettings(str(settings_path), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    return window


def test_a_note_left_open_by_a_crash_reopens_with_a_banner(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, meeting: Meeting, main_window: MainWindow
) -> None:
    note = workspace.start_note(priya.id or 0, meeting_id=meeting.id, title="Career check-in")
    workspace.write_note_body(note.id or 0, "typed before the power cut", in_call=True)
    with qtbot.waitSignal(main_window.ready, timeout=5000):
        main_window.show()
    qtbot.waitUntil(lambda: bool(main_window.call_windows), timeout=2000)
    (call,) = main_window.call_windows
    assert call.note_id == note.id
    assert call.editor.text() == "typed before the power cut"
    assert call.editor.banner.isVisible()
    assert call.editor.banner_label.text() == RECOVERED_TEXT
    # Reopening the same note raises its window instead of a second one.
    assert main_window.open_call(priya.id or 0, note_id=note.id) is call

    with qtbot.waitSignal(call.finished, timeout=1000):
        call.close()
    assert main_window.call_windows == []
    assert workspace.unclosed_notes() == []


def test_new_call_asks_which_mentee_when_none_is_selected(
    qtbot: QtBot, workspace: Workspace, priya: Mentee, main_window: MainWindow
) -> None:
    with qtbot.waitSignal(main_window.ready, timeout=5000):
        main_window.show()
    main_window.activateWindow()
    qtbot.keyClick(main_window, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    chooser = QApplication.activeModalWidget()
    assert isinstance(chooser, QInputDialog)
    assert "Priya Natarajan" in chooser.comboBoxItems()
    assert chooser.labelText() == "Call with:"  # the prompt, not a mentee's name
    chooser.setTextValue("Priya Natarajan")
    chooser.accept()
    (call,) = main_window.call_windows
    assert call.mentee.id == priya.id

    # With a mentee selected on the Mentees page, the call starts at once.
    page = main_window.show_page("MenteesPage")
    lena = workspace.find_mentee("Lena Fischer")
    page.select_mentee(lena.id)  # type: ignore[attr-defined]
    main_window.new_call_action.trigger()
    assert [c.mentee.name for c in main_window.call_windows] == ["Priya Natarajan", "Lena Fischer"]
    # Closing the main window closes (and saves) its calls.
    main_window.close()
    assert main_window.call_windows == []


def test_the_review_shows_five_items_whole_without_scrolling(
    qtbot: QtBot, workspace: Workspace, priya: Mentee
) -> None:
    from PySide6.QtWidgets import QScrollArea

    note = workspace.start_note(priya.id or 0)
    body = "\n".join(
        [
            "- [ ] Write up the migration plan for the ledger service and share it @them",
            "- [ ] Book a walkthrough with the payments tech lead before Friday @me",
            "Led the incident review calmly and kept the timeline straight #win",
            "Summaries could be shorter and open with the decision #feedback",
            "The agenda beforehand made the call feel much less rushed #fb-me",
        ]
    )
    workspace.write_note_body(note.id or 0, body, datetime.now(UTC))
    items = workspace.linked_items(note.id or 0)
    review = CallReviewDialog(workspace, items, priya.name)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    scroll = review.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.verticalScrollBar().maximum() == 0  # every item in view, nothing to scroll
    texts = [lbl for lbl in review.findChildren(QLabel) if lbl.text() == items[0].text]
    assert texts[0].width() >= review.fontMetrics().averageCharWidth() * 44
