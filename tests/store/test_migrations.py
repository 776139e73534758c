"""Each migration upgrades a file an older MentorDesk wrote, keeping everything in it."""

from __future__ import annotations

import ast
import importlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentordesk.planner.zones import tz_database_version, utc_iso
from mentordesk.services import Workspace
from mentordesk.store import schema
from mentordesk.store.connection import connect
from mentordesk.store.repositories.meeting_instances import HORIZON, rebuild_all
from mentordesk.store.schema import MIGRATION_NAMES, MIGRATIONS
from mentordesk.store.schema_2026_11 import _MEETING_INSTANCES, execute_script
from tests.store.migrating import migrate

V1 = Path(__file__).parent / "fixtures" / "v1.db"


def test_a_version_1_file_is_upgraded_with_its_data(tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(V1, copy)
    with Workspace.open(copy) as ws:
        applied = [r[0] for r in ws.db.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(MIGRATION_NAMES)
        assert ws.check() == []
        ana = ws.find_mentee("Ana Lima")
        # m002 derived the last contact from the held occurrence already in the file.
        assert ana.last_contact == datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
        assert [n.title for n in ws.search_notes("guild")] == ["First call"]
        assert [n.title for n in ws.search_notes("plat")] == ["First call"]  # as typed
        # The rebuilt full-text index agrees with the notes it indexes.
        ws.db.conn.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)")


# -- m003: the table of occurrence starts ---------------------------------------------------

TZ_VERSION_KEY = "tz_database_version"  # what Workspace.refresh_derived_times records


def _m003_as_shipped(conn: sqlite3.Connection) -> None:
    """m003 as it first shipped: the table, then its rows from the repository's expansion."""
    execute_script(conn, _MEETING_INSTANCES)
    rebuild_all(conn, datetime.now(UTC))


def _v1(path: Path) -> None:
    shutil.copy(V1, path)


def _v2_as_the_app_left_it(path: Path) -> None:
    """The file after m002, with the zone-rules version an open of that version recorded,
    a single meeting beside the series, and a moved occurrence."""
    shutil.copy(V1, path)
    conn, _pending = connect(path)
    migrate(conn, before="m003_meeting_instances")
    stamp = "2026-01-05T09:00:00Z"
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        (TZ_VERSION_KEY, json.dumps(tz_database_version())),
    )
    conn.execute(
        "INSERT INTO meetings (id, mentee_id, title, start_local, zone, duration_minutes,"
        " start_utc, last_utc, created_at, updated_at) VALUES (2, 1, 'Career chat',"
        " '2026-03-10T17:30', 'America/New_York', 30, '2026-03-10T21:30:00Z',"
        " '2026-03-10T21:30:00Z', ?, ?)",
        (stamp, stamp),
    )
    conn.execute(
        "INSERT INTO meeting_occurrences (meeting_id, original_start_local, original_start_utc,"
        " status, new_start_local, recorded_at) VALUES (1, '2026-03-30T09:00',"
        " '2026-03-30T08:00:00Z', 'moved', '2026-04-01T15:00', ?)",
        (stamp,),
    )
    conn.close()


def _derived(ws: Workspace) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    """The occurrence rows (well inside the horizon counted from the clock), whether each
    meeting's rows stop, the moved occurrences' UTC starts, and a window as a page lists it."""
    conn = ws.db.conn
    inside = utc_iso(datetime.now(UTC) + HORIZON - timedelta(days=2))
    rows = conn.execute(
        "SELECT meeting_id, original_start_local, start_utc FROM meeting_instances"
        " WHERE start_utc < ? ORDER BY 1, 2",
        (inside,),
    ).fetchall()
    stops = conn.execute(
        "SELECT id, instances_until IS NOT NULL FROM meetings ORDER BY id"
    ).fetchall()
    moved = conn.execute("SELECT id, new_start_utc FROM meeting_occurrences ORDER BY id").fetchall()
    window = [
        (o.meeting.id, o.original_start, o.start, o.status)
        for o in ws.occurrences_between(
            datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 15, tzinfo=UTC)
        )
    ]
    return rows, stops, moved, window


@pytest.mark.parametrize("make", [_v1, _v2_as_the_app_left_it])
def test_an_older_file_opens_with_the_occurrences_m003_gave_it_when_it_shipped(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    before, now = tmp_path / "before.db", tmp_path / "now.db"
    make(before)
    make(now)
    conn, _pending = connect(before)
    migrate(conn, shipped={"m003_meeting_instances": _m003_as_shipped})
    conn.close()
    with Workspace.open(before) as old, Workspace.open(now) as new:
        assert new.check() == []
        expected = _derived(old)
        assert _derived(new) == expected
        rows = expected[0]
        # The weekly series from 5 January 2026, 09:00 London, two years ahead and more.
        assert rows[:3] == [
            (1, "2026-01-05T09:00", "2026-01-05T09:00:00Z"),
            (1, "2026-01-12T09:00", "2026-01-12T09:00:00Z"),
            (1, "2026-01-19T09:00", "2026-01-19T09:00:00Z"),
        ]
        assert len(rows) > 104
        for ws in (old, new):
            assert ws.settings_repo.get_value(TZ_VERSION_KEY) == tz_database_version()


def test_migrations_spell_out_what_they_compute() -> None:
    """A migration never calls code that can change later (repository functions included):
    its modules import nothing of the package but each other, at any level."""
    modules = {schema.__name__} | {fn.__module__ for _, fn in MIGRATIONS}
    for module in sorted(modules):
        source = Path(importlib.import_module(module).__file__ or "").read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else ["(relative import)"]
            else:
                continue
            for name in names:
                if name.startswith("mentordesk") or name.startswith("("):
                    assert name in modules, f"{module} imports {name}"
