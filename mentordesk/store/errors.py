"""Errors the store raises for files it will not open."""

from __future__ import annotations

import sys
from pathlib import Path


class StoreError(Exception):
    """A database problem the user can understand; ``exit_code`` follows the CLI convention."""

    exit_code = 1

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.message = message


class NotAMentorDeskDatabase(StoreError):
    """Another application's file, or not SQLite at all. It is left untouched."""


class NewerDatabaseError(StoreError):
    """The file was migrated by a newer MentorDesk than this one."""


class DatabaseInUse(StoreError):
    """Another MentorDesk already has the file open for writing."""

    exit_code = 3


class BadDatabasePath(StoreError):
    """The path given cannot hold a database (e.g. its folder does not exist)."""

    exit_code = 2


class ReadOnlyLocation(StoreError):
    """The file, or the folder MentorDesk must write beside it, cannot be written."""


class DatabaseCorrupt(StoreError):
    """A MentorDesk file SQLite reports as damaged (truncated, malformed)."""


class DatabaseUnreadable(StoreError):
    """The file cannot be opened (permissions, missing folder, corruption)."""

    exit_code = 3


class KeyRejected(StoreError):
    """An encrypted file the key (or passphrase, or recovery key) given does not open."""

    exit_code = 3


def database_errors() -> tuple[type[Exception], ...]:
    """``sqlite3.Error`` and, once SQLCipher is in use, ``sqlcipher3``'s own Error class."""
    import sqlite3  # here, not at the top: naming an error must not load the driver

    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error,) if cipher is None else (sqlite3.Error, cipher.Error)


def is_db_error(exc: BaseException, name: str = "Error") -> bool:
    """``isinstance(exc, sqlite3.<name>)`` that also knows sqlcipher3's classes."""
    import sqlite3

    cipher = sys.modules.get("sqlcipher3.dbapi2")
    kinds = [getattr(sqlite3, name)] + ([getattr(cipher, name)] if cipher else [])
    return isinstance(exc, tuple(kinds))


def is_operational(exc: BaseException) -> bool:
    """Locked, permissions, I/O: a problem of access, not of the file's content."""
    return is_db_error(exc, "OperationalError")
