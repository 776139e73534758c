"""`mentordesk history`: a mentee's timeline on the command line, as text and JSON, one kind
with --show, bounded by --limit; bad input exits 2 naming the fix."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Meeting, Mentee, Note, Settings, Win
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk


def _desk(tmp_path: Path) -> str:
    """Real clock: everything is placed in the days before now."""
    db = tmp_path / "desk.sqlite"
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    with Workspace.open(db) as ws:
        ws.save_settings(Settings(mentor_name="Sam", time_zone="Europe/London"))
        maya = ws.save_mentee(Mentee("Maya Cohen", "America/Los_Angeles"))
        ws.save_mentee(Mentee("Ana Lima", "Europe/Lisbon"))
        mid = maya.id or 0
        start = (now - timedelta(days=9)).astimezone(ZoneInfo("Europe/London"))
        series = ws.save_meeting(Meeting(mid, "Portfolio critique", start, rrule="FREQ=DAILY"))
        ws.mark_held(series.id or 0, start, now=now)
        ws.meeting_changes.reschedule_occurrence(
            series.id or 0, start + timedelta(days=1), start + timedelta(days=1, hours=3),
            "Maya's flight was late",
        )  # fmt: skip
        ws.save_note(Note(mid, "Worried about the gap year.", "Private thoughts",
                          created_at=now - timedelta(days=5)))  # fmt: skip
        ws.add_win(Win(mid, "Got the interview", date.today() - timedelta(days=3)))
    return str(db)


def test_the_history_as_text_and_json(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    text = mentordesk("history", "maya", "--db", db)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "Maya Cohen: everything, newest first"
    said = "\n".join(lines)
    assert said.index("Win — Got the interview") < said.index("Note — Private thoughts [private]")
    assert "Moved — Portfolio critique →" in said and "(reason: Maya's flight was late)" in said
    assert said.rstrip().endswith("Held — Portfolio critique")

    shown = mentordesk("history", "maya", "--db", db, "--show", "meetings", "--json")
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert document["mentee"]["name"] == "Maya Cohen"
    assert [e["extra"] for e in document["entries"]] == ["moved", "held"]
    assert document["entries"][0]["detail"] == "Maya's flight was late"

    one = json.loads(mentordesk("history", "maya", "--db", db, "--limit", "1", "--json").stdout)
    assert [e["kind"] for e in one["entries"]] == ["win"]
    empty = mentordesk("history", "ana", "--db", db)
    assert empty.stdout.splitlines()[1:] == ["  nothing yet"]


def test_bad_input_exits_2_naming_the_fix(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    nobody = mentordesk("history", "nobody", "--db", db)
    assert nobody.returncode == 2 and "No mentee is called 'nobody'" in nobody.stderr
    zero = mentordesk("history", "maya", "--db", db, "--limit", "0")
    assert zero.returncode == 2 and "--limit takes 1 to 10,000 entries" in zero.stderr
    kind = mentordesk("history", "maya", "--db", db, "--show", "gossip")
    assert kind.returncode == 2 and "invalid choice" in kind.stderr
    for result in (nobody, zero, kind):
        assert "Traceback" not in result.stderr
