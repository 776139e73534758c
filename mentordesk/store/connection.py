"""The one place a database connection is made, plain or encrypted (SQLCipher).

Before anything is written, the file is inspected: a file that is not SQLite,
belongs to another application, or was migrated by a newer MentorDesk is
refused untouched (foreign files are read only through ``immutable=1``).

An encrypted file is opened through ``sqlcipher3`` (imported only then) with a raw
256-bit key, ``PRAGMA key = "x'...'"`` before anything else is read. The keys of the
databases this process has unlocked are kept in memory only (``register_key``), so a
worker thread's ``connect_second(path)`` and a backup's ``connect_copy`` open them too.
A ``sqlcipher3`` connection raises its own exception classes, not ``sqlite3``'s: catch
``database_errors()`` where either kind of connection can fail.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mentordesk.store.cipher_keys import (
    _KEYS,
    file_salt,
    key_for,
    key_literal,
    register_key,
    salt_for,
)
from mentordesk.store.cipher_keys import forget_key as forget_key
from mentordesk.store.errors import (
    BadDatabasePath,
    DatabaseCorrupt,
    DatabaseUnreadable,
    KeyRejected,
    NewerDatabaseError,
    NotAMentorDeskDatabase,
    database_errors,
    is_db_error,
    is_operational,
)
from mentordesk.store.schema import MIGRATION_NAMES, MIGRATION_SET

APPLICATION_ID = 0x4D444B31  # "MDK1"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATIONS_TABLE = "_sqlite_migrations"
BUSY_TIMEOUT_MS = 5000
KEY_BYTES = 32


def _raw_connect(
    target: str | Path, key: bytes | None, *, uri: bool = False, new: bool = False
) -> Any:
    """A connection through ``sqlite3``, or through ``sqlcipher3`` keyed with ``key``; a
    ``new`` file gets the salt the key's file carries (``cipher_keys``)."""
    if key is None:
        return sqlite3.connect(target, uri=uri, isolation_level=None)
    if len(key) != KEY_BYTES:
        raise ValueError("an SQLCipher key is 32 bytes")
    conn = _cipher_connection().connect(
        str(target), uri=uri, isolation_level=None, factory=_keyed_class()
    )
    conn.mentordesk_key = key
    # SQLCipher logs every failed decryption to stderr; a wrong key is reported to the user.
    conn.execute("PRAGMA cipher_log_level = NONE")
    literal = key_literal(key, salt_for(key) if new else None)
    conn.execute(f'PRAGMA key = "{literal}"')
    return conn


def _cipher_connection() -> Any:
    import sqlcipher3

    return sqlcipher3


@functools.cache
def _keyed_class() -> type:
    """sqlcipher3's Connection, remembering its key (in memory) so a copy can be keyed."""
    base = _cipher_connection().Connection
    return type("KeyedConnection", (base,), {"mentordesk_key": None})


