"""`mentordesk backup` and `mentordesk restore`, run as a user runs them."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)  # inherited by the CLI process
    yield
    os.umask(old)


def _seeded(path: Path, *names: str) -> Path:
    with Workspace.open(path) as ws:
        for name in names:
            ws.save_mentee(Mentee(name=name, time_zone="Europe/Lisbon"))
    return path


def _names(path: Path) -> list[str]:
    with Workspace.open(path, readonly=True) as ws:
        return [m.name for m in ws.list_mentees()]


def _written(stdout: str) -> Path:
    found = re.search(r" to (\S+\.db) \(", stdout)
    assert found, stdout
    return Path(found[1])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_writes_a_private_checked_copy_beside_the_database(
    tmp_path: Path, loose_umask: None
) -> None:
    db = _seeded(tmp_path / "m.db", "Ana")
    result = mentordesk("backup", "--db", str(db))
    assert result.returncode == 0, result.stderr
    written = _written(result.stdout)
    assert written.parent == tmp_path / "m.db-backups"
    assert re.fullmatch(r"m\.db-\d{8}T\d{6}Z\.db", written.name)
    assert "checked" in result.stdout
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
    assert _names(written) == ["Ana"]
    with Workspace.open(db) as ws:  # the window would not back up again at start-up
        assert not ws.backups.changed_since_last()
        assert [b.path for b in ws.backups.list()] == [written]


def test_backup_to_another_folder(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db", "Ana")
    result = mentordesk("backup", "--db", str(db), "--to", str(tmp_path / "usb"))
    assert result.returncode == 0, result.stderr
    assert _written(result.stdout).parent == tmp_path / "usb"
    assert not (tmp_path / "m.db-backups").exists()


def test_restore_saves_the_current_state_first_and_says_where(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db", "Ana")
    chosen = _written(mentordesk("backup", "--db", str(db)).stdout)
    _seeded(db, "Bo")

    result = mentordesk("restore", "--db", str(db), str(chosen))

    assert result.returncode == 0, result.stderr
    found = re.search(r"backed up to (\S+\.db)$", result.stdout.strip())
    assert found, result.stdout
    safety = Path(found[1])
    assert _names(safety) == ["Ana", "Bo"]
    assert _names(db) == ["Ana"]


def test_both_refuse_while_the_app_has_the_file_open(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db", "Ana")
    chosen = _written(mentordesk("backup", "--db", str(db)).stdout)
    with Workspace.open(db) as window:  # holds the writer lock, as the app does
        window.save_mentee(Mentee(name="Bo", time_zone="Europe/Lisbon"))
        before = sorted(p.name for p in (tmp_path / "m.db-backups").iterdir())
        for args in (("backup",), ("restore", str(chosen))):
            result = mentordesk(*args, "--db", str(db))
            assert result.returncode == 3, result
            assert "already open" in result.stderr and "Traceback" not in result.stderr
        assert sorted(p.name for p in (tmp_path / "m.db-backups").iterdir()) == before
        assert [m.name for m in window.list_mentees()] == ["Ana", "Bo"]


def test_restore_refuses_a_file_that_is_not_a_mentordesk_backup(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db", "Ana")
    stranger = tmp_path / "notes.db"
    stranger.write_bytes(b"SQLite format 2 -- not really" * 10)
    before = _digest(db)
    result = mentordesk("restore", "--db", str(db), str(stranger))
    assert result.returncode == 1
    assert "not a MentorDesk database" in result.stderr and "Traceback" not in result.stderr
    assert _digest(db) == before
    assert _names(db) == ["Ana"]


def test_bad_paths_are_bad_input(tmp_path: Path) -> None:
    missing = mentordesk("backup", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "nothing to back up" in missing.stderr
    db = _seeded(tmp_path / "m.db", "Ana")
    no_file = mentordesk("restore", "--db", str(db), str(tmp_path / "nope.db"))
    assert no_file.returncode == 2 and "does not exist" in no_file.stderr


def test_backup_thins_its_own_folder_and_says_so(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db", "Ana")
    first = _written(mentordesk("backup", "--db", str(db)).stdout)
    folder = first.parent
    old = [folder / f"m-20250101T12{m}000Z.db" for m in range(3)]  # one day, three backups
    for path in old:
        path.write_bytes(first.read_bytes())
    result = mentordesk("backup", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "removed 2 older backup(s)" in result.stdout
    assert [p.exists() for p in old] == [False, False, True]  # that day's newest stays
    assert first.exists() and _written(result.stdout).exists()
