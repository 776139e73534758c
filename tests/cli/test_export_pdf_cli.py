"""``mentordesk export-pdf``: one mentee or all, periods, paper, and the exit codes."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from mentordesk.domain.models import Meeting, Mentee, MenteeStatus
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk
from tests.reports.pdf_text import pdf_text
from tests.summary_world import CANARIES, build_world


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "m.db"
    with Workspace.open(path) as ws:
        build_world(ws)
        ws.save_mentee(Mentee(name="Paused Pat", time_zone="UTC", status=MenteeStatus.PAUSED))
    return path


def test_one_mentee_for_a_period(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "zoe.pdf"
    args = ("--mentee", "Zoë Øster", "--from", "2026-11-01", "--to", "2026-11-30")
    done = mentordesk("export-pdf", "--db", str(db), *args, "--paper", "letter", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout
    assert "5 records are left out: “Include in summaries” is off" in done.stdout
    text = pdf_text(out)
    assert "Lead the design guild" in text and "1 Nov 2026 – 30 Nov 2026" in text
    assert not any(c in text for c in CANARIES)
    assert round(PdfReader(out).pages[0].mediabox.width) == 612


def test_all_active_mentees_into_a_folder(db: Path, tmp_path: Path) -> None:
    done = mentordesk("export-pdf", "--db", str(db), "--all", "--to", "2026-11-30",
                      "--out-dir", str(tmp_path))  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name.split(" - ")[0] for p in tmp_path.glob("*.pdf"))
    assert names == sorted(["Zoë Øster", "张伟", "José Ñúñez"])  # not the paused one
    assert done.stdout.count("wrote ") == 3


def test_the_mentees_named_into_a_folder(db: Path, tmp_path: Path) -> None:
    done = mentordesk("export-pdf", "--db", str(db), "--mentee", "Paused Pat", "--mentee", "zoë",
                      "--mentee", "Zoë Øster", "--out-dir", str(tmp_path))  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name.split(" - ")[0] for p in tmp_path.glob("*.pdf"))
    assert names == ["Paused Pat", "Zoë Øster"]  # a mentee named twice is written once
    done = mentordesk("export-pdf", "--db", str(db), "--mentee", "1", "--mentee", "2",
                      "--out", str(tmp_path / "one.pdf"))  # fmt: skip
    assert done.returncode == 2 and "give --out-dir DIR for several" in done.stderr
    done = mentordesk("export-pdf", "--db", str(db), "--mentee", "1")
    assert done.returncode == 2 and "--mentee needs --out FILE" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--mentee", "Nobody"), "No mentee is called 'Nobody'"),
        (("--mentee", "Zoë Øster", "--from", "2026-13-01"), "--from '2026-13-01' is not a date"),
        (("--mentee", "Zoë Øster", "--from", "2026-12-01", "--to", "2026-11-01"),
         "--from 2026-12-01 is after --to 2026-11-01"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_the_reason(
    db: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "s.pdf"
    done = mentordesk("export-pdf", "--db", str(db), *args, "--out", str(out))
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_missing_output_and_locked_database(db: Path, tmp_path: Path) -> None:
    done = mentordesk("export-pdf", "--db", str(db), "--all")
    assert done.returncode == 2 and "--all needs --out-dir" in done.stderr
    done = mentordesk("export-pdf", "--db", str(db), "--all", "--out-dir", str(tmp_path / "no"))
    assert done.returncode == 2 and "does not exist" in done.stderr
    holder = sqlite3.connect(db)  # another program holds the file's lock
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        done = mentordesk("export-pdf", "--db", str(db), "--mentee", "1", "--out",
                          str(tmp_path / "s.pdf"))  # fmt: skip
    finally:
        holder.rollback()
        holder.close()
    assert done.returncode == 3, done.stderr
    assert not (tmp_path / "s.pdf").exists()


def test_the_paper_defaults_to_the_one_chosen_in_the_window(db: Path, tmp_path: Path) -> None:
    with Workspace.open(db) as ws:
        ws.summaries.set_paper_preference("letter")
    out = tmp_path / "s.pdf"
    try:
        done = mentordesk("export-pdf", "--db", str(db), "--mentee", "张伟", "--out", str(out),
                          env={"LC_ALL": "de_DE.UTF-8"})  # fmt: skip
    finally:
        with Workspace.open(db) as ws:
            ws.summaries.set_paper_preference("")
    assert done.returncode == 0, done.stderr
    assert round(PdfReader(out).pages[0].mediabox.width) == 612


def test_a_hand_over_pack_per_mentee(db: Path, tmp_path: Path) -> None:
    own = tmp_path / "own.db"  # a pack writes (its calendar ids): not into the shared file
    shutil.copyfile(db, own)
    db = own
    with Workspace.open(db) as ws:
        zoe = ws.find_mentee("Zoë Øster")
        ws.save_meeting(Meeting(zoe.id or 0, "Far-off 1:1", datetime(2031, 1, 6, 9, tzinfo=UTC)))
        ws.save_mentee(Mentee(name="Nobody Yet", time_zone="UTC"))
    out = tmp_path / "packs"
    out.mkdir()
    done = mentordesk("export-pdf", "--db", str(db), "--mentee", "Zoë Øster", "--mentee",
                      "Nobody Yet", "--pack", "--from", "2026-11-01", "--to", "2026-11-30",
                      "--out-dir", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    zoe_pack, empty_pack = (out / f"{n} - hand-over 2026-11-01 to 2026-11-30"
                            for n in ("Zoë Øster", "Nobody Yet"))  # fmt: skip
    assert {p.suffix for p in zoe_pack.iterdir()} == {".pdf", ".ics", ".md"}
    assert "Far-off 1:1" in (zoe_pack / "next sessions.ics").read_text(encoding="utf-8")
    assert {p.suffix for p in empty_pack.iterdir()} == {".pdf"}
    assert "Nobody Yet: No upcoming session" in done.stderr and f"wrote {zoe_pack}" in done.stdout
    done = mentordesk("export-pdf", "--db", str(db), "--all", "--pack", "--out", "x.pdf")
    assert done.returncode == 2 and "--out-dir" in done.stderr
