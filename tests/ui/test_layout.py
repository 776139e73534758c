"""Nothing cramped or clipped at the default window size and at 1280×720."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.ui.main_window import DEFAULT_SIZE
from mentordesk.ui.models import meetings as meeting_columns
from mentordesk.ui.models import mentees as mentee_columns
from tests.ui.conftest import shown_window

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


@pytest.mark.parametrize("size", [DEFAULT_SIZE, (1280, 720)])
def test_the_mentees_table_shows_every_title_and_place_whole(
    qtbot: QtBot,
    workspace: Workspace,
    settings_path: Path,
    practice: dict[str, Mentee],
    size: tuple[int, int],
) -> None:
    workspace.save_mentee(Mentee("Ravi Shrestha", "Asia/Kathmandu", organisation="Himal Labs"))
    workspace.save_mentee(Mentee("Maya Chen", "America/Los_Angeles"))
    window = shown_window(qtbot, workspace, settings_path)
    window.resize(*size)
    page = window.show_page("MenteesPage")
    qtbot.wait(50)
    view = page.pane.view  # type: ignore[attr-defined]
    model = view.model()
    header = view.horizontalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    titles = QFontMetrics(bold)
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= titles.horizontalAdvance(title), title
    cells = view.fontMetrics()
    for row in range(model.rowCount()):
        place = model.index(row, mentee_columns.ZONE).data()
        assert cells.horizontalAdvance(place) + 8 <= header.sectionSize(mentee_columns.ZONE)
    assert view.horizontalScrollBar().maximum() == 0  # no column pushed out of sight


@pytest.mark.parametrize("size", [DEFAULT_SIZE, (1280, 720)])
def test_every_meetings_column_is_in_sight_beside_the_detail(
    qtbot: QtBot,
    workspace: Workspace,
    settings_path: Path,
    practice: dict[str, Mentee],
    size: tuple[int, int],
) -> None:
    window = shown_window(qtbot, workspace, settings_path)
    window.resize(*size)
    page = window.show_page("MeetingsPage")
    qtbot.wait(50)
    view = page.pane.view  # type: ignore[attr-defined]
    assert view.model().rowCount() > 0
    assert view.horizontalScrollBar().maximum() == 0  # nothing pushed out of sight sideways
    title = view.horizontalHeader().sectionSize(meeting_columns.TITLE)
    assert title >= 14 * view.fontMetrics().averageCharWidth()  # titles stay readable


def test_a_hidden_column_is_shown_from_the_view_menu_and_stays_shown(
    qtbot: QtBot, workspace: Workspace, settings_path: Path, practice: dict[str, Mentee]
) -> None:
    window = shown_window(qtbot, workspace, settings_path)
    page = window.show_page("MeetingsPage")
    view = page.pane.view  # type: ignore[attr-defined]
    assert view.isColumnHidden(meeting_columns.DURATION)  # in the detail; hidden to save room
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    view_menu.aboutToShow.emit()  # as when it opens
    ticks = {action.text(): action for action in window.columns_menu.actions()}
    assert not ticks["Duration"].isChecked()
    assert not ticks["Title"].isEnabled()  # the column that takes the spare room stays
    ticks["Duration"].trigger()
    assert not view.isColumnHidden(meeting_columns.DURATION)
    ticks["Mentee"].trigger()
    assert view.isColumnHidden(meeting_columns.MENTEE)
    window.save_state()
    window.close()

    again = shown_window(qtbot, workspace, settings_path)
    view = again.show_page("MeetingsPage").pane.view  # type: ignore[attr-defined]
    assert not view.isColumnHidden(meeting_columns.DURATION)
    assert view.isColumnHidden(meeting_columns.MENTEE)
