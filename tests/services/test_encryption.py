"""Encryption at rest on real files: the canary never shows in the database, its -wal or its
backups; each keyring backend takes the right path; a lost key opens with the recovery key;
a wrong key or none locks the file and changes nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from mentordesk.appdata import keystore, known_databases
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace, encryption, encryption_keys
from mentordesk.services.recovery import DatabaseLocked
from mentordesk.store.connection import connect_copy, connect_second
from mentordesk.store.errors import KeyRejected

CANARY = "CANARY-7f3e-confided-words"
LATER = "LATER-CANARY-9b1d"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "mentor.db"


def _workspace_with_note(path: Path, body: str = CANARY) -> tuple[Workspace, int]:
    ws = Workspace.open(path)
    mentee = ws.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo"))
    note = ws.start_note(mentee.id or 0, title="First call")
    ws.write_note_body(note.id or 0, f"{body} #win\n- [ ] follow up @me")
    return ws, mentee.id or 0


def _files(path: Path) -> list[Path]:
    found = [p for p in path.parent.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") for p in found)
    return found


@pytest.fixture
def keyring_backend() -> Iterator[type[None]]:
    """Sets a keyring backend for one test; the memory one of conftest comes back after."""
    previous = keyring.get_keyring()

    def use(backend: KeyringBackend) -> None:
        keyring.set_keyring(backend)

    yield use  # type: ignore[misc]
    keyring.set_keyring(previous)


def test_canary_is_in_no_byte_of_the_database_its_wal_or_its_backups(db_path: Path) -> None:
    ws, mentee_id = _workspace_with_note(db_path)
    ws.backups.backup_now()  # a plain backup from before: it is rewritten too
    enabled = encryption.enable(ws)
    assert enabled.key_store == "keyring" and enabled.skipped_backups == ()
    note = ws.start_note(mentee_id, title="Second call")
    ws.write_note_body(note.id or 0, f"{LATER} said in confidence")
    ws.backups.backup_now()
    assert ws.find_notes(LATER, None, "date", True).ids == [note.id]

    files = _files(db_path)
    assert len([p for p in files if p.suffix == ".db" and "backups" in str(p)]) == 3
    for file in files:
        data = file.read_bytes()
        assert data.count(CANARY.encode()) == 0, file
        assert data.count(LATER.encode()) == 0, file
        assert data.count(b"Ana Lima") == 0, file

    for conn in (ws.db.conn, connect_second(db_path)):
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    newest = ws.backups.list()[0].path
    copy = connect_copy(newest)
    assert copy.execute("PRAGMA temp_store").fetchone()[0] == 2
    assert copy.execute("SELECT count(*) FROM notes").fetchone()[0] == 2
    copy.close()
    ws.close()

    for target in (db_path, newest):
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            sqlite3.connect(target).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_secure_keyring_keeps_the_key_and_the_next_start_opens_by_itself(
    db_path: Path,
) -> None:
    ws, _ = _workspace_with_note(db_path)
    assert encryption.secure_keyring().secure  # the in-memory backend of the tests
    enabled = encryption.enable(ws)
    ws.close()
    known = known_databases.lookup(db_path)
    assert known is not None and known.encrypted and known.key_store == "keyring"
    assert known.key_backend == enabled.backend and known.salt is None

    key = encryption.key_for_opening(db_path)
    assert key is not None and encryption.parse_recovery_key(enabled.recovery_key) == key
    with Workspace.open(db_path, key=key) as again:
        assert [m.name for m in again.list_mentees()] == ["Ana Lima"]


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_without_a_secure_keyring_a_passphrase_is_asked_at_each_start(
    db_path: Path, keyring_backend, backend: KeyringBackend
) -> None:
    keyring_backend(backend)
    ws, _ = _workspace_with_note(db_path)
    state = encryption.secure_keyring()
    assert not state.secure and state.reason
    with pytest.raises(keystore.KeyringUnavailable, match="Cannot keep the key safely"):
        encryption.enable(ws)
    assert ws.db.key is None  # refused before anything changed
    with pytest.raises(ValidationError, match="at least 10 characters"):
        encryption.enable(ws, passphrase="short")

    enabled = encryption.enable(ws, passphrase="correct horse battery")
    assert (enabled.key_store, enabled.backend) == ("passphrase", "")
    ws.close()
    known = known_databases.lookup(db_path)
    assert known is not None and known.key_store == "passphrase" and known.salt is None
    # The passphrase's salt and cost are the file's own first bytes.
    assert db_path.read_bytes()[:4] == b"P" + bytes(encryption_keys.SCRYPT)
    # The key is nowhere in the record, and no keyring was written.
    key_hex = encryption.parse_recovery_key(enabled.recovery_key).hex()
    assert key_hex not in known_databases.record_path().read_text()

    with pytest.raises(encryption.KeyNeeded) as asked:
        encryption.key_for_opening(db_path)
    assert asked.value.need == "passphrase" and "no secure keyring" in asked.value.message

    before = db_path.read_bytes()
    wrong = encryption.key_from_passphrase(db_path, "wrong horse battery")
    with pytest.raises(KeyRejected) as rejected:
        Workspace.open(db_path, key=wrong)
    assert rejected.value.exit_code == 3
    assert db_path.read_bytes() == before

    key = encryption.key_from_passphrase(db_path, "correct horse battery")
    with Workspace.open(db_path, key=key) as again:
        assert len(again.list_mentees()) == 1


def test_a_lost_key_is_never_replaced_and_the_recovery_key_opens_the_file(
    db_path: Path, memory_keyring
) -> None:
    ws, _ = _workspace_with_note(db_path)
    enabled = encryption.enable(ws)
    ws.close()
    memory_keyring.store.clear()  # the keyring "forgot" it: a new login keyring, say

    with pytest.raises(encryption.KeyNeeded) as asked:
        encryption.key_for_opening(db_path)
    assert asked.value.need == "recovery" and "no longer has the key" in asked.value.message

    # Opened without a key it is locked, never treated as damaged or as a new file.
    before = db_path.read_bytes()
    with pytest.raises(DatabaseLocked) as locked:
        Workspace.open(db_path)
    assert locked.value.exit_code == 3
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir() if "corrupt" in p.name) == []
    assert memory_keyring.store == {}  # no new key was made

    typed = enabled.recovery_key.lower().replace("-", " ")
    key = encryption.parse_recovery_key(typed)
    with Workspace.open(db_path, key=key) as again:
        assert len(again.list_mentees()) == 1
        message = encryption.unlocked_with_recovery_key(db_path, key)
    assert "holds the key again" in message
    assert encryption.key_for_opening(db_path) == key


def test_a_typo_in_the_recovery_key_is_caught_before_any_key_is_tried() -> None:
    key = encryption.new_key()
    text = encryption.recovery_key_text(key)
    groups = text.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    wrong = ("B" if text[0] != "B" else "C") + text[1:]
    with pytest.raises(ValidationError, match="typo"):
        encryption.parse_recovery_key(wrong)
    with pytest.raises(ValidationError, match="complete"):
        encryption.parse_recovery_key(text[:-5])


@settings(max_examples=50, deadline=None)
@given(st.binary(min_size=32, max_size=32))
def test_any_key_round_trips_through_its_recovery_key(key: bytes) -> None:
    assert encryption.parse_recovery_key(encryption.recovery_key_text(key)) == key


def test_turning_encryption_off_leaves_plain_files_and_forgets_the_key(
    db_path: Path, memory_keyring
) -> None:
    ws, _ = _workspace_with_note(db_path)
    encryption.enable(ws)
    assert memory_keyring.store
    encryption.disable(ws)
    assert ws.db.key is None and memory_keyring.store == {}
    assert len(ws.list_mentees()) == 1
    ws.close()
    known = known_databases.lookup(db_path)
    assert known is not None and not known.encrypted and known.key_store is None
    for file in db_path.parent.rglob("*.db"):
        assert file.read_bytes().startswith(b"SQLite format 3\x00"), file
    with Workspace.open(db_path) as again:
        assert len(again.list_mentees()) == 1


def test_an_encrypted_backup_restores_into_the_encrypted_database(db_path: Path) -> None:
    ws, mentee_id = _workspace_with_note(db_path)
    encryption.enable(ws)
    saved = ws.backups.backup_now()
    ws.delete_mentee(mentee_id)
    assert ws.list_mentees() == []
    safety = ws.backups.restore(saved)
    assert [m.name for m in ws.list_mentees()] == ["Ana Lima"]
    assert not safety.read_bytes().startswith(b"SQLite format 3")
    ws.close()
