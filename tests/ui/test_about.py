"""Help ▸ About names the version, the licence, the data file (its folder a click away) and
what MentorDesk runs on."""

from __future__ import annotations

import platform

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mentordesk import __version__
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.about import show_about


def test_about_names_version_licence_file_and_engine(qtbot: QtBot, workspace: Workspace) -> None:
    box = show_about(workspace)
    qtbot.addWidget(box)
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None
    text = label.text()
    assert __version__ in text
    assert "MIT" in text
    assert str(workspace.path) in text
    assert f"href='file://{workspace.path.parent}'" in text
    assert platform.python_version() in text
    assert "SQLite 3." in text
    assert not label.openExternalLinks()  # the link opens the folder, not the box
