"""Today's seven lists with a pinned clock: who has no session booked and recent wins, one
click (or Enter) to plan a meeting with the Planner on that mentee, the lists reached and
folded from the keyboard, and all of them readable at 1280×720 and the default size."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee, Win
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.meeting_dialog import MeetingDialog
from mentordesk.ui.formatting import ago
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.pages.today import TodayPage
from mentordesk.ui.widgets.folding_section import FoldingSection
from tests.ui.conftest import mid_morning_today, shown_window


@pytest.fixture
def now() -> datetime:
    return mid_morning_today()


@pytest.fixture
def page(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee], now: datetime
) -> TodayPage:
    diego = practice["Diego Alvarez"].id or 0
    lena = practice["Lena Fischer"].id or 0
    for title, days_ago, mentee in (
        ("Led the design crit", 1, lena),
        ("First talk given", 13, diego),
        ("Old news", 15, diego),  # out of the last 14 days
    ):
        workspace.add_win(Win(mentee, title, now.date() - timedelta(days=days_ago)))
    today = TodayPage(workspace, clock=lambda: now)
    qtbot.addWidget(today)
    today.resize(1100, 700)
    today.show()
    return today


def cells(section: FoldingSection, column: int = 0) -> list[str]:
    model = section.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def select_first(qtbot: QtBot, section: FoldingSection) -> None:
    section.view.setFocus()
    section.view.setCurrentIndex(section.model().index(0, 0))


def test_no_next_session_and_recent_wins(page: TodayPage, now: datetime) -> None:
    unbooked, wins = page.unbooked, page.wins
    assert cells(unbooked) == ["Diego Alvarez"]
    assert cells(unbooked, 1) == [ago(now - timedelta(days=40), now)]  # the held check-in
    assert unbooked.toggle is not None and unbooked.toggle.text() == "No next session booked (1)"
    assert cells(wins) == ["Led the design crit", "First talk given"]
    assert cells(wins, 1) == ["Lena Fischer", "Diego Alvarez"]
    assert cells(wins, 2)[0] == "Yesterday"
    assert wins.toggle is not None and wins.toggle.text() == "Recent wins (2)"


def test_the_detail_of_an_unbooked_mentee_says_how_to_plan(qtbot: QtBot, page: TodayPage) -> None:
    assert not page.plan_button.isEnabled()
    select_first(qtbot, page.unbooked)
    detail = page.detail_label.text()
    assert "Diego Alvarez" in detail and "No meeting planned" in detail
    assert "Plan Meeting…" in detail and page.plan_button.isEnabled()
    select_first(qtbot, page.wins)
    assert "Led the design crit" in page.detail_label.text()
    assert not page.plan_button.isEnabled()


def test_plan_meeting_and_enter_ask_to_plan_with_that_mentee(
    qtbot: QtBot, page: TodayPage, practice: dict[str, Mentee]
) -> None:
    diego = practice["Diego Alvarez"].id
    select_first(qtbot, page.unbooked)
    with qtbot.waitSignal(page.plan_requested) as asked:
        qtbot.keyClick(page.unbooked.view, Qt.Key.Key_Return)
    assert asked.args == [diego]
    with qtbot.waitSignal(page.plan_requested) as asked:
        page.plan_button.click()
    assert asked.args == [diego]


def today_in_window(qtbot: QtBot, workspace: Workspace, path: Path) -> tuple[MainWindow, TodayPage]:
    window = shown_window(qtbot, workspace, path)
    today = window.current_page()
    assert isinstance(today, TodayPage)
    return window, today


def test_one_click_opens_the_planner_on_them_and_new_meeting_for_them(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee], settings_path: Path
) -> None:
    window, today = today_in_window(qtbot, workspace, settings_path)
    diego = practice["Diego Alvarez"].id
    select_first(qtbot, today.unbooked)
    assert today.plan_button.shortcut().toString() == "Ctrl+Shift+M"
    today.plan_button.click()
    planner = window.current_page()
    assert planner.title == "Planner"
    assert planner.people_model.checked_ids() == [diego]  # type: ignore[attr-defined]
    dialog = planner.dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    assert dialog.form.mentee_combo.currentData() == diego
    dialog.reject()


def test_alt_numbers_reach_each_list_in_screen_order_and_space_folds(
    qtbot: QtBot, page: TodayPage
) -> None:
    page.activateWindow()
    titles = []
    for number in range(1, 8):
        qtbot.keyClick(page, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier)
        focused = QApplication.focusWidget()
        section = next(s for s in page.sections if focused in (s.view, s.toggle))
        titles.append(section.title)
    assert titles == [
        "Next meetings",
        "Check-ins due",
        "No next session booked",
        "Goals to revisit",
        "Open action items",
        "Recent notes",
        "Recent wins",
    ]
    # The list's first row is selected, so its details show at once.
    assert "Led the design crit" in page.detail_label.text()

    # Shift+Tab from a list lands on its title; Space folds it, and Alt+N unfolds it again.
    notes = page.sections[3]
    notes.view.setFocus()
    qtbot.keyClick(notes.view, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is notes.toggle
    qtbot.keyClick(notes.toggle, Qt.Key.Key_Space)
    assert notes.folded and not notes.stack.isVisible()
    assert page.saved_choices() == {"folded": "3"}
    qtbot.keyClick(page, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    assert not notes.folded and QApplication.focusWidget() is notes.view


def test_folds_are_kept_between_runs(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee], settings_path: Path
) -> None:
    window, today = today_in_window(qtbot, workspace, settings_path)
    today.sections[4].set_folded(True)  # Goals to revisit
    window.close()
    again = MainWindow(
        workspace, settings=QSettings(str(settings_path), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(again)
    page = again.current_page()
    assert isinstance(page, TodayPage)
    assert [s.folded for s in page.sections] == [False] * 4 + [True] + [False] * 2


@pytest.mark.parametrize("size", [(1280, 720), (1200, 780)])
def test_every_list_reads_at_laptop_sizes(
    qtbot: QtBot,
    workspace: Workspace,
    practice: dict[str, Mentee],
    settings_path: Path,
    size: tuple[int, int],
) -> None:
    window, today = today_in_window(qtbot, workspace, settings_path)
    window.resize(*size)
    qtbot.wait(50)
    page_box = today.rect()
    for section in today.sections:
        box = QRect(section.mapTo(today, QPoint(0, 0)), section.size())
        assert page_box.contains(box), section.title  # nothing cut off by the window
        view = section.view
        if section.stack.currentWidget() is view:
            rows = min(view.model().rowCount(), 2)
            # Its column headers and at least two rows (or all it has) show.
            assert view.viewport().height() >= rows * view.sizeHintForRow(0), section.title
        else:
            assert section.empty_label.isVisible(), section.title
    detail = today.detail_label.parentWidget().parentWidget()
    assert detail.height() >= today.fontMetrics().lineSpacing() * 5
