"""A symlink, a hard link and the file itself are one database (issue 15, item 7): they
share the one-writer lock, the record of known databases and the backups folder, and the
link stays a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mentordesk import cli
from mentordesk.appdata import known_databases
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.services.errors import DatabaseInUse
from mentordesk.store.lock import inode_locks_folder


def _real(tmp_path: Path) -> Path:
    real = tmp_path / "real" / "m.db"
    real.parent.mkdir()
    with Workspace.open(real) as ws:
        ws.save_mentee(Mentee(name="Ana", time_zone="Europe/London"))
    return real


def test_a_symlinked_path_and_its_target_share_one_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = _real(tmp_path)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    linked_folder = tmp_path / "linked"
    linked_folder.symlink_to(real.parent, target_is_directory=True)
    with Workspace.open(real):
        for other in (link, linked_folder / "m.db"):
            with pytest.raises(DatabaseInUse):
                Workspace.open(other)
        assert cli.run(["backup", "--db", str(link)]) == 3
        assert "already open" in capsys.readouterr().err
    with Workspace.open(link) as ws:
        assert ws.path == real
        ws.save_mentee(Mentee(name="Bo", time_zone="Europe/London"))
        with pytest.raises(DatabaseInUse):
            Workspace.open(real)
        backup = ws.backups.backup_now()
    assert link.is_symlink() and backup.parent == real.with_name("m.db-backups")
    assert not list(tmp_path.glob("link.db?*"))  # no sidecar beside the link
    assert known_databases.lookup(link) == known_databases.lookup(real)


def test_a_hard_link_shares_the_lock_and_the_record(tmp_path: Path) -> None:
    real = _real(tmp_path)
    hard = tmp_path / "hard.db"
    os.link(real, hard)
    known_databases.remember(real, key_store="keyring")
    with Workspace.open(real), pytest.raises(DatabaseInUse):
        Workspace.open(hard)
    with Workspace.open(hard) as ws:
        ws.save_mentee(Mentee(name="Bo", time_zone="Europe/London"))
        with pytest.raises(DatabaseInUse):
            Workspace.open(real)
    with Workspace.open(real, readonly=True) as ws:
        assert {m.name for m in ws.list_mentees()} == {"Ana", "Bo"}
    # One file, one entry: what is known of it is found under either name.
    known = known_databases.lookup(hard)
    assert known is not None and known.path == str(real) and known.key_store == "keyring"
    assert str(hard) not in known_databases._load(known_databases.record_path())
    folder = inode_locks_folder()
    assert folder is not None and not list(folder.glob(f"*-{real.stat().st_ino}.lock"))


def test_a_new_file_given_a_deleted_files_inode_number_is_not_taken_for_a_hard_link(
    tmp_path: Path,
) -> None:
    # A window keeps a file open that someone then deletes; the file system may give its
    # inode number to the next file made. That new file is not another name of the old one.
    new = _real(tmp_path)
    info = new.stat()
    folder = inode_locks_folder()
    assert folder is not None
    stale = folder / f"{info.st_dev}-{info.st_ino}.lock"
    holder = os.open(stale, os.O_RDWR | os.O_CREAT, 0o600)  # held, as by that window
    try:
        import fcntl

        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(holder, os.fsencode(tmp_path / "deleted.db"))
        with Workspace.open(new) as ws:  # opens: the holder's file is gone
            assert ws.list_mentees()[0].name == "Ana"
        # Where the holder's file still exists under its name as this one, it is this file.
        os.link(new, tmp_path / "other-name.db")
        os.ftruncate(holder, 0)
        os.pwrite(holder, os.fsencode(tmp_path / "other-name.db"), 0)
        with pytest.raises(DatabaseInUse):
            Workspace.open(new)
    finally:
        os.close(holder)
        stale.unlink(missing_ok=True)
