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
