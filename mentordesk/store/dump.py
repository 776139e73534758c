"""Every table's rows out, and back into an empty database: the store's half of a full export.

Tables and columns are read from the database itself (``PRAGMA table_list`` /
``table_xinfo``), never listed by hand, so a table a later migration adds is exported and
restored without a change here. Left out are SQLite's own tables, the shadow tables of
virtual tables, the migrations record (the export's ``schema``) and the derived tables,
which are rebuilt from the truth after an import instead of being trusted from a file.
Generated columns are left out too: SQLite computes them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.fault_points import reach
from mentordesk.store.connection import (
    applied_migrations,
    connect_second,
)
from mentordesk.store.database import Database
from mentordesk.store.errors import database_errors, is_db_error
from mentordesk.store.schema import MIGRATION_NAMES
from mentordesk.store.schema_2026_12 import fold_email_into_channels

#: Tables rebuilt after an import, never exported: what each is derived from.
DERIVED_TABLES: dict[str, str] = {
    "notes_fts": "the notes (full-text search index)",
    "meeting_instances": "the meetings (occurrence starts)",
}
MIGRATIONS_TABLE = "_sqlite_migrations"  # its names are the export's "schema"
KNOWN_SCHEMA: tuple[str, ...] = MIGRATION_NAMES

Progress = Callable[[int, int], object]
_PROGRESS_EVERY = 500


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    declared_type: str
    affinity: str  # SQLite's column affinity: INTEGER, TEXT, REAL, NUMERIC or BLOB
    notnull: bool
    has_default: bool


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    parents: tuple[str, ...]  # tables its foreign keys point at (itself excluded)
    key: tuple[str, ...]  # the primary key's columns, or () for rowid order

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


class Reader:
    """A connection of its own for reading a live database from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = connect_second(path)


Source = Database | Reader


@contextmanager
def reader(path: Path | str) -> Iterator[Reader]:
    """Opened and closed on the calling thread (a worker's); the app's writer is undisturbed."""
    opened = Reader(Path(path))
    try:
        yield opened
    finally:
        opened.conn.close()


def affinity(declared: str) -> str:
    """SQLite's rules (datatype3.html, 3.1) for a declared column type."""
    upper = declared.upper()
    if "INT" in upper:
        return "INTEGER"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in upper or not upper:
        return "BLOB"
    if any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table(conn: sqlite3.Connection, name: str) -> Table:
    columns = []
    key: list[tuple[int, str]] = []
    # hidden: 1 a virtual table's hidden column, 2/3 a generated column.
    for _, col, declared, notnull, default, pk, hidden in conn.execute(
        f"PRAGMA table_xinfo({_quote(name)})"
    ):
        if hidden:
            continue
        has_default = default is not None
        columns.append(Column(col, declared, affinity(declared), bool(notnull), has_default))
        if pk:
            key.append((pk, col))
    parents = {
        row[2] for row in conn.execute(f"PRAGMA foreign_key_list({_quote(name)})") if row[2] != name
    }
    return Table(name, tuple(columns), tuple(sorted(parents)), tuple(c for _, c in sorted(key)))


def _parents_first(tables: dict[str, Table]) -> list[Table]:
    """Parents before children, so rows can be checked as they go in; a cycle (none today)
    is broken by name, and deferred foreign keys still catch what it leaves dangling."""
    ordered: list[Table] = []
    waiting = dict(sorted(tables.items()))
    while waiting:
        ready = [t for t in waiting.values() if not any(p in waiting for p in t.parents)]
        for table in ready or [next(iter(waiting.values()))]:
            ordered.append(table)
            del waiting[table.name]
    return ordered


def data_tables(source: Source) -> list[Table]:
    """Every table whose rows are the mentor's data, parents before children."""
    conn = source.conn
    found = {}
    for schema, name, kind, *_ in conn.execute("PRAGMA table_list"):
        if schema != "main" or kind not in ("table", "virtual"):
            continue  # temp tables, views and the shadow tables of virtual tables
        if name.startswith("sqlite_") or name == MIGRATIONS_TABLE or name in DERIVED_TABLES:
            continue
        found[name] = _table(conn, name)
    return _parents_first(found)


def applied_schema(source: Source) -> list[str]:
    return applied_migrations(source.conn)


def row_counts(source: Source, tables: Sequence[Table]) -> dict[str, int]:
    return {
        t.name: int(source.conn.execute(f"SELECT count(*) FROM {_quote(t.name)}").fetchone()[0])
        for t in tables
    }


def iter_rows(
    source: Source, table: Table, columns: Sequence[str] | None = None
) -> Iterator[dict[str, object]]:
    """The rows in key order (stable exports diff well), as {column: value}."""
    names = tuple(columns) if columns is not None else table.column_names
    unknown = set(names) - set(table.column_names)
    if unknown:
        raise KeyError(f"{table.name} has no column {sorted(unknown)[0]}")
    order = ", ".join(_quote(c) for c in table.key) or "rowid"
    cursor = source.conn.execute(
        f"SELECT {', '.join(_quote(c) for c in names)} FROM {_quote(table.name)} ORDER BY {order}"
    )
    while batch := cursor.fetchmany(1000):
        for row in batch:
            yield dict(zip(names, row, strict=True))


