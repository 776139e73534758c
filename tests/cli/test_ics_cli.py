"""`mentordesk export-ics` and `mentordesk import-ics`, run as a user runs them."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Meeting, Mentee
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk

ICS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "ics"


def _desk(tmp_path: Path) -> Path:
    db = tmp_path / "desk.sqlite"
    with Workspace.open(db) as ws:
        ravi = ws.save_mentee(Mentee(name="Ravi", time_zone="Asia/Kathmandu"))
        start = datetime.now(ZoneInfo("Europe/London")).replace(second=0, microsecond=0)
        ws.save_meeting(
            Meeting(ravi.id or 0, "Weekly", start + timedelta(days=1), rrule="FREQ=WEEKLY")
        )
    return db


def test_import_reports_unusable_items_and_export_writes_them(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    result = mentordesk(
        "import-ics", str(ICS_DIR / "daylight_saving_time.ics"), "--mentee", "ravi", "--db", str(db)
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("skipped '") and "all-day" in line for line in lines)
    assert lines[-1].startswith("imported 55 meeting(s) for Ravi")

    busy = mentordesk("import-ics", str(ICS_DIR / "issue_27_t1.ics"), "--busy", "--db", str(db))
    assert busy.returncode == 0, busy.stderr
    assert busy.stdout.strip() == "imported 1 busy time(s), 0 line(s) above"

    out = tmp_path / "ravi.ics"
    export = mentordesk("export-ics", "--mentee", "Ravi", "--out", str(out), "--db", str(db))
    assert export.returncode == 0, export.stderr
    assert export.stdout.strip() == f"wrote 56 meetings to {out}"
    assert out.read_text().count("BEGIN:VEVENT") >= 56

    upcoming = mentordesk("export-ics", "--out", str(tmp_path / "all.ics"), "--db", str(db))
    assert upcoming.returncode == 0, upcoming.stderr
    # Past single meetings and finished series (most of the 2019 file) are left out.
    assert 1 <= int(upcoming.stdout.split()[1]) < 56
    assert "SUMMARY:Weekly" in (tmp_path / "all.ics").read_text()


def test_bad_input_exits_2_with_a_message(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    missing = mentordesk("import-ics", str(tmp_path / "nope.ics"), "--busy", "--db", str(db))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr

    hostile = tmp_path / "huge.ics"
    hostile.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X" * (11 * 2**20))
    refused = mentordesk("import-ics", str(hostile), "--busy", "--db", str(db))
    assert refused.returncode == 2
    assert "over 10 MB" in refused.stderr

    nobody = mentordesk(
        "import-ics", str(ICS_DIR / "issue_27_t1.ics"), "--mentee", "Bob", "--db", str(db)
    )
    assert nobody.returncode == 2
    assert "No mentee is called 'Bob'" in nobody.stderr

    unknown = mentordesk("export-ics", "--mentee", "Bob", "--out", str(tmp_path / "x.ics"))
    assert unknown.returncode == 2

    neither = mentordesk("import-ics", str(ICS_DIR / "issue_27_t1.ics"), "--db", str(db))
    assert neither.returncode == 2  # argparse: one of --mentee / --busy is required
