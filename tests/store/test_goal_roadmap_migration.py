"""m009 (the goal roadmap) upgrades a file the previous version wrote, keeping every goal,
milestone and win; an export written before it still imports exactly."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from mentordesk.domain.models import GoalStatus, Milestone, MilestoneStatus
from mentordesk.services import Workspace
from tests.store.migrating import connect_before, upgraded

STAMP = "2026-06-01T09:00:00Z"
OLD_EXPORT = Path(__file__).parents[1] / "fixtures" / "exports" / "before-roadmap.json"


def _previous_version(path: Path) -> None:
    conn = connect_before(path, "m009_goal_roadmap")
    conn.executescript(
        f"""
        INSERT INTO mentees (id, name, time_zone, created_at, updated_at)
            VALUES (1, 'Ana Lima', 'America/Sao_Paulo', '{STAMP}', '{STAMP}');
        INSERT INTO goals (id, mentee_id, title, status, target_date, position, created_at,
                           updated_at)
            VALUES (7, 1, 'Give a talk', 'in_progress', '2027-02-01', 0, '{STAMP}', '{STAMP}');
        INSERT INTO milestones (id, goal_id, title, status, due_date, done_on, position)
            VALUES (11, 7, 'Abstract', 'done', NULL, '2026-05-20', 0),
                   (12, 7, 'Slides', 'in_progress', '2026-07-01', NULL, 1);
        INSERT INTO wins (id, mentee_id, goal_id, title, happened_on, created_at)
            VALUES (3, 1, 7, 'Abstract accepted', '2026-05-21', '{STAMP}');
        """
    )
    conn.close()


def test_the_previous_version_s_goals_survive_and_milestones_may_be_dropped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    _previous_version(path)
    with upgraded(path) as ws:
        [progress] = ws.roadmap.progress(1)
        goal = progress.goal
        assert (goal.id, goal.title, goal.status) == (7, "Give a talk", GoalStatus.IN_PROGRESS)
        # New fields take their defaults: shareable, no criteria, no hand-set figure.
        assert (goal.shareable, goal.success_criteria, goal.manual_percent) == (True, "", None)
        assert [(m.id, m.title, m.status, m.done_on) for m in progress.milestones] == [
            (11, "Abstract", MilestoneStatus.DONE, date(2026, 5, 20)),
            (12, "Slides", MilestoneStatus.IN_PROGRESS, None),
        ]
        assert [w.title for w in ws.wins.for_mentee(1)] == ["Abstract accepted"]
        # The rebuilt table takes the new status and still cascades from its goal.
        ws.roadmap.update_milestone(Milestone(7, "Slides", MilestoneStatus.DROPPED, id=12))
        assert ws.roadmap.progress(1)[0].percent == 100
        with pytest.raises(sqlite3.IntegrityError):
            ws.db.conn.execute("UPDATE milestones SET status = 'later' WHERE id = 11")
        ws.roadmap.delete_goal(7)
        assert ws.db.conn.execute("SELECT count(*) FROM milestones").fetchone() == (0,)


def test_an_export_made_before_the_roadmap_imports_exactly(tmp_path: Path) -> None:
    document = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    assert "m009_goal_roadmap" not in document["schema"]
    with Workspace.open(tmp_path / "new.db") as ws:
        ws.full_export.import_all(OLD_EXPORT)
        mentee = ws.find_mentee("Ana Lima")
        progress = ws.roadmap.progress(mentee.id or 0)
        assert [p.goal.title for p in progress] == ["Give a conference talk", "Lead a project"]
        talk = progress[0]
        assert talk.goal.description == "Local meetup first"
        assert talk.goal.revisit_date == date(2026, 12, 1)
        assert talk.goal.shareable and talk.goal.success_criteria == ""
        for exported in document["tables"]["milestones"]:
            stored = ws.roadmap.milestone(exported["id"])
            assert (stored.goal_id, stored.title, str(stored.status), stored.position) == (
                exported["goal_id"], exported["title"], exported["status"], exported["position"]
            )  # fmt: skip
        assert talk.percent == 33  # 1 done of 3: the in-progress one counts nothing
        [win] = ws.wins.for_mentee(mentee.id or 0)
        assert (win.title, win.goal_id, win.milestone_id) == ("Abstract accepted", 1, None)
