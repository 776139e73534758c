"""Each database keeps its own backups folder (issue 15, item 2): ``m.db`` and ``m.sqlite``
beside each other never share, thin or restore each other's backups, and the ``m-backups/``
folder of earlier versions is taken over by the one database of that stem, or read
alongside (and never thinned) while several share it."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from mentordesk.services.recovery import newest_good_backup
from tests.seeded import mentee_names, seeded


def _old_shared_folder(tmp_path: Path, source: Path, stamps: list[str]) -> Path:
    """``m-backups/`` as an earlier version left it: ``m-<stamp>.db`` files."""
    folder = tmp_path / "m-backups"
    folder.mkdir(mode=0o700)
    with Workspace.open(source) as ws:
        made = ws.backups.backup_now(tmp_path / "made")
    for stamp in stamps:
        shutil.copy(made, folder / f"m-{stamp}.db")
    return folder


def test_two_databases_with_one_stem_keep_separate_backups(tmp_path: Path) -> None:
    db, sqlite = seeded(tmp_path / "m.db", "Ana"), seeded(tmp_path / "m.sqlite", "Bo")
    with Workspace.open(db) as ws:
        mine = ws.backups.backup_now()
    with Workspace.open(sqlite) as ws:
        theirs = ws.backups.backup_now()
        # Thinning everything the policy allows away touches only m.sqlite's own folder.
        ws.backups.thin(now=datetime(2099, 1, 1, tzinfo=UTC))
        assert [b.path for b in ws.backups.list()] == [theirs]

    assert mine.parent == tmp_path / "m.db-backups" and mine.name.startswith("m.db-")
    assert theirs.parent == tmp_path / "m.sqlite-backups" and theirs.name.startswith("m.sqlite-")
    assert mine.is_file()
    with Workspace.open(db) as ws:
        assert [b.path for b in ws.backups.list()] == [mine]
    assert not (tmp_path / "m-backups").exists()


def test_an_old_shared_folder_is_still_read_and_never_thinned(tmp_path: Path) -> None:
    db, sqlite = seeded(tmp_path / "m.db", "Ana"), seeded(tmp_path / "m.sqlite", "Bo")
    old = _old_shared_folder(tmp_path, db, ["20250101T090000Z", "20250102T090000Z"])
    before = sorted(p.name for p in old.iterdir())

    with Workspace.open(db) as ws:
        new = ws.backups.backup_now()
        ws.backups.thin(now=datetime(2099, 1, 1, tzinfo=UTC))
        listed = [b.path for b in ws.backups.list()]
    with Workspace.open(sqlite) as ws:
        assert old / "m-20250102T090000Z.db" in [b.path for b in ws.backups.list()]

    # Shared with m.sqlite: not renamed, read alongside, nothing of it deleted.
    assert sorted(p.name for p in old.iterdir()) == before
    assert new.parent == tmp_path / "m.db-backups"
    assert listed[1:] == [old / "m-20250102T090000Z.db", old / "m-20250101T090000Z.db"]
    # Recovery finds them too: with its own folder gone, the newest old one is offered.
    shutil.rmtree(new.parent)
    found = newest_good_backup(db)
    assert found is not None and found.path == old / "m-20250102T090000Z.db"


def test_an_old_folder_of_one_database_is_taken_over(tmp_path: Path) -> None:
    db = seeded(tmp_path / "m.db", "Ana")
    _old_shared_folder(tmp_path, db, ["20250101T090000Z"])
    (tmp_path / "made").rename(tmp_path / "elsewhere")  # not beside it: no other database

    with Workspace.open(db) as ws:
        # Before any new backup, the old folder is read where it is.
        assert [b.path.name for b in ws.backups.list()] == ["m-20250101T090000Z.db"]
        new = ws.backups.backup_now()
        listed = [b.path for b in ws.backups.list()]
        assert not ws.backups.changed_since_last()

    own = tmp_path / "m.db-backups"
    assert not (tmp_path / "m-backups").exists() and own.is_dir()
    assert listed == [new, own / "m-20250101T090000Z.db"]
    assert os.stat(own).st_mode & 0o777 == 0o700


def test_restore_from_an_old_shared_folder_keeps_the_safety_copy_apart(tmp_path: Path) -> None:
    db, _ = seeded(tmp_path / "m.db", "Ana"), seeded(tmp_path / "m.sqlite", "Bo")
    old = _old_shared_folder(tmp_path, db, ["20250101T090000Z"])
    with Workspace.open(db) as ws:
        ws.save_mentee(Mentee(name="Cy", time_zone="Europe/London"))
        safety = ws.backups.restore(old / "m-20250101T090000Z.db")
    assert mentee_names(db) == {"Ana"}
    assert safety.parent == tmp_path / "m.db-backups"
    assert sorted(p.name for p in old.iterdir()) == ["m-20250101T090000Z.db"]


def test_an_encrypted_looking_neighbour_keeps_the_old_folder_shared(tmp_path: Path) -> None:
    db = seeded(tmp_path / "m.db", "Ana")
    (tmp_path / "m.sqlite").write_bytes(os.urandom(4096 * 3))  # ciphertext, never recorded
    _old_shared_folder(tmp_path, db, ["20250101T090000Z"])
    with Workspace.open(db) as ws:
        ws.backups.backup_now()
    assert (tmp_path / "m-backups" / "m-20250101T090000Z.db").is_file()  # not taken over
