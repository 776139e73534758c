"""Backups are checked private copies; restoring one never loses the state before it."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.backup_policy import BackupInfo, keep
from mentordesk.domain.models import Mentee, Note
from mentordesk.services import Workspace
from mentordesk.store.backup import (
    BackupFailed,
    backup_to,
    list_backups,
    source_state,
    thin,
)
from mentordesk.store.database import Database
from mentordesk.store.errors import DatabaseCorrupt, NewerDatabaseError, NotAMentorDeskDatabase
from mentordesk.store.restore import restore_from
from mentordesk.store.schema import MIGRATION_NAMES

V1 = Path(__file__).parent / "fixtures" / "v1.db"


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mentee(ws: Workspace, name: str) -> Mentee:
    return ws.save_mentee(Mentee(name=name, time_zone="Europe/Lisbon"))


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read straight from the file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1")
        ]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _names(ws: Workspace) -> list[str]:
    return [m.name for m in ws.list_mentees()]


def _damage_notes(db_path: Path) -> None:
    """Writes over the root page of the notes table, as a bad disk sector would."""
    with Workspace.open(db_path) as ws:
        mentee_id = ws.list_mentees()[0].id or 0
        for i in range(60):
            ws.save_note(Note(mentee_id=mentee_id, title=f"call {i}", body="words " * 250))
        ws.db.checkpoint()
        root = ws.db.conn.execute("SELECT rootpage FROM sqlite_master WHERE name='notes'")
        page = root.fetchone()[0]
        size = ws.db.conn.execute("PRAGMA page_size").fetchone()[0]
    with db_path.open("r+b") as fh:
        fh.seek((page - 1) * size + 8)
        fh.write(b"\xff" * 200)


# -- writing a backup -------------------------------------------------------------------


def test_a_backup_is_a_mentordesk_database_with_the_same_rows(
    workspace: Workspace, tmp_path: Path
) -> None:
    _mentee(workspace, "Ana")
    note = workspace.save_note(Note(mentee_id=workspace.list_mentees()[0].id or 0, body="trust"))
    path = backup_to(workspace.db, tmp_path / "backups")

    assert path.parent == tmp_path / "backups"
    assert path.name.startswith("mentor.db-") and path.suffix == ".db"
    assert _rows(path) == _rows(workspace.path)  # also what was still only in the -wal
    with Workspace.open(path, readonly=True) as copy:
        assert copy.check() == []
        assert _names(copy) == ["Ana"] and copy.note(note.id or 0).body == "trust"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no .partial, journal


def test_backups_are_private_under_a_permissive_umask(
    workspace: Workspace, tmp_path: Path, loose_umask: None
) -> None:
    _mentee(workspace, "Ana")
    folder = tmp_path / "deep" / "backups"
    path = backup_to(workspace.db, folder)
    assert _mode(folder) == 0o700
    assert _mode(path) == 0o600
    again = backup_to(workspace.path, folder)  # by path, the same second: its own name
    assert again != path and again.parent == folder and _mode(again) == 0o600


def test_a_backup_that_fails_its_check_is_deleted_and_reported(
    db_path: Path, tmp_path: Path
) -> None:
    with Workspace.open(db_path) as ws:
        _mentee(ws, "Ana")
    _damage_notes(db_path)
    folder = tmp_path / "backups"
    with pytest.raises(BackupFailed, match=r"backup of mentor\.db failed its check \(") as failure:
        backup_to(db_path, folder)
    assert "was deleted" in failure.value.message and "mentordesk check" in failure.value.message
    assert list(folder.iterdir()) == []


def test_a_worker_thread_backs_up_beside_the_open_workspace(workspace: Workspace) -> None:
    """How the window backs up off the GUI thread: a connection of the worker's own."""
    _mentee(workspace, "Ana")
    written: list[Path] = []
    backups = workspace.backups  # the service; its backup_now opens a connection of its own
    worker = threading.Thread(target=lambda: written.append(backups.backup_now()))
    worker.start()
    worker.join()
    assert _rows(written[0]) == _rows(workspace.path)
    assert written[0].parent == workspace.path.with_name("mentor.db-backups")
    assert not workspace.backups.changed_since_last()
    _mentee(workspace, "Bo")  # the writer was not disturbed
    assert workspace.backups.changed_since_last()


def test_a_read_only_database_can_be_backed_up(db_path: Path, tmp_path: Path) -> None:
    with Workspace.open(db_path) as ws:
        _mentee(ws, "Ana")
    with Database(db_path, readonly=True) as reader:
        assert _rows(backup_to(reader, tmp_path / "ro")) == _rows(db_path)


# -- restoring ---------------------------------------------------------------------------


