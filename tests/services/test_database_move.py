"""Moving the open database out of an unsafe folder: checked copy first, never a loss."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from mentordesk.appdata import known_databases, storage_location
from mentordesk.domain.models import Mentee, Note
from mentordesk.services import Workspace
from mentordesk.services.database_move import (
    MoveRefused,
    copy_for_move,
    finish_move,
    move_database,
    plan_move,
)

LOCAL = "/dev/sda1 / ext4 rw 0 0\n"  # the mount table: everything on a local disk


@pytest.fixture
def synced(tmp_path: Path) -> Workspace:
    """A workspace in a Dropbox folder, with its latest commits still in the -wal."""
    path = tmp_path / "Dropbox" / "mentordesk.db"
    path.parent.mkdir()
    ws = Workspace.open(path)
    for name in ("Ana", "Bo"):
        mentee = ws.save_mentee(Mentee(name, "Europe/Lisbon"))
        assert mentee.id is not None
        ws.save_note(Note(mentee.id, f"{name} wants to lead the platform team."))
    yield ws
    ws.close()


def _contents(ws: Workspace) -> tuple[list[str], list[str]]:
    mentees = sorted(m.name for m in ws.list_mentees())
    bodies = sorted(ws.notes.get(i).body for i in ws.notes.ids())
    return mentees, bodies


def _side_files(path: Path) -> list[Path]:
    return [Path(f"{path}{s}") for s in ("", "-wal", "-shm", ".lock")]


def test_the_move_keeps_every_row_and_leaves_nothing_behind(
    synced: Workspace, tmp_path: Path
) -> None:
    old = synced.path
    assert Path(f"{old}-wal").stat().st_size > 0  # the newest rows are only in the -wal
    before = _contents(synced)
    known_databases.remember(old, key_backend="Test Keyring")
    dropbox = storage_location.Risk("sync", "Dropbox", old.parent)
    storage_location.remember_choice(old, dropbox, "later")
    assert not storage_location.should_warn(old, dropbox)

    result = move_database(synced, tmp_path / "Local" / "MentorDesk", mounts=LOCAL)

    new = tmp_path / "Local" / "MentorDesk" / "mentordesk.db"
    assert result.path == new == synced.path
    assert [p for p in _side_files(old) if p.exists()] == []
    assert result.left_behind == []
    assert _contents(synced) == before  # the same object, working on the new file
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert stat.S_IMODE(new.parent.stat().st_mode) == 0o700
    with sqlite3.connect(new) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # The record of known databases follows the file; the old path is forgotten.
    assert known_databases.lookup(old) is None
    moved = known_databases.lookup(new)
    assert moved is not None and moved.key_backend == "Test Keyring"
    assert storage_location.should_warn(old, dropbox)  # a new file there is asked anew

    synced.save_mentee(Mentee("Cy", "Asia/Tokyo"))  # writes land in the new place
    synced.close()
    # A start with the old --db opens the moved file, not a new, empty one in Dropbox.
    with Workspace.open(old) as again:
        assert again.path == new
        assert _contents(again)[0] == ["Ana", "Bo", "Cy"]
    assert not old.exists()


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("same", "already in"),
        ("taken", "already a file called mentordesk.db"),
        ("file", "is a file, not a folder"),
        ("synced", "is not safe either"),
    ],
)
def test_a_refused_move_changes_nothing(
    synced: Workspace, tmp_path: Path, where: str, said: str
) -> None:
    old = synced.path
    folder = {
        "same": old.parent,
        "taken": tmp_path / "elsewhere",
        "file": tmp_path / "a-file",
        "synced": tmp_path / "OneDrive - Contoso" / "MentorDesk",
    }[where]
    if where == "taken":
        folder.mkdir()
        (folder / "mentordesk.db").write_text("someone else's")
    if where == "file":
        folder.write_text("")
    before = _contents(synced)
    with pytest.raises(MoveRefused, match=said):
        move_database(synced, folder, mounts=LOCAL)
    assert synced.path == old and _contents(synced) == before
    if where == "taken":
        assert (folder / "mentordesk.db").read_text() == "someone else's"
    assert not (tmp_path / "OneDrive - Contoso").exists()


def test_a_write_during_the_copy_cancels_the_move_and_keeps_the_write(
    synced: Workspace, tmp_path: Path
) -> None:
    plan = plan_move(synced, tmp_path / "Local", mounts=LOCAL)
    copy_for_move(plan)
    synced.save_mentee(Mentee("Late", "UTC"))  # typed while the copy was being made
    with pytest.raises(MoveRefused, match="changed while it was being copied"):
        finish_move(synced, plan)
    assert not plan.destination.exists()
    assert synced.path == plan.source
    assert "Late" in _contents(synced)[0]


def test_a_copy_that_fails_to_open_is_removed_and_the_original_reopened(
    synced: Workspace, tmp_path: Path
) -> None:
    plan = plan_move(synced, tmp_path / "Local", mounts=LOCAL)
    copy_for_move(plan)
    data = plan.destination.read_bytes()  # damaged on the way, e.g. a failing disk
    plan.destination.write_bytes(b"\0" * 100 + data[100:])
    before = _contents(synced)
    with pytest.raises(MoveRefused, match="could not be opened"):
        finish_move(synced, plan)
    assert [p for p in _side_files(plan.destination) if p.exists()] == []
    assert synced.path == plan.source and _contents(synced) == before
    synced.save_mentee(Mentee("Still", "UTC"))  # the original is open for writing again


def test_a_copy_that_cannot_be_written_leaves_no_partial_file(
    synced: Workspace, tmp_path: Path
) -> None:
    plan = plan_move(synced, tmp_path / "Local", mounts=LOCAL)
    plan.destination.parent.rmdir()  # the folder went away (an unplugged disk)
    with pytest.raises(MoveRefused, match="Could not write to"):
        copy_for_move(plan)
    assert not plan.destination.parent.exists()
    assert synced.path == plan.source and synced.list_mentees()


def test_a_copy_cut_short_earlier_does_not_block_the_next_move(
    synced: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "Local"
    folder.mkdir()
    (folder / "mentordesk.db.partial").write_bytes(b"half a copy from a quit mid-move")
    result = move_database(synced, folder, mounts=LOCAL)
    assert result.path == folder / "mentordesk.db"
    assert not (folder / "mentordesk.db.partial").exists()
    assert _contents(synced)[0] == ["Ana", "Bo"]


def test_an_encrypted_database_moves_encrypted_and_its_key_follows_it(
    synced: Workspace, tmp_path: Path
) -> None:
    from mentordesk.appdata import keystore
    from mentordesk.services import encryption
    from mentordesk.store import connection

    old = synced.path
    encryption.enable(synced)
    key = synced.db.key
    before = _contents(synced)

    result = move_database(synced, tmp_path / "Local", mounts=LOCAL)

    new = result.path
    assert _contents(synced) == before and synced.db.key == key
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(new).execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert b"platform team" not in new.read_bytes()
    assert keystore.load_key(new) == key and keystore.load_key(old) is None
    moved = known_databases.lookup(new)
    assert moved is not None and moved.encrypted and moved.key_store == "keyring"
    synced.close()
    connection._KEYS.clear()  # a restart: the key comes from the keyring at its new path
    with Workspace.open(new, key=encryption.key_for_opening(new)) as again:
        assert _contents(again) == before
