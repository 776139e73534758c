"""Migrating a connection as an earlier MentorDesk did, for the migration tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from mentordesk.store.schema import MIGRATION_SET, MIGRATIONS

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
