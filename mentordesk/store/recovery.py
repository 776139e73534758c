"""The file-level work of recovering a damaged database (no Qt): what is wrong with it,
setting it aside untouched, and writing a backup's content as the new live file.

Call these only while this process has no connection to the file (before opening it,
or after closing it): reading it through a plain descriptor would drop SQLite's POSIX
locks of an open connection (see lock.py).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from mentordesk.domain.fault_points import reach
from mentordesk.store.connection import (
    APPLICATION_ID,
    connect_copy,
    connect_second,
    truncation,
)
from mentordesk.store.errors import DatabaseUnreadable, database_errors

_SQLITE_MAGIC = b"SQLite format 3\x00"
_STAMP = "%Y%m%dT%H%M%SZ"
_SIDECARS = ("-wal", "-shm")


def header_problem(path: Path) -> str | None:
    """What a look at the file's size and first 100 bytes shows is wrong, or None."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DatabaseUnreadable(path, f"Cannot read {path}: {exc.strerror}.") from None
    if size == 0:
        return "it is empty (0 bytes)"
    if not header.startswith(_SQLITE_MAGIC):
        return "its first bytes are not an SQLite database header (they were overwritten)"
    if len(header) < 100:
        return f"it is cut short ({size} bytes, less than an SQLite header)"
    return truncation(header, size)


def carries_application_id(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    return header.startswith(_SQLITE_MAGIC) and (
        int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def quick_check(path: Path) -> list[str]:
    """``PRAGMA quick_check`` on a connection of its own (any thread); empty when healthy."""
    conn = connect_second(path)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
    except database_errors() as exc:
        return [str(exc)]
    finally:
        conn.close()
    if rows == ["ok"]:
        return []
    # One row may hold the whole report, headed "*** in database main ***".
    lines = [line for row in rows for line in row.splitlines() if not line.startswith("***")]
    return lines[:10] or rows[:1]


def _aside_name(path: Path, now: datetime | None) -> Path:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    seq = 2
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{seq}")
        seq += 1
    return target


def _sidecars_aside(path: Path, target: Path) -> None:
    for suffix in _SIDECARS:
        side = Path(f"{path}{suffix}")
        if side.exists():
            side.rename(Path(f"{target}{suffix}"))


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Renames the file (and its -wal/-shm) to ``NAME.corrupt-<UTC stamp>``; bytes unchanged."""
    target = _aside_name(path, now)
    path.rename(target)
    _sidecars_aside(path, target)
    return target


def replace_from_backup(backup: Path, path: Path, now: datetime | None = None) -> Path | None:
    """Puts the backup's content at ``path``, keeping what was there (with its -wal/-shm)
    as ``NAME.corrupt-<UTC stamp>``, bytes unchanged; returns that name (None when
    nothing was there).

    The new file is written whole beside it first, the old one gets its second name (a hard
    link), and the new one is renamed over ``path``: killed at any moment, ``path`` holds the
    old file or the new one, never nothing or half. Raises a StoreError for a file that is
    not a MentorDesk backup (nothing changed then).
    """
    partial = write_partial(backup, path)
    if not path.exists():
        partial.rename(path)
        return None
    target = _aside_name(path, now)
    try:
        os.link(path, target)
    except OSError:  # no hard links here (FAT, some network drives): rename, then rename
        target = move_aside(path, now)
        reach("restore.set-aside")
        partial.rename(path)
        return target
    _sidecars_aside(path, target)
    reach("restore.set-aside")
    os.replace(partial, path)
    return target


def write_partial(backup: Path, path: Path) -> Path:
    """``path.partial``: the backup's content, whole, through the backup API; 0600 from
    its first byte. Raises a StoreError for a file that is not a MentorDesk backup."""
    source = connect_copy(backup)
    partial = Path(f"{path}.partial")
    partial.unlink(missing_ok=True)  # a killed run's
    try:
        target = connect_copy(partial, create=True)
        try:
            source.backup(target)
            target.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        finally:
            target.close()
        if os.name == "posix":
            partial.chmod(0o600)
        reach("restore.written")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return partial