@contextmanager
def snapshot(source: Source) -> Iterator[None]:
    """One read transaction: every table read inside it is from the same moment."""
    conn = source.conn
    if conn.in_transaction:  # already inside one: its view is consistent
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def tables_with_rows(source: Source, tables: Sequence[Table], ignore: Collection[str]) -> list[str]:
    return [
        t.name
        for t in tables
        if t.name not in ignore
        and source.conn.execute(f"SELECT 1 FROM {_quote(t.name)} LIMIT 1").fetchone()
    ]


def restore(
    db: Database,
    tables: Sequence[Table],
    rows: Mapping[str, Sequence[Mapping[str, object]]],
    *,
    now: datetime,
    replace: Collection[str] = (),
    progress: Progress | None = None,
    check: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Inserts ``rows`` (validated values, ids included) in one transaction, then rebuilds
    the derived tables; ``check`` runs last, inside it. Tables in ``replace`` are emptied
    first (app facts a fresh open writes). ValidationError (naming the row) when the rows
    break a constraint; then nothing is written."""
    total = sum(len(rows.get(t.name, ())) for t in tables)
    done = 0
    counts: dict[str, int] = {}
    with db.transaction() as conn:
        # Checked once all rows are in (foreign_key_check names the row): rows of a cycle,
        # or of a table that points at itself, may come before the rows they point at.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for name in replace:
            conn.execute(f"DELETE FROM {_quote(name)}")
        for table in tables:
            table_rows = rows.get(table.name, ())
            for number, row in enumerate(table_rows, start=1):
                _insert(conn, table.name, number, row)
                done += 1
                if progress is not None and done % _PROGRESS_EVERY == 0:
                    progress(done, total)
            counts[table.name] = len(table_rows)
        # A file made before m012 has the mentee's address in its own column: the same
        # fold as that migration makes it the first e-mail channel (a no-op on newer files).
        fold_email_into_channels(conn)
        _check_foreign_keys(conn)
        _rebuild_derived(conn, now)
        if check is not None:
            check()
        reach("import.rows-written")
    reach("import.committed")
    if progress is not None:
        progress(total, total)
    return counts


def _insert(conn: sqlite3.Connection, table: str, number: int, row: Mapping[str, object]) -> None:
    names = list(row)
    sql = (
        f"INSERT INTO {_quote(table)} ({', '.join(_quote(n) for n in names)})"
        f" VALUES ({', '.join('?' * len(names))})"
    )
    try:
        conn.execute(sql, [row[n] for n in names])
    except (*database_errors(), OverflowError) as exc:
        bad_row = is_db_error(exc, "IntegrityError") or is_db_error(exc, "DataError")
        if not (bad_row or isinstance(exc, OverflowError)):
            raise
        raise ValidationError(
            "file",
            f"Row {number} of '{table}' cannot be stored ({exc}) — the file is damaged or was"
            " edited; nothing was imported.",
        ) from None


def _check_foreign_keys(conn: sqlite3.Connection) -> None:
    problem = conn.execute("PRAGMA foreign_key_check").fetchone()
    if problem is None:
        return
    table, rowid, parent, fk_id = problem
    refs = [r for r in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})") if r[0] == fk_id]
    cols = [r[3] for r in refs]
    where = ""
    if rowid is not None and cols:
        values = conn.execute(
            f"SELECT {', '.join(_quote(c) for c in cols)} FROM {_quote(table)} WHERE rowid = ?",
            (rowid,),
        ).fetchone()
        where = " (" + ", ".join(f"{c} = {v!r}" for c, v in zip(cols, values, strict=True)) + ")"
    which = f"the row with rowid {rowid} of '{table}'" if rowid is not None else f"a '{table}' row"
    raise ValidationError(
        "file",
        f"In the file, {which} points at a '{parent}' row that is not there{where}"
        " — nothing was imported.",
    )


def _rebuild_derived(conn: sqlite3.Connection, now: datetime) -> None:
    # Imported here: the expansion (dateutil) is only needed when something is rebuilt.
    from mentordesk.store.repositories.meeting_instances import rebuild_all

    conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')")
    try:
        rebuild_all(conn, now)
    except Exception:  # any failure to expand a meeting of the file is bad input
        raise _bad_meeting(conn, now) from None


def _bad_meeting(conn: sqlite3.Connection, now: datetime) -> ValidationError:
    """Names the first meeting the file gives that cannot be expanded into occurrences."""
    from mentordesk.store.repositories.meeting_instances import instance_rows, meeting_from_row

    for row in conn.execute(
        "SELECT id, mentee_id, title, start_local, zone, fold, duration_minutes, rrule, location"
        " FROM meetings ORDER BY id"
    ).fetchall():
        try:
            instance_rows(row[0], meeting_from_row(row), now)
        except Exception as exc:  # reported to the user, the meeting named
            return ValidationError(
                "file",
                f"Meeting {row[0]} in the file cannot be read (start {row[3]!r}, zone {row[4]!r},"
                f" rule {row[7]!r}: {exc}) — nothing was imported.",
            )
    return ValidationError(
        "file", "The meetings in the file cannot be read — nothing was imported."
    )
