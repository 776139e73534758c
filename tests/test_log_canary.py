"""The private log at DEBUG through a whole working session — a mentee, notes with tagged
lines and a private section, revisions, a search, a full export and import, backups,
encryption with a passphrase, a call typed in the real window, errors shown by the crash
handler — and not one word the mentor wrote, nor the passphrase, key or recovery key, in any
file of the log folder. The log must not be empty, or this test could not fail."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import (
    Feedback,
    FeedbackDirection,
    Goal,
    Mentee,
    Settings,
    WorkingHours,
)
from mentordesk.logs import LOGGER, setup_logging, shutdown_logging
from mentordesk.services import Workspace, encryption
from mentordesk.services.export_format import JSON_NAME
from mentordesk.ui.call_mode import CallWindow
from mentordesk.ui.dialogs.crash_dialog import CrashHandler

# Each canary holds one word found nowhere else, so a log line quoting any part is caught.
NAME = "Zofia Kanarekname"
BACKGROUND = "kanarekbackground moved from QA after a hard year"
EXPECTATIONS = "kanarekexpect wants a referee for the promotion"
TITLE = "kanarektitle first call"
NOTE = "kanareknote is thinking of leaving her team"
ACTION = "kanarekaction ask HR about the transfer"
WIN = "kanarekwin shipped the importer"
FEEDBACK = "kanarekfeedback talks over others in reviews"
PRIVATE = "kanarekprivate mentioned health worries"
LATER = "kanareklater said after the first revision"
GOAL = "kanarekgoal lead the payments migration"
ENCRYPTED = "kanarekencrypted written once the file was encrypted"
TYPED = "kanarektyped said during the call"
BAD_ZONE = "Mars/Kanarekzone"
BUG = "kanarekbug text an exception quoted"
PASSPHRASE = "kanarek passphrase horse battery staple"

CANARIES = (NAME, BACKGROUND, EXPECTATIONS, TITLE, NOTE, ACTION, WIN, FEEDBACK, PRIVATE, LATER,
            GOAL, ENCRYPTED, TYPED, BAD_ZONE, BUG, PASSPHRASE)  # fmt: skip


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    logger = logging.getLogger(LOGGER)
    level = logger.level
    folder = tmp_path / "logs"
    setup_logging(logging.DEBUG, folder=folder)
    try:
        yield folder
    finally:
        shutdown_logging()
        logger.setLevel(level)


def _write_notes(ws: Workspace, mentee_id: int) -> int:
    note = ws.start_note(mentee_id, title=TITLE)
    note_id = note.id or 0
    body = (
        f"{NOTE}\n- [ ] {ACTION} @me\n{WIN} #win\n{FEEDBACK} #feedback\n\n## Private\n{PRIVATE}\n"
    )
    ws.write_note_body(note_id, body)
    assert ws.take_revision(note_id, "manual") is not None
    ws.write_note_body(note_id, body + f"\n# Next\n{LATER}\n")
    ws.close_note(note_id)
    assert {i.kind for i in ws.linked_items(note_id)} >= {"action", "win"}
    return note_id


def _import_round_trip(ws: Workspace, root: Path) -> None:
    summary = ws.full_export.export_all(root / "export")
    exported = (root / "export" / JSON_NAME).read_text(encoding="utf-8")
    assert NOTE in exported and PRIVATE in exported  # the export itself is everything
    with Workspace.open(root / "restored.db") as restored:
        assert restored.full_export.import_all(root / "export" / JSON_NAME).rows == summary.rows

    document = json.loads(exported)
    document["tables"]["notes"][0]["created_at"] = NOTE  # a damaged file quoting a note
    damaged = root / "damaged.json"
    damaged.write_text(json.dumps(document), encoding="utf-8")
    with Workspace.open(root / "empty.db") as empty, pytest.raises(ValidationError) as refused:
        empty.full_export.import_all(damaged)
    assert "kanareknote" in refused.value.message  # shown to the mentor, who owns the file


def _type_a_call(qtbot: QtBot, ws: Workspace, mentee_id: int) -> None:
    window = CallWindow(ws, mentee_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.editor.edit, TYPED)
    qtbot.waitUntil(lambda: not window.autosaver.pending, timeout=5000)
    window.close()
    assert any(TYPED in ws.note(i).body for i in ws.note_ids(mentee_id=mentee_id))


def _show_errors(qtbot: QtBot, ws: Workspace) -> None:
    """Errors reach the log through the crash handler and ``log.exception``; both quote."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    handler = CrashHandler(app)
    try:
        with pytest.raises(ValidationError) as refused:
            ws.save_mentee(Mentee(NAME, BAD_ZONE))
        assert BAD_ZONE in refused.value.message
        handler.handle(refused.value)
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
        handler.handle(RuntimeError(BUG))  # while one is shown: logged only
    finally:
        if handler.dialog is not None:
            handler.dialog.close()
    try:
        raise ValueError(f"could not save {NOTE!r}") from KeyError(PRIVATE)
    except ValueError:
        logging.getLogger("mentordesk.notes").exception("saving note %d failed", 1)


