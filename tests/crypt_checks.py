"""What must hold after an encryption command was killed anywhere (issue 14): the next open
finishes or rolls back the conversion and says which; the file then opens with the secret
of the state it is in (or none), passes ``quick_check``, holds the same notes, the record
of known databases agrees with it, and every backup opens with the same secret.

Shared by the crash-point tests (``tests/cli/test_encryption_crash*.py``) and the long
random runs (``tests/e2e/test_encryption_soak.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest

from mentordesk.appdata import known_databases
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace, conversion, encryption
from mentordesk.services.backups import default_folder
from mentordesk.store import connection
from mentordesk.store.backup import list_backups
from mentordesk.store.errors import KeyRejected
from tests.file_keyring import BACKEND, VARIABLE, FileKeyring

CANARY = "CANARY-4c1d-plaintext-must-not-survive"
PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a brand new passphrase for the file"


@dataclass
class Crypt:
    """A small database with a canary note and one backup, and the child's environment."""

    db: Path
    env: dict[str, str]
    keyring: FileKeyring

    def secret(self, text: str, name: str) -> Path:
        path = self.db.parent.parent / name
        path.write_text(text + "\n", encoding="utf-8")
        path.chmod(0o600)
        return path


@pytest.fixture(name="crypt")
def crypt_fixture(tmp_path: Path) -> Iterator[Crypt]:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "m.db"
    with Workspace.open(db) as ws:
        mentee = ws.save_mentee(Mentee("Ana Lima", "America/Sao_Paulo"))
        for n in range(3):
            note = ws.start_note(mentee.id or 0, title=f"Call {n}")
            ws.write_note_body(note.id or 0, f"{CANARY} {n} #win")
        ws.backups.backup_now()
    store = tmp_path / "keyring.json"
    backend = FileKeyring(store)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    env = {"PYTHON_KEYRING_BACKEND": BACKEND, VARIABLE: str(store)}
    yield Crypt(db, env, backend)
    keyring.set_keyring(previous)


def notes(ws: Workspace) -> list[tuple[int, str]]:
    return [(int(r[0]), str(r[1])) for r in ws.db.conn.execute("SELECT id, body FROM notes")]


def _open_with(db: Path, keys: Iterator[bytes | None]) -> Workspace:
    for key in keys:
        try:
            return Workspace.open(db, key=key)
        except KeyRejected:
            continue
    raise AssertionError(f"none of the secrets opens {db.name}")


def keys_for(db: Path, secrets: list[str]) -> Iterator[bytes | None]:
    """The keys the keyring and ``secrets`` (passphrases or recovery keys) give for ``db``,
    each derived only when the one before did not open it."""
    if not encryption.is_encrypted(db):
        yield None
        return
    with contextlib.suppress(encryption.KeyNeeded):
        yield encryption.key_for_opening(db)
    for text in secrets:
        try:
            key = encryption.key_from_typed(db, text)
        except ValidationError:  # a secret of the other state: not this file's
            continue
        yield key


def next_start(db: Path, secrets: list[str]) -> tuple[Workspace, str]:
    """What the CLI and the window do at the next start: unlock, then finish or roll back."""
    connection._KEYS.clear()  # a new process
    ws = _open_with(db, keys_for(db, secrets))
    return ws, encryption.after_opening(ws)


def assert_consistent(db: Path, secrets: list[str], before: list[tuple[int, str]]) -> bytes | None:
    """Everything issue 14 asks after a kill; the key the file now opens with."""
    ws, said = next_start(db, secrets)
    try:
        assert conversion.read_journal(db) is None, said
        assert not Path(f"{db}.converting").exists()
        assert ws.check() == []
        assert notes(ws) == before
        key = ws.key
        known = known_databases.lookup(db)
        assert known is not None and known.encrypted == (key is not None), said
        if key is not None:
            assert known.key_store in ("keyring", "passphrase")
            assert known.salt is None  # the file carries it
    finally:
        ws.close()
    for backup in list_backups(default_folder(db), db.stem):
        # Each backup is in the file's state: the same key opens it (or none); or, when the
        # old key was not at hand to convert it, the message names it.
        if backup.path.name in said:
            continue
        head = backup.path.read_bytes()[:16]
        if key is None:
            assert head == b"SQLite format 3\x00", backup.path.name
        else:
            assert head == db.read_bytes()[:16], backup.path.name
    return key


def plaintext_hits(db: Path, needle: str = CANARY) -> list[Path]:
    """Files under the database's folder (its backups folder included) holding ``needle``."""
    data = needle.encode()
    return [p for p in db.parent.rglob("*") if p.is_file() and data in p.read_bytes()]
