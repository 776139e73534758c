"""A new user's first look: the demo database in the real main window, every page with rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from mentordesk.demo.files import write_demo_file
from mentordesk.services import Workspace
from mentordesk.ui.main_window import PAGES, MainWindow
from mentordesk.ui.pages.registry import page_name


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "demo.db"
    write_demo_file(path)
    with Workspace.open(path) as workspace:
        yield workspace


def test_every_page_shows_the_demo_practice(qtbot: QtBot, demo: Workspace, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(demo, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()

    today = window.current_page()
    assert page_name(PAGES[0]) == type(today).__name__ == "TodayPage"
    rows = {s.title: s.view.model().rowCount() for s in today.sections}  # type: ignore[attr-defined]
    assert all(count > 0 for count in rows.values()), rows

    for spec in PAGES[1:]:
        page = window.show_page(spec)
        assert page.model.rowCount() > 0, page_name(spec)  # type: ignore[attr-defined]

    mentees = window.show_page("MenteesPage")
    priya = demo.find_mentee("Priya Raman")
    mentees.select_mentee(priya.id or 0)  # type: ignore[attr-defined]
    detail = mentees.detail  # type: ignore[attr-defined]
    assert detail.name_label.text() == "Priya Raman"
    dashboard = detail.browser.toPlainText()
    goal = demo.goal_progress(priya.id or 0)[0].goal.title
    assert goal in dashboard and "Asia/Kolkata" in dashboard
