"""Every command that takes ``--db`` under the paths users' machines give it — a folder, a
symlink, a read-only folder, a damaged file, a full disk — ends with its documented exit code
and one line, never a traceback (the README's exit-code table). A new command is added to
``COMMANDS`` or the first test fails."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentordesk import cli
from mentordesk.cli.parser import build_parser
from tests.cli.test_path_matrix import _make_read_only, read_only  # noqa: F401 (a fixture)

DOCUMENTED = {0, 1, 2, 3}


@pytest.fixture(autouse=True)
def _gui(qapp: object) -> None:
    """export-pdf makes a Qt application when none exists; in this process it must find
    pytest-qt's, or every window test after this module would have the wrong kind."""


def commands(tmp: Path) -> dict[str, list[str]]:
    """Each command that opens the database, with arguments that are valid on the demo."""
    (tmp / "e.ics").write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    (tmp / "new-pass.txt").write_text("a new passphrase, long enough\n")
    (tmp / "backup.db").write_bytes(b"")
    out = tmp / "out"
    out.mkdir(exist_ok=True)
    return {
        "check": ["check"],
        "export-ics": ["export-ics", "--out", str(out / "m.ics")],
        "import-ics": ["import-ics", str(tmp / "e.ics"), "--busy"],
        "backup": ["backup"],
        "restore": ["restore", str(tmp / "backup.db")],
        "export": ["export", "--out", str(out / "export")],
        "import": ["import", str(tmp / "missing.json")],
        "encrypt": ["encrypt"],
        "decrypt": ["decrypt"],
        "change-passphrase": ["change-passphrase", "--new-passphrase-file",
                              str(tmp / "new-pass.txt")],
        "new-recovery-key": ["new-recovery-key"],
        "goals": ["goals", "--mentee", "Priya"],
        "goal add": ["goal", "add", "--mentee", "Priya", "--title", "Write a talk"],
        "goal from-template": ["goal", "from-template", "Career switch", "--mentee", "Priya"],
        "milestone add": ["milestone", "add", "--goal", "1", "--title", "Draft"],
        "milestone done": ["milestone", "done", "1"],
        "brief": ["brief"],
        "history": ["history", "Priya"],
        "export-pdf": ["export-pdf", "--mentee", "Priya", "--out", str(out / "p.pdf")],
        "today": ["today"],
        "mentees": ["mentees"],
        "mentee show": ["mentee", "show", "Priya"],
        "contact add": ["contact", "add", "--mentee", "Priya", "--channel", "email"],
        "meeting held": ["meeting", "held", "1"],
        "meeting not-held": ["meeting", "not-held", "1"],
        "feedback add": ["feedback", "add", "--mentee", "Priya", "--text", "Clear talk"],
        "win add": ["win", "add", "--mentee", "Priya", "--text", "Shipped it"],
        "resource add": ["resource", "add", "--mentee", "Priya", "--title", "A post",
                         "--url", "https://example.org/post"],
        "action done": ["action", "done", "3"],
        "action reopen": ["action", "reopen", "3"],
    }  # fmt: skip


def _with_db(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _with_db(sub, (*prefix, name))
        elif "--db" in action.option_strings and prefix:
            found.add(" ".join(prefix))
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "m.db"
    assert cli.run(["demo-data", str(path)]) == 0
    for sidecar in path.parent.glob("m.db?*"):
        if sidecar.is_dir():
            shutil.rmtree(sidecar)
        else:
            sidecar.unlink()
    return path


def _run(capsys: pytest.CaptureFixture[str], name: str, args: list[str]) -> tuple[int, str]:
    code = cli.run(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err, (name, err)
    assert err.strip().count("\n") == 0, (name, err)  # one line, or none
    assert code in DOCUMENTED, (name, code, err)
    return code, err


def test_every_command_with_a_database_is_in_the_matrix(tmp_path: Path) -> None:
    assert set(commands(tmp_path)) == _with_db(build_parser())


def test_a_folder_at_the_path_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "m.db"
    folder.mkdir()
    for name, args in commands(tmp_path).items():
        code, err = _run(capsys, name, [*args, "--db", str(folder)])
        assert code == 2, (name, err)
        # (import first says its missing export file is missing: also bad input.)
        assert name == "import" or "give the path of a MentorDesk database file" in err, err


def test_a_symlink_is_followed_and_stays_a_link(
    tmp_path: Path, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real" / "m.db"
    real.parent.mkdir()
    shutil.copyfile(demo, real)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    for name, args in commands(tmp_path).items():
        _run(capsys, name, [*args, "--db", str(link)])
        assert link.is_symlink(), name
    assert not (tmp_path / "link.db-backups").exists() and not (tmp_path / "link.db.lock").exists()


def test_a_damaged_file_is_refused_and_left_as_it_was(
    tmp_path: Path, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.db"
    shutil.copyfile(demo, path)
    with path.open("r+b") as handle:  # interior pages: the header still says SQLite
        handle.seek(3 * 4096)
        handle.write(b"\xff" * 5 * 4096)
    damaged = path.read_bytes()
    for name, args in commands(tmp_path).items():
        code, err = _run(capsys, name, [*args, "--db", str(path)])
        assert path.read_bytes() == damaged, name
        if name != "check":
            assert code != 0 or name in _MAY_READ_AROUND_DAMAGE, (name, err)


# Read only what the damage does not reach, and say nothing was wrong with what they read.
_MAY_READ_AROUND_DAMAGE = {"mentees", "today", "goals", "mentee show", "history", "brief",
                           "export-pdf"}  # fmt: skip


def test_a_read_only_folder_fails_naming_it_or_reads(
    tmp_path: Path,
    demo: Path,
    capsys: pytest.CaptureFixture[str],
    read_only: list[Path],  # noqa: F811
) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = folder / "m.db"
    shutil.copyfile(demo, path)
    before = path.read_bytes()
    all_commands = commands(tmp_path)
    _make_read_only(folder, read_only)
    for name, args in all_commands.items():
        code, err = _run(capsys, name, [*args, "--db", str(path)])
        if code == 1:
            assert "read-only" in err or "writable" in err, (name, err)
        assert code in (0, 1, 2), (name, code, err)
    assert path.read_bytes() == before


_FULL_DISK = """
import io, json, resource, sys, contextlib
from mentordesk import cli
cases = json.loads(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
results = {}
for name, args in cases.items():
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli.run(args)
        except SystemExit as exc:
            code = exc.code
    results[name] = [code, err.getvalue()]
print(json.dumps(results))
"""


def test_a_full_disk_fails_with_one_line(tmp_path: Path, demo: Path) -> None:
    # Every file the commands write may grow by little: the database is copied in first.
    path = tmp_path / "m.db"
    shutil.copyfile(demo, path)
    limit = path.stat().st_size + 4096
    cases = {name: [*args, "--db", str(path)] for name, args in commands(tmp_path).items()}
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, json.dumps(cases), str(limit)],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for name, (code, err) in json.loads(done.stdout.splitlines()[-1]).items():
        assert "Traceback" not in err, (name, err)
        assert err.strip().count("\n") == 0, (name, err)
        assert code in DOCUMENTED, (name, code, err)
