"""The Today page on a small practice: what the mentor sees first every day."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee, Win
from mentordesk.services import Workspace
from mentordesk.ui.formatting import describe_rrule, due_phrase, their_time
from mentordesk.ui.models.list_base import MENTEE_ID_ROLE
from mentordesk.ui.pages.today import TodayPage
from mentordesk.ui.widgets.section import Section
from tests.ui.conftest import mid_morning_today


@pytest.fixture
def now() -> datetime:
    return mid_morning_today()


@pytest.fixture
def page(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee], now: datetime
) -> TodayPage:
    today = TodayPage(workspace, clock=lambda: now)
    qtbot.addWidget(today)
    today.resize(1100, 700)
    today.show()
    return today


def texts(section: Section) -> list[list[str]]:
    model = section.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def row_with(section: Section, text: str) -> QModelIndex:
    model = section.model()
    for r in range(model.rowCount()):
        if any(text in model.index(r, c).data() for c in range(model.columnCount())):
            return model.index(r, 0)
    raise AssertionError(f"no row with {text!r} in {section.title}")


def test_every_section_lists_the_practice(page: TodayPage) -> None:
    meetings, check_ins, actions, notes, _goals, unbooked, _wins = page.sections
    today_row = texts(meetings)[0]
    assert today_row[0].startswith("Today ")
    assert today_row[1].startswith(tuple(f"{h:02d}:" for h in range(24)))
    assert "Kolkata" in today_row[1]
    assert today_row[2:4] == ["Priya Natarajan", "Career check-in"]
    auckland = texts(meetings)[row_with(meetings, "Aroha").row()]
    assert "(+1 day)" in auckland[1] and auckland[4] == "every 2 weeks"

    assert [row[0] for row in texts(check_ins)] == [
        "Diego Alvarez",
        "Lena Fischer",
        "Priya Natarajan",
    ]
    assert "overdue" in texts(check_ins)[0][1] and texts(check_ins)[2][1] == "due in 2 days"
    assert row_with(check_ins, "Diego").data(Qt.ItemDataRole.FontRole).bold()
    assert row_with(check_ins, "Priya").data(Qt.ItemDataRole.FontRole) is None

    overdue = row_with(actions, "reading list")
    assert "overdue" in texts(actions)[overdue.row()][3]
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    assert texts(actions)[row_with(actions, "case study").row()][2] == "Lena"

    assert {row[0] for row in texts(notes)} == {"Goals for the half", "Portfolio"}
    assert [s.heading.text() for s in page.sections] == [
        "Next meetings (4)",
        "Check-ins due (3)",
        "Open action items (2)",
        "Recent notes (2)",
        "Goals to revisit (1)",
        "No next session booked (1)",  # Diego: only a check-in 40 days ago
        "Recent wins",
    ]
    assert [row[0] for row in texts(unbooked)] == ["Diego Alvarez"]
    [goal] = texts(_goals)
    assert goal == ["Publish the case study", "Lena Fischer", "revisit overdue", "0%"]


def test_an_empty_database_says_so_in_each_section(qtbot: QtBot, workspace: Workspace) -> None:
    page = TodayPage(workspace)
    qtbot.addWidget(page)
    page.show()
    for section in page.sections:
        assert section.stack.currentWidget() is section.empty_label
        assert section.empty_label.isVisible()
    assert page.sections[0].empty_label.text() == "No meetings in the next two weeks."


def test_the_day_is_read_in_the_zone_the_workspace_gives_for_the_mentor(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one rule for the mentor's zone (Workspace.mentor_zone) decides, not the settings."""
    tokyo = ZoneInfo("Asia/Tokyo")
    monkeypatch.setattr(workspace, "mentor_zone", lambda: tokyo)
    now = datetime(2027, 1, 4, 20, 30, tzinfo=UTC)  # Monday in London, Tuesday in Tokyo
    page = TodayPage(workspace, clock=lambda: now)
    qtbot.addWidget(page)
    assert page.date_label.text() == "Tuesday 5 January 2027"
    assert page.clock_label.text().endswith("05:30 your time · Asia/Tokyo")


def test_the_filter_narrows_all_four_lists(qtbot: QtBot, page: TodayPage) -> None:
    page.focus_search()
    qtbot.keyClicks(page.search_edit, "lena")
    meetings, check_ins, actions, notes, _goals, *_ = page.sections
    assert {row[2] for row in texts(meetings)} == {"Lena Fischer"}
    assert [row[0] for row in texts(check_ins)] == ["Lena Fischer"]
    assert [row[0] for row in texts(actions)] == ["Draft the case study outline"]
    assert notes.stack.currentWidget() is notes.empty_label
    assert notes.empty_label.text() == "Nothing here matches “lena”."

    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert page.search_edit.text() == ""
    assert notes.model().rowCount() == 2


