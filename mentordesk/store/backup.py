"""Backups of a MentorDesk database, and restoring one into the live file (no Qt).

A backup is written with SQLite's online backup API after a WAL checkpoint, into
``FOLDER/NAME-YYYYmmddTHHMMSSZ.db``, NAME being the database's full file name (``-2``,
``-3``... when two land in the same second). It is written under a ``.partial`` name,
checked with ``PRAGMA integrity_check``, and only then renamed; a copy that fails its
check is deleted. Files are 0600 and a folder this module creates is 0700, whatever the
umask.

Restoring a backup into the live file is ``store/restore.py``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from mentordesk.domain.backup_policy import DEFAULT_SIZE_CAP, BackupInfo, ThinResult, keep
from mentordesk.domain.fault_points import reach
from mentordesk.store.backup_folder import (
    FOLDER_SUFFIX,
    PARTIAL,
    private_folder,
    remove_stale_partials,
)
from mentordesk.store.connection import (
    connect_copy,
    connect_second,
    key_of,
)
from mentordesk.store.database import Database
from mentordesk.store.errors import (
    BadDatabasePath,
    NotAMentorDeskDatabase,
    StoreError,
    database_errors,
)

_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<name>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<seq>[2-9]|[1-9]\d+))?\.db$")


class BackupFailed(StoreError):
    """A backup could not be written, or failed its check; nothing was left behind."""


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    #: The live file's state just before the copy (see ``source_state``).
    source_state: dict[str, Any]


def source_state(db_path: Path) -> dict[str, Any]:
    """What a committed change to ``db_path`` alters, read without opening the database.

    A commit in WAL mode appends frames to the -wal (its size grows) or restarts it (its
    header's salts change); frames reach the main file only through a checkpoint, which
    changes its modification time. Equal states mean no commit in between, across restarts
    and other processes; a checkpoint with nothing left to copy, or closing the last
    connection after one, changes nothing. (On file systems with one- or two-second
    timestamps a change checkpointed in the same second as the backup could be missed;
    ext4, APFS and NTFS record nanoseconds.) The main file is only stat()ed: closing a
    descriptor of it would drop the POSIX locks SQLite holds on it in this process.
    """
    main = db_path.stat()
    wal_size, wal_header = 0, b""
    with contextlib.suppress(FileNotFoundError), Path(f"{db_path}-wal").open("rb") as fh:
        wal_size = os.fstat(fh.fileno()).st_size
        wal_header = fh.read(32) if wal_size else b""
    return {
        "inode": main.st_ino,
        "size": main.st_size,
        "mtime_ns": main.st_mtime_ns,
        "wal_size": wal_size,
        "wal_header": wal_header.hex(),
    }


def _claim(
    folder: Path, name: str, moment: datetime, key: bytes | None
) -> tuple[Path, sqlite3.Connection]:
    """A free backup name and a new .partial file for it (ours alone: O_EXCL), encrypted
    with ``key`` (the live database's) when it is given."""
    base = f"{name}-{moment.astimezone(UTC).strftime(_STAMP)}"
    seq = 1
    while True:
        final = folder / (f"{base}.db" if seq == 1 else f"{base}-{seq}.db")
        seq += 1
        if final.exists():
            continue
        try:
            return final, connect_copy(Path(f"{final}{PARTIAL}"), create=True, key=key)
        except FileExistsError:
            continue


def fsync_path(path: Path) -> None:
    """Flushes a file, or a folder (so a rename in it survives a power cut)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    except database_errors() as exc:  # damaged past what the check can walk
        return [str(exc)]
    if rows == ["ok"]:
        return []
    # One row may hold the whole report, headed "*** in database main ***".
    lines = [line for row in rows for line in row.splitlines() if not line.startswith("***")]
    return lines[:10] or rows[:1]


def file_problems(path: Path) -> list[str]:
    """``integrity_check`` of a backup file; raises a StoreError if it is not MentorDesk's."""
    conn = connect_copy(path)
    try:
        return integrity_problems(conn)
    finally:
        conn.close()


def write_backup(
    conn: sqlite3.Connection,
    db_path: Path,
    folder: Path,
    checkpoint: bool,
    keep_damaged: bool = False,
) -> Backup:
    folder = private_folder(Path(folder).expanduser())
    remove_stale_partials(folder, db_path)
    try:
        if checkpoint:
            # TRUNCATE leaves an empty -wal, so the next commit shows in ``source_state``.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        state = source_state(db_path)
        final, target = _claim(folder, db_path.name, datetime.now(UTC), key_of(conn))
        reach("backup.claimed")
    except (*database_errors(), OSError) as exc:
        raise BackupFailed(db_path, f"Could not back up {db_path.name}: {exc}.") from None
    partial = Path(f"{final}{PARTIAL}")
    try:
        try:
            problems = _copy_into(conn, target, partial)
        except NotAMentorDeskDatabase:
            raise BackupFailed(
                db_path, f"{db_path.name} is not a MentorDesk database — no backup was written."
            ) from None
        reach("backup.copied")
        if problems and keep_damaged:
            # Before a restore over a damaged file: its state is still the only copy of
            # what it holds, so it is kept, under a name no list of backups shows.
            final = final.with_name(final.name.removesuffix(".db") + ".damaged.db")
        elif problems:
            raise BackupFailed(
                db_path,
                f"The backup of {db_path.name} failed its check ({problems[0]}) and was deleted"
                f" — {db_path.name} itself may be damaged: run 'mentordesk check'.",
            )
        _seal(partial, final)
        reach("backup.sealed")
    except (*database_errors(), OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupFailed(
            db_path, f"Could not write a backup of {db_path.name} to {folder}: {exc}."
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Backup(final, state)


def _copy_into(conn: sqlite3.Connection, target: sqlite3.Connection, partial: Path) -> list[str]:
    """Copies ``conn``'s database into ``target`` (a new file at ``partial``) and closes it;
    the copy's integrity problems. Raises a StoreError when the copy is not MentorDesk's."""
    try:
        conn.backup(target)
        # The copy carries the source's WAL flag; one self-contained file is easier to
        # keep, copy and check.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    try:
        return file_problems(partial)
    except NotAMentorDeskDatabase:
        raise
    except StoreError as exc:
        return [exc.message]


def _seal(partial: Path, final: Path) -> None:
    """Puts a checked copy in place under its final name, on disk before it is named."""
    partial.chmod(0o600)
    fsync_path(partial)
    partial.rename(final)
    if os.name == "posix":  # the rename itself survives a power cut
        fsync_path(final.parent)


def copy_checked(source: Path | str, destination: Path | str) -> None:
    """Writes a checked copy of the live database ``source`` at ``destination`` (a file
    that must not exist yet), e.g. to move the database: through the backup API on a
    connection of its own (any thread may call it), ``integrity_check``ed, 0600, on disk.
    Raises BackupFailed, with nothing left at ``destination``, when any step fails."""
    source, destination = Path(source), Path(destination)
    partial = Path(f"{destination}{PARTIAL}")
    conn = connect_second(source)
    try:
        try:
            # Left by a copy cut short (the app quit meanwhile); the file it was for is
            # not there, so nothing depends on it.
            partial.unlink(missing_ok=True)
            target = connect_copy(partial, create=True, key=key_of(conn))
        except OSError as exc:
            raise BackupFailed(
                source, f"Could not write to {destination.parent}: {exc.strerror or exc}."
            ) from None
        try:
            problems = _copy_into(conn, target, partial)
            if problems:
                raise BackupFailed(
                    source,
                    f"The copy of {source.name} failed its check ({problems[0]}) and was"
                    f" deleted; {source.name} was not changed.",
                )
            if destination.exists():  # appeared while copying: never replaced
                raise BackupFailed(
                    source, f"{destination} appeared while copying; nothing was replaced."
                )
            _seal(partial, destination)
        except (*database_errors(), OSError) as exc:
            partial.unlink(missing_ok=True)
            detail = getattr(exc, "strerror", None) or exc
            raise BackupFailed(
                source, f"Could not copy {source.name} to {destination.parent}: {detail}."
            ) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    finally:
        conn.close()


def make_backup(source: Database | Path | str, folder: Path | str) -> Backup:
    """``backup_to`` that also returns the live file's state at the moment of the copy.

    Given a path, it opens a connection of its own (``connect_second``): any thread can
    call it, beside the app's open ``Database``. A file that is not MentorDesk's fails as
    BackupFailed, with nothing left behind.
    """
    if isinstance(source, Database):
        # A read-only connection cannot checkpoint; the backup API still copies the WAL's
        # committed frames, so the backup is complete either way.
        return write_backup(source.conn, source.path, Path(folder), checkpoint=not source.readonly)
    path = Path(source).expanduser()
    if not path.is_file() or path.stat().st_size == 0:
        raise BadDatabasePath(path, f"{path} does not exist or is empty — nothing to back up.")
    # No writer lock and no migrations: the online backup API is safe beside a writer, so
    # this works from a worker thread of the app that holds the lock.
    conn = connect_second(path)
    try:
        return write_backup(conn, path, Path(folder), checkpoint=True)
    finally:
        conn.close()


def backup_to(source: Database | Path | str, folder: Path | str) -> Path:
    """Writes a checked backup of ``source`` (an open Database, or the live file's path)
    into ``folder``; returns its path. Raises BackupFailed (nothing left) when it fails."""
    return make_backup(source, folder).path


def _parse(path: Path) -> tuple[str, datetime, int] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    moment = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    return match["name"], moment, int(match["seq"] or 1)


def _belongs(backup_name: str, folder: Path, names: tuple[str, ...] | None) -> bool:
    if names is None or backup_name in names:
        return True
    # Asked by stem (as earlier versions named backups): "m.db-<stamp>.db" in m.db's own
    # folder is m.db's, and no other file's backups are ever written there.
    return folder.name == f"{backup_name}{FOLDER_SUFFIX}" and Path(backup_name).stem in names


def list_backups(folder: Path | str, name: str | tuple[str, ...] | None = None) -> list[BackupInfo]:
    """The backups in ``folder`` (of the database file called ``name``, or any of the names
    given, if given), newest first.

    The time is the one in the file name (copying a file changes its modification time).
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        return []
    names = (name,) if isinstance(name, str) else name
    found: list[tuple[datetime, int, BackupInfo]] = []
    for entry in folder.iterdir():
        parsed = _parse(entry)
        if parsed is None or not _belongs(parsed[0], folder, names):
            continue
        try:
            size = entry.stat().st_size
        except FileNotFoundError:  # removed meanwhile
            continue
        if entry.is_file():
            found.append((parsed[1], parsed[2], BackupInfo(entry, parsed[1], size)))
    found.sort(key=lambda f: (f[0], f[1]), reverse=True)
    return [f[2] for f in found]


def thin(
    folder: Path | str,
    now: datetime,
    cap: int = DEFAULT_SIZE_CAP,
    *,
    zone: tzinfo,
    name: str | tuple[str, ...] | None = None,
) -> ThinResult:
    """Deletes the backups the policy drops (``mentordesk.domain.backup_policy``)."""
    result = keep(list_backups(folder, name)[::-1], now, cap, zone=zone)
    for backup in result.drop:
        backup.path.unlink(missing_ok=True)
    return result
