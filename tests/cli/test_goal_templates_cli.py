"""`mentordesk goal templates` and `goal from-template`, run as a user runs them; what they
add is read back in the window's service."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from mentordesk.appdata.roadmap_templates import user_folder
from mentordesk.domain.models import Goal, Mentee
from mentordesk.services import Workspace
from mentordesk.services.roadmap_templates import RoadmapTemplates
from tests.cli_runner import mentordesk


def _desk(tmp_path: Path) -> str:
    db = tmp_path / "desk.sqlite"
    with Workspace.open(db) as ws:
        for name in ("Maya Cohen", "Ana Lima"):
            ws.save_mentee(Mentee(name, "Europe/London"))
    return str(db)


def test_templates_lists_the_shipped_ones_and_the_mentors(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    with Workspace.open(db) as ws:
        ana = int(ws.find_mentee("Ana").id or 0)
        ws.roadmap.add_goal(Goal(ana, "Ship the thing", target_date=date(2027, 2, 1)))
        mine = RoadmapTemplates(ws.roadmap).save_from_mentee(ana, "Ana's plan")
    try:
        listed = mentordesk("goal", "templates")
        assert listed.returncode == 0, listed.stderr
        shipped = ("First 90 days in a new role", "Career switch", "Promotion case")
        for text in (*shipped, "Learning a new skill", "Ana's plan (yours)", "from-template"):
            assert text in listed.stdout
        as_json = mentordesk("goal", "templates", "--json")
        found = {t["title"]: t for t in json.loads(as_json.stdout)}
        assert found["Career switch"]["goals"] == 5 and not found["Career switch"]["yours"]
        assert found["Ana's plan"]["yours"]
    finally:
        RoadmapTemplates(None).delete(mine)


def test_from_template_adds_the_goals_dated_from_the_start(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    done = mentordesk("goal", "from-template", "first 90", "--db", db,
                      "--mentee", "maya", "--start", "2027-01-31")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Added 4 goals from “First 90 days in a new role” to Maya Cohen's roadmap" in done.stdout
    with Workspace.open(db) as ws:
        goals = ws.roadmap.progress(int(ws.find_mentee("Maya Cohen").id or 0))
    assert goals[0].goal.title == "Understand the team, the product and how work gets done"
    # "+2m" from 31 January ends with February.
    relationships = goals[1].goal
    assert (relationships.start_date, relationships.target_date) == (
        date(2027, 2, 7),
        date(2027, 3, 31),
    )


def test_bad_input_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    db = _desk(tmp_path)
    unknown = mentordesk("goal", "from-template", "Astronaut", "--db", db, "--mentee", "Ana")
    assert unknown.returncode == 2
    assert "No roadmap template is called “Astronaut”" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    bad_day = mentordesk("goal", "from-template", "career", "--db", db, "--mentee", "Ana",
                         "--start", "2027-02-30")  # fmt: skip
    assert bad_day.returncode == 2
    assert "--start '2027-02-30' is not a date" in bad_day.stderr
    nobody = mentordesk("goal", "from-template", "career", "--db", db, "--mentee", "Zed")
    assert nobody.returncode == 2 and "Zed" in nobody.stderr
    with Workspace.open(db) as ws:
        assert ws.roadmap.progress(int(ws.find_mentee("Ana").id or 0)) == []


def test_a_template_file_that_cannot_be_used_is_named_and_the_rest_listed() -> None:
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    broken = folder / "half-written.json"
    broken.write_text('{"title": "Half', encoding="utf-8")
    try:
        listed = mentordesk("goal", "templates")
    finally:
        broken.unlink()
    assert listed.returncode == 0
    assert "Career switch" in listed.stdout
    assert "half-written.json: not valid JSON" in listed.stderr
