"""An .ics export is written whole or not at all, private to the mentor."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Meeting, Mentee
from mentordesk.services import Workspace

LONDON = ZoneInfo("Europe/London")


def _practice(db: Path) -> None:
    with Workspace.open(db) as ws:
        mentee = ws.save_mentee(Mentee(name="Ravi", time_zone="Asia/Kathmandu"))
        start = datetime(2027, 1, 4, 9, 0, tzinfo=LONDON)
        for n in range(40):
            ws.save_meeting(
                Meeting(mentee.id or 0, f"Session {n} " + "x" * 60, start + timedelta(days=n))
            )


def test_an_export_that_cannot_finish_leaves_the_old_file_whole(tmp_path: Path) -> None:
    db, out = tmp_path / "m.db", tmp_path / "calendar.ics"
    _practice(db)
    old = b"BEGIN:VCALENDAR\r\nX-OLD:kept\r\nEND:VCALENDAR\r\n"
    out.write_bytes(old)
    # A disk that fills up mid-write: the child may write no file past 3 KB.
    script = textwrap.dedent(f"""
        import resource, signal, sys
        from mentordesk.services import Workspace
        ws = Workspace.open({str(db)!r})
        ws.calendar.export_ics(None, {str(tmp_path / "first.ics")!r})  # its UIDs are stored
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))
        try:
            ws.calendar.export_ics(None, {str(out)!r})
        except OSError as exc:
            print("refused:", exc.errno)
            sys.exit(0)
        sys.exit("the export claimed to be written")
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused:")
    assert out.read_bytes() == old  # not cut off at 3 KB
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_an_export_is_private_whatever_the_umask(tmp_path: Path) -> None:
    db, out = tmp_path / "m.db", tmp_path / "calendar.ics"
    _practice(db)
    previous = os.umask(0)
    try:
        with Workspace.open(db) as ws:
            assert ws.calendar.export_ics(None, out) == 40
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
