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


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Renames the file (and its -wal/-shm) to ``NAME.corrupt-<UTC stamp>``; bytes unchanged."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    seq = 2
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{seq}")
        seq += 1
    path.rename(target)
    for suffix in _SIDECARS:
        side = Path(f"{path}{suffix}")
        if side.exists():
            side.rename(Path(f"{target}{suffix}"))
    return target


def write_from_backup(backup: Path, path: Path) -> None:
    """Creates ``path`` (absent) with the backup's content, through the backup API.

    Written under a ``.partial`` name and renamed, so a crash leaves no half file at
    ``path``; 0600 from its first byte. Raises a StoreError for a file that is not a
    MentorDesk backup.
    """
    source = connect_copy(backup)
    partial = Path(f"{path}.partial")
    partial.unlink(missing_ok=True)
    try:
        target = connect_copy(partial, create=True)
        try:
            source.backup(target)
            target.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        finally:
            target.close()
        partial.rename(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    if os.name == "posix":
        path.chmod(0o600)