def test_a_whole_session_logs_no_word_of_the_mentor_and_no_secret(
    qtbot: QtBot, tmp_path: Path, log_folder: Path
) -> None:
    ws = Workspace.open(tmp_path / "mentor.db")
    try:
        ws.save_settings(Settings("Sam Rivera", "Europe/London", WorkingHours(time(9), time(17))))
        mentee = ws.save_mentee(
            Mentee(NAME, "Europe/Warsaw", background=BACKGROUND, expectations=EXPECTATIONS)
        )
        mentee_id = mentee.id or 0
        ws.add_goal(Goal(mentee_id, GOAL))
        ws.add_feedback(Feedback(mentee_id, FeedbackDirection.TO_MENTEE, FEEDBACK, date.today()))
        note_id = _write_notes(ws, mentee_id)
        assert ws.find_notes("kanareknote").ids == [note_id]
        assert ws.find_notes(f'"{PRIVATE}"').ids == [note_id]
        _import_round_trip(ws, tmp_path)
        ws.backups.backup_now()

        enabled = encryption.enable(ws, passphrase=PASSPHRASE)
        key = ws.db.key
        assert key is not None and enabled.recovery_key
        later = ws.start_note(mentee_id, title=TITLE)
        ws.write_note_body(later.id or 0, ENCRYPTED)
        ws.backups.backup_now()
        _type_a_call(qtbot, ws, mentee_id)
        _show_errors(qtbot, ws)
    finally:
        ws.close()
    shutdown_logging()

    files = [p for p in log_folder.rglob("*") if p.is_file()]
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    # Something of every step was logged: this test reads a log that could have leaked.
    for expected in (f"note {note_id} saved", "note search: 1 words, 0 filters, 1 matches",
                     "full export:", "full import:", "refused (file)", "backup written:",
                     "encryption turned on", "unexpected error", "another error while one",
                     "saving note 1 failed"):  # fmt: skip
        assert expected in text, expected

    recovery = enabled.recovery_key
    secrets = {
        "the recovery key": recovery,
        "the recovery key without dashes": recovery.replace("-", ""),
        "the start of the recovery key": recovery[:14],
        "the key as hex": key.hex(),
        "the key as HEX": key.hex().upper(),
        "the key in base64": base64.b64encode(key).decode(),
        "the passphrase": PASSPHRASE,
    }
    for canary in CANARIES:
        secrets[canary] = canary
        secrets[f"a word of {canary!r}"] = next(w for w in canary.split() if "anarek" in w)
    folded = text.casefold()
    leaks = [name for name, value in secrets.items() if value.casefold() in folded]
    assert leaks == [], f"the log holds {leaks}"
