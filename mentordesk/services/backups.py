"""Backups: where they go, whether one is due, thinning,
restoring. The SQLite work is ``mentordesk/store/backup.py``; the rules of what to keep are
``mentordesk/domain/backup_policy.py``.

Backups go to ``NAME-backups/`` beside the database, NAME being its full file name
(``mentordesk.db`` -> ``mentordesk.db-backups/``), not to one folder in the user data
folder: a ``--db`` file elsewhere keeps its own backups, a demo file's never mix with the
real one's, ``m.db``'s never with ``m.sqlite``'s, and moving the file together with its
folder keeps the pair. The folder is 0700, its files 0600. The ``STEM-backups/`` folder of
earlier versions is taken over (renamed) when no other database shares the stem, and read
alongside otherwise (see ``store/backup_folder.py``).

Whether the data changed since the last backup is judged from the database file's state
(see ``store.backup.source_state``), recorded in ``.last-backup.json`` in that folder when a
backup is written there. Nothing is written into the database for it, since that write
would itself be a change; and the file state, unlike a connection's change counter or
``PRAGMA data_version``, survives restarts and sees changes made by other processes (the CLI).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mentordesk.domain.backup_policy import DEFAULT_SIZE_CAP, BackupInfo, ThinResult
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.fault_points import reach
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.mentor import MentorSettings
from mentordesk.store import backup as store
from mentordesk.store import backup_folder as folders
from mentordesk.store.database import Database
from mentordesk.store.restore import restore_from

log = logging.getLogger(__name__)

MARKER = ".last-backup.json"
#: The settings key of the total size the backups may take, in bytes (default 2 GB).
SIZE_CAP_KEY = "backup_size_cap_bytes"


def default_folder(db_path: Path) -> Path:
    """The database's own backups folder: ``m.db`` -> ``m.db-backups/``."""
    return folders.own_folder(db_path)


def shares_stem(db_path: Path) -> bool:
    """Whether another database lies beside ``db_path`` with the same stem (``m.db`` and
    ``m.sqlite``): the ``m-backups/`` folder of earlier versions then held both."""
    try:
        siblings = list(db_path.parent.iterdir())
    except OSError:
        return True  # unknown: never take the folder over on a guess
    return any(
        Path(sibling.name).stem == db_path.stem
        and not sibling.name.startswith(db_path.name)  # its -wal, .lock, backups folder
        and _is_other_database(sibling, db_path)
        for sibling in siblings
    )


def _is_other_database(candidate: Path, db_path: Path) -> bool:
    from mentordesk.appdata import known_databases

    try:
        if not candidate.is_file() or (db_path.exists() and candidate.samefile(db_path)):
            return False  # a hard link is the same database (its header is not read: that
            # descriptor's close would drop the POSIX locks SQLite holds on it)
        with candidate.open("rb") as fh:
            if fh.read(16) == b"SQLite format 3\x00":
                return True
        # Encrypted, no plain header: recorded, or sized in whole pages as SQLCipher's
        # files are (a stranger's file counted wrongly only keeps the old folder read).
        size = candidate.stat().st_size
        return known_databases.lookup(candidate) is not None or (size > 0 and size % 512 == 0)
    except OSError:
        return False


def backups_of(db_path: Path) -> list[BackupInfo]:
    """Every backup of ``db_path``, newest first: its own folder's, and those of the
    ``STEM-backups/`` folder of earlier versions while it is still there (shared with
    another database of that stem, so whose is unknown)."""
    found = store.list_backups(
        default_folder(db_path), folders.owned_names(default_folder(db_path), db_path)
    )
    old = shared_stem_folder(db_path)
    if old is not None:
        found += store.list_backups(old, db_path.stem)
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def shared_stem_folder(db_path: Path) -> Path | None:
    """The ``STEM-backups/`` folder of earlier versions, when it is still read alongside."""
    old = folders.stem_folder(db_path)
    return old if old is not None and old.is_dir() else None


def _target(db_path: Path, folder: Path | str | None) -> tuple[Path, bool]:
    """The folder to write into, and whether it is the database's own backups folder."""
    own = default_folder(db_path)
    if folder is None and shared_stem_folder(db_path) is not None:
        folders.take_over_stem_folder(db_path, shares_stem(db_path))
    target = own if folder is None else Path(folder).expanduser()
    is_own = target == own or (target.exists() and own.exists() and target.samefile(own))
    if is_own:
        if not own.exists():
            own.mkdir(parents=True, mode=0o700)
        if own.stat().st_mode & 0o077:
            own.chmod(0o700)  # ours by name: private whatever made it
    return target, is_own


