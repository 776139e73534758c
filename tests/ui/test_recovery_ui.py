"""The recovery dialog and the start-up check, as a mentor meets them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.services.recovery import DatabaseNeedsRecovery
from mentordesk.ui.dialogs.recovery import RecoveryDialog
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.startup_check import WindowSession, apply_choice, recovery_dialog
from tests.seeded import left_wal, seeded


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _practice(path: Path, *names: str, backup: bool = True) -> Path:
    with Workspace.open(path) as ws:
        for name in names:
            ws.save_mentee(Mentee(name, "Europe/Lisbon", background="b" * 6000))
        if backup:
            ws.backups.backup_now()
        ws.save_mentee(Mentee("After the backup", "Europe/Lisbon"))
    return path


def _problem(path: Path) -> str:
    with pytest.raises(DatabaseNeedsRecovery) as raised:
        Workspace.open(path)
    return raised.value.problem


def _shown(qtbot: QtBot, dialog: RecoveryDialog) -> RecoveryDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.searching, timeout=10_000)
    return dialog


def _window(qtbot: QtBot, workspace: Workspace, settings: Path) -> MainWindow:
    window = MainWindow(workspace, settings=QSettings(str(settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    return window


def test_a_truncated_file_offers_the_newest_good_backup_and_opens_with_its_data(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya", "Lena", "Diego")
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    digest = _digest(db)

    dialog = _shown(qtbot, recovery_dialog(db, _problem(db)))
    assert "cut short" in dialog.findChildren(type(dialog.found))[0].text()
    assert dialog.restore_button.isEnabled() and "Today" in dialog.restore_button.text()
    dialog.restore_button.click()
    assert dialog.choice == "backup"

    result = apply_choice(db, dialog)
    assert result is not None
    workspace, message = result
    (aside,) = tmp_path.glob("mentordesk.db.corrupt-*")
    assert _digest(aside) == digest and aside.name in message
    with workspace:
        window = _window(qtbot, workspace, tmp_path / "w.ini")
        assert window.counts_label.text().startswith("3 mentees")


def test_without_a_good_backup_it_offers_an_empty_database_or_quitting(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya", backup=False)
    db.write_bytes(b"")
    dialog = _shown(qtbot, recovery_dialog(db, _problem(db)))
    assert (
        "empty (0 bytes)"
        in dialog.windowTitle() + dialog.findChildren(type(dialog.found))[0].text()
    )
    assert not dialog.restore_button.isEnabled()
    assert "no backup" in dialog.found.text()
    dialog.quit_button.click()
    assert dialog.choice == "quit" and apply_choice(db, dialog) is None
    assert db.exists() and not list(tmp_path.glob("*.corrupt-*"))  # quitting changes nothing

    dialog = _shown(qtbot, recovery_dialog(db, _problem(db)))
    dialog.fresh_button.click()
    result = apply_choice(db, dialog)
    assert result is not None
    with result[0] as fresh:
        assert fresh.is_empty()
    assert len(list(tmp_path.glob("mentordesk.db.corrupt-*"))) == 1


def test_damage_found_by_the_start_up_check_leads_to_a_new_window_on_the_backup(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya", "Lena", "Diego")
    workspace = Workspace.open(db)
    window = _window(qtbot, workspace, tmp_path / "w.ini")
    session = WindowSession(window)
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    with db.open("r+b") as fh:  # pages 3-4 overwritten while the window is open
        fh.seek(page * 2)
        fh.write(b"\xff" * page * 2)

    session.after_first_paint()
    qtbot.waitUntil(lambda: session.dialog is not None, timeout=10_000)
    dialog = session.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.searching, timeout=10_000)
    assert "check found" in dialog.findChildren(type(dialog.found))[0].text()
    with qtbot.waitSignal(session.replaced, timeout=10_000):
        dialog.restore_button.click()
    qtbot.addWidget(session.window)
    assert session.window is not window and not window.isVisible()
    assert list(tmp_path.glob("mentordesk.db.corrupt-*"))
    with qtbot.waitSignal(session.window.ready, timeout=5000):
        pass
    assert session.window.counts_label.text().startswith("3 mentees")
    assert "Restored the backup" in session.window.statusBar().currentMessage()
    session.close()


def test_a_healthy_file_passes_the_check_and_gets_its_start_up_backup(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya")
    with Workspace.open(db) as workspace:
        window = _window(qtbot, workspace, tmp_path / "w.ini")
        session = WindowSession(window)
        before = len(workspace.backups.list())
        with qtbot.waitSignal(session.healthy, timeout=10_000):
            session.after_first_paint()
        assert window.auto_backup is not None
        if window.auto_backup.busy:
            with qtbot.waitSignal(window.auto_backup.written, timeout=10_000):
                pass
        assert len(workspace.backups.list()) == before + 1


def test_at_start_up_the_modal_dialog_restores_and_hands_back_a_workspace_with_the_data(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from mentordesk.app import _recover_at_open

    db = _practice(tmp_path / "mentordesk.db", "Priya", "Lena")
    db.write_bytes(b"\x00" * 100 + db.read_bytes()[100:])  # header overwritten
    with pytest.raises(DatabaseNeedsRecovery) as raised:
        Workspace.open(db)

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog) or dialog.searching:
            QTimer.singleShot(10, click)
            return
        dialog.restore_button.click()

    QTimer.singleShot(0, click)
    outcome = _recover_at_open(raised.value)
    assert not isinstance(outcome, int)
    workspace, message = outcome
    with workspace:
        assert sorted(m.name for m in workspace.list_mentees()) == ["Lena", "Priya"]
    assert "kept, untouched" in message and list(tmp_path.glob("mentordesk.db.corrupt-*"))


def test_the_recovery_dialog_names_the_pair_kept_before_a_foreign_wal(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = seeded(tmp_path / "mentordesk.db", "Priya", "Lena", "Diego")
    left_wal(seeded(tmp_path / "other.db", "Bo"), db, "UPDATE mentees SET name = name || '!'")
    dialog = _shown(qtbot, recovery_dialog(db, _problem(db)))
    (kept,) = tmp_path.glob("mentordesk.db.kept-*[0-9Z]")
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "-wal" in shown and kept.name in shown


def test_opening_a_file_with_a_crash_left_wal_tells_the_mentor_where_the_pair_is(
    tmp_path: Path,
) -> None:
    import shutil
    import sqlite3

    from mentordesk.app import _open

    db, crashed = seeded(tmp_path / "mentordesk.db", "Priya"), tmp_path / "crashed.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE mentees SET name = 'Priya Raman'")
    shutil.copy(db, crashed)  # the pair as a crash leaves it
    shutil.copy(f"{db}-wal", f"{crashed}-wal")
    conn.close()
    opened = _open(str(db), False)
    assert opened is not None and opened[1] == ""  # nothing waiting: nothing said
    opened[0].close()
    opened = _open(str(crashed), False)
    assert opened is not None
    with opened[0] as workspace:
        assert [m.name for m in workspace.list_mentees()] == ["Priya Raman"]
        assert workspace.wal_kept is not None and workspace.wal_kept.name in opened[1]
        assert "replayed" in opened[1]