def test_the_detail_panel_shows_the_selected_meeting_in_both_zones(page: TodayPage) -> None:
    assert "Select a row of any list" in page.detail_label.text()
    meetings = page.sections[0]
    meetings.view.setCurrentIndex(row_with(meetings, "Career check-in"))
    detail = page.detail_label.text()
    assert "Career check-in" in detail
    assert "(Europe/London)" in detail and "(Asia/Kolkata)" in detail

    notes = page.sections[3]
    notes.view.setCurrentIndex(row_with(notes, "Goals for the half"))
    assert "Wants to lead the payments migration." in page.detail_label.text()
    assert not meetings.view.selectionModel().hasSelection()


def test_refresh_keeps_the_selected_row(page: TodayPage, workspace: Workspace) -> None:
    check_ins = page.sections[1]
    check_ins.view.setCurrentIndex(row_with(check_ins, "Lena"))
    page.refresh()
    selected = check_ins.view.selectionModel().selectedRows()
    assert [i.data() for i in selected] == ["Lena Fischer"]
    assert "Lena Fischer" in page.detail_label.text()


def test_double_click_opens_the_mentee(
    qtbot: QtBot, page: TodayPage, practice: dict[str, Mentee]
) -> None:
    check_ins = page.sections[1]
    index = row_with(check_ins, "Diego")
    view = check_ins.view
    rect = view.visualRect(index)
    with qtbot.waitSignal(page.open_mentee) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [practice["Diego Alvarez"].id]
    assert index.data(MENTEE_ID_ROLE) == practice["Diego Alvarez"].id


def test_return_on_a_row_opens_the_mentee(
    qtbot: QtBot, page: TodayPage, practice: dict[str, Mentee]
) -> None:
    actions = page.sections[2]
    actions.view.setFocus()
    actions.view.setCurrentIndex(row_with(actions, "case study"))
    with qtbot.waitSignal(page.open_mentee) as opened:
        qtbot.keyClick(actions.view, Qt.Key.Key_Return)
    assert opened.args == [practice["Lena Fischer"].id]


def test_every_today_model_passes_the_model_tester(
    qtmodeltester, page: TodayPage, workspace: Workspace, practice: dict[str, Mentee], now: datetime
) -> None:
    workspace.add_win(Win(practice["Lena Fischer"].id or 0, "Shipped the redesign", now.date()))
    page.refresh()
    for model in (*page.models, *page.proxies):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_texts_for_time_zones_and_cadence() -> None:
    from zoneinfo import ZoneInfo

    late = datetime(2026, 3, 10, 22, 0, tzinfo=ZoneInfo("Europe/London"))
    assert their_time(late, "Asia/Kolkata", late.date()) == "03:30 Kolkata (+1 day)"
    assert their_time(late, "America/Los_Angeles", late.date()) == "15:00 Los Angeles"
    early = late.replace(hour=1)
    assert their_time(early, "America/New_York", early.date()) == "21:00 New York (−1 day)"
    assert describe_rrule("FREQ=WEEKLY;INTERVAL=2") == "every 2 weeks"
    assert describe_rrule("FREQ=MONTHLY") == "monthly"
    assert describe_rrule(None) == ""
    assert [due_phrase(n) for n in (3, 1, 0, -2)] == [
        "3 days overdue",
        "1 day overdue",
        "due today",
        "due in 2 days",
    ]


def test_muted_text_follows_a_switch_to_a_dark_palette(page: TodayPage) -> None:
    dark = QPalette(page.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    dark.setColor(QPalette.ColorRole.WindowText, QColor(230, 230, 230))
    dark.setColor(QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150))
    page.setPalette(dark)
    label = page.clock_label
    assert label.palette().color(label.foregroundRole()) == QColor(150, 150, 150)


def test_a_selected_meetings_details_show_whole(qtbot: QtBot, page: TodayPage) -> None:
    meetings = page.sections[0]
    meetings.view.setCurrentIndex(row_with(meetings, "Career check-in"))
    qtbot.waitUntil(lambda: "Career check-in" in page.detail_label.text(), timeout=1000)
    area = page.detail_label.parentWidget().parentWidget()  # the scroll area around it
    assert isinstance(area, QScrollArea)
    qtbot.wait(10)
    assert area.verticalScrollBar().maximum() == 0  # nothing of it is cut off
