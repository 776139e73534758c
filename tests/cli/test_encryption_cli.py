"""`mentordesk encrypt` / `decrypt` and `--passphrase-file`, run as a user runs them.

The child processes get keyring's "fail" backend (what a headless machine has), so they
must take the passphrase path; the keyring path runs in-process with the memory keyring.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from mentordesk import cli
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace, encryption
from tests.cli_runner import mentordesk as run_cli

PASSPHRASE = "correct horse battery staple"


def mentordesk(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "mentor.db"
    with Workspace.open(path) as ws:
        ws.save_mentee(Mentee(name="Ana Lima", time_zone="America/Sao_Paulo"))
    return path


def _secret_file(tmp_path: Path, text: str, name: str = "pass.txt") -> Path:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")  # the newline an editor adds
    path.chmod(0o600)
    return path


def _recovery_key(stdout: str) -> str:
    lines = stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Recovery key"))
    return lines[at + 1].strip()


def test_without_a_keyring_encrypt_needs_a_passphrase_file_and_every_command_takes_it(
    db: Path, tmp_path: Path
) -> None:
    refused = mentordesk("encrypt", "--db", str(db))
    assert refused.returncode == 2
    assert "--passphrase-file" in refused.stderr
    assert not encryption.is_encrypted(db)

    secret = _secret_file(tmp_path, PASSPHRASE)
    done = mentordesk("encrypt", "--db", str(db), "--passphrase-file", str(secret))
    assert done.returncode == 0, done.stderr
    assert "opens with your passphrase" in done.stdout
    assert PASSPHRASE not in done.stdout + done.stderr
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()

    locked = mentordesk("check", "--db", str(db))
    assert locked.returncode == 3
    assert "--passphrase-file" in locked.stdout + locked.stderr

    checked = mentordesk("check", "--db", str(db), "--passphrase-file", str(secret))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    backup = mentordesk("backup", "--db", str(db), "--passphrase-file", str(secret))
    assert backup.returncode == 0, backup.stderr

    out = tmp_path / "export"
    export = mentordesk(
        "export", "--db", str(db), "--out", str(out), "--passphrase-file", str(secret)
    )
    assert export.returncode == 0, export.stderr
    assert "Ana Lima" in (out / "mentordesk-export.json").read_text(encoding="utf-8")


def test_a_wrong_passphrase_or_a_missing_file_exits_3_and_changes_nothing(
    db: Path, tmp_path: Path
) -> None:
    secret = _secret_file(tmp_path, PASSPHRASE)
    assert mentordesk("encrypt", "--db", str(db), "--passphrase-file", str(secret)).returncode == 0
    before = db.read_bytes()

    wrong = _secret_file(tmp_path, "not the passphrase at all", "wrong.txt")
    result = mentordesk("backup", "--db", str(db), "--passphrase-file", str(wrong))
    assert result.returncode == 3
    assert "passphrase" in result.stderr.lower()

    missing = mentordesk("check", "--db", str(db), "--passphrase-file", str(tmp_path / "nope"))
    assert missing.returncode == 3
    assert "Cannot read the passphrase file" in missing.stdout + missing.stderr
    assert db.read_bytes() == before


def test_the_recovery_key_in_the_file_also_unlocks_and_decrypt_gives_plain_sqlite(
    db: Path, tmp_path: Path
) -> None:
    secret = _secret_file(tmp_path, PASSPHRASE)
    done = mentordesk("encrypt", "--db", str(db), "--passphrase-file", str(secret))
    recovery = _secret_file(tmp_path, _recovery_key(done.stdout), "recovery.txt")

    result = mentordesk("decrypt", "--db", str(db), "--passphrase-file", str(recovery))
    assert result.returncode == 0, result.stderr
    names = sqlite3.connect(db).execute("SELECT name FROM mentees").fetchall()
    assert names == [("Ana Lima",)]
    assert mentordesk("check", "--db", str(db)).returncode == 0


def test_a_passphrase_file_others_can_read_is_used_with_a_warning(db: Path, tmp_path: Path) -> None:
    secret = _secret_file(tmp_path, PASSPHRASE)
    secret.chmod(0o644)
    result = mentordesk("encrypt", "--db", str(db), "--passphrase-file", str(secret))
    assert result.returncode == 0
    assert "can be read by other users" in result.stderr


def test_with_a_secure_keyring_encrypt_needs_no_passphrase_and_check_unlocks_by_itself(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.run(["encrypt", "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "kept in the keyring" in printed
    assert encryption.is_encrypted(db)
    assert cli.run(["check", "--db", str(db)]) == 0
    assert cli.run(["encrypt", "--db", str(db)]) == 2  # already encrypted: said, not redone
    assert cli.run(["decrypt", "--db", str(db)]) == 0
    assert not encryption.is_encrypted(db)


def test_a_mistyped_recovery_key_is_named_as_such(db: Path, tmp_path: Path) -> None:
    secret = _secret_file(tmp_path, PASSPHRASE)
    done = mentordesk("encrypt", "--db", str(db), "--passphrase-file", str(secret))
    key = _recovery_key(done.stdout)
    # One group mistyped: the check digits catch it before any key is tried.
    first, rest = key.split("-", 1)
    typo = ("AAAA" if first != "AAAA" else "BBBB") + "-" + rest
    result = mentordesk("check", "--db", str(db), "--passphrase-file",
                        str(_secret_file(tmp_path, typo, "typo.txt")))  # fmt: skip
    assert result.returncode == 3
    assert "recovery key has a typo" in result.stderr
    assert "does not open" not in result.stderr
    assert "Traceback" not in result.stderr
