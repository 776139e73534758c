"""`mentordesk goals`, `goal add`, `milestone add|done`, and the one mentee resolver behind
every `--mentee`, run as a user runs them; what they write is read back in the window's
service."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee, MilestoneStatus
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk


def _desk(tmp_path: Path) -> Path:
    db = tmp_path / "desk.sqlite"
    with Workspace.open(db) as ws:
        for name in ("Maya Cohen", "José Álvarez", "Joss Whitfield", "Ana Lima"):
            ws.save_mentee(Mentee(name, "Europe/London"))
    return db


def test_add_a_goal_and_milestone_complete_it_and_read_it_in_the_service(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.sqlite")
    _desk(tmp_path)
    goal = mentordesk("goal", "add", "--db", db, "--mentee", "maya", "--title", "Give a talk",
                      "--start", "2026-11-01", "--target", "2027-03-01")  # fmt: skip
    assert goal.returncode == 0, goal.stderr
    goal_id = int(goal.stdout)
    step = mentordesk("milestone", "add", "--db", db, "--goal", str(goal_id),
                      "--title", "Abstract", "--due", "2027-01-10")  # fmt: skip
    assert step.returncode == 0, step.stderr
    step_id = int(step.stdout)
    done = mentordesk("milestone", "done", "--db", db, str(step_id), "--on", "2026-12-05")
    assert done.returncode == 0, done.stderr
    listed = mentordesk("goals", "--db", db, "--mentee", "Maya Cohen", "--json")
    assert listed.returncode == 0, listed.stderr
    [shown] = json.loads(listed.stdout)
    assert (shown["id"], shown["title"], shown["progress"]) == (goal_id, "Give a talk", 100)
    assert shown["milestones"][0]["done_on"] == "2026-12-05"
    with Workspace.open(db) as ws:
        [progress] = ws.roadmap.progress(ws.find_mentee("Maya Cohen").id or 0)
        assert progress.goal.target_date == date(2027, 3, 1)
        assert progress.milestones[0].status is MilestoneStatus.DONE
        [win] = ws.wins.for_mentee(progress.goal.mentee_id)
        assert win.milestone_id == step_id


def test_bad_dates_unknown_ids_and_names_exit_2_with_a_clear_message(tmp_path: Path) -> None:
    db = str(_desk(tmp_path))
    bad = mentordesk("goal", "add", "--db", db, "--mentee", "Ana", "--title", "x",
                     "--target", "2027-13-01")  # fmt: skip
    assert bad.returncode == 2
    assert "--target '2027-13-01' is not a date — write it as YYYY-MM-DD" in bad.stderr
    backwards = mentordesk("goal", "add", "--db", db, "--mentee", "Ana", "--title", "x",
                           "--start", "2027-02-01", "--target", "2027-01-01")  # fmt: skip
    assert backwards.returncode == 2 and "before the start date" in backwards.stderr
    unknown = mentordesk("milestone", "done", "--db", db, "99")
    assert unknown.returncode == 2 and "No milestone has id 99" in unknown.stderr
    ambiguous = mentordesk("goals", "--db", db, "--mentee", "jo")
    assert ambiguous.returncode == 2
    assert "José Álvarez (id 2), Joss Whitfield (id 3)" in ambiguous.stderr
    nobody = mentordesk("goals", "--db", db, "--mentee", "Zed")
    assert nobody.returncode == 2 and "No mentee is called 'Zed'" in nobody.stderr


def test_the_resolver_takes_ids_exact_names_then_one_unaccented_prefix(tmp_path: Path) -> None:
    with Workspace.open(_desk(tmp_path)) as ws:
        find = ws.roster.find
        assert find("2").name == "José Álvarez"
        assert find("jose").name == "José Álvarez"  # accent- and case-insensitive prefix
        assert find("JOSE ALV").name == "José Álvarez"
        assert find("maya").name == "Maya Cohen"
        assert find("ana lima").name == "Ana Lima"
        with pytest.raises(ValidationError, match="matches several mentees") as caught:
            find("Jo")
        assert caught.value.field == "mentee"
        ws.save_mentee(Mentee("Ana", "UTC"))
        assert find("Ana").name == "Ana"  # an exact name wins over a longer one


def test_export_ics_takes_the_start_of_a_name_too(tmp_path: Path) -> None:
    db = str(_desk(tmp_path))
    out = tmp_path / "maya.ics"
    result = mentordesk("export-ics", "--db", db, "--mentee", "Maya", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote 0 meetings to {out}"
