"""Encryption as a mentor meets it: unlocking at start-up, turning it on in Preferences
(the recovery key shown once, copied, saved as a PDF), turning it off, the first-run offer."""

from __future__ import annotations

import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pypdf
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.app import _open
from mentordesk.appdata import keystore
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace, encryption
from mentordesk.store import connection
from mentordesk.ui.dialogs.preferences import PreferencesDialog
from mentordesk.ui.dialogs.recovery_key import RecoveryKeyDialog
from mentordesk.ui.dialogs.unlock import UnlockDialog
from mentordesk.ui.dialogs.welcome import WelcomeDialog
from mentordesk.ui.encryption_flow import NewPassphraseDialog
from mentordesk.ui.main_window import MainWindow

PASSPHRASE = "a quiet harbour at dawn"


@pytest.fixture
def no_secure_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _encrypted(path: Path, passphrase: str | None = None) -> str:
    """A practice with one mentee, encrypted and closed; its recovery key."""
    with Workspace.open(path) as ws:
        ws.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo"))
        recovery = encryption.enable(ws, passphrase=passphrase).recovery_key
    connection._KEYS.clear()  # as after a restart: nothing unlocked
    return recovery


def _when_unlock_shown(*steps: Callable[[UnlockDialog], None]) -> list[str]:
    """Runs each step on the modal unlock dialog in turn; the errors it showed."""
    errors: list[str] = []
    pending = list(steps)

    def next_step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            QTimer.singleShot(10, next_step)
            return
        if dialog.error.isVisibleTo(dialog):
            errors.append(dialog.error.text())
        if pending:
            pending.pop(0)(dialog)
            QTimer.singleShot(10, next_step)

    QTimer.singleShot(0, next_step)
    return errors


def _type_and_unlock(text: str) -> Callable[[UnlockDialog], None]:
    def step(dialog: UnlockDialog) -> None:
        dialog.edit.setText(text)
        dialog.unlock_button.click()

    return step


def test_without_a_keyring_the_app_asks_for_the_passphrase_and_a_wrong_one_says_so(
    qtbot: QtBot, tmp_path: Path, no_secure_keyring: None
) -> None:
    db = tmp_path / "mentordesk.db"
    _encrypted(db, PASSPHRASE)
    errors = _when_unlock_shown(
        lambda d: (
            assert_(d.need == "passphrase"),
            assert_("no secure keyring" in d.why.text()),
        ),
        _type_and_unlock("not my passphrase"),
        _type_and_unlock(PASSPHRASE),
    )
    opened = _open(str(db), False, ask=True)
    assert opened is not None
    workspace, message = opened
    with workspace:
        assert [m.name for m in workspace.list_mentees()] == ["Ana Lima"]
    assert message == ""
    assert errors == ["That passphrase does not open the file — check it and try again."]


def assert_(condition: bool) -> None:
    assert condition


def test_quitting_at_the_unlock_dialog_leaves_the_file_untouched(
    qtbot: QtBot, tmp_path: Path, no_secure_keyring: None
) -> None:
    db = tmp_path / "mentordesk.db"
    _encrypted(db, PASSPHRASE)
    before = db.read_bytes()
    _when_unlock_shown(lambda d: d.reject())
    assert _open(str(db), False, ask=True) is None
    assert db.read_bytes() == before and not list(tmp_path.glob("*.corrupt-*"))


