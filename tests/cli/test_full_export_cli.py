"""Full export and import through the CLI: everything comes back, and bad files write nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentordesk.cli import run
from mentordesk.demo.files import write_demo_file


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table the schema has, found from the file itself, with its rows in id order."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = list(conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table'"))
        virtual = [n for n, sql in tables if sql.startswith("CREATE VIRTUAL TABLE")]
        # A full-text index is rebuilt from the notes; its own storage may differ byte for byte.
        names = [
            n
            for n, _ in tables
            if n not in virtual
            and not n.startswith("sqlite_")
            and not any(n.startswith(v + "_") for v in virtual)
        ]
        return {name: sorted(_rows(conn, name), key=repr) for name in names}
    finally:
        conn.close()


#: What opening a new database writes by itself, before any import.
_SET_UP_ON_OPEN = {"_sqlite_migrations", "settings"}


#: Occurrences are derived up to a horizon two years from when they were computed (the
#: import recomputes them a moment later): compare the year ahead, and not the horizon.
_NEXT_YEAR = (datetime.now(UTC) + timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    if table == "meeting_instances":
        sql = "SELECT * FROM meeting_instances WHERE start_utc < ?"
        return list(conn.execute(sql, (_NEXT_YEAR,)))
    cursor = conn.execute(f'SELECT * FROM "{table}"')
    columns = [d[0] for d in cursor.description]
    return [
        tuple(None if c == "instances_until" else v for c, v in zip(columns, row, strict=True))
        for row in cursor
    ]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("export")
    source = root / "demo.db"
    write_demo_file(source)
    assert run(["export", "--db", str(source), "--out", str(root / "out")]) == 0
    return source, root / "out"


def test_import_into_an_empty_database_restores_every_table(
    exported: tuple[Path, Path], tmp_path: Path
) -> None:
    source, out = exported
    target = tmp_path / "restored.db"
    assert run(["import", "--db", str(target), str(out / "mentordesk-export.json")]) == 0
    before, after = _tables(source), _tables(target)
    assert sorted(after) == sorted(before)
    for name, rows in before.items():
        if name == "_sqlite_migrations":
            continue  # when each migration ran differs by nature
        assert after[name] == rows, f"table {name} differs after the round trip"
    assert sum(len(rows) for rows in before.values()) > 100


def test_the_export_has_a_csv_per_table_and_notes_as_markdown(exported: tuple[Path, Path]) -> None:
    _, out = exported
    assert (out / "csv").is_dir() and any((out / "csv").glob("*.csv"))
    notes = list((out / "notes").rglob("*.md"))
    assert notes and notes[0].read_text(encoding="utf-8").startswith("---")


def test_a_database_that_holds_data_is_refused_with_nothing_written(
    exported: tuple[Path, Path], tmp_path: Path
) -> None:
    _, out = exported
    target = tmp_path / "full.db"
    write_demo_file(target)
    before = _tables(target)
    assert run(["import", "--db", str(target), str(out / "mentordesk-export.json")]) != 0
    assert _tables(target) == before


def test_a_damaged_export_gives_an_error_and_writes_nothing(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = exported
    document = json.loads((out / "mentordesk-export.json").read_text(encoding="utf-8"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**document, "version": "not a version"}), encoding="utf-8")
    target = tmp_path / "empty.db"
    assert run(["import", "--db", str(target), str(bad)]) != 0
    assert "version" in capsys.readouterr().err.lower()
    if target.exists():
        written = {n: r for n, r in _tables(target).items() if r and n not in _SET_UP_ON_OPEN}
        assert written == {}
