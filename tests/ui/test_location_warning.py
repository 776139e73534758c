"""The warning about a database in a synced folder, as the mentor meets it at start-up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.location_warning import LocationWarningDialog
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.startup_check import WindowSession

# The mount table of a laptop with one local disk: only the folder's name says "Dropbox".
LOCAL = "/dev/nvme0n1p2 / ext4 rw,relatime 0 0\n"
NAMES = ["Diego", "Lena", "Priya"]


@pytest.fixture
def synced_db(tmp_path: Path) -> Path:
    path = tmp_path / "Dropbox" / "mentoring" / "mentordesk.db"
    path.parent.mkdir(parents=True)
    with Workspace.open(path) as ws:
        for name in NAMES:
            ws.save_mentee(Mentee(name, "Europe/Lisbon"))
    return path


def _start(qtbot: QtBot, path: Path, tmp_path: Path) -> WindowSession:
    """What ``app.run_gui`` does: the window, its first paint, then the after-paint work."""
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Workspace.open(path), settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    session = WindowSession(window, mounts=LOCAL)
    session.after_first_paint()
    return session


def _warning(qtbot: QtBot, session: WindowSession) -> LocationWarningDialog:
    qtbot.waitUntil(lambda: session.location_dialog is not None, timeout=10_000)
    dialog = session.location_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _quit(session: WindowSession) -> None:
    backups = session.window.auto_backup
    if backups is not None:
        backups.timer.stop()
    session.window.hide()
    session.close()


def _wait_healthy(qtbot: QtBot, session: WindowSession) -> None:
    with qtbot.waitSignal(session.healthy, timeout=10_000):
        pass


@pytest.mark.parametrize(("answer", "outcome"), [("keep", "keep"), ("escape", "later")])
def test_the_warning_shows_once_and_the_answer_is_remembered_for_the_next_start(
    qtbot: QtBot, synced_db: Path, tmp_path: Path, answer: str, outcome: str
) -> None:
    session = _start(qtbot, synced_db, tmp_path)
    dialog = _warning(qtbot, session)
    assert dialog.windowTitle() == "MentorDesk — move your database?"
    text = dialog.text.text()
    assert "Dropbox" in text and "-wal" in text and "lose your latest notes" in text
    assert dialog.move_button.isDefault()
    assert session.window.auto_backup is None  # no backup into Dropbox before the answer
    with qtbot.waitSignal(session.healthy, timeout=10_000):
        if answer == "keep":
            dialog.keep_button.click()
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # or the close box: "remind me later"
    assert dialog.outcome == outcome
    assert session.window.auto_backup is not None
    _quit(session)

    again = _start(qtbot, synced_db, tmp_path)  # the next start: no question
    _wait_healthy(qtbot, again)
    assert again.location_dialog is None
    _quit(again)


def test_move_it_chooses_a_folder_and_the_window_keeps_working_on_the_moved_file(
    qtbot: QtBot, synced_db: Path, tmp_path: Path
) -> None:
    session = _start(qtbot, synced_db, tmp_path)
    window = session.window
    dialog = _warning(qtbot, session)
    assert str(dialog.start_folder) in dialog.text.text()  # MentorDesk's own folder

    dialog.move_button.click()
    chooser = dialog.chooser
    assert isinstance(chooser, QFileDialog) and chooser.isVisible()
    assert Path(chooser.directory().absolutePath()) == dialog.start_folder
    target = tmp_path / "Local" / "MentorDesk"
    target.mkdir(parents=True)
    chooser.setDirectory(str(target))
    chooser.selectFile(str(target))
    chooser.accept()
    qtbot.waitUntil(lambda: dialog.outcome == "moved", timeout=10_000)

    moved = target / "mentordesk.db"
    assert window.workspace.path == moved
    assert not synced_db.exists() and not Path(f"{synced_db}-wal").exists()
    assert str(moved.parent) in dialog.text.text()
    assert "even when started with the old path" in dialog.text.text()
    assert window.path_label.full_text() == str(moved)  # the status bar names the new place
    assert window.counts_label.text().startswith("3 mentees")
    with qtbot.waitSignal(session.healthy, timeout=10_000):
        dialog.close_button.click()

    window.workspace.save_mentee(Mentee("Aroha", "Pacific/Auckland"))  # still writable
    assert window.auto_backup is not None
    if window.auto_backup.busy:  # the start-up backup goes beside the moved file
        with qtbot.waitSignal(window.auto_backup.written, timeout=10_000):
            pass
    assert list((target / "mentordesk.db-backups").glob("mentordesk.db-*.db"))
    _quit(session)
    with sqlite3.connect(moved) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM mentees ORDER BY name")] == [
            "Aroha",
            *NAMES,
        ]


def test_a_folder_that_cannot_take_it_is_named_and_another_can_be_chosen(
    qtbot: QtBot, synced_db: Path, tmp_path: Path
) -> None:
    session = _start(qtbot, synced_db, tmp_path)
    dialog = _warning(qtbot, session)
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "mentordesk.db").write_text("another file")
    dialog.move_to(taken)
    assert dialog.error.isVisible() and "already a file called mentordesk.db" in dialog.error.text()
    assert dialog.outcome is None and session.window.workspace.path == synced_db

    dialog.move_to(tmp_path / "OneDrive" / "MentorDesk")
    assert "not safe either" in dialog.error.text()

    dialog.move_to(tmp_path / "free")
    assert dialog.progress.isVisible() and not dialog.later_button.isEnabled()
    assert "checking the copy" in dialog.busy_text.text()
    dialog.reject()  # Escape while copying: the dialog stays until the copy is done
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.outcome == "moved", timeout=10_000)
    assert not dialog.progress.isVisible()
    assert not dialog.error.isVisible()
    assert (taken / "mentordesk.db").read_text() == "another file"
    with qtbot.waitSignal(session.healthy, timeout=10_000):
        dialog.close_button.click()
    _quit(session)


def test_file_move_database_moves_a_file_from_a_safe_place_too(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "desk" / "mentordesk.db"
    path.parent.mkdir()
    with Workspace.open(path) as ws:
        ws.save_mentee(Mentee("Priya", "Asia/Kolkata"))
    session = _start(qtbot, path, tmp_path)
    _wait_healthy(qtbot, session)  # a safe place: no warning at start
    assert session.location_dialog is None
    window = session.window
    assert window.move_database_action.shortcut().toString() == "Ctrl+Shift+L"

    window.move_database_action.trigger()
    dialog = window.findChild(LocationWarningDialog)
    assert dialog is not None and dialog.heading.text() == "Move your database"
    assert not dialog.keep_button.isVisible() and dialog.later_button.text() == "Cancel"
    backups = window.auto_backup
    assert backups is not None
    if backups.busy:  # the start-up backup
        with qtbot.waitSignal(backups.written, timeout=10_000):
            pass
    window.workspace.save_mentee(Mentee("Lena", "Europe/Berlin"))
    assert backups.back_up_if_changed()  # a backup on its worker thread, as every 30 min
    dialog.move_to(tmp_path / "elsewhere")
    assert "A backup is being written" in dialog.error.text()  # never moved under a copy
    assert window.workspace.path == path
    with qtbot.waitSignal(backups.written, timeout=10_000):
        pass
    dialog.move_to(tmp_path / "elsewhere")
    qtbot.waitUntil(lambda: dialog.outcome == "moved", timeout=10_000)
    assert window.workspace.path == tmp_path / "elsewhere" / "mentordesk.db"
    assert sorted(m.name for m in window.workspace.list_mentees()) == ["Lena", "Priya"]
    assert not path.exists()
    dialog.close_button.click()
    _quit(session)
