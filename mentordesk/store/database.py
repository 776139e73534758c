"""A MentorDesk database: its connection, writer lock, transactions and checks."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mentordesk.store.connection import (
    APPLICATION_ID,
    applied_migrations,
    connect,
    connect_second,
    key_of,
)
from mentordesk.store.connection import restrict_permissions as _restrict
from mentordesk.store.errors import (
    BadDatabasePath,
    ReadOnlyLocation,
    StoreError,
    database_errors,
)
from mentordesk.store.lock import WriterLock
from mentordesk.store.schema import MIGRATION_NAMES
from mentordesk.store.wal_guard import guard


def _refuse_read_only(path: Path) -> None:
    """A writable open needs the file and its folder writable (the -wal, -shm and .lock go
    beside it): said before anything is tried, rather than as SQLite's "unable to open"."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        where = f"The folder {path.parent} is read-only: MentorDesk needs to write beside"
        where += " the database (its .lock, -wal and -shm) — make the folder writable"
    elif path.exists() and not os.access(path, os.W_OK):
        where = f"{path} is read-only — make the file writable"
    else:
        return
    raise ReadOnlyLocation(path, f"{where}, or copy the file to a writable folder.")


def _replayed(kept: Path) -> str:
    return (
        f"a -wal found beside it was replayed into it (the file and -wal as they were are"
        f" kept as {kept.name} and {kept.name}.wal)"
    )


class Database:
    """Owns one connection. Not shared across threads: open another per worker."""

    def __init__(
        self, path: Path | str, *, readonly: bool = False, key: bytes | None = None
    ) -> None:
        # The real path: a symlink and its target share one lock, one record and one
        # backups folder, and a rewrite replaces the target, never the link.
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        self.readonly = readonly
        self._lock: WriterLock | None = None
        #: The file and -wal as they were, when a -wal waiting beside it was replayed.
        self.wal_kept: Path | None = None
        if not self.path.parent.is_dir():
            raise BadDatabasePath(
                self.path,
                f"The folder {self.path.parent} does not exist — create it or choose another file.",
            )
        if not readonly:
            _refuse_read_only(self.path)
            self._lock = WriterLock(self.path)
            self._lock.acquire()
        try:
            if not readonly:
                self.wal_kept = guard(self.path, key)
            self.conn, pending = connect(self.path, readonly=readonly, key=key)
            if self._lock is not None:
                self._lock.acquire_inode()  # a file the open just created
            if pending and not readonly:
                from mentordesk.store.migrations import apply_pending

                apply_pending(self.conn)
                _restrict(self.path)
        except StoreError as exc:
            self._release()
            if self.wal_kept is not None:  # never "left as is": the -wal went into it
                exc.message = exc.message.replace("it was left as is", _replayed(self.wal_kept))
                exc.args = (exc.message,)
            raise
        except BaseException:
            self._release()
            raise
        self._depth = 0

    @classmethod
    def second(cls, path: Path | str) -> Database:
        """Another connection, read-only, to a file this process has open, for a worker
        thread (``connect_second``: no header read through a plain descriptor, whose close
        would drop SQLite's locks). Close it on the thread that opened it."""
        db = cls.__new__(cls)
        db.path, db.readonly, db._lock, db._depth = Path(path), True, None, 0
        db.wal_kept = None
        db.conn = connect_second(db.path)
        return db

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        if getattr(self, "conn", None) is not None:
            self.conn.close()
        self._release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing writes; nested blocks become savepoints."""
        if self._depth:
            name = f"sp{self._depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def rewrite_closed(self, rewrite: Callable[[], bytes | None]) -> None:
        """Closes the connection (keeping the writer lock), runs ``rewrite`` — which replaces
        the file and returns the key it is now opened with — and reconnects. When
        ``rewrite`` raises, the file is reopened as it was, with the key it had."""
        if self.readonly or self._depth:
            raise RuntimeError("rewrite_closed needs a writable connection outside a transaction")
        before = key_of(self.conn)
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        key = before
        try:
            key = rewrite()
        finally:
            self.conn, _ = connect(self.path, key=key)

    @property
    def key(self) -> bytes | None:
        """The SQLCipher key the file is open with; None when it is not encrypted."""
        return key_of(self.conn)

    def change_mark(self) -> tuple[int, int]:
        """Equal marks taken at two moments mean nothing was committed in between, by this
        connection (``total_changes``) or by any other (``data_version``)."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return self.conn.total_changes, int(version)

    def engine(self) -> str:
        """The SQLite library in use, and SQLCipher's version when it is the one."""
        sqlite = str(self.conn.execute("SELECT sqlite_version()").fetchone()[0])
        try:
            row = self.conn.execute("PRAGMA cipher_version").fetchone()
        except database_errors():
            row = None
        return f"SQLite {sqlite}" + (f" (SQLCipher {row[0]})" if row and row[0] else "")

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (e.g. before a file is handed on or measured)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def counts(self, tables: tuple[str, ...]) -> dict[str, int]:
        known = {
            r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        # Table names cannot be parameters; only names the schema really has are used.
        return {
            t: int(self.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
            for t in tables
            if t in known
        }

    def check(self) -> list[str]:
        """Integrity and schema problems, empty when healthy."""
        problems: list[str] = []
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        except database_errors() as exc:  # damaged past what the check can walk
            return [f"integrity: {exc}"]
        if rows != ["ok"]:
            # One row may hold the whole report (hundreds of lines), headed "*** in ...".
            lines = [ln for r in rows for ln in str(r).splitlines() if not ln.startswith("***")]
            problems.extend(f"integrity: {line}" for line in lines[:10])
            if len(lines) > 10:
                problems.append(f"integrity: {len(lines) - 10} more")
        fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign keys: {len(fk)} rows point at missing rows")
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            problems.append(f"application_id is {app_id:#x}, expected {APPLICATION_ID:#x}")
        missing = [n for n in MIGRATION_NAMES if n not in applied_migrations(self.conn)]
        if missing:
            problems.append("schema: migrations not applied: " + ", ".join(missing))
        return problems