def test_a_keyring_that_lost_the_key_asks_for_the_recovery_key_and_keeps_it_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = tmp_path / "mentordesk.db"
    recovery = _encrypted(db)
    keystore.delete_key(db)  # the keyring was reset: "key lost", never "first run"
    errors = _when_unlock_shown(
        lambda d: assert_(d.need == "recovery" and not d.switch.isVisibleTo(d)),
        _type_and_unlock(recovery[:-2] + ("AA" if recovery[-2:] != "AA" else "BB")),
        _type_and_unlock(recovery.lower().replace("-", " ")),
    )
    opened = _open(str(db), False, ask=True)
    assert opened is not None
    workspace, message = opened
    with workspace:
        assert [m.name for m in workspace.list_mentees()] == ["Ana Lima"]
        assert keystore.load_key(db) == workspace.db.key
    assert "holds the key again" in message
    assert errors and "typo" in errors[0]


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, settings_path: Path) -> MainWindow:
    main = MainWindow(workspace, settings=QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    workspace.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo"))
    return main


def _preferences(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    dialog = window.show_preferences()
    qtbot.waitExposed(dialog)
    return dialog


def _recovery_dialog(qtbot: QtBot, prefs: PreferencesDialog) -> RecoveryKeyDialog:
    qtbot.waitUntil(lambda: isinstance(prefs.flow and prefs.flow.dialog, RecoveryKeyDialog))
    assert prefs.flow is not None and isinstance(prefs.flow.dialog, RecoveryKeyDialog)
    return prefs.flow.dialog


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_encrypting_in_preferences_shows_the_recovery_key_once_until_it_is_stored(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefs = _preferences(qtbot, window)
    assert "Not encrypted" in prefs.encryption_status.text()
    prefs.encryption_button.click()
    box = prefs.flow.dialog if prefs.flow else None
    assert isinstance(box, QMessageBox) and "keyring" in box.text()
    next(b for b in box.buttons() if b.text() == "&Encrypt").click()

    shown = _recovery_dialog(qtbot, prefs)
    key = shown.recovery_key
    assert encryption.parse_recovery_key(key) == window.workspace.db.key
    assert not shown.done_button.isEnabled()
    shown.reject()  # Escape or the close button: refused until the key is stored
    assert shown.isVisible() and "not shown again" in shown.status.text()

    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == key
    pdf = tmp_path / "recovery.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    shown.pdf_button.click()
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    text = _normal(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    assert "MentorDesk recovery key" in text and "mentordesk.db" in text
    assert key.replace("-", "") in text.replace("-", "").replace(" ", "")

    shown.stored.setChecked(True)
    with qtbot.waitSignal(prefs.encryption_changed) as said:
        shown.done_button.click()
    assert "Encrypted" in said.args[0]
    assert "keyring" in prefs.encryption_status.text()
    assert encryption.is_encrypted(window.workspace.path)
    assert b"Ana Lima" not in window.workspace.path.read_bytes()
    # The window keeps working on the rewritten file.
    window.workspace.save_mentee(Mentee("Bo Chen", "Asia/Shanghai"))
    assert len(window.workspace.list_mentees()) == 2


def test_turning_encryption_off_asks_first_and_leaves_a_plain_file(
    qtbot: QtBot, window: MainWindow
) -> None:
    encryption.enable(window.workspace)
    prefs = _preferences(qtbot, window)
    assert prefs.encryption_button.text() == "Turn &Off Encryption…"
    prefs.encryption_button.click()
    box = prefs.flow.dialog if prefs.flow else None
    assert isinstance(box, QMessageBox) and "plain SQLite" in box.text()
    keep = next(b for b in box.buttons() if b.text() == "Keep it")
    keep.click()
    qtbot.waitUntil(lambda: prefs.encryption_button.isEnabled())
    assert encryption.is_encrypted(window.workspace.path)

    prefs.encryption_button.click()
    box = prefs.flow.dialog if prefs.flow else None
    assert isinstance(box, QMessageBox)
    with qtbot.waitSignal(prefs.encryption_changed):
        next(b for b in box.buttons() if b.text() == "Turn Off Encryption").click()
    assert not encryption.is_encrypted(window.workspace.path)
    plain = sqlite3.connect(window.workspace.path)
    try:
        assert plain.execute("SELECT name FROM mentees").fetchall() == [("Ana Lima",)]
    finally:
        plain.close()
    assert "Not encrypted" in prefs.encryption_status.text()


def test_without_a_secure_keyring_preferences_asks_a_passphrase_twice_and_says_why(
    qtbot: QtBot, window: MainWindow, no_secure_keyring: None
) -> None:
    prefs = _preferences(qtbot, window)
    prefs.encryption_button.click()
    ask = prefs.flow.dialog if prefs.flow else None
    assert isinstance(ask, NewPassphraseDialog)
    assert "no secure keyring" in ask.findChildren(type(prefs.encryption_status))[1].text()
    ask.first.setText("short")
    ask.second.setText("short")
    ask.ok_button.click()
    assert ask.isVisible() and "at least 10 characters" in ask.error.text()
    ask.first.setText(PASSPHRASE)
    ask.second.setText(PASSPHRASE + "!")
    ask.ok_button.click()
    assert ask.isVisible() and "differ" in ask.error.text()
    ask.second.setText(PASSPHRASE)
    ask.ok_button.click()

    shown = _recovery_dialog(qtbot, prefs)
    shown.stored.setChecked(True)
    shown.done_button.click()
    assert "passphrase" in prefs.encryption_status.text()
    path = window.workspace.path
    window.workspace.close()
    connection._KEYS.clear()
    with Workspace.open(path, key=encryption.key_from_passphrase(path, PASSPHRASE)) as again:
        assert [m.name for m in again.list_mentees()] == ["Ana Lima"]


def test_encryption_is_refused_while_a_backup_is_being_written(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "rewrite_refused", lambda: "A backup is being written.")
    prefs = PreferencesDialog(window.workspace, window, busy=window.rewrite_refused)
    qtbot.addWidget(prefs)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    prefs.encryption_button.click()
    assert shown == ["A backup is being written."]
    assert not encryption.is_encrypted(window.workspace.path)
    assert prefs.encryption_button.isEnabled()


@pytest.mark.parametrize(("secure", "ticked"), [(True, True), (False, False)])
def test_first_run_proposes_encryption_by_default_only_with_a_secure_keyring(
    qtbot: QtBot, secure: bool, ticked: bool
) -> None:
    dialog = WelcomeDialog(keyring_problem="" if secure else "no keyring service is running")
    qtbot.addWidget(dialog)
    assert dialog.encrypt_box.isChecked() is ticked
    assert ("passphrase" in dialog.encrypt_hint.text()) is not secure
    dialog.own_button.click()
    assert dialog.encrypt is ticked


def test_the_first_run_offer_encrypts_before_the_window_starts_its_background_work(
    qtbot: QtBot, window: MainWindow
) -> None:
    from mentordesk.app import _encrypt_first_run

    def confirm_then_store() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            next(b for b in box.buttons() if b.text() == "&Encrypt").click()
        elif isinstance(box, RecoveryKeyDialog):
            box.stored.setChecked(True)
            box.done_button.click()
            return
        QTimer.singleShot(10, confirm_then_store)

    QTimer.singleShot(0, confirm_then_store)
    _encrypt_first_run(window)
    assert encryption.is_encrypted(window.workspace.path)
    assert window.auto_backup is None
    assert "Encrypted" in window.statusBar().currentMessage()
