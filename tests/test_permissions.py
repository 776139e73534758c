"""Everything MentorDesk writes about the mentees is readable only by the mentor, whatever
the umask: a machine's default of 022 would make new files world-readable."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentordesk.domain.models import Mentee, Note
from mentordesk.services import Workspace


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_database_wal_shm_backups_and_export_are_private(tmp_path: Path) -> None:
    db = tmp_path / "mentordesk.db"
    with Workspace.open(db) as ws:
        mentee = ws.save_mentee(Mentee(name="Priya Raman", time_zone="Asia/Kolkata"))
        assert mentee.id is not None
        ws.save_note(Note(mentee_id=mentee.id, title="Check-in", body="a private word"))
        for part in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert part.exists(), f"{part.name} should exist while the file is open"
            assert _mode(part) == 0o600, f"{part.name} is {oct(_mode(part))}"
        backup = ws.backups.backup_now()
        assert _mode(backup) == 0o600
        assert _mode(backup.parent) == 0o700
        export = tmp_path / "export"
        ws.full_export.export_all(export)
    assert _mode(export) == 0o700
    written = [p for p in export.rglob("*")]
    assert any(p.suffix == ".md" for p in written)
    for path in written:
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), f"{path} is too open"


@pytest.mark.usefixtures("umask_022")
def test_the_log_folder_and_its_files_are_private(tmp_path: Path) -> None:
    import logging

    from mentordesk.logs import setup_logging, shutdown_logging

    try:
        log_file = setup_logging(folder=tmp_path / "logs")
        logging.getLogger("mentordesk.test").warning("opened %d mentees", 3)
        assert log_file.read_text(encoding="utf-8").count("opened 3 mentees") == 1
        assert _mode(log_file) == 0o600
        assert _mode(log_file.parent) == 0o700
    finally:
        shutdown_logging()
