"""The hand-over pack: the summary, the next sessions and the shared resources, in one
folder per mentee, written whole or not at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from icalendar import Calendar

from mentordesk.domain.models import Resource
from mentordesk.reports.handover import RESOURCES_FILE, SESSIONS_FILE, write_handover_pack
from mentordesk.reports.paper import Paper
from mentordesk.services import Workspace
from tests.reports.pdf_text import pdf_text
from tests.summary_world import CANARIES, NOW, World, build_world, november


def _sessions(ws: Workspace, mentee_id: int):
    return lambda path: ws.calendar.export_ics(mentee_id, path, NOW, upcoming_only=True)


def test_the_pack_holds_the_summary_the_next_session_and_the_shared_resources(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    rid = world.rich.id or 0
    summary_ws.add_resource(Resource("Kept to myself", "https://example.org/private",
                                     mentee_id=rid, shareable=False))  # fmt: skip
    pack = write_handover_pack(
        november(summary_ws, world.rich), tmp_path, Paper.A4, _sessions(summary_ws, rid)
    )
    assert pack.folder.name == "Zoë Øster - hand-over 2026-11-01 to 2026-11-30"
    assert sorted(p.name for p in pack.folder.iterdir()) == sorted(p.name for p in pack.files)
    pdf = next(p for p in pack.files if p.suffix == ".pdf")
    assert "Lead the design guild" in pdf_text(pdf)
    # Only the session still to come: the two held in November are history.
    calendar = Calendar.from_ical((pack.folder / SESSIONS_FILE).read_bytes())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Next 1:1"]
    listing = (pack.folder / RESOURCES_FILE).read_text(encoding="utf-8")
    assert "[The Staff Engineer's Path](https://example.org/staff)" in listing
    assert "Kept to myself" not in listing  # left out of summaries, so out of the pack
    for path in pack.files:
        text = pdf_text(path) if path.suffix == ".pdf" else path.read_text(encoding="utf-8")
        assert not any(canary in text for canary in CANARIES), path.name
    assert pack.folder.stat().st_mode & 0o777 == 0o700


def test_a_mentee_with_nothing_to_come_gets_the_summary_and_is_told_why(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    empty = world.empty.id or 0
    pack = write_handover_pack(
        november(summary_ws, world.empty), tmp_path, Paper.A4, _sessions(summary_ws, empty)
    )
    assert [p.suffix for p in pack.files] == [".pdf"]
    assert pack.notes == ["No upcoming session to put in a calendar file.",
                          "No shared resource to list."]  # fmt: skip
    assert sorted(p.name for p in pack.folder.iterdir()) == [pack.files[0].name]


def test_an_old_pack_is_never_overwritten(
    summary_ws: Workspace, world: World, tmp_path: Path
) -> None:
    summary = november(summary_ws, world.rich)
    rid = world.rich.id or 0
    out = tmp_path / "out"
    out.mkdir()
    first = write_handover_pack(summary, out, Paper.A4, _sessions(summary_ws, rid))
    second = write_handover_pack(summary, out, Paper.A4, _sessions(summary_ws, rid))
    assert second.folder.name == f"{first.folder.name} (2)"
    assert first.folder.is_dir() and len(list(first.folder.iterdir())) == 3
    assert sorted(p.name for p in out.iterdir()) == [first.folder.name, second.folder.name]


_FULL_DISK = """
import resource, sys
import os
import subprocess
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from mentordesk.reports.handover import write_handover_pack
from mentordesk.reports.paper import Paper
from mentordesk.services import Workspace
from mentordesk.services.summary_content import SummaryPeriod
from datetime import date
app = QGuiApplication([])
ws = Workspace.open(Path(sys.argv[1]))
mentee = ws.find_mentee("Zoë Øster")
summary = ws.summaries.build(mentee.id, SummaryPeriod(date(2026, 11, 1), date(2026, 11, 30)))
# The disk fills up now: no file written from here may grow past 10 kB (the PDF is ~30 kB).
resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))
try:
    write_handover_pack(summary, Path(sys.argv[2]), Paper.A4,
                        lambda p: ws.calendar.export_ics(mentee.id, p, upcoming_only=True))
except OSError as exc:
    print("failed:", exc)
"""


def test_a_full_disk_leaves_no_half_pack(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "m.db") as ws:
        world = build_world(ws)
        ws.calendar.export_ics(world.rich.id, tmp_path / "warm.ics")  # its ids made beforehand
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(tmp_path / "m.db"), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.startswith("failed:"), done.stdout + done.stderr
    assert list(out.iterdir()) == []