def test_restore_backs_up_first_then_the_same_workspace_has_the_backup_rows(
    workspace: Workspace, tmp_path: Path
) -> None:
    _mentee(workspace, "Ana")
    chosen = workspace.backups.backup_now()
    _mentee(workspace, "Bo")
    before = _rows(workspace.path)
    other = sqlite3.connect(workspace.path)  # e.g. a worker's connection
    try:
        safety = workspace.backups.restore(chosen)

        assert safety.parent == workspace.path.with_name("mentor.db-backups")
        assert _rows(safety) == before  # the state before the restore, Bo included
        assert _names(workspace) == ["Ana"]
        assert other.execute("SELECT name FROM mentees").fetchall() == [("Ana",)]
        _mentee(workspace, "Cy")  # the same connection keeps working
        assert workspace.check() == []
    finally:
        other.close()
    workspace.close()
    with Workspace.open(workspace.path) as reopened:
        assert _names(reopened) == ["Ana", "Cy"]
    assert _mode(workspace.path) == 0o600


@pytest.mark.parametrize("kind", ["pdf", "other_app", "empty_sqlite", "empty_file"])
def test_restore_refuses_a_foreign_file_and_changes_nothing(
    workspace: Workspace, tmp_path: Path, kind: str
) -> None:
    _mentee(workspace, "Ana")
    foreign = tmp_path / "foreign.db"
    if kind == "pdf":
        foreign.write_bytes(b"%PDF-1.7 not a database" * 40)
    elif kind == "other_app":
        conn = sqlite3.connect(foreign)
        conn.execute("CREATE TABLE mentees (name TEXT)")
        conn.execute("INSERT INTO mentees VALUES ('Mallory')")
        conn.commit()
        conn.close()
    elif kind == "empty_sqlite":
        sqlite3.connect(foreign).execute("PRAGMA user_version = 1").connection.close()
    else:
        foreign.touch()
    foreign_digest = _digest(foreign)
    live = (_rows(workspace.path), source_state(workspace.path))  # no commit changes neither
    folder = tmp_path / "backups"

    with pytest.raises(NotAMentorDeskDatabase):
        restore_from(workspace.db, foreign, folder)

    assert (_rows(workspace.path), source_state(workspace.path)) == live
    assert _digest(foreign) == foreign_digest
    assert not folder.exists()  # refused before the safety backup, so nothing to clean up
    assert _names(workspace) == ["Ana"]


def test_restore_refuses_a_damaged_or_newer_backup(workspace: Workspace, tmp_path: Path) -> None:
    _mentee(workspace, "Ana")
    damaged = tmp_path / "damaged.db"
    with Workspace.open(damaged) as other:
        _mentee(other, "Bo")
    _damage_notes(damaged)
    newer = tmp_path / "newer.db"
    with Database(newer) as db:
        db.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('mentordesk', 'm999_from_the_future', '2030-01-01')"
        )
    live = (_rows(workspace.path), source_state(workspace.path))

    with pytest.raises(DatabaseCorrupt, match=r"choose another backup; mentor\.db was not changed"):
        restore_from(workspace.db, damaged, tmp_path / "b")
    with pytest.raises(NewerDatabaseError):
        restore_from(workspace.db, newer, tmp_path / "b")
    assert (_rows(workspace.path), source_state(workspace.path)) == live
    assert not (tmp_path / "b").exists()


def test_restore_repairs_a_damaged_database_and_keeps_a_copy_of_it(db_path: Path) -> None:
    with Workspace.open(db_path) as ws:
        _mentee(ws, "Ana")
        good = ws.backups.backup_now()
    _damage_notes(db_path)
    with Workspace.open(db_path) as ws:
        assert ws.check() != []
        safety = ws.backups.restore(good)
        assert safety.name.endswith(".damaged.db") and safety.exists()
        assert ws.check() == [] and _names(ws) == ["Ana"]
        assert [b.path for b in ws.backups.list()] == [good]  # not offered as a backup


