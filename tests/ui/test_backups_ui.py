"""The Backups dialog and automatic backups, driven as a mentor uses them."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee, Settings, WorkingHours
from mentordesk.services import Workspace
from mentordesk.store.backup import BackupFailed
from mentordesk.ui.backup_scheduler import AutoBackup
from mentordesk.ui.dialogs.backups import BackupsDialog
from mentordesk.ui.main_window import MainWindow
from tests.ui.conftest import shown_window


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, settings_path: Path) -> MainWindow:
    return shown_window(qtbot, workspace, settings_path)


def _open_dialog(qtbot: QtBot, window: MainWindow) -> BackupsDialog:
    window.backups_action.trigger()
    dialogs = window.findChildren(BackupsDialog)
    assert len(dialogs) == 1
    qtbot.waitExposed(dialogs[0])
    return dialogs[0]


def test_backups_is_in_the_file_menu_with_a_shortcut(window: MainWindow) -> None:
    assert window.backups_action.shortcut().toString() == "Ctrl+Shift+B"
    file_menu = window.menuBar().actions()[0].menu()
    assert window.backups_action in file_menu.actions()


def test_no_backups_shows_an_empty_state_and_back_up_now_lists_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open_dialog(qtbot, window)
    assert dialog.stack.currentWidget() is dialog.empty
    assert "No backups yet" in dialog.empty.text()
    assert not dialog.restore_button.isEnabled()

    with qtbot.waitSignal(dialog.work_done, timeout=10_000):
        dialog.backup_button.click()
        assert dialog.progress.isVisible() and not dialog.backup_button.isEnabled()
    assert dialog.stack.currentWidget() is dialog.table
    assert dialog.model.rowCount() == 1
    made, size, name = (dialog.model.cell(0, c) for c in range(3))
    assert made.startswith("Today, ") and size.endswith("KB")
    assert (window.workspace.path.parent / "mentordesk.db-backups" / name).is_file()
    assert "checked" in dialog.status.text() and not dialog.progress.isVisible()


def test_restore_asks_first_backs_up_the_current_state_and_reloads_the_pages(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata"))
    first = workspace.backups.backup_now()
    workspace.save_mentee(Mentee("Lena Fischer", "Europe/Berlin"))
    window.refresh_all()
    assert window.counts_label.text().startswith("2 mentees")

    dialog = _open_dialog(qtbot, window)
    assert dialog.selected() is not None and dialog.selected().path == first
    dialog.restore_button.click()
    (box,) = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert "backed up first" in box.text()
    restore = next(b for b in box.buttons() if b.text() == "Restore")
    with qtbot.waitSignal(dialog.work_done, timeout=10_000):
        restore.click()
    assert [m.name for m in workspace.list_mentees()] == ["Priya Natarajan"]
    assert window.counts_label.text().startswith("1 mentee")  # every page reloaded
    assert dialog.model.rowCount() == 2  # the backup, and the state before the restore
    assert "The state before it was kept as" in dialog.status.text()


def test_keeping_the_data_leaves_everything_as_it_was(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata"))
    workspace.backups.backup_now()
    workspace.save_mentee(Mentee("Lena Fischer", "Europe/Berlin"))
    dialog = _open_dialog(qtbot, window)
    dialog.restore_button.click()
    (box,) = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    next(b for b in box.buttons() if b.text() == "Keep it").click()
    qtbot.wait(50)
    assert len(workspace.list_mentees()) == 2 and dialog.model.rowCount() == 1


def test_automatic_backup_after_paint_runs_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    # A mentor in Kolkata on a machine whose clock says UTC: the line reads the mentor's time.
    workspace.save_settings(Settings("Sam", "Asia/Kolkata", WorkingHours(time(9), time(17))))
    workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata"))
    threads: list[threading.Thread] = []
    release = threading.Event()

    def slow_write() -> Path:
        threads.append(threading.current_thread())
        release.wait(5)  # the GUI thread must keep running meanwhile
        return workspace.backups.backup_now()

    made = datetime(2026, 12, 6, 4, 44, tzinfo=UTC)
    auto = AutoBackup(workspace, window, write=slow_write, clock=lambda: made)
    auto.message.connect(lambda text, failed: window.statusBar().showMessage(text))
    with qtbot.waitSignal(auto.written, timeout=10_000) as written:
        auto.start()
        assert auto.busy  # start() returned while the copy is still running
        qtbot.wait(20)  # events are processed: the window is responsive
        release.set()
    assert threads and threads[0] is not threading.main_thread()
    assert Path(written.args[0]).is_file()
    assert window.statusBar().currentMessage().startswith("Backed up at 10:14 (")
    assert auto.timer.isActive() and auto.timer.interval() == 30 * 60 * 1000

    # Nothing changed since: the next tick writes nothing; a change makes the next one write.
    assert not auto.back_up_if_changed()
    workspace.save_mentee(Mentee("Lena Fischer", "Europe/Berlin"))
    with qtbot.waitSignal(auto.written, timeout=10_000):
        auto.timer.timeout.emit()
    assert len(workspace.backups.list()) == 2


def test_a_failed_automatic_backup_is_shown_clearly(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    def broken() -> Path:
        raise BackupFailed(
            workspace.path, "The backup of mentordesk.db failed its check and was deleted"
        )

    auto = AutoBackup(workspace, window, write=broken)
    auto.message.connect(window._backup_message)
    with qtbot.waitSignal(auto.message, timeout=10_000) as said:
        auto.start()
    assert said.args[1] is True and "failed its check" in said.args[0]
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "failed its check" in boxes[0].text()


def test_quitting_after_a_change_writes_a_backup(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    auto = window.enable_auto_backup()
    qtbot.waitUntil(lambda: not auto.busy, timeout=10_000)
    before = len(workspace.backups.list())
    workspace.save_mentee(Mentee("Priya Natarajan", "Asia/Kolkata"))
    window.close()
    assert len(workspace.backups.list()) == before + 1


def test_the_size_cap_is_a_setting_that_thins_at_once_and_says_so(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    dialog = _open_dialog(qtbot, window)
    assert dialog.cap.value() == 2.0  # the default, 2 GB
    assert dialog.cap.minimum() * 1024**3 >= 100 * 1024**2
    with pytest.raises(ValidationError, match="at least 100 MB"):
        workspace.backups.set_size_cap(10 * 1024**2)

    dialog.cap.setValue(0.5)
    dialog.apply_cap()
    assert workspace.backups.size_cap() == 512 * 1024**2
    assert "at most 0.5 GB" in dialog.status.text()


def test_backups_of_an_old_shared_folder_are_listed_and_named(
    qtbot: QtBot, workspace: Workspace
) -> None:
    db = workspace.path
    Workspace.open(db.with_suffix(".sqlite")).close()  # another database of that stem
    old = db.with_name(f"{db.stem}-backups")
    old.mkdir(mode=0o700)
    made = workspace.backups.backup_now(db.parent / "elsewhere")
    made.rename(old / f"{db.stem}-20250101T090000Z.db")
    dialog = BackupsDialog(workspace)
    qtbot.addWidget(dialog)
    assert [dialog.model.cell(r, 2) for r in range(dialog.model.rowCount())] == [
        f"{db.stem}-20250101T090000Z.db"
    ]
    intro = dialog.findChildren(QLabel)[0].text()
    assert old.name in intro and "never removed" in intro
    assert dialog.folder_button.isEnabled()  # shows the old folder until a new backup
