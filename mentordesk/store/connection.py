"""The one place a database connection is made (SQLCipher will plug in here).

Before anything is written, the file is inspected: a file that is not SQLite,
belongs to another application, or was migrated by a newer MentorDesk is
refused untouched (foreign files are read only through ``immutable=1``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from mentordesk.store.errors import (
    BadDatabasePath,
    DatabaseCorrupt,
    DatabaseUnreadable,
    NewerDatabaseError,
    NotAMentorDeskDatabase,
)
from mentordesk.store.schema import MIGRATION_NAMES, MIGRATION_SET

APPLICATION_ID = 0x4D444B31  # "MDK1"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATIONS_TABLE = "_sqlite_migrations"
BUSY_TIMEOUT_MS = 5000


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path.resolve()))}?{query}"


def inspect_file(path: Path) -> bool:
    """Raise if ``path`` must not be opened; True when it is new (absent or empty)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise BadDatabasePath(
                path, f"The folder {path.parent} does not exist — create it or choose another file."
            ) from None
        return True
    except OSError as exc:
        raise DatabaseUnreadable(path, f"Cannot read {path}: {exc.strerror}.") from None
    if size == 0:
        return True
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DatabaseUnreadable(path, f"Cannot read {path}: {exc.strerror}.") from None
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise NotAMentorDeskDatabase(
            path,
            f"{path.name} is not a MentorDesk database (not an SQLite file); it was left as is.",
        )
    app_id = int.from_bytes(header[68:72], "big")
    # A checkpoint cut off by a crash can leave the header ahead of the file; the -wal then
    # still holds those pages and SQLite replays them.
    short = None if _has_wal(path) else truncation(header, size)
    if short and app_id in (0, APPLICATION_ID):
        raise DatabaseCorrupt(path, f"{path.name} is damaged: {short}; it was left as is.")
    if app_id not in (0, APPLICATION_ID):
        raise NotAMentorDeskDatabase(
            path,
            f"{path.name} belongs to another application (application_id {app_id:#x});"
            " it was left as is.",
        )
    if app_id == 0:
        _refuse_foreign_tables(path)
    return False


def _has_wal(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def truncation(header: bytes, size: int) -> str | None:
    """Says how a file is cut short, from its 100-byte header: the header records the page
    size and (while its "valid-for" counter matches the change counter) the page count."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] != header[92:96] or not pages or size >= pages * page_size:
        return None
    return (
        f"it is cut short, {size:,} of the {pages * page_size:,} bytes its header promises"
        " (the end of the file is missing)"
    )


def _refuse_foreign_tables(path: Path) -> None:
    """An SQLite file without our application_id is ours only if it has our migrations."""
    try:
        probe = sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseUnreadable(path, f"Cannot read {path.name}: {exc}.") from None
    try:
        tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        ours = (
            _MIGRATIONS_TABLE in tables
            and probe.execute(
                f"SELECT 1 FROM {_MIGRATIONS_TABLE} WHERE migration_set = ? LIMIT 1",
                (MIGRATION_SET,),
            ).fetchone()
        )
    except sqlite3.DatabaseError as exc:
        raise NotAMentorDeskDatabase(
            path, f"{path.name} is not a readable MentorDesk database ({exc}); it was left as is."
        ) from None
    finally:
        probe.close()
    if tables and not ours:
        raise NotAMentorDeskDatabase(
            path,
            f"{path.name} is an SQLite database of another application; it was left as is."
            " Choose a new file name to start a MentorDesk database.",
        )


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (_MIGRATIONS_TABLE,)
    ).fetchone()
    if not has_table:
        return []
    rows = conn.execute(
        f"SELECT name FROM {_MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,),
    )
    return [r[0] for r in rows]


def _refuse_newer(path: Path, applied: list[str]) -> None:
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise NewerDatabaseError(
            path,
            f"{path.name} was made by a newer MentorDesk (it has the change '{unknown[0]}'"
            " that this version does not know) — update MentorDesk to open it.",
        )


def connect(path: Path, *, readonly: bool = False) -> tuple[sqlite3.Connection, list[str]]:
    """Open ``path`` with MentorDesk's pragmas; returns the connection and pending migrations.

    Creates the file (0600, with our application_id) when it does not exist.
    Migrations are not applied here: see ``migrations.apply_pending``.
    """
    path = Path(path)
    is_new = inspect_file(path)
    if is_new and readonly:
        raise BadDatabasePath(path, f"{path} does not exist — check the path.")
    if is_new and not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        if readonly:
            conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        applied = applied_migrations(conn)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):  # locked, permissions, I/O
            raise DatabaseUnreadable(path, f"Cannot open {path.name}: {exc}.") from None
        raise DatabaseCorrupt(
            path, f"{path.name} is damaged ({exc}) — it was left as is; restore a backup."
        ) from None
    _refuse_newer(path, applied)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    if not readonly:
        if is_new:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        restrict_permissions(path)
    pending = [name for name in MIGRATION_NAMES if name not in applied]
    return conn, pending


def restrict_permissions(path: Path) -> None:
    """The file and its -wal/-shm are 0600 whatever the umask."""
    if os.name != "posix":  # pragma: no cover
        return
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if candidate.stat().st_mode & 0o077:
                candidate.chmod(0o600)
        except FileNotFoundError:
            continue


def connect_copy(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """A plain connection to a backup file: no writer lock, no WAL, no migrations.

    ``create``: a new file, 0600 from its first byte, for the backup API to write into.
    Otherwise the file is opened read-only after the same header checks as ``connect``,
    and must be MentorDesk's (it has our migrations) and no newer than this version.
    """
    path = Path(path)
    if create:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = sqlite3.connect(path, isolation_level=None)
    else:
        if inspect_file(path):
            raise NotAMentorDeskDatabase(path, f"{path.name} is empty — not a MentorDesk file.")
        try:
            conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, isolation_level=None)
            applied = applied_migrations(conn)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise DatabaseUnreadable(path, f"Cannot open {path.name}: {exc}.") from None
            raise DatabaseCorrupt(path, f"{path.name} is damaged ({exc}).") from None
        try:
            if not applied:
                raise NotAMentorDeskDatabase(
                    path, f"{path.name} is an SQLite file but not a MentorDesk database."
                )
            _refuse_newer(path, applied)
        except BaseException:
            conn.close()
            raise
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def connect_second(path: Path) -> sqlite3.Connection:
    """Another connection to a database this process already has open (a worker thread's).

    The file was inspected when it was first opened. It is not read again through a plain
    file descriptor here: closing one drops every POSIX lock the process holds on the file,
    including SQLite's, and another process could then delete the -wal under the open
    connection (see lock.py). ``mode=rw`` never creates the file.
    """
    try:
        conn = sqlite3.connect(_uri(Path(path), mode="rw"), uri=True, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(path, f"Cannot open {Path(path).name}: {exc}.") from None
    return conn
