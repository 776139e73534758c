"""Migrating a connection as an earlier MentorDesk did, for the migration tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from mentordesk.services import Workspace
from mentordesk.store.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS

Migration = Callable[[sqlite3.Connection], None]


def migrate(
    conn: sqlite3.Connection,
    *,
    before: str | None = None,
    shipped: Mapping[str, Migration] | None = None,
) -> None:
    """Applies the pending migrations to ``conn``, stopping before the one named ``before``.

    ``shipped`` runs another body in a migration's place: the one an earlier version shipped.
    """
    migrations = Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        body = (shipped or {}).get(name, fn)
        migrations(name=name)(lambda _db, body=body: body(conn))
    migrations.apply(Database(conn), stop_before=before)


def connect_before(path: Path, before: str) -> sqlite3.Connection:
    """A MentorDesk file as the version without ``before`` (and later changes) left it."""
    from mentordesk.store.connection import APPLICATION_ID

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(conn, before=before)
    return conn


@contextmanager
def upgraded(path: Path) -> Iterator[Workspace]:
    """Opens an older file with this version: every migration applied, the file sound."""
    with Workspace.open(path) as ws:
        applied = [r[0] for r in ws.db.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(MIGRATION_NAMES)
        assert ws.check() == []
        yield ws
