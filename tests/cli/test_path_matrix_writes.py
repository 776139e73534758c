"""The path matrix for the two commands that replace a database's content, ``restore`` and
``import`` (issue 16): a read-only folder or file, a symlinked path and a full disk each
give the README's exit code and one line, never a traceback. In-process where no child is
needed (the full disk needs one, for its file size limit)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentordesk import cli
from mentordesk.services import Workspace
from tests.cli.test_path_matrix import _immutable, _make_read_only, _run
from tests.cli.test_path_matrix import read_only as read_only  # the fixture
from tests.faults import run_on_full_disk
from tests.seeded import mentee_names, seeded

OK, FAILED = 0, 1


@pytest.fixture
def files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[dict[str, Path]]:
    """A live database, a backup of another one, and a full export to import."""
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    live = seeded(shelf / "m.db", "Ana")
    backup = seeded(tmp_path / "b.db", "Bo")
    assert cli.run(["export", "--db", str(backup), "--out", str(tmp_path / "x")]) == OK
    capsys.readouterr()
    empty = shelf / "empty.db"
    Workspace.open(empty).close()  # a new MentorDesk database, nothing in it yet
    yield {"live": live, "backup": backup, "export": tmp_path / "x" / "mentordesk-export.json",
           "empty": empty, "shelf": shelf}  # fmt: skip


def _args(files: dict[str, Path], command: str) -> list[str]:
    if command == "restore":
        return ["restore", str(files["backup"]), "--db", str(files["live"])]
    return ["import", str(files["export"]), "--db", str(files["empty"])]


@pytest.mark.parametrize("what", ["folder", "file"])
@pytest.mark.parametrize("command", ["restore", "import"])
def test_read_only_fails_naming_what_to_make_writable(
    files: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    read_only: list[Path],
    command: str,
    what: str,
) -> None:
    target = files["live"] if command == "restore" else files["empty"]
    before = target.read_bytes()
    if what == "folder":
        _make_read_only(files["shelf"], read_only)
    else:
        _make_read_only(target, read_only)
    code, err = _run(capsys, _args(files, command))
    assert code == FAILED, err
    assert "read-only" in err and "writable" in err
    if what == "folder":
        assert str(files["shelf"]) in err
    assert target.read_bytes() == before


@pytest.mark.parametrize("command", ["restore", "import"])
def test_a_symlinked_path_acts_on_its_target(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    target = files["live"] if command == "restore" else files["empty"]
    link = tmp_path / "link.db"
    link.symlink_to(target)
    args = _args(files, command)
    args[-1] = str(link)
    code, err = _run(capsys, args)
    assert code == OK, err
    assert link.is_symlink() and mentee_names(target) == {"Bo"}
    assert not list(tmp_path.glob("link.db?*"))


@pytest.mark.parametrize("command", ["restore", "import"])
def test_a_full_disk_fails_with_one_line_and_changes_nothing(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    args = _args(files, command)
    if command == "import":  # the demo practice: an import too large for the -wal's room
        demo = tmp_path / "demo.db"
        assert cli.run(["demo-data", str(demo)]) == OK
        assert cli.run(["export", "--db", str(demo), "--out", str(tmp_path / "d")]) == OK
        args[1] = str(tmp_path / "d" / "mentordesk-export.json")
        capsys.readouterr()
    # Room for the -shm (32 KB), not for the safety backup or the import's -wal.
    result = run_on_full_disk(40_000, *args)
    assert result.returncode == FAILED, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0
    target = files["live"] if command == "restore" else files["empty"]
    assert mentee_names(target) == ({"Ana"} if command == "restore" else set())


def test_export_ics_works_in_a_read_only_folder_once_the_calendar_has_its_id(
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    read_only: list[Path],
) -> None:
    live, out = files["shelf"] / "demo.db", tmp_path / "m.ics"
    assert cli.run(["demo-data", str(live)]) == OK  # with meetings
    capsys.readouterr()
    _make_read_only(files["shelf"], read_only)
    code, err = _run(capsys, ["export-ics", "--db", str(live), "--out", str(out)])
    assert code == FAILED and str(files["shelf"]) in err and "writes the calendar's id" in err
    read_only.remove(files["shelf"])
    _make_writable(files["shelf"])
    assert cli.run(["export-ics", "--db", str(live), "--out", str(out)]) == OK
    first = out.read_text(encoding="utf-8")
    _make_read_only(files["shelf"], read_only)
    before = sorted(p.name for p in files["shelf"].iterdir())
    code, err = _run(capsys, ["export-ics", "--db", str(live), "--out", str(out)])
    assert code == OK, err
    assert sorted(p.name for p in files["shelf"].iterdir()) == before
    uid = [line for line in first.splitlines() if line.startswith("UID")]
    assert uid and uid == [line for line in out.read_text().splitlines() if line.startswith("UID")]


def _make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        _immutable(path, on=False)
    else:
        path.chmod(0o700)
