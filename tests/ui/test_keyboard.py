"""Everything reachable by keyboard: Tab leaves the tables, every page button has an entry in
the Actions menu with its shortcut, the View menu has Alt-letters, Help lists the keys."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from tests.ui.conftest import shown_window

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from mentordesk.ui.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot, workspace: Workspace, settings_path: Path, practice: dict[str, Mentee]
) -> MainWindow:
    return shown_window(qtbot, workspace, settings_path)


def _actions(window: MainWindow) -> dict[str, bool]:
    menu = window.actions_menu
    menu.aboutToShow.emit()
    return {a.text(): a.isEnabled() for a in menu.actions()}


@pytest.mark.parametrize("page_name", ["MenteesPage", "MeetingsPage", "NotesPage"])
def test_tab_leaves_a_table_for_the_buttons_beside_it(
    qtbot: QtBot, window: MainWindow, page_name: str
) -> None:
    page = window.show_page(page_name)
    view = page.pane.view  # type: ignore[attr-defined]
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.waitUntil(view.hasFocus, timeout=1000)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()
    assert window.isAncestorOf(QApplication.focusWidget())


def test_the_planner_grid_lets_tab_go(qtbot: QtBot, window: MainWindow) -> None:
    page = window.show_page("PlannerPage")
    grid = page.grid_view  # type: ignore[attr-defined]
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(0, 0))
    qtbot.waitUntil(grid.hasFocus, timeout=1000)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert not grid.hasFocus()


def test_the_actions_menu_offers_the_selected_mentees_buttons(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    page = window.show_page("MenteesPage")
    lena = workspace.find_mentee("Lena Fischer")
    page.select_mentee(lena.id)  # type: ignore[attr-defined]
    offered = _actions(window)
    for label in ("Edit…", "Delete…", "Start Call", "New Note…"):
        assert offered.get(label), (label, offered)
    start = next(a for a in window.actions_menu.actions() if a.text() == "Start Call")
    start.trigger()
    assert [c.mentee.name for c in window.call_windows] == ["Lena Fischer"]
    window.close()


def test_the_actions_menu_shows_the_planners_shortcuts(window: MainWindow) -> None:
    window.show_page("PlannerPage")
    offered = _actions(window)
    for label in ("New Meeting…\tCtrl+Shift+M", "Earlier\tAlt+Left", "Later\tAlt+Right"):
        assert label in offered, (label, offered)
    assert any(text.startswith("Mark Held\tCtrl+H") for text in offered)
    assert any(text.startswith("Reschedule…\tCtrl+R") for text in offered)


def test_view_entries_have_their_own_alt_letters(window: MainWindow) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    letters = [a.text().split("&")[1][0].lower() for a in view.actions() if a.text()]
    assert len(letters) == len(set(letters)) == len(window.page_classes) + 2  # Columns, Refresh


def test_help_lists_the_shortcuts_and_shows_the_data_folder(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("PlannerPage")
    keys = window.show_shortcuts()
    text = keys.text()
    for row in ("New Mentee…", "Ctrl+N", "Reschedule…", "Ctrl+R", "Stamp the call time"):
        assert row in text
    # Each key once, at most two per entry: Redo's standard bindings repeat Ctrl+Shift+Z.
    assert text.count("Ctrl+Shift+Z") == 1 and "Backspace, Undo" not in text
    keys.close()
    box = window.show_data_folder()
    assert str(window.workspace.path) in box.text()
    copy = next(b for b in box.buttons() if b.text() == "&Copy Path")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == str(window.workspace.path)
    assert not isinstance(QApplication.activeModalWidget(), QMessageBox)


def test_the_dashboards_buttons_do_not_take_the_menus_alt_letters(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.show_page("MenteesPage")
    menus = {
        a.text().split("&")[1][0].lower() for a in window.menuBar().actions() if "&" in a.text()
    }
    detail = page.detail  # type: ignore[attr-defined]
    buttons = [b.text() for b in detail.findChildren(QPushButton) if "&" in b.text()]
    assert buttons  # the dashboard has keyboard letters of its own
    for text in buttons:
        assert text.split("&")[1][0].lower() not in menus, text
