"""Every database command against a path that is not a healthy, writable database file:
a folder, a device, a FIFO, a symlink, a damaged file, a read-only folder or file. Each
exits with the README's code and one line, never a traceback, and leaves nothing behind
it should not. In-process through the CLI's entry point, to keep the suite fast."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentordesk import cli

OK, FAILED, BAD, LOCKED = 0, 1, 2, 3
EMPTY_ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def _commands(tmp: Path) -> dict[str, list[str]]:
    """Each database command, with its own arguments; ``--db`` is added per case."""
    (tmp / "e.ics").write_text(EMPTY_ICS, encoding="ascii")
    return {
        "check": ["check"],
        "backup": ["backup"],
        "export": ["export", "--out", str(tmp / "export-out")],
        "export-ics": ["export-ics", "--out", str(tmp / "out.ics")],
        "import-ics": ["import-ics", str(tmp / "e.ics"), "--busy"],
        "decrypt": ["decrypt"],
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "m.db"
    assert cli.run(["demo-data", str(path)]) == OK
    for sidecar in path.parent.glob("m.db?*"):
        sidecar.unlink()
    return path


def _run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str]:
    code = cli.run(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err, args
    assert err.count("\n") <= 1, err  # one line (or none when it succeeds)
    return code, err


@pytest.mark.parametrize("kind", ["folder", "fifo", "/dev/null"])
def test_a_path_that_is_not_a_regular_file_is_bad_input_and_gets_no_sidecar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    if kind == "folder":
        path = tmp_path / "m.db"
        path.mkdir()
    elif kind == "fifo":
        path = tmp_path / "m.db"
        os.mkfifo(path)
    else:
        path = Path("/dev/null")
    before = set(path.parent.iterdir())
    for name, args in _commands(tmp_path).items():
        code, err = _run(capsys, [*args, "--db", str(path)])
        assert (name, code) == (name, BAD), err
        assert "give the path of a MentorDesk database file" in err
    # No -journal, .lock or backups folder was made beside it.
    assert {p for p in path.parent.iterdir() if p.name.startswith("m.db")} <= before
    assert not Path("/dev/null.lock").exists() and not Path("/dev/null-journal").exists()


def test_a_symlink_acts_on_its_target(
    tmp_path: Path, template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real" / "m.db"
    real.parent.mkdir()
    shutil.copyfile(template, real)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    expected = {"check": OK, "backup": OK, "export": OK, "export-ics": OK, "import-ics": OK,
                "decrypt": BAD}  # fmt: skip
    for name, args in _commands(tmp_path).items():
        code, err = _run(capsys, [*args, "--db", str(link)])
        assert (name, code) == (name, expected[name]), err
    assert link.is_symlink()  # not replaced by a file
    # Sidecars and backups are the target's, beside the target.
    assert not list(tmp_path.glob("link*[!b]")) and not (tmp_path / "link.db-backups").exists()
    assert (real.parent / "m.db-backups").is_dir()


def test_a_damaged_file_fails_and_is_not_written_into(
    tmp_path: Path, template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.db"
    shutil.copyfile(template, path)
    with path.open("r+b") as handle:  # interior pages: the header still says SQLite
        handle.seek(3 * 4096)
        handle.write(b"\xff" * 5 * 4096)
    damaged = path.read_bytes()
    expected = {"check": FAILED, "backup": FAILED, "export": FAILED, "export-ics": FAILED,
                "import-ics": FAILED, "decrypt": BAD}  # fmt: skip
    for name, args in _commands(tmp_path).items():
        code, err = _run(capsys, [*args, "--db", str(path)])
        assert (name, code) == (name, expected[name]), err
        assert path.read_bytes() == damaged, name


def _immutable(path: Path, on: bool) -> None:
    """Read-only even for root (which ignores file modes): the ext4 immutable flag."""
    subprocess.run(["chattr", "+i" if on else "-i", str(path)], check=True, capture_output=True)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[list[Path]]:
    """Paths made read-only for the test, made writable again afterwards."""
    made: list[Path] = []
    yield made
    for path in reversed(made):
        if os.geteuid() == 0:
            _immutable(path, on=False)
        else:
            path.chmod(0o700 if path.is_dir() else 0o600)


def _make_read_only(path: Path, made: list[Path]) -> None:
    if os.geteuid() == 0:
        try:
            _immutable(path, on=True)
        except (OSError, subprocess.CalledProcessError):
            pytest.skip("root, and this file system has no immutable flag (chattr)")
    else:
        path.chmod(0o500 if path.is_dir() else 0o400)
    made.append(path)


@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_folder_or_file(
    tmp_path: Path,
    template: Path,
    capsys: pytest.CaptureFixture[str],
    read_only: list[Path],
    what: str,
) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = folder / "m.db"
    shutil.copyfile(template, path)
    commands = _commands(tmp_path)
    _make_read_only(folder if what == "folder" else path, read_only)
    # Commands that only read work; those that write fail (1), saying what to make writable.
    for name in ("check", "export"):
        code, err = _run(capsys, [*commands[name], "--db", str(path)])
        assert (name, code) == (name, OK), err
    for name in ("import-ics", "export-ics") + (("backup",) if what == "folder" else ()):
        code, err = _run(capsys, [*commands[name], "--db", str(path)])
        assert (name, code) == (name, FAILED), err
        assert "read-only" in err and ("folder" in err or "writable" in err)
        if what == "folder":
            assert str(folder) in err


def _with_file_size_limit(limit: int) -> None:
    # Writes past the limit fail (Python ignores SIGXFSZ), as on a full disk.
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("command", ["demo-data", "import"])
def test_a_full_disk_fails_with_one_line_and_removes_what_it_made(
    tmp_path: Path, template: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    target = tmp_path / "new" / "m.db"
    target.parent.mkdir()
    if command == "demo-data":
        args = ["demo-data", str(target)]
    else:
        assert cli.run(["export", "--out", str(tmp_path / "x"), "--db", str(template)]) == OK
        capsys.readouterr()
        args = ["import", str(tmp_path / "x" / "mentordesk-export.json"), "--db", str(target)]
    # A child process: the file size limit must not touch the test run itself.
    result = subprocess.run(
        [sys.executable, "-m", "mentordesk", *args],
        preexec_fn=lambda: _with_file_size_limit(200_000),
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == FAILED, result.stderr
    assert "Traceback" not in result.stderr
    assert "is the disk full?" in result.stderr and "MB free on" in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert list(target.parent.iterdir()) == []


def test_an_empty_file_is_not_a_database_and_is_not_written_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.db"
    path.touch()
    for name, args in _commands(tmp_path).items():
        code, err = _run(capsys, [*args, "--db", str(path)])
        assert (name, code) == (name, BAD), err
        assert "is an empty file, not a MentorDesk database" in err
    assert path.stat().st_size == 0
