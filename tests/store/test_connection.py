"""Opening files: pragmas, permissions, migrations and the files we refuse to touch."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from mentordesk.services import Workspace
from mentordesk.store.connection import APPLICATION_ID
from mentordesk.store.database import Database
from mentordesk.store.errors import (
    BadDatabasePath,
    DatabaseInUse,
    NewerDatabaseError,
    NotAMentorDeskDatabase,
)
from mentordesk.store.schema import MIGRATION_NAMES

EXPECTED_TABLES = {
    "mentees",
    "goals",
    "milestones",
    "meetings",
    "meeting_occurrences",
    "notes",
    "notes_fts",
    "action_items",
    "feedback",
    "wins",
    "resources",
    "settings",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_gets_schema_pragmas_and_application_id(db_path: Path) -> None:
    with Database(db_path) as db:
        tables = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master")}
        assert tables >= EXPECTED_TABLES
        pragma = lambda name: db.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("application_id") == APPLICATION_ID
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("temp_store") == 2  # MEMORY
        assert pragma("busy_timeout") > 0
        applied = [r[0] for r in db.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(MIGRATION_NAMES)
        assert db.check() == []


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    Database(db_path).close()
    with Database(db_path) as db:
        rows = db.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert rows == len(MIGRATION_NAMES)


def test_files_are_private_under_a_permissive_umask(db_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with Workspace.open(db_path) as ws:
            ws.save_settings(ws.settings())
            for suffix in ("", "-wal", "-shm"):
                mode = stat.S_IMODE(Path(f"{db_path}{suffix}").stat().st_mode)
                assert mode == 0o600, f"{suffix or 'db'} is {oct(mode)}"
    finally:
        os.umask(old)


def test_a_newer_database_is_refused_untouched(db_path: Path) -> None:
    with Database(db_path) as db:
        db.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('mentordesk', 'm999_from_the_future', '2030-01-01')"
        )
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(db_path)
    with pytest.raises(NewerDatabaseError, match="newer MentorDesk"):
        Database(db_path)
    assert _digest(db_path) == before


def test_another_applications_sqlite_file_stays_byte_for_byte(tmp_path: Path) -> None:
    foreign = tmp_path / "photos.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    conn.execute("INSERT INTO photos (path) VALUES ('a.jpg')")
    conn.commit()
    conn.close()
    before = _digest(foreign)
    with pytest.raises(NotAMentorDeskDatabase, match="another application"):
        Database(foreign)
    assert _digest(foreign) == before
    assert not Path(f"{foreign}-wal").exists()


def test_a_file_with_another_application_id_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _digest(foreign)
    with pytest.raises(NotAMentorDeskDatabase, match="another application"):
        Database(foreign)
    assert _digest(foreign) == before


def test_a_garbage_file_stays_byte_for_byte(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.txt"
    garbage.write_bytes(b"these are my notes, not a database\n" * 40)
    before = _digest(garbage)
    with pytest.raises(NotAMentorDeskDatabase, match="not an SQLite file"):
        Database(garbage)
    assert _digest(garbage) == before


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BadDatabasePath, match="does not exist"):
        Database(tmp_path / "nowhere" / "x.db")


def test_a_second_writer_on_the_same_file_is_refused(db_path: Path) -> None:
    with Database(db_path):
        with pytest.raises(DatabaseInUse, match="already open"):
            Database(db_path)
        # Reading beside the running app is fine (e.g. `mentordesk check`).
        with Database(db_path, readonly=True) as reader:
            assert reader.check() == []
    Database(db_path).close()  # released when the first one closed


def test_readonly_open_never_creates_a_file(tmp_path: Path) -> None:
    with pytest.raises(BadDatabasePath):
        Database(tmp_path / "absent.db", readonly=True)
    assert not (tmp_path / "absent.db").exists()