def _session_pragmas(conn: Any, *, write: bool) -> None:
    """What every connection to a live file runs with (DESIGN.md, Store)."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    if write:
        # Setting these reads the file; a worker's connection (``write=False``) must not,
        # so that opening it beside a damaged file fails where its caller reports it.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA journal_mode = WAL")


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path.resolve()))}?{query}"


def inspect_file(path: Path, *, encrypted: bool = False) -> bool:
    """Raise if ``path`` must not be opened; True when it is new (absent or empty).

    ``encrypted``: the header is ciphertext, so only its presence is checked here; the key
    itself tells whether the file is what it should be.
    """
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
    if encrypted:
        return False
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


def _key_rejected(path: Path, exc: BaseException) -> bool:
    return is_db_error(exc, "DatabaseError") and "not a database" in str(exc)


def connect(
    path: Path, *, readonly: bool = False, key: bytes | None = None
) -> tuple[sqlite3.Connection, list[str]]:
    """Open ``path`` with MentorDesk's pragmas; returns the connection and pending migrations.

    Creates the file (0600, with our application_id) when it does not exist; with ``key``
    it is created encrypted. A key that does not open the file raises ``KeyRejected``.
    Migrations are not applied here: see ``migrations.apply_pending``.
    """
    path = Path(path)
    is_new = inspect_file(path, encrypted=key is not None)
    if is_new and readonly:
        raise BadDatabasePath(path, f"{path} does not exist — check the path.")
    if is_new and not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = None
    try:
        if readonly:
            conn = _raw_connect(_uri(path, **_read_only(path)), key, uri=True)
        else:
            conn = _raw_connect(path, key, new=is_new)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        applied = applied_migrations(conn)
    except database_errors() as exc:
        if conn is not None:
            conn.close()
        if key is not None and _key_rejected(path, exc):
            raise KeyRejected(
                path, f"That key does not open {path.name} — check it and try again."
            ) from None
        if is_operational(exc):  # locked, permissions, I/O
            raise DatabaseUnreadable(path, f"Cannot open {path.name}: {exc}.") from None
        raise DatabaseCorrupt(
            path, f"{path.name} is damaged ({exc}) — it was left as is; restore a backup."
        ) from None
    _refuse_newer(path, applied)
    _session_pragmas(conn, write=not readonly)
    if key is not None:
        register_key(path, key, None if is_new else file_salt(path))
    if not readonly:
        if is_new:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
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


def _plain_header(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == _SQLITE_MAGIC
    except OSError:
        return True  # let the open report it


def _open_copy(path: Path, key: bytes | None) -> tuple[Any, list[str]]:
    """A backup is encrypted with its database's key: without one given, an encrypted copy
    is tried with the keys unlocked in this process."""
    keys: list[bytes | None] = [key]
    if key is None and not _plain_header(path):
        keys = list(dict.fromkeys(_KEYS.values())) or [None]
    for attempt, candidate in enumerate(keys, 1):
        conn = None
        try:
            conn = _raw_connect(_uri(path, mode="ro"), candidate, uri=True)
            return conn, applied_migrations(conn)
        except database_errors() as exc:
            if conn is not None:
                conn.close()
            if is_operational(exc):
                raise DatabaseUnreadable(path, f"Cannot open {path.name}: {exc}.") from None
            if attempt < len(keys):
                continue
            if candidate is not None and _key_rejected(path, exc):
                raise NotAMentorDeskDatabase(
                    path,
                    f"{path.name} is not a MentorDesk database (or it is encrypted with a key"
                    " this MentorDesk does not hold).",
                ) from None
            raise DatabaseCorrupt(path, f"{path.name} is damaged ({exc}).") from None
    raise AssertionError("unreachable")  # pragma: no cover


def connect_copy(
    path: Path, *, create: bool = False, key: bytes | None = None
) -> sqlite3.Connection:
    """A connection to a backup file: no writer lock, no WAL, no migrations.

    ``create``: a new file, 0600 from its first byte, for the backup API to write into
    (encrypted with ``key`` when given). Otherwise the file is opened read-only after the
    same header checks as ``connect``, and must be MentorDesk's (it has our migrations)
    and no newer than this version.
    """
    path = Path(path)
    if create:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = _raw_connect(path, key, new=True)
    else:
        # A header that is not SQLite's may be ciphertext only when a key could open it.
        maybe_encrypted = key is not None or (bool(_KEYS) and not _plain_header(path))
        if inspect_file(path, encrypted=maybe_encrypted):
            raise NotAMentorDeskDatabase(path, f"{path.name} is empty — not a MentorDesk file.")
        conn, applied = _open_copy(path, key)
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
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def key_of(conn: Any) -> bytes | None:
    """The key an open connection was made with (None: plain), e.g. to key its copy."""
    key = getattr(conn, "mentordesk_key", None)
    return key if isinstance(key, bytes) else None


def _read_only(path: Path) -> dict[str, str]:
    # A read-only folder has no room for the -shm: immutable, safe without a -wal.
    fixed = not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists()
    return {"mode": "ro", **({"immutable": "1"} if fixed else {})}


def connect_second(path: Path) -> sqlite3.Connection:
    """Another connection to a database this process already has open (a worker thread's).

    The file was inspected when it was first opened. It is not read again through a plain
    file descriptor here: closing one drops every POSIX lock the process holds on the file,
    including SQLite's, and another process could then delete the -wal under the open
    connection (see lock.py). ``mode=rw`` never creates the file. An encrypted file is
    opened with the key this process unlocked it with.
    """
    path = Path(path)
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    params = {"mode": "rw"} if writable else _read_only(path)  # a file only to read
    try:
        conn = _raw_connect(_uri(path, **params), key_for(path), uri=True)
        # WAL is a property of the file, set by the first connection; not re-set here.
        _session_pragmas(conn, write=False)
    except database_errors() as exc:
        raise DatabaseUnreadable(path, f"Cannot open {path.name}: {exc}.") from None
    return conn
