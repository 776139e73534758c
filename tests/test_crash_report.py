"""The crash report's reading of errors: store refusals and SQLite's errors are known
problems; the report names SQLite's version without importing a database driver."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from mentordesk.crash_report import build_report, known_problem
from mentordesk.services.errors import DatabaseCorrupt, DatabaseInUse


def test_store_refusals_get_their_title_and_advice() -> None:
    corrupt = known_problem(DatabaseCorrupt(Path("m.db"), "m.db is damaged."))
    assert corrupt is not None and corrupt.title == "The database is damaged"
    assert "restore" in corrupt.do.lower()
    in_use = known_problem(DatabaseInUse(Path("m.db"), "already open"))
    assert in_use is not None and in_use.title == "MentorDesk is already open"


def test_sqlite_errors_are_known_by_their_module_including_a_driver_of_its_own() -> None:
    busy = known_problem(sqlite3.OperationalError("database is locked"))
    assert busy is not None and busy.title == "The database is busy"
    # SQLCipher's classes are not sqlite3's: recognised by the module that defines them.
    cipher_error = type("OperationalError", (Exception,), {"__module__": "sqlcipher3.dbapi2"})
    full = known_problem(cipher_error("database or disk is full"))
    assert full is not None and full.title == "The disk is full"
    assert known_problem(ValueError("database is locked")) is None


def test_the_report_names_sqlites_version_once_the_store_loaded_it() -> None:
    assert f"SQLite: {sqlite3.sqlite_version}\n" in build_report(RuntimeError("x"))
    probe = (
        "import sys; import mentordesk.crash_report as c;"
        " print('sqlite3' in sys.modules, 'SQLite: not loaded' in c.build_report(KeyError()))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr
