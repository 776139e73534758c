"""``demo-data`` never harms a file in use or leaves half a database (issue 15, items 4
and 6): ``--force`` is refused while another MentorDesk holds the file, and the data is
written into a hidden temporary file renamed over the target only when complete."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mentordesk import cli
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from tests.faults import points_reached, random_delays, run, run_killed_after, run_killed_at
from tests.seeded import seeded


def _names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return {r[0] for r in conn.execute("SELECT name FROM mentees")}
    finally:
        conn.close()


def test_force_is_refused_while_the_file_is_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.db"
    with Workspace.open(path) as holder:
        holder.save_mentee(Mentee(name="Ana", time_zone="Europe/London"))
        code = cli.run(["demo-data", str(path), "--force"])
        err = capsys.readouterr().err
        assert code == 3 and "already open" in err and "Traceback" not in err
        # The holder's file is still the one at the path, and it keeps writing into it.
        holder.save_mentee(Mentee(name="Bo", time_zone="Europe/London"))
    assert _names(path) == {"Ana", "Bo"}
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_a_killed_run_leaves_the_old_file_or_the_whole_new_one(tmp_path: Path) -> None:
    path = seeded(tmp_path / "m.db", "Ana")
    args = ("demo-data", str(path), "--force")
    points = points_reached(tmp_path, *args)
    assert points == ["demo-data.written", "demo-data.renamed"]
    demo = _names(path)
    assert len(demo) == 8
    for point in points:
        path.unlink()
        seeded(path, "Ana")
        run_killed_at(point, *args)
        expected = {"Ana"} if point == "demo-data.written" else demo
        assert _names(path) == expected, point
        assert cli.run(["check", "--db", str(path)]) == 0
    # The next run clears what the killed one left.
    assert run(*args).returncode == 0
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_a_killed_first_run_leaves_no_database_at_the_path(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    run_killed_at("demo-data.written", "demo-data", str(path))
    assert not path.exists()  # check would have called half a file ok
    assert run("demo-data", str(path)).returncode == 0
    assert len(_names(path)) == 8


def test_killed_at_random_moments_the_path_holds_nothing_or_the_whole_demo(
    tmp_path: Path,
) -> None:
    path = tmp_path / "demo.db"
    seed = 15
    for delay in random_delays(4, 0.6, seed=seed):
        for made in tmp_path.iterdir():
            made.unlink()
        run_killed_after(delay, "demo-data", str(path))
        if path.exists():  # renamed into place: complete
            assert len(_names(path)) == 8, (seed, delay)
            assert cli.run(["check", "--db", str(path)]) == 0
