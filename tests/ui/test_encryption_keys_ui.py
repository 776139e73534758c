"""Preferences ▸ Change Passphrase… and New Recovery Key… as a mentor meets them, and a start
after an interrupted encrypt: the window finishes it or rolls it back and says which."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.app import _after_opening, _open
from mentordesk.appdata import known_databases
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace, conversion, encryption
from mentordesk.store import connection
from mentordesk.ui.dialogs.preferences import PreferencesDialog
from mentordesk.ui.encryption_flow import CurrentPassphraseDialog, NewPassphraseDialog
from mentordesk.ui.main_window import MainWindow
from tests.ui.test_encryption_ui import (  # noqa: F401 - no_secure_keyring: the fixture
    _preferences,
    _recovery_dialog,
    _type_and_unlock,
    _when_unlock_shown,
    assert_,
    no_secure_keyring,
)

PASSPHRASE = "a quiet harbour at dawn"
NEW = "the lighthouse keeps its own time"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    workspace = Workspace.open(tmp_path / "mentordesk.db")
    workspace.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo"))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    main = MainWindow(workspace, settings=settings)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    yield main
    workspace.close()


def _store_key(qtbot: QtBot, prefs: PreferencesDialog) -> str:
    shown = _recovery_dialog(qtbot, prefs)
    shown.stored.setChecked(True)
    with qtbot.waitSignal(prefs.encryption_changed) as said:
        shown.done_button.click()
    assert said.args[0]
    return shown.recovery_key


def _reopens(path: Path, key: bytes) -> list[str]:
    connection._KEYS.clear()
    with Workspace.open(path, key=key) as again:
        return [m.name for m in again.list_mentees()]


@pytest.mark.usefixtures("no_secure_keyring")
def test_change_passphrase_in_preferences_gives_a_new_passphrase_and_recovery_key(
    qtbot: QtBot, window: MainWindow
) -> None:
    old_key = encryption.parse_recovery_key(
        encryption.enable(window.workspace, passphrase=PASSPHRASE).recovery_key
    )
    prefs = _preferences(qtbot, window)
    assert prefs.passphrase_button.isVisibleTo(prefs)
    assert prefs.recovery_button.isVisibleTo(prefs)
    prefs.passphrase_button.click()
    ask = prefs.flow.dialog if prefs.flow else None
    assert isinstance(ask, NewPassphraseDialog) and ask.windowTitle() == "Change Passphrase"
    ask.first.setText(NEW)
    ask.second.setText(NEW)
    ask.ok_button.click()
    new_key = encryption.parse_recovery_key(_store_key(qtbot, prefs))
    assert new_key != old_key and window.workspace.db.key == new_key
    path = window.workspace.path
    window.workspace.save_mentee(Mentee("Bo Chen", "Asia/Shanghai"))  # it keeps working
    window.workspace.close()
    assert encryption.key_from_passphrase(path, NEW) == new_key
    assert encryption.key_from_passphrase(path, PASSPHRASE) != new_key
    assert _reopens(path, new_key) == ["Ana Lima", "Bo Chen"]


@pytest.mark.usefixtures("no_secure_keyring")
def test_a_new_recovery_key_with_a_passphrase_asks_it_and_a_wrong_one_changes_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    encryption.enable(window.workspace, passphrase=PASSPHRASE)
    old_key = window.workspace.db.key
    prefs = _preferences(qtbot, window)
    prefs.recovery_button.click()
    ask = prefs.flow.dialog if prefs.flow else None
    assert isinstance(ask, CurrentPassphraseDialog)
    ask.edit.setText("not the passphrase")
    said: list[str] = []

    def close_the_error() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, close_the_error)
            return
        said.append(box.text())
        box.accept()

    QTimer.singleShot(0, close_the_error)
    ask.ok_button.click()
    qtbot.waitUntil(lambda: prefs.recovery_button.isEnabled())
    assert said and "not the passphrase of mentordesk.db" in said[0]
    assert window.workspace.db.key == old_key

    prefs.recovery_button.click()
    ask = prefs.flow.dialog if prefs.flow else None
    assert isinstance(ask, CurrentPassphraseDialog)
    ask.edit.setText(PASSPHRASE)
    ask.ok_button.click()
    new_key = encryption.parse_recovery_key(_store_key(qtbot, prefs))
    assert new_key != old_key
    path = window.workspace.path
    window.workspace.close()
    # The passphrase stays; the key (and so the recovery key) changed.
    assert encryption.key_from_passphrase(path, PASSPHRASE) == new_key


def test_a_new_recovery_key_with_the_keyring_is_confirmed_and_kept_there(
    qtbot: QtBot, window: MainWindow
) -> None:
    encryption.enable(window.workspace)
    prefs = _preferences(qtbot, window)
    assert not prefs.passphrase_button.isVisibleTo(prefs)  # no passphrase to change
    prefs.recovery_button.click()
    box = prefs.flow.dialog if prefs.flow else None
    assert isinstance(box, QMessageBox) and "old recovery key stops working" in box.text()
    next(b for b in box.buttons() if b.text() == "Make New Recovery Key").click()
    new_key = encryption.parse_recovery_key(_store_key(qtbot, prefs))
    path = window.workspace.path
    window.workspace.close()
    connection._KEYS.clear()
    assert encryption.key_for_opening(path) == new_key


def test_a_start_after_an_interrupted_encrypt_finishes_it_and_says_so(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.db"
    with Workspace.open(path) as ws:
        ws.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo"))
        target = encryption._target(None)
        # As a kill after the switch leaves it: converted file, journal, key pending.
        original = conversion._finish
        conversion._finish = lambda *a: (_ for _ in ()).throw(KeyboardInterrupt)  # type: ignore[assignment]
        try:
            with pytest.raises(KeyboardInterrupt):
                conversion.convert(ws, "encrypt", target)
        finally:
            conversion._finish = original  # type: ignore[assignment]
    assert conversion.read_journal(path) is not None
    connection._KEYS.clear()
    with Workspace.open(path, key=encryption.key_for_opening(path)) as ws:
        said = _after_opening(ws)
        assert "was finished" in said and "recovery key" in said
    assert conversion.read_journal(path) is None
    connection._KEYS.clear()
    assert encryption.key_for_opening(path) == target.key


def _encrypted_copy(tmp_path: Path, passphrase: str | None) -> tuple[Path, str]:
    """A practice encrypted at one path and copied to another; its recovery key."""
    original = tmp_path / "mentordesk.db"
    with Workspace.open(original) as ws:
        ws.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo"))
        recovery = encryption.enable(ws, passphrase=passphrase).recovery_key
    copy = tmp_path / "copied" / "from-laptop.db"
    copy.parent.mkdir()
    shutil.copy2(original, copy)
    connection._KEYS.clear()
    return copy, recovery


@pytest.mark.usefixtures("no_secure_keyring")
def test_a_copy_opens_in_the_window_with_its_passphrase_and_is_remembered(
    qtbot: QtBot, tmp_path: Path
) -> None:
    copy, _recovery = _encrypted_copy(tmp_path, PASSPHRASE)
    errors = _when_unlock_shown(_type_and_unlock(PASSPHRASE))
    opened = _open(str(copy), False, ask=True)
    assert opened is not None and errors == []
    workspace, _message = opened
    with workspace:
        assert [m.name for m in workspace.list_mentees()] == ["Ana Lima"]
        _after_opening(workspace)
    known = known_databases.lookup(copy)
    assert known is not None and (known.encrypted, known.key_store) == (True, "passphrase")


def test_a_keyring_copy_opened_with_its_recovery_key_is_kept_in_this_keyring(
    qtbot: QtBot, tmp_path: Path
) -> None:
    copy, recovery = _encrypted_copy(tmp_path, None)
    errors = _when_unlock_shown(lambda d: assert_(d.need == "recovery"), _type_and_unlock(recovery))
    opened = _open(str(copy), False, ask=True)
    assert opened is not None and errors == []
    workspace, message = opened
    workspace.close()
    assert "keyring holds the key" in message
    connection._KEYS.clear()
    assert encryption.key_for_opening(copy) == encryption.parse_recovery_key(recovery)
