"""Odd and hostile input on the command line: refused with a one-line message and the
documented exit code, quickly, never a traceback. Run in-process to keep the suite fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mentordesk import cli
from mentordesk.cli.encryption import MAX_PASSPHRASE_FILE, read_passphrase_file
from mentordesk.cli.errors import CommandFailed


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    began = time.perf_counter()
    code = cli.run(list(args))
    assert time.perf_counter() - began < 5, args
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["occurrences", "--start", "2026-03-08 09:00", "--zone", "UTC", "--rrule",
          "FREQ=DAILY;INTERVAL=0"], "INTERVAL must be 1 to 366"),
        (["occurrences", "--start", "2026-03-08 09:00", "--zone", "UTC", "--rrule",
          "FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=1,2"], "once a day at most"),
        (["occurrences", "--start", "0001-01-01 09:00", "--zone", "Europe/London", "--rrule",
          "FREQ=DAILY"], "--start 0001-01-01 is outside 1900–2200"),
        (["occurrences", "--start", "9999-12-31 23:00", "--zone", "UTC", "--rrule",
          "FREQ=DAILY"], "outside 1900–2200"),
        (["overlap", "--person", "Europe/London@09:00-17:00", "--date", "9999-12-31"],
         "--date 9999-12-31 is outside 1900–2200"),
        (["overlap", "--person", "Europe/London@09:00-17:00", "--date", "0001-01-01"],
         "outside 1900–2200"),
    ],
)  # fmt: skip
def test_planning_commands_refuse_absurd_input(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    code, _, err = _run(capsys, *args)
    assert code == cli.EXIT_BAD_INPUT
    assert says in err and err.count("\n") == 1


def test_a_huge_passphrase_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "pass.txt"
    with huge.open("wb") as handle:
        handle.truncate(300 * 1024**2)  # sparse: costs nothing here, 300 MB to a reader
    huge.chmod(0o600)
    began = time.perf_counter()
    with pytest.raises(CommandFailed) as refused:
        read_passphrase_file(str(huge))
    assert time.perf_counter() - began < 0.5
    assert refused.value.code == cli.EXIT_BAD_INPUT
    assert f"over {MAX_PASSPHRASE_FILE} bytes" in refused.value.message
    fine = tmp_path / "ok.txt"
    fine.write_text("correct horse battery staple\n", encoding="utf-8")
    fine.chmod(0o600)
    assert read_passphrase_file(str(fine)) == "correct horse battery staple"


def test_import_ics_of_hostile_events_reports_them_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "m.db"
    assert _run(capsys, "demo-data", str(db))[0] == cli.EXIT_OK
    ics = tmp_path / "bad.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Year one\r\n"
        "DTSTART;TZID=Europe/London:00010101T090000\r\nDURATION:PT30M\r\n"
        "RRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Never advances\r\n"
        "DTSTART;TZID=Europe/London:20260105T090000\r\nDURATION:PT30M\r\n"
        "RRULE:FREQ=WEEKLY;INTERVAL=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="ascii",
    )
    code, out, err = _run(capsys, "import-ics", str(ics), "--db", str(db), "--mentee", "1")
    assert code == cli.EXIT_OK, err
    said = out + err
    assert "'Year one': its date 0001-01-01 is outside 1900–2200" in said
    assert "'Never advances'" in said and "INTERVAL must be 1 to 366" in said
    assert _run(capsys, "check", "--db", str(db))[0] == cli.EXIT_OK
