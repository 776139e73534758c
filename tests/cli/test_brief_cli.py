"""`mentordesk brief`: the window's pre-session brief on the command line, run as a user
runs it (real clock: the meeting is placed a day ahead of it)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from mentordesk.domain.models import ActionItem, Meeting, Mentee, Note, Owner, Settings
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk


def _desk(tmp_path: Path) -> str:
    db = tmp_path / "desk.sqlite"
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).replace(second=0, microsecond=0)
    with Workspace.open(db) as ws:
        ws.save_settings(Settings(mentor_name="Sam", time_zone="Europe/London"))
        maya = ws.save_mentee(Mentee("Maya Cohen", "America/Los_Angeles"))
        ws.save_mentee(Mentee("Ana Lima", "Europe/Lisbon"))
        mid = maya.id or 0
        ws.save_meeting(Meeting(mid, "Portfolio critique", tomorrow.astimezone(ZoneInfo("UTC"))))
        ws.add_action(ActionItem(mid, "Send two case studies", Owner.MENTEE))
        ws.save_note(Note(mid, "Worried about the gap year.", "Private thoughts"))
    return str(db)


def test_the_brief_for_the_next_meeting_as_text_and_json(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    text = mentordesk("brief", "--db", db)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Before the call with Maya Cohen\nNext: Portfolio critique")
    assert "Maya's to do (1)\n  - Send two case studies" in text.stdout
    assert "Private thoughts [private]" in text.stdout

    shown = mentordesk("brief", "--db", db, "--mentee", "ana", "--json")
    assert shown.returncode == 0, shown.stderr
    brief = json.loads(shown.stdout)
    assert brief["mentee"]["name"] == "Ana Lima" and brief["meeting"] is None
    assert brief["since_last_call"] is False and brief["notes"] == []


def test_an_unknown_mentee_is_bad_input(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    result = mentordesk("brief", "--db", db, "--mentee", "nobody")
    assert result.returncode == 2
    assert "No mentee is called 'nobody'" in result.stderr and "Traceback" not in result.stderr
