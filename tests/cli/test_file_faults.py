"""``restore``, ``import`` and ``backup`` killed at each of their crash points, or run on a
full disk (issue 15's tests): afterwards the database opens, passes ``quick_check``, holds
the state from before or after the command, the record of known databases agrees with the
file, and nothing printed a traceback. Small files and one child per point."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mentordesk import cli
from mentordesk.appdata import known_databases
from mentordesk.services import Workspace
from tests.faults import points_reached, run, run_killed_at, run_on_full_disk
from tests.seeded import mentee_names, seeded


def _healthy(path: Path) -> set[str]:
    """The file's mentees, once it has opened as the app opens it and passed its check."""
    assert cli.run(["check", "--db", str(path)]) == 0  # in-process: no child needed
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    known = known_databases.lookup(path)
    assert known is not None and not known.encrypted  # the record agrees: plain, ours
    return mentee_names(path)


def test_restore_killed_at_each_point_leaves_before_or_after(tmp_path: Path) -> None:
    live, backup = seeded(tmp_path / "m.db", "Ana"), seeded(tmp_path / "b.db", "Bo")
    args = ("restore", "--db", str(live), str(backup))
    points = points_reached(tmp_path, *args)
    assert {"backup.sealed", "restore.safety-written", "restore.copied"} <= set(points)
    for point in points:
        seeded(live)  # reopen: whatever the last child left is the new "before"
        before = mentee_names(live)
        result = run_killed_at(point, *args)
        assert "Traceback" not in result.stderr
        assert _healthy(live) in (before, {"Bo"}), point
        # The safety backups the killed runs made are whole or absent.
        with Workspace.open(live) as ws:
            for made in ws.backups.list():
                assert mentee_names(made.path) in ({"Ana"}, {"Bo"})
    assert run(*args).returncode == 0 and _healthy(live) == {"Bo"}


def test_restore_over_a_damaged_file_killed_keeps_a_file_at_the_path(tmp_path: Path) -> None:
    backup = seeded(tmp_path / "b.db", "Bo")
    live = tmp_path / "m.db"
    args = ("restore", "--db", str(live), str(backup))
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000  # recorded, then overwritten
    for point in ("restore.written", "restore.set-aside"):
        for made in tmp_path.glob("m.db*"):
            if made.is_file():
                made.unlink()
        seeded(live, "Ana")
        live.write_bytes(damaged)
        run_killed_at(point, *args)
        # Killed before the new file took its place: the damaged one is still there, whole.
        assert live.read_bytes() == damaged, point
    assert run(*args).returncode == 0 and _healthy(live) == {"Bo"}
    assert any(p.read_bytes() == damaged for p in tmp_path.glob("m.db.corrupt-*"))
    assert not list(tmp_path.glob("*.partial"))


def test_import_killed_at_each_point_leaves_an_empty_or_a_whole_database(
    tmp_path: Path,
) -> None:
    source = seeded(tmp_path / "s.db", "Ana", "Bo")
    export = tmp_path / "export"
    assert run("export", "--db", str(source), "--out", str(export)).returncode == 0
    (document,) = export.glob("*.json")
    target = tmp_path / "new.db"
    args = ("import", "--db", str(target), str(document))
    points = points_reached(tmp_path, *args)
    assert points[-2:] == ["import.rows-written", "import.committed"]
    for point in [*points, "import.rows-written"]:
        for made in tmp_path.glob("new.db*"):
            made.unlink()
        run_killed_at(point, *args)
        if target.exists() and target.stat().st_size:
            assert _healthy(target) in (set(), {"Ana", "Bo"}), point
    # The last one was cut off before its commit: an empty database, the import can rerun.
    assert run(*args).returncode == 0 and _healthy(target) == {"Ana", "Bo"}


def test_backup_killed_at_each_point_leaves_the_file_and_only_whole_backups(
    tmp_path: Path,
) -> None:
    live = seeded(tmp_path / "m.db", "Ana")
    args = ("backup", "--db", str(live))
    points = points_reached(tmp_path, *args)
    assert points == ["backup.claimed", "backup.copied", "backup.sealed", "backup.recorded"]
    for point in points:
        run_killed_at(point, *args)
        assert _healthy(live) == {"Ana"}
    with Workspace.open(live) as ws:
        listed = ws.backups.list()
        assert len(listed) == 3  # sealed, recorded, and the clean run's
        assert all(mentee_names(b.path) == {"Ana"} for b in listed)
        marker = json.loads((ws.backups.list()[0].path.parent / ".last-backup.json").read_text())
        assert (live.with_name("m.db-backups") / marker["backup"]).is_file()


@pytest.mark.parametrize("command", ["restore", "backup"])
def test_a_full_disk_fails_cleanly_and_changes_nothing(tmp_path: Path, command: str) -> None:
    live, backup = seeded(tmp_path / "m.db", "Ana"), seeded(tmp_path / "b.db", "Bo")
    args = ["restore", str(backup)] if command == "restore" else ["backup"]
    result = run_on_full_disk(64 * 1024, *args, "--db", str(live))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert _healthy(live) == {"Ana"}
    assert not list(tmp_path.rglob("*.partial"))
