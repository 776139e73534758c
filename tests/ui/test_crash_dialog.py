"""What the mentor sees when something goes wrong: a clear message for a known store error,
a copyable report for a bug, and never the text of a note in either."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.ui.dialogs.crash_dialog import CrashDialog, CrashHandler

SECRET = "she is thinking of leaving her manager"


@pytest.fixture
def handler(qtbot: QtBot) -> Iterator[CrashHandler]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    crash = CrashHandler(app)
    yield crash
    if crash.dialog is not None:
        crash.dialog.close()


def _bug_while_saving(body: str) -> None:
    note_text = body  # a frame local that holds the note, as saving code would
    raise ValueError(f"could not save {note_text!r}")


def test_a_bug_shows_a_report_without_the_note_text(qtbot: QtBot, handler: CrashHandler) -> None:
    try:
        _bug_while_saving(SECRET)
    except ValueError as exc:
        handler.handle(exc)
    dialog = handler.dialog
    assert isinstance(dialog, CrashDialog)
    qtbot.waitUntil(dialog.isVisible)
    report = dialog.report_view.toPlainText()
    assert "ValueError" in report and "_bug_while_saving" in report
    assert SECRET not in report and "thinking of leaving" not in report
    dialog.copy_report()
    assert QApplication.clipboard().text() == report


def test_a_locked_database_gets_a_clear_message_not_a_report(
    qtbot: QtBot, handler: CrashHandler
) -> None:
    handler.handle(sqlite3.OperationalError("database is locked"))
    box = handler.dialog
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert "holding the database file" in box.text()
    assert "Close other MentorDesk windows" in box.informativeText()