def _record(folder: Path, made: store.Backup) -> None:
    marker = folder / MARKER
    partial = folder / f"{MARKER}.partial"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"backup": made.path.name, "state": made.source_state}, fh)
    partial.replace(marker)


def _read(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def backup_through(db: Database, folder: Path | str | None = None) -> Path:
    """A checked backup through the open connection ``db`` (call on its thread): for a
    whole-file operation that holds the connection (encryption backs up before rewriting)."""
    return _write(db, db.path, folder)


def _write(source: Database | Path, db_path: Path, folder: Path | str | None) -> Path:
    target, is_own = _target(db_path, folder)
    made = store.make_backup(source, target)
    if is_own:
        _record(target, made)
        reach("backup.recorded")
    _log_made(made.path)
    return made.path


def _log_made(path: Path) -> None:
    with contextlib.suppress(OSError):
        log.info("backup written: %s (%d bytes)", path.name, path.stat().st_size)


#: The smallest cap accepted: below it, the size rule would delete most of a year's history.
MIN_SIZE_CAP = 100 * 1024**2


class Backups:
    """The open database's backups. ``refresh`` recomputes zone-derived times after a
    restore (the restored file may have been written under other zone rules)."""

    def __init__(
        self,
        db: Database,
        mentor: MentorSettings,
        refresh: Callable[[], object],
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.db = db
        self.mentor = mentor
        self.refresh = refresh

    def backup_now(self, folder: Path | str | None = None) -> Path:
        """A checked backup of the open file, written through a connection of its own
        (``store.make_backup`` by path, never this workspace's connection): any thread may
        call it while the workspace is in use — the window calls it on a worker thread."""
        made = _write(self.db.path, self.db.path, folder)
        self.feed.report(Changes.of(Kind.BACKUPS))
        return made

    def list(self) -> list[BackupInfo]:
        """This database's backups, newest first (``backups_of``)."""
        return backups_of(self.db.path)

    def restore(self, path: Path | str) -> Path:
        """Backs up the current state, then copies ``path`` into the open database; returns
        the safety backup. Refuses (StoreError, nothing changed) a file that is not a
        healthy MentorDesk database."""
        folder, _ = _target(self.db.path, None)
        safety = restore_from(self.db, path, folder)
        self.refresh()
        self.feed.report(Changes.everything())
        return safety

    def changed_since_last(self) -> bool:
        """True unless the newest backup in the backups folder holds the database as it is
        now."""
        folder = default_folder(self.db.path)
        marker = _read(folder)
        if marker is None or not (folder / str(marker.get("backup", ""))).is_file():
            return True
        try:
            return bool(marker.get("state") != store.source_state(self.db.path))
        except FileNotFoundError:
            return True

    def size_cap(self) -> int:
        """The total size the backups may take, in bytes (default 2 GB)."""
        try:
            return int(self.mentor.repo.get_value(SIZE_CAP_KEY, DEFAULT_SIZE_CAP))
        except (TypeError, ValueError):
            return DEFAULT_SIZE_CAP

    def set_size_cap(self, cap_bytes: int) -> None:
        """Raises ValidationError below ``MIN_SIZE_CAP``; thin afterwards to apply it."""
        if cap_bytes < MIN_SIZE_CAP:
            raise ValidationError(
                "backup_size_cap",
                f"Keep at least {MIN_SIZE_CAP // 1024**2} MB of backups — a smaller cap would"
                " delete most of their history.",
            )
        self.mentor.repo.set_values({SIZE_CAP_KEY: int(cap_bytes)})

    def thin(self, now: datetime | None = None) -> ThinResult:
        """Deletes the backups the policy no longer keeps, counting days in the mentor's
        zone."""
        own = default_folder(self.db.path)
        # Only its own folder: a folder shared with another database of the same stem
        # holds backups that may be the other's, and those are never deleted here.
        return store.thin(
            own,
            now or datetime.now(UTC),
            self.size_cap(),
            zone=self.mentor.zone(),
            name=folders.owned_names(own, self.db.path),
        )
