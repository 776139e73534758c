"""Multi-row writes are all or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from mentordesk.domain.models import Goal, Mentee, Milestone
from mentordesk.services import Workspace


def test_failed_goal_with_milestones_leaves_nothing_behind(workspace: Workspace) -> None:
    mentee = workspace.save_mentee(Mentee(name="Ana", time_zone="Europe/Lisbon"))
    assert mentee.id is not None
    bad = Milestone(goal_id=0, title="Broken", status="nonsense")  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        workspace.goals.add(Goal(mentee.id, "Speak at a meetup"), [Milestone(0, "Draft"), bad])
    assert workspace.goals.for_mentee(mentee.id) == []
    assert workspace.db.conn.execute("SELECT count(*) FROM milestones").fetchone()[0] == 0


def test_nested_transaction_rolls_back_only_its_part(workspace: Workspace) -> None:
    db = workspace.db
    with db.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('outer', '1')")
        with pytest.raises(RuntimeError), db.transaction() as inner:
            inner.execute("INSERT INTO settings (key, value) VALUES ('inner', '1')")
            raise RuntimeError("abandon the inner part")
    keys = {r[0] for r in db.conn.execute("SELECT key FROM settings")}
    assert "outer" in keys and "inner" not in keys
