"""An encrypted file carries what it needs to be opened (issue 14): a copy at a new path, the
same file on a "new machine" (a fresh config folder, no keyring entry) and a restored
encrypted backup open with the passphrase and with the recovery key; without either they
are locked (exit 3), never "not a MentorDesk database". Files encrypted before the salt
moved into the file keep opening and are migrated. Plus what encrypt refuses and leaves."""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from pathlib import Path

from mentordesk.appdata import known_databases
from mentordesk.services import Workspace, encryption
from mentordesk.services.backups import default_folder
from mentordesk.store import connection
from mentordesk.store.backup import list_backups
from mentordesk.store.encryption import convert_closed
from tests.crypt_checks import (
    CANARY,
    PASSPHRASE,
    Crypt,
    crypt_fixture,  # noqa: F401 - the fixture
    notes,
    plaintext_hits,
)
from tests.faults import run


def _recovery_key(stdout: str) -> str:
    lines = stdout.splitlines()
    return lines[next(i for i, s in enumerate(lines) if s.startswith("Recovery key")) + 1].strip()


def _new_machine(crypt: Crypt, tmp: Path) -> dict[str, str]:
    """Another computer: its own config folder, and a keyring without this file's key."""
    other = tmp / "new-machine"
    env = dict(crypt.env, MENTORDESK_TEST_KEYRING=str(other / "keyring.json"))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(other / name.lower())
    return env


def _encrypt(crypt: Crypt, passphrase: bool = True) -> str:
    args = ["--passphrase-file", str(crypt.secret(PASSPHRASE, "pass.txt"))] if passphrase else []
    done = run("encrypt", "--db", str(crypt.db), *args, env=crypt.env)
    assert done.returncode == 0, done.stderr
    return _recovery_key(done.stdout)


def test_a_copy_opens_with_its_passphrase_and_its_recovery_key_anywhere(
    crypt: Crypt, tmp_path: Path
) -> None:
    recovery = crypt.secret(_encrypt(crypt), "recovery.txt")
    passphrase = crypt.secret(PASSPHRASE, "pass.txt")
    moved = tmp_path / "elsewhere" / "moved.db"
    moved.parent.mkdir()
    shutil.copy2(crypt.db, moved)
    for env in (crypt.env, _new_machine(crypt, tmp_path)):
        for target in (moved, crypt.db):
            locked = run("check", "--db", str(target), env=env)
            if target == crypt.db and env is crypt.env:
                assert locked.returncode == 3  # passphrase mode: asked at each start
                continue
            assert locked.returncode == 3, locked.stderr
            assert "give its passphrase or recovery key" in locked.stderr
            assert "not a MentorDesk database" not in locked.stderr
            for secret in (passphrase, recovery):
                opened = run("check", "--db", str(target), "--passphrase-file", str(secret),
                             env=env)  # fmt: skip
                assert opened.returncode == 0, opened.stderr
                assert "3 notes" in opened.stdout


def test_a_keyring_file_on_a_new_machine_opens_with_its_recovery_key(
    crypt: Crypt, tmp_path: Path
) -> None:
    recovery = crypt.secret(_encrypt(crypt, passphrase=False), "recovery.txt")
    env = _new_machine(crypt, tmp_path)
    assert run("check", "--db", str(crypt.db), env=env).returncode == 3
    wrong = run("check", "--db", str(crypt.db), "--passphrase-file",
                str(crypt.secret("some passphrase or other", "guess.txt")), env=env)  # fmt: skip
    assert wrong.returncode == 3
    assert "has no passphrase" in wrong.stderr and "recovery key" in wrong.stderr
    opened = run("check", "--db", str(crypt.db), "--passphrase-file", str(recovery), env=env)
    assert opened.returncode == 0, opened.stderr


def test_an_encrypted_backup_restores_on_a_new_machine_still_encrypted(
    crypt: Crypt, tmp_path: Path
) -> None:
    recovery = crypt.secret(_encrypt(crypt), "recovery.txt")
    passphrase = crypt.secret(PASSPHRASE, "pass.txt")
    # A backup written after encrypting carries the file's salt too.
    made = run("backup", "--db", str(crypt.db), "--passphrase-file", str(passphrase),
               env=crypt.env)  # fmt: skip
    assert made.returncode == 0, made.stderr
    newest = list_backups(default_folder(crypt.db), crypt.db.stem)[0].path
    assert newest.name in made.stdout
    env = _new_machine(crypt, tmp_path)
    for n, secret in enumerate((passphrase, recovery)):
        fresh = tmp_path / f"restored-{n}.db"
        refused = run("restore", "--db", str(fresh), str(newest), env=env)
        assert refused.returncode == 3, refused.stderr
        assert "give its passphrase or recovery key" in refused.stderr
        assert not fresh.exists()  # no empty file left behind
        done = run("restore", "--db", str(fresh), str(newest), "--passphrase-file", str(secret),
                   env=env)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert CANARY.encode() not in fresh.read_bytes()
        for again in (passphrase, recovery):
            opened = run("check", "--db", str(fresh), "--passphrase-file", str(again), env=env)
            assert opened.returncode == 0, opened.stderr
            assert "3 notes" in opened.stdout


