"""Restoring a backup into the live database (no Qt).

The backup is copied through the backup API on the open connection, so the file is never
swapped under a connection and every connection (and the same ``Database``) sees the
restored content. The state before is written as a checked backup first.
"""

from __future__ import annotations

from pathlib import Path

from mentordesk.domain.fault_points import reach
from mentordesk.store.backup import BackupFailed, integrity_problems, write_backup
from mentordesk.store.connection import (
    APPLICATION_ID,
    applied_migrations,
    connect_copy,
    key_of,
    restrict_permissions,
)
from mentordesk.store.database import Database
from mentordesk.store.errors import BadDatabasePath, DatabaseCorrupt, database_errors
from mentordesk.store.schema import MIGRATION_NAMES


def restore_from(db: Database, backup_path: Path | str, backups_folder: Path | str) -> Path:
    """Replaces ``db``'s content with the backup's; returns the safety backup of the state
    before, written to ``backups_folder`` first (``NAME-...Z.damaged.db`` when the current
    state fails its check: restoring is then the repair, and the copy is kept anyway).

    The backup is checked before anything is written: a file that is not MentorDesk's,
    is newer than this version, or fails ``integrity_check`` is refused (StoreError) and
    the live database is left untouched. An older backup is migrated after the copy.
    """
    backup_path = Path(backup_path).expanduser()
    if db.readonly:
        raise BackupFailed(db.path, f"{db.path.name} is open read-only; it cannot be restored.")
    if not backup_path.is_file():
        raise BadDatabasePath(backup_path, f"{backup_path} does not exist or is not a file.")
    if backup_path.resolve() == db.path.resolve():
        raise BadDatabasePath(backup_path, f"{backup_path.name} is the open database itself.")
    source = connect_copy(backup_path)
    try:
        if key_of(source) != key_of(db.conn):
            # The backup API copies pages as they are: it cannot encrypt or decrypt.
            raise BackupFailed(
                db.path,
                f"{backup_path.name} is {'' if key_of(source) else 'not '}encrypted, unlike"
                f" {db.path.name} — it cannot be restored into it; {db.path.name} was not"
                " changed.",
            )
        problems = integrity_problems(source)
        if problems:
            raise DatabaseCorrupt(
                backup_path,
                f"{backup_path.name} is damaged ({problems[0]}) — choose another backup;"
                f" {db.path.name} was not changed.",
            )
        safety = write_backup(db.conn, db.path, Path(backups_folder), True, keep_damaged=True).path
        reach("restore.safety-written")
        try:
            # One step (pages=-1) is one write transaction: all of it or, on error, nothing.
            source.backup(db.conn)
        except database_errors() as exc:
            raise BackupFailed(
                db.path,
                f"Could not restore {backup_path.name}: {exc}. {db.path.name} was not changed;"
                f" the backup taken just before is {safety}.",
            ) from None
    finally:
        source.close()
    reach("restore.copied")
    if [n for n in MIGRATION_NAMES if n not in applied_migrations(db.conn)]:
        from mentordesk.store.migrations import apply_pending

        apply_pending(db.conn)
    if db.conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # an early file's copy
    reach("restore.migrated")
    db.checkpoint()
    restrict_permissions(db.path)
    return safety
