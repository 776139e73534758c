"""First run on an empty database: the welcome leads to the demo or to one's own file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mentordesk.app import _welcome
from mentordesk.appdata.paths import demo_db_path
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.welcome import WelcomeDialog


def _click_when_shown(button: str) -> None:
    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WelcomeDialog):
            QTimer.singleShot(10, click)
            return
        getattr(dialog, button).click()

    QTimer.singleShot(0, click)


def test_exploring_the_demo_opens_the_demo_file_and_leaves_ours_empty(
    qtbot: QtBot, tmp_path: Path
) -> None:
    own = Workspace.open(tmp_path / "mine.db")
    assert own.is_empty()
    _click_when_shown("demo_button")
    chosen, ask_preferences, _encrypt = _welcome(own)
    try:
        assert chosen.path == demo_db_path() and not ask_preferences
        assert chosen.counts()["mentees"] >= 6
    finally:
        chosen.close()
    with Workspace.open(tmp_path / "mine.db") as again:  # ours was closed, and is still empty
        assert again.is_empty()


def test_starting_ones_own_keeps_the_file_and_asks_for_preferences(
    qtbot: QtBot, tmp_path: Path
) -> None:
    own = Workspace.open(tmp_path / "mine.db")
    _click_when_shown("own_button")
    chosen, ask_preferences, _encrypt = _welcome(own)
    try:
        assert chosen is own and ask_preferences
    finally:
        own.close()