def test_a_file_encrypted_the_old_way_keeps_opening_and_then_carries_its_salt(
    crypt: Crypt, tmp_path: Path
) -> None:
    # As the code before issue 14 made it: scrypt's salt only in the record, the file's
    # own first bytes chosen by SQLCipher.
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(PASSPHRASE.encode(), salt=salt, n=1 << 16, r=8, p=1,
                         maxmem=1 << 27, dklen=32)  # fmt: skip
    old = tmp_path / "old.db"
    with Workspace.open(crypt.db) as plain:
        before = notes(plain)
    shutil.copy2(crypt.db, old)
    convert_closed(old, None, key)
    known_databases.remember(old, encrypted=True, key_store="passphrase",
                             salt=f"scrypt:16:8:1:{salt.hex()}")  # fmt: skip
    connection._KEYS.clear()
    assert old.read_bytes()[:16] != salt
    passphrase = crypt.secret(PASSPHRASE, "pass.txt")
    checked = run("check", "--db", str(old), "--passphrase-file", str(passphrase), env=crypt.env)
    assert checked.returncode == 0, checked.stderr
    migrated = run("backup", "--db", str(old), "--passphrase-file", str(passphrase),
                   env=crypt.env)  # fmt: skip
    assert migrated.returncode == 0, migrated.stderr
    assert "carries its passphrase's salt" in migrated.stderr
    assert old.read_bytes()[:16] == salt  # same key: the recovery key still opens it
    known = known_databases.lookup(old)
    assert known is not None and known.salt is None
    for backup in list_backups(default_folder(old), old.stem):
        assert backup.path.read_bytes()[:16] == salt
    with Workspace.open(old, key=key) as ws:
        assert notes(ws) == before
    env = _new_machine(crypt, tmp_path)
    moved = run("check", "--db", str(old), "--passphrase-file", str(passphrase), env=env)
    assert moved.returncode == 0, moved.stderr


def test_encrypt_refuses_a_file_with_another_hard_link(crypt: Crypt) -> None:
    other = crypt.db.with_name("other-name.db")
    os.link(crypt.db, other)
    before = crypt.db.read_bytes()
    refused = run("encrypt", "--db", str(crypt.db), "--passphrase-file",
                  str(crypt.secret(PASSPHRASE, "pass.txt")), env=crypt.env)  # fmt: skip
    assert refused.returncode == 2
    assert "2 hard links" in refused.stderr and "other names" in refused.stderr
    assert crypt.db.read_bytes() == before and other.read_bytes() == before
    assert not encryption.is_encrypted(crypt.db)


def test_encrypt_leaves_no_plaintext_of_its_own_and_lists_the_mentors_exports(
    crypt: Crypt,
) -> None:
    folder = default_folder(crypt.db)
    newest = list_backups(folder, crypt.db.stem)[0].path
    # What a killed backup leaves: a full-size plaintext copy, and its journal.
    partial = folder / f"{newest.name}.partial"
    shutil.copy2(newest, partial)
    Path(f"{partial}-journal").write_bytes(b"\0" * 512)
    exported = run("export", "--db", str(crypt.db), "--out", str(crypt.db.parent / "export"),
                   env=crypt.env)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    killed_export = crypt.db.parent / ".export-x1y2.partial"
    killed_export.mkdir()
    (killed_export / "mentordesk-export.json").write_text(CANARY, encoding="utf-8")

    done = run("encrypt", "--db", str(crypt.db), "--passphrase-file",
               str(crypt.secret(PASSPHRASE, "pass.txt")), env=crypt.env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not partial.exists() and not Path(f"{partial}-journal").exists()
    listed = [line.strip() for line in done.stdout.splitlines() if line.startswith("  /")]
    assert str(crypt.db.parent / "export") in listed and str(killed_export) in listed
    assert (crypt.db.parent / "export" / "mentordesk-export.json").is_file()  # not deleted
    leaks = [p for p in plaintext_hits(crypt.db) if not any(str(p).startswith(x) for x in listed)]
    assert leaks == []
