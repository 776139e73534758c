"""Applies the schema through sqlite-utils' built-in migrations (imported only when needed)."""

from __future__ import annotations

import sqlite3

from mentordesk.store.schema import MIGRATION_SET, MIGRATIONS


def apply_pending(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration, each in its own transaction. Returns their names."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    db = Database(conn)
    migrations = Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        migrations(name=name)(_bind(fn, conn))
    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending


def _bind(fn, conn: sqlite3.Connection):  # type: ignore[no-untyped-def]
    def run(_db: object) -> None:
        fn(conn)

    run.__name__ = fn.__name__
    return run