def test_restoring_an_older_backup_brings_it_up_to_date(
    workspace: Workspace, tmp_path: Path
) -> None:
    old = tmp_path / "old-backup.db"
    shutil.copy(V1, old)
    workspace.backups.restore(old)
    applied = [r[0] for r in workspace.db.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == list(MIGRATION_NAMES)
    assert workspace.check() == []
    assert workspace.find_mentee("Ana Lima").name == "Ana Lima"
    assert _digest(old) == _digest(V1)  # the chosen backup itself is only read


# -- listing and thinning ------------------------------------------------------------------


def test_list_backups_reads_the_time_from_the_name_newest_first(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "b"
    real = backup_to(workspace.db, folder)
    for name in (
        "mentor-20250101T090000Z.db",
        "mentor-20250101T090000Z-2.db",
        "mentor-20240612T235959Z.db",
        "other-20250101T100000Z.db",
        "mentor-20250101T090000Z.db.partial",
        "notes.txt",
    ):
        shutil.copy(real, folder / name)
    real.unlink()
    found = list_backups(folder, "mentor")
    assert [b.path.name for b in found] == [
        "mentor-20250101T090000Z-2.db",
        "mentor-20250101T090000Z.db",
        "mentor-20240612T235959Z.db",
    ]
    assert found[-1].created_at == datetime(2024, 6, 12, 23, 59, 59, tzinfo=UTC)
    assert found[0].size == (folder / found[0].path.name).stat().st_size
    assert len(list_backups(folder)) == 4  # every database's


def test_thinning_deletes_exactly_what_the_policy_drops(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "b"
    real = backup_to(workspace.db, folder)
    now = datetime(2026, 3, 15, 10, 10, tzinfo=UTC)
    for hours in range(0, 24 * 90, 5):  # every 5 hours for 90 days
        moment = now - timedelta(hours=hours)
        os.link(real, folder / f"mentor-{moment:%Y%m%dT%H%M%SZ}.db")
    real.unlink()
    zone = ZoneInfo("Pacific/Auckland")
    everything = list_backups(folder, "mentor")
    size = everything[0].size
    cap = size * 20
    expected = keep(everything[::-1], now, cap, zone=zone)

    result = thin(folder, now, cap, zone=zone, name="mentor")

    assert result == expected
    assert {p.name for p in folder.iterdir()} == {b.path.name for b in expected.keep}
    assert len(expected.keep) == 20 and expected.dropped_for_size  # the cap did bite
    assert all(not b.path.exists() for b in expected.drop)


# -- through the workspace -------------------------------------------------------------------


def test_backups_go_beside_the_database_and_list_newest_first(
    workspace: Workspace, loose_umask: None
) -> None:
    first = workspace.backups.backup_now()
    second = workspace.backups.backup_now()
    folder = workspace.path.parent / "mentor.db-backups"
    assert first.parent == folder and _mode(folder) == 0o700
    assert [b.path for b in workspace.backups.list()] == [second, first]
    assert isinstance(workspace.backups.list()[0], BackupInfo)


def test_changed_since_last_backup_survives_restarts(
    db_path: Path,
) -> None:
    with Workspace.open(db_path) as ws:
        assert ws.backups.changed_since_last()  # never backed up
        ws.backups.backup_now()
        assert not ws.backups.changed_since_last()
        _mentee(ws, "Ana")
        assert ws.backups.changed_since_last()
        ws.backups.backup_now()
        assert not ws.backups.changed_since_last()
        ws.list_mentees()  # reading is not a change
        assert not ws.backups.changed_since_last()
    with Workspace.open(db_path) as ws:  # a restart: closing and opening change nothing
        assert not ws.backups.changed_since_last()
        _mentee(ws, "Bo")
    with Workspace.open(db_path) as ws:  # ... and a change made before it still counts
        assert ws.backups.changed_since_last()
        ws.backups.backup_now(db_path.parent / "elsewhere")  # not the backups folder: still due
        assert ws.backups.changed_since_last()
        ws.backups.backup_now()
        for backup in ws.backups.list():
            backup.path.unlink()
        assert ws.backups.changed_since_last()  # the backups are gone


def test_workspace_thinning_counts_days_in_the_mentors_zone(workspace: Workspace) -> None:
    workspace.save_settings(replace(workspace.settings(), time_zone="Pacific/Auckland"))
    real = workspace.backups.backup_now()
    folder = real.parent
    # 10:30 and 11:30 UTC on 1 March are 23:30 on 1 March and 00:30 on 2 March in Auckland.
    late, early = "mentor-20260301T103000Z.db", "mentor-20260301T113000Z.db"
    older = "mentor-20260301T090000Z.db"  # 22:00 on 1 March there
    for name in (late, early, older):
        shutil.copy(real, folder / name)
    real.unlink()
    result = workspace.backups.thin(now=datetime(2026, 3, 10, tzinfo=UTC))
    assert {b.path.name for b in result.keep} == {late, early}
    assert [b.path.name for b in result.drop] == [older]


def test_backing_up_a_file_that_is_not_mentordesks_leaves_nothing(tmp_path: Path) -> None:
    garbage, other_app = tmp_path / "cv.pdf", tmp_path / "other.db"
    garbage.write_bytes(b"%PDF-1.7 not a database" * 40)
    conn = sqlite3.connect(other_app)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = [_digest(garbage), _digest(other_app)]
    folder = tmp_path / "b"
    with pytest.raises(BackupFailed, match="not a database"):
        backup_to(garbage, folder)
    with pytest.raises(BackupFailed, match=r"other\.db is not a MentorDesk database"):
        backup_to(other_app, folder)
    assert list(folder.iterdir()) == []
    assert [_digest(garbage), _digest(other_app)] == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "cv.pdf", "other.db"]


def test_a_backup_clears_the_copies_a_killed_backup_left(tmp_path: Path) -> None:
    import os
    import time

    from mentordesk.store.backup_folder import STALE_PARTIAL_SECONDS

    db = tmp_path / "m.db"
    with Workspace.open(db) as ws:
        folder = ws.backups.backup_now().parent
        killed = folder / "m-20261201T090000Z.db.partial"
        killed.write_bytes(b"a full-size copy, cut off by a kill" * 1000)
        (folder / "m-20261201T090000Z.db.partial-journal").write_bytes(b"journal")
        old = time.time() - STALE_PARTIAL_SECONDS - 60
        for leftover in folder.glob("*.partial*"):
            os.utime(leftover, (old, old))
        running = folder / "m-20261206T090000Z.db.partial"  # another backup, still writing
        running.write_bytes(b"being written")
        ws.backups.backup_now()
    assert sorted(p.name for p in folder.glob("*.partial*")) == [running.name]
