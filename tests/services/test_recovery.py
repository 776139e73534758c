"""A damaged MentorDesk file leads to recovery with the bad file kept; a locked one never."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from mentordesk.appdata import known_databases
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.services.recovery import (
    DatabaseLocked,
    DatabaseNeedsRecovery,
    newest_good_backup,
    quick_check,
    recover_from_backup,
)
from mentordesk.store.errors import NotAMentorDeskDatabase
from tests.cli_runner import mentordesk as _cli

Damage = Callable[[bytes], bytes]
CASES: dict[str, Damage] = {
    "truncated to 50%": lambda data: data[: len(data) // 2],
    "truncated to 2%": lambda data: data[: len(data) * 2 // 100],
    "garbage header": lambda data: os.urandom(100) + data[100:],
    "0 bytes": lambda data: b"",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _practice(path: Path, *names: str) -> Path:
    with Workspace.open(path) as ws:
        for i, name in enumerate(names):
            ws.save_mentee(Mentee(name, "Europe/Lisbon", background="x" * 4000 * (i + 1)))
        ws.backups.backup_now()
    return path


def _damage(path: Path, damage: Damage) -> str:
    path.write_bytes(damage(path.read_bytes()))
    return _digest(path)


def _names(path: Path) -> list[str]:
    with Workspace.open(path, readonly=True) as ws:
        return sorted(m.name for m in ws.list_mentees())


@pytest.mark.parametrize("case", CASES)
def test_each_damage_leads_to_recovery_and_the_bad_file_is_kept_aside(
    tmp_path: Path, case: str
) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya", "Lena", "Diego")
    digest = _damage(db, CASES[case])
    with pytest.raises(DatabaseNeedsRecovery) as raised:
        Workspace.open(db)
    assert "damaged" in raised.value.message
    assert _digest(db) == digest  # refusing wrote nothing

    backup = newest_good_backup(db)
    assert backup is not None
    aside = recover_from_backup(db, backup.path)
    assert aside is not None and aside.name.startswith("mentordesk.db.corrupt-")
    assert _digest(aside) == digest  # kept byte for byte
    assert _names(db) == ["Diego", "Lena", "Priya"]


def test_a_recorded_encrypted_file_that_cannot_be_read_is_locked_never_moved(
    tmp_path: Path,
) -> None:
    db = _practice(tmp_path / "secret.db", "Priya")
    known_databases.remember(db, encrypted=True, key_store="keyring")
    digest = _damage(db, lambda data: os.urandom(len(data)))  # what SQLCipher bytes look like
    with pytest.raises(DatabaseLocked) as raised:
        Workspace.open(db)
    assert raised.value.exit_code == 3 and "locked" in raised.value.message
    assert _digest(db) == digest
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name] == []


def test_an_unknown_garbage_file_is_refused_untouched(tmp_path: Path) -> None:
    stranger = tmp_path / "notes.db"
    stranger.write_bytes(b"a shopping list, not a database\n" * 256)
    digest = _digest(stranger)
    with pytest.raises(NotAMentorDeskDatabase):
        Workspace.open(stranger)
    assert _digest(stranger) == digest


def test_an_unknown_file_shaped_like_ciphertext_is_locked_not_foreign(tmp_path: Path) -> None:
    # Whole pages of random bytes are what an encrypted copy looks like without its key.
    stranger = tmp_path / "notes.db"
    stranger.write_bytes(os.urandom(8192))
    digest = _digest(stranger)
    with pytest.raises(DatabaseLocked) as locked:
        Workspace.open(stranger)
    assert locked.value.exit_code == 3
    assert "give its passphrase or recovery key" in locked.value.message
    assert _digest(stranger) == digest


def test_an_unknown_empty_file_still_starts_a_new_database(tmp_path: Path) -> None:
    fresh = tmp_path / "new.db"
    fresh.touch()
    with Workspace.open(fresh) as ws:
        assert ws.is_empty()
    assert known_databases.lookup(fresh) is not None  # now it is ours


def test_the_newest_backup_that_fails_its_check_is_passed_over(tmp_path: Path) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya")
    with Workspace.open(db) as ws:
        ws.save_mentee(Mentee("Lena", "Europe/Berlin"))
        newest = ws.backups.backup_now()
    newest.write_bytes(newest.read_bytes()[:2000])
    good = newest_good_backup(db)
    assert good is not None and good.path != newest


def test_quick_check_finds_damage_in_a_file_that_opens(tmp_path: Path) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya", "Lena", "Diego")
    assert quick_check(db) == []
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2 : page * 4] = b"\xff" * (page * 2)  # pages 3-4 overwritten
    db.write_bytes(bytes(data))
    assert quick_check(db) != []


def test_cli_check_says_damaged_exit_1_and_locked_exit_3(tmp_path: Path) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya")
    db.write_bytes(b"")
    damaged = _cli("check", "--db", str(db))
    assert damaged.returncode == 1, damaged.stderr
    assert "empty (0 bytes)" in damaged.stderr and "Traceback" not in damaged.stderr

    locked_db = _practice(tmp_path / "secret.db", "Lena")
    known_databases.remember(locked_db, encrypted=True)
    locked_db.write_bytes(os.urandom(locked_db.stat().st_size))
    locked = _cli("check", "--db", str(locked_db))
    assert locked.returncode == 3, locked.stderr
    assert "locked" in locked.stderr
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_cli_restore_over_a_file_too_damaged_to_open_sets_it_aside_first(tmp_path: Path) -> None:
    db = _practice(tmp_path / "mentordesk.db", "Priya", "Lena")
    backup = newest_good_backup(db)
    assert backup is not None
    digest = _damage(db, CASES["truncated to 50%"])
    done = _cli("restore", "--db", str(db), str(backup.path))
    assert done.returncode == 0, done.stderr
    (aside,) = tmp_path.glob("mentordesk.db.corrupt-*")
    assert _digest(aside) == digest and str(aside) in done.stdout
    assert _names(db) == ["Lena", "Priya"]
