"""Roadmap templates through the service: the four shipped ones, applying with dates from the
chosen start (one transaction, one change), saving a mentee's roadmap as the mentor's own
template in their data folder, finding by name, deleting, and files that cannot be used."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mentordesk.appdata.roadmap_templates import user_folder
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Goal, Mentee, Milestone
from mentordesk.services import Workspace
from mentordesk.services.changes import Changes, Kind
from mentordesk.services.roadmap_templates import RoadmapTemplates

TODAY = date(2026, 12, 6)
SHIPPED = {
    "First 90 days in a new role",
    "Career switch",
    "Promotion case",
    "Learning a new skill",
}


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "m.db") as workspace:
        yield workspace


@pytest.fixture
def templates(ws: Workspace, tmp_path: Path) -> RoadmapTemplates:
    return RoadmapTemplates(ws.roadmap, folder=tmp_path / "mine")


def _mentee(ws: Workspace, name: str) -> int:
    return int(ws.save_mentee(Mentee(name, "UTC")).id or 0)


def _plan(ws: Workspace, mentee: int) -> list[tuple[object, ...]]:
    return [
        (p.goal.title, p.goal.start_date, p.goal.target_date, p.goal.success_criteria,
         [(m.title, m.due_date) for m in p.milestones])
        for p in ws.roadmap.progress(mentee)
    ]  # fmt: skip


def test_the_four_shipped_templates_load_with_goals_criteria_and_milestones(
    templates: RoadmapTemplates,
) -> None:
    found = templates.available()
    assert templates.problems == []
    assert {t.title for t in found} == SHIPPED
    for template in found:
        assert template.shipped and len(template.goals) >= 3
        assert all(g.success_criteria and g.milestones for g in template.goals)
        assert all(m.due is not None for g in template.goals for m in g.milestones)


def test_the_mentors_templates_live_in_the_user_data_folder(ws: Workspace) -> None:
    assert RoadmapTemplates(ws.roadmap).folder == user_folder()
    assert user_folder().name == "roadmap-templates"


def test_applying_resolves_dates_from_the_start_in_one_change(
    ws: Workspace, templates: RoadmapTemplates
) -> None:
    ana = _mentee(ws, "Ana")
    ws.roadmap.add_goal(Goal(ana, "Her own goal"), today=TODAY)
    heard: list[Changes] = []
    ws.changes.subscribe(heard.append)
    career = templates.find("career")
    ids = templates.apply(career, ana, date(2027, 1, 31), TODAY)
    assert len(heard) == 1 and heard[0].touches(Kind.GOALS) and heard[0].mentees == {ana}
    goals = ws.roadmap.progress(ana)
    assert [p.goal.id for p in goals[1:]] == ids  # after the mentee's own goal
    choose = goals[1]
    assert choose.goal.title == "Choose the target role"
    # "+1m" from 31 January is the end of February.
    assert (choose.goal.start_date, choose.goal.target_date) == (
        date(2027, 1, 31),
        date(2027, 2, 28),
    )
    assert choose.milestones[0].due_date == date(2027, 2, 14)  # +2w
    assert goals[2].goal.target_date == date(2027, 5, 31)  # +4m from 31 January
    assert all(p.goal.revisit_date == date(2027, 1, 3) for p in goals[1:])  # 4 weeks on


def test_a_saved_template_round_trips(ws: Workspace, templates: RoadmapTemplates) -> None:
    ana, ben = _mentee(ws, "Ana"), _mentee(ws, "Ben")
    ws.roadmap.add_goal(
        Goal(ana, "Give a talk", start_date=date(2026, 11, 2), target_date=date(2027, 2, 1),
             success_criteria="Spoke for 25 minutes"),
        (Milestone(0, "Abstract", due_date=date(2026, 11, 20)), Milestone(0, "Slides")),
        today=TODAY,
    )  # fmt: skip
    ws.roadmap.add_goal(Goal(ana, "Read two books", target_date=date(2027, 3, 1)), today=TODAY)
    saved = templates.save_from_mentee(ana, "Conference talk")
    path = templates.folder / "conference-talk.json"
    assert path.is_file() and stat.S_IMODE(path.stat().st_mode) == 0o600
    again = templates.find("conference talk")
    assert again == saved and not again.shipped
    templates.apply(again, ben, date(2026, 11, 2), TODAY)
    assert _plan(ws, ben) == _plan(ws, ana)


def test_a_taken_name_is_refused_and_the_mentor_deletes_only_their_own(
    ws: Workspace, templates: RoadmapTemplates
) -> None:
    ana = _mentee(ws, "Ana")
    ws.roadmap.add_goal(Goal(ana, "Goal"), today=TODAY)
    with pytest.raises(ValidationError, match="comes with MentorDesk"):
        templates.save_from_mentee(ana, "career SWITCH")
    mine = templates.save_from_mentee(ana, "Mine")
    with pytest.raises(ValidationError, match="already yours"):
        templates.save_from_mentee(ana, "Mine")
    templates.save_from_mentee(ana, "Mine", replace=True)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        templates.delete(templates.find("Promotion case"))
    templates.delete(mine)
    assert {t.title for t in templates.available()} == SHIPPED


def test_finding_by_key_title_prefix_and_accents(templates: RoadmapTemplates) -> None:
    assert templates.find("first-90-days").title == "First 90 days in a new role"
    assert templates.find("PROMOTION").title == "Promotion case"
    assert templates.find("Léarning").title == "Learning a new skill"
    with pytest.raises(ValidationError, match=r"No roadmap template is called “Nope”.*Career"):
        templates.find("Nope")


def test_a_file_that_cannot_be_used_is_named_and_the_others_still_load(
    templates: RoadmapTemplates,
) -> None:
    templates.folder.mkdir()
    (templates.folder / "broken.json").write_text("{not json", encoding="utf-8")
    (templates.folder / "no-goals.json").write_text('{"title": "Empty"}', encoding="utf-8")
    assert {t.title for t in templates.available()} == SHIPPED
    reasons = {path.name: why for path, why in templates.problems}
    assert "not valid JSON" in reasons["broken.json"]
    assert "no “goals”" in reasons["no-goals.json"]


def test_names_that_make_the_same_file_name_get_files_of_their_own(
    ws: Workspace, templates: RoadmapTemplates
) -> None:
    ana = _mentee(ws, "Ana")
    ws.roadmap.add_goal(Goal(ana, "Goal"), today=TODAY)
    first = templates.save_from_mentee(ana, "Career switch!")  # the shipped key: career-switch
    second = templates.save_from_mentee(ana, "Career: switch")
    assert (first.key, second.key) == ("career-switch-2", "career-switch-3")
    assert {t.title for t in templates.available()} == SHIPPED | {
        "Career switch!",
        "Career: switch",
    }
    replaced = templates.save_from_mentee(ana, "career: SWITCH", replace=True)
    assert replaced.key == "career-switch-3"
