"""The command line, run as a user runs it: a real process on a real file."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from mentordesk import __version__
from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk


def _seeded(path: Path) -> Path:
    with Workspace.open(path) as ws:
        ws.save_mentee(Mentee(name="Ana", time_zone="Europe/Lisbon"))
    return path


def test_version() -> None:
    result = mentordesk("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"MentorDesk {__version__}"


def test_check_reports_one_line_and_json(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db")
    result = mentordesk("check", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert result.stdout.startswith(f"ok: {db} (1 mentees")
    data = json.loads(mentordesk("check", "--db", str(db), "--json").stdout)
    assert data["ok"] is True and data["counts"]["mentees"] == 1 and data["problems"] == []


def test_check_uses_the_environment_variable(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "env.db")
    result = mentordesk("check", env={"MENTORDESK_DB": str(db)})
    assert result.returncode == 0 and str(db) in result.stdout


def test_check_refuses_a_bad_path_and_a_foreign_file(tmp_path: Path) -> None:
    missing = mentordesk("check", "--db", str(tmp_path / "no" / "such.db"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    garbage = tmp_path / "cv.pdf"
    garbage.write_bytes(b"%PDF-1.7 not a database" * 20)
    before = hashlib.sha256(garbage.read_bytes()).hexdigest()
    refused = mentordesk("check", "--db", str(garbage))
    assert refused.returncode == 1
    assert "not a MentorDesk database" in refused.stderr
    assert hashlib.sha256(garbage.read_bytes()).hexdigest() == before


def test_check_finds_damage(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db")
    with Workspace.open(db) as ws:
        ws.db.conn.execute("PRAGMA foreign_keys = OFF")
        ws.db.conn.execute(
            "INSERT INTO goals (mentee_id, title, created_at, updated_at) VALUES (999, 'x', '', '')"
        )
    result = mentordesk("check", "--db", str(db))
    assert result.returncode == 1
    assert "foreign keys" in result.stdout


def test_bad_subcommand_input_is_exit_2(tmp_path: Path) -> None:
    result = mentordesk("demo-data", str(tmp_path / "x.db"), "--size", "huge")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_demo_data_writes_a_file_that_checks_ok(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    result = mentordesk("demo-data", str(target))
    assert result.returncode == 0, result.stderr
    assert mentordesk("check", "--db", str(target)).returncode == 0
    again = mentordesk("demo-data", str(target))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_quit_after_start_paints_and_reports(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db")
    result = mentordesk("--db", str(db), "--quit-after-start")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ready in \d+ ms\n", result.stdout)
    # The offscreen platform's "no window manager" chatter is not news for a script.
    assert "does not support" not in result.stderr


def test_quit_after_start_on_a_bad_db_says_why(tmp_path: Path) -> None:
    result = mentordesk("--db", str(tmp_path / "missing" / "m.db"), "--quit-after-start")
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_a_second_instance_on_the_same_file_is_told_and_stays_out(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "m.db")
    with Workspace.open(db):  # the first, running "window"
        result = mentordesk("--db", str(db), "--quit-after-start")
    assert result.returncode == 3
    assert "already open in another MentorDesk window" in result.stderr


def test_a_second_demo_window_leaves_the_first_ones_file_alone() -> None:
    from mentordesk.app import open_demo

    first = open_demo()
    try:
        mentees_before = first.counts()["mentees"]
        result = mentordesk("--demo", "--quit-after-start", env={})
        assert result.returncode == 3
        assert "already open" in result.stderr
        assert first.counts()["mentees"] == mentees_before  # its file was not replaced
    finally:
        first.close()


def test_check_reports_a_truncated_file_as_damaged_and_keeps_it(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    assert mentordesk("demo-data", str(db)).returncode == 0
    with db.open("r+b") as fh:
        fh.truncate(db.stat().st_size // 2)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = mentordesk("check", "--db", str(db))
    assert result.returncode == 1
    assert "damaged" in result.stderr + result.stdout and "Traceback" not in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
