"""The dashboard is live and has a Timeline: every section's links open the right editor or
detail in the window (a note's window, the Meetings page on that meeting, the roadmap on that
goal, a record's form, the planner, Log Contact…), and the Timeline tab lists the mentee's
history newest first, filtered by kind, a page at a time, with a move's reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from mentordesk.domain.history import HistoryFilter
from mentordesk.domain.models import Note, Settings
from mentordesk.services import Workspace
from mentordesk.services.history import PAGE_SIZE
from mentordesk.ui.dialogs.contact import ContactDialog
from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.pages.mentees import MenteesPage
from tests.services.test_history import NOW, _at, _story
from tests.ui.conftest import shown_window


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "timeline.db") as workspace:
        workspace.save_settings(Settings(mentor_name="Sam", time_zone="Europe/London"))
        yield workspace


@pytest.fixture
def story(ws: Workspace) -> tuple[int, int]:
    return _story(ws)


@pytest.fixture
def page(qtbot: QtBot, ws: Workspace, story: tuple[int, int]) -> MenteesPage:
    mentees = MenteesPage(ws, clock=lambda: NOW)
    qtbot.addWidget(mentees)
    ws.changes.subscribe(mentees.on_changes)  # the window's hub does this
    mentees.resize(1280, 720)
    mentees.show()
    mentees.select_mentee(story[0])
    return mentees


def _timeline(page: MenteesPage) -> str:
    page.detail.tabs.setCurrentWidget(page.detail.timeline)
    return page.detail.timeline.browser.toPlainText()


def test_the_timeline_lists_everything_newest_first_with_the_move_s_reason(
    page: MenteesPage,
) -> None:
    assert not page.detail.timeline.loaded  # not read until the tab is seen
    shown = _timeline(page)
    order = [
        "Goal revisited — Pass senior interviews — on track",
        "Milestone completed — Read DDIA",
        "Win — Led the incident review",
        "Cancelled — Weekly 1:1 · reason: ill",
        "Moved — Weekly 1:1 → Thu 12 Nov 15:00 · reason: Priya is at a conference",
        "Resource shared — DDIA",
        "Feedback from Priya — More notes",
        "Contact · Email — Sent the reading list",
        "Feedback to Priya — Clear write-up",
        "Call note — Call notes",
        "Held — Weekly 1:1",
    ]
    positions = [shown.find(line) for line in order]
    assert -1 not in positions, shown
    assert positions == sorted(positions)
    assert "Thu 26 Nov" in shown and "Tue 3 Nov" in shown  # a heading per day
    assert "That is everything." in shown
    assert "Daniel" not in shown and "15 Dec" not in shown  # another mentee; not yet happened


def test_the_timeline_filters_by_kind_and_remembers_it(
    qtbot: QtBot, page: MenteesPage, ws: Workspace
) -> None:
    _timeline(page)
    page.detail.timeline.set_filter(HistoryFilter.MEETINGS)
    shown = page.detail.timeline.browser.toPlainText()
    assert "Held — Weekly 1:1" in shown and "Cancelled" in shown and "Moved" in shown
    assert "Call note" not in shown and "Win" not in shown and "Feedback" not in shown
    page.detail.timeline.set_filter(HistoryFilter.GOALS)
    shown = page.detail.timeline.browser.toPlainText()
    assert "Milestone completed" in shown and "Goal revisited" in shown
    assert "Held" not in shown
    assert page.saved_choices()["timeline"] == "goals"
    again = MenteesPage(ws, clock=lambda: NOW)
    qtbot.addWidget(again)
    again.restore_choices(lambda key: page.saved_choices().get(key))
    assert again.detail.timeline.shown_filter() is HistoryFilter.GOALS
    assert again.detail.tabs.currentWidget() is again.detail.timeline


def test_the_timeline_loads_a_page_at_a_time(
    page: MenteesPage, ws: Workspace, story: tuple[int, int]
) -> None:
    pid = story[0]
    for n in range(PAGE_SIZE + 5):
        ws.save_note(Note(pid, f"body {n}", f"Old note {n:02d}", created_at=_at(1, 0)))
    shown = _timeline(page)
    timeline = page.detail.timeline
    assert len(timeline.entries) == PAGE_SIZE
    # Notes of the same moment come newest (highest id) first; the oldest wait for a click.
    assert "Show more…" in shown and "Old note 44" in shown and "Old note 00" not in shown
    timeline.browser.anchorClicked.emit(QUrl("timeline:more"))
    assert len(timeline.entries) == 12 + PAGE_SIZE + 5
    shown = timeline.browser.toPlainText()
    assert "Old note 00" in shown and "That is everything." in shown
    # A change reloads as many entries as were shown, not just the first page.
    ws.save_note(Note(pid, "new", "Fresh note", created_at=_at(30, 9)))
    assert len(timeline.entries) == 12 + PAGE_SIZE + 6
    assert "Fresh note" in timeline.browser.toPlainText()


@pytest.fixture
def main(
    qtbot: QtBot, ws: Workspace, story: tuple[int, int], tmp_path: Path
) -> Iterator[MainWindow]:
    window = shown_window(qtbot, ws, tmp_path / "window.ini")
    window.open_mentee(story[0])
    yield window
    for note_window in [*window.note_windows]:
        note_window.close()


def _follow(main: MainWindow, link: str, timeline: bool = False) -> None:
    detail = main.current_page().detail  # type: ignore[attr-defined]
    browser = detail.timeline.browser if timeline else detail.browser
    browser.anchorClicked.emit(QUrl(link))


def _note_id(ws: Workspace, pid: int, title: str) -> int:
    return next(n.id for n in ws.notes.summaries(ws.notes.ids(mentee_id=pid)) if n.title == title)


def test_a_note_opens_in_its_window_from_the_dashboard_and_the_timeline(
    main: MainWindow, ws: Workspace, story: tuple[int, int]
) -> None:
    pid = story[0]
    note_id = _note_id(ws, pid, "Call notes")
    assert f"note:{note_id}" in main.current_page().detail.html()  # type: ignore[attr-defined]
    _follow(main, f"note:{note_id}")
    assert [w.note_id for w in main.note_windows] == [note_id]
    main.note_windows[0].close()
    _follow(main, "timeline:x")  # an unknown timeline link does nothing
    _follow(main, f"note:{note_id}", timeline=True)
    assert main.note_windows[-1].note_id == note_id
    _follow(main, "note:0")  # the section's "New note…"
    assert main.note_windows[-1].note_id is None
    assert main.note_windows[-1].mentee.id == pid


def test_a_meeting_opens_its_detail_on_the_meetings_page(
    main: MainWindow, story: tuple[int, int]
) -> None:
    _follow(main, f"meeting:{story[1]}", timeline=True)
    meetings = main.current_page()
    assert meetings.title == "Meetings"
    assert meetings.pane.current_key() == story[1]  # type: ignore[attr-defined]
    assert meetings.detail.stack.currentIndex() == 1  # type: ignore[attr-defined]


def test_a_goal_opens_the_roadmap_and_plan_opens_the_planner(
    main: MainWindow, ws: Workspace, story: tuple[int, int]
) -> None:
    pid = story[0]
    goal_id = ws.roadmap.progress(pid)[0].goal.id
    html = main.current_page().detail.html()  # type: ignore[attr-defined]
    assert f"goal:{goal_id}" in html and "meeting:0" in html
    _follow(main, f"goal:{goal_id}")
    roadmap = main.current_page()
    assert roadmap.title == "Roadmap"
    assert roadmap.mentee_box.currentData() == pid  # type: ignore[attr-defined]
    main.open_mentee(pid)
    _follow(main, "meeting:0")
    planner = main.current_page()
    assert planner.title == "Planner"
    assert planner.people_model.checked_ids() == [pid]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("link", "title"),
    [
        ("record:feedback/0", "New feedback"),
        ("record:win/0", "New win"),
        ("record:resource/0", "New resource"),
        ("record:action/0", "New action"),
    ],
)
def test_each_record_section_adds_through_its_form(
    qtbot: QtBot, main: MainWindow, link: str, title: str
) -> None:
    html = main.current_page().detail.html()  # type: ignore[attr-defined]
    assert link in html
    _follow(main, link)
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert len(forms) == 1 and forms[0].windowTitle().lower().startswith(title.lower()), [
        f.windowTitle() for f in forms
    ]
    assert "Priya Raman" in forms[0].windowTitle()
    forms[0].reject()


def test_log_contact_and_edit_profile_links(qtbot: QtBot, main: MainWindow) -> None:
    _follow(main, "contact:new")
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ContactDialog)]
    assert [d.isVisible() for d in dialogs] == [True]
    dialogs[0].reject()
    _follow(main, "mentee:edit")
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MenteeDialog)]
    assert [d.isVisible() for d in shown] == [True]
    assert shown[0].name_edit.text() == "Priya Raman"
    shown[0].reject()


def test_upcoming_meetings_and_timeline_entries_link_what_they_are_about(
    qtbot: QtBot, page: MenteesPage, story: tuple[int, int]
) -> None:
    """With the page's clock pinned: the next occurrence of the weekly 1:1 (Tue 8 Dec) links
    its meeting, and so do the timeline's meeting entries; a resource links its address."""
    pid, sid = story
    overview = page.detail.html()
    assert f"meeting:{sid}" in overview and "Weekly 1:1" in page.detail.browser.toPlainText()
    with qtbot.waitSignal(page.open_meeting, timeout=1000) as opened:
        page.detail.browser.anchorClicked.emit(QUrl(f"meeting:{sid}"))
    assert opened.args == [sid]
    _timeline(page)
    shown = page.detail.timeline.html()
    assert shown.count(f"meeting:{sid}") == 3  # held, moved, cancelled
    assert "https://dataintensive.net" in shown
    with qtbot.waitSignal(page.roadmap_requested, timeout=1000) as roadmap:
        page.detail.timeline.browser.anchorClicked.emit(QUrl("goal:1"))
    assert roadmap.args == [pid, 1]


class _Opened(QObject):
    """Stands in for the desktop's browser: QDesktopServices hands https links to it."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_a_resource_opens_its_address_from_the_dashboard_and_the_timeline(
    page: MenteesPage,
) -> None:
    opened = _Opened()
    QDesktopServices.setUrlHandler("https", opened, "open")
    try:
        assert "href='https://dataintensive.net'" in page.detail.html().replace('"', "'")
        page.detail.browser.anchorClicked.emit(QUrl("https://dataintensive.net"))
        _timeline(page)
        page.detail.timeline.browser.anchorClicked.emit(QUrl("https://dataintensive.net"))
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert opened.urls == ["https://dataintensive.net", "https://dataintensive.net"]


def test_alt_t_and_alt_o_switch_the_dashboard_s_tabs(qtbot: QtBot, page: MenteesPage) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    qtbot.keyClick(page.pane.view, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert page.detail.tabs.currentWidget() is page.detail.timeline
    assert page.detail.timeline.loaded and "Held — Weekly 1:1" in _timeline(page)
    qtbot.keyClick(page.pane.view, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert page.detail.tabs.currentWidget() is page.detail.browser
