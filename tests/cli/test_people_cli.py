"""`mentordesk today`, `mentees`, `mentee show`, `contact add` and `meeting held|not-held`,
run as a user runs them, on the demo practice and on small files of their own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.contacts import ContactChannel
from mentordesk.domain.models import Meeting, Mentee, Settings, WorkingHours
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    made = mentordesk("demo-data", str(path))
    assert made.returncode == 0, made.stderr
    return path


def _json(*args: str) -> Any:
    done = mentordesk(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_today_json_is_one_object_of_lists_each_item_naming_its_mentee(demo: Path) -> None:
    today = _json("today", "--db", str(demo))
    assert isinstance(today, dict)
    lists = ("check_ins", "no_next_session", "upcoming", "goals_to_revisit", "open_actions",
             "recent_wins")  # fmt: skip
    assert set(lists) <= set(today)
    names = {m["name"] for m in _json("mentees", "--db", str(demo))}
    for key in lists:
        assert today[key], f"the demo has {key}"
        for item in today[key]:
            assert item["mentee"] in names and isinstance(item["mentee_id"], int), key
    check = today["check_ins"][0]
    assert {"last_contact", "days_since_contact", "cadence_days", "due_on"} <= set(check)
    meeting = today["upcoming"][0]
    # Both local times, each with its offset.
    assert meeting["your_time"][16:] and meeting["their_time"][16:]
    assert datetime.fromisoformat(meeting["your_time"]) == datetime.fromisoformat(
        meeting["their_time"]
    )
    text = mentordesk("today", "--db", str(demo))
    assert text.returncode == 0 and "Check-ins due:" in text.stdout
    assert check["mentee"] in text.stdout


def test_a_contact_added_moves_the_check_in_everywhere(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(demo.read_bytes())
    before = _json("today", "--db", str(db))
    due = [c["mentee"] for c in before["check_ins"]]
    assert "Siobhan Walsh" in due
    summary = "Coffee after the regatta"
    added = mentordesk("contact", "add", "--db", str(db), "--mentee", "siob",
                       "--channel", "In person", "--summary", summary)  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Logged in person contact with Siobhan Walsh" in added.stdout
    after = _json("today", "--db", str(db))
    assert "Siobhan Walsh" not in [c["mentee"] for c in after["check_ins"]]
    shown = _json("mentee", "show", "Siobhan Walsh", "--db", str(db))
    assert shown["days_since_contact"] == 0 and shown["days_overdue"] < 0
    [contact] = shown["contacts"]
    assert (contact["channel"], contact["summary"]) == ("in_person", "Coffee after the regatta")
    with Workspace.open(db) as ws:
        [logged] = ws.contacts.for_mentee(shown["id"])
        assert logged.channel is ContactChannel.IN_PERSON
        assert ws.mentee(logged.mentee_id).last_contact == logged.at


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mentee", "Siobhan", "--channel", "pigeon"], "'pigeon' is not a channel"),
        (["--mentee", "Siobhan", "--channel", "call"], "ending it in call mode"),
        (["--mentee", "Siobhan", "--at", "yesterday"], "--at 'yesterday' is not a date"),
        (["--mentee", "Siobhan", "--at", "2099-01-01 10:00"], "is in the future"),
        (["--mentee", "Nobody"], "No mentee is called 'Nobody'"),
        (["--mentee", "Siobhan", "--summary", "x" * 300], "at most 200 characters"),
    ],
)
def test_contact_add_refuses_bad_input_with_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    db = tmp_path / "desk.db"
    with Workspace.open(db) as ws:
        ws.save_mentee(Mentee("Siobhan Walsh", "America/St_Johns"))
    done = mentordesk("contact", "add", "--db", str(db), *args)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    with Workspace.open(db) as ws:
        assert ws.contacts.for_mentee(1) == []


def test_meeting_held_follows_the_one_rule_and_not_held_undoes_it(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    london = ZoneInfo("Europe/London")
    now = datetime.now(UTC).astimezone(london)
    with Workspace.open(db) as ws:
        ws.save_settings(Settings("Sam", "Europe/London", WorkingHours(time(9), time(17))))
        nia = ws.save_mentee(Mentee("Nia Brooks", "America/New_York"))
        later = (now + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
        ahead = ws.save_meeting(Meeting(nia.id or 0, "Mock interview", later))
        past = ws.save_meeting(Meeting(nia.id or 0, "Intro", later - timedelta(days=9)))
    refused = mentordesk("meeting", "held", "--db", str(db), str(ahead.id))
    assert refused.returncode == 2
    assert f"This meeting is on {later:%a} {later.day} {later:%b}; it can be marked held" in (
        refused.stderr
    )
    held = mentordesk("meeting", "held", "--db", str(db), str(past.id),
                      "--start", f"{past.start:%Y-%m-%d %H:%M}")  # fmt: skip
    assert held.returncode == 0, held.stderr
    assert _json("mentees", "--db", str(db))[0]["last_contact"] is not None
    undone = mentordesk("meeting", "not-held", "--db", str(db), str(past.id),
                        "--start", f"{past.start:%Y-%m-%d %H:%M}")  # fmt: skip
    assert undone.returncode == 0, undone.stderr
    assert _json("mentees", "--db", str(db))[0]["last_contact"] is None


def test_output_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert mentordesk("demo-data", str(db)).returncode == 0
    # As `mentordesk today | head -1` where head quits first: the pipe is closed before the
    # command prints (it takes a moment to start), so its first line meets a closed pipe.
    child = subprocess.Popen(
        [sys.executable, "-m", "mentordesk", "today", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    child.stdout.close()
    _, err = child.communicate(timeout=60)
    assert child.returncode == 0 and b"Traceback" not in err, err
