"""The goal service: completion ↔ win, exact delete/restore, dense positions after any moves,
revisits, and the changes it reports."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Goal, Mentee, Milestone, MilestoneStatus, Resource, Win
from mentordesk.services import Workspace
from mentordesk.services.changes import Changes, Kind

TODAY = date(2026, 12, 6)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "m.db") as workspace:
        yield workspace


@pytest.fixture
def ana(ws: Workspace) -> int:
    return int(ws.save_mentee(Mentee("Ana Lima", "Europe/Lisbon")).id or 0)


def _goal(ws: Workspace, mentee: int, title: str, steps: int = 0) -> Goal:
    milestones = tuple(Milestone(0, f"{title} {i}") for i in range(steps))
    return ws.roadmap.add_goal(Goal(mentee, title), milestones, today=TODAY)


def dump(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables the roadmap writes (updated_at aside: an edit's moment)."""
    tables = ("goals", "milestones", "wins", "goal_revisits", "resources")
    state = {}
    for table in tables:
        cur = conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cur.description]
        state[table] = [
            tuple(v for n, v in zip(names, row, strict=True) if n != "updated_at")
            for row in cur.fetchall()
        ]
    return state


def test_completing_a_milestone_adds_one_win_and_undoing_it_removes_that_win(
    ws: Workspace, ana: int
) -> None:
    heard: list[Changes] = []
    ws.changes.subscribe(heard.append)
    goal = _goal(ws, ana, "Talk", steps=2)
    [first, _second] = ws.roadmap.progress(ana)[0].milestones
    ws.add_win(Win(ana, "Unrelated", TODAY))
    done = ws.roadmap.complete_milestone(int(first.id or 0), on=date(2026, 12, 1))
    assert done.done_on == date(2026, 12, 1)
    wins = ws.wins.for_mentee(ana)
    made = [w for w in wins if w.milestone_id == first.id]
    assert [(w.title, w.goal_id, w.happened_on, w.shareable) for w in made] == [
        ("Milestone reached: Talk 0", goal.id, date(2026, 12, 1), True)
    ]
    assert heard[-1].touches(Kind.GOALS) and Kind.WINS in heard[-1].kinds
    # Saving it again while done adds no second win.
    ws.roadmap.update_milestone(replace(done, title="Talk zero"))
    assert len(ws.wins.for_mentee(ana)) == 2
    with pytest.raises(ValidationError, match="already done"):
        ws.roadmap.complete_milestone(int(first.id or 0))
    ws.roadmap.update_milestone(replace(done, status=MilestoneStatus.TODO))
    assert [w.title for w in ws.wins.for_mentee(ana)] == ["Unrelated"]
    assert ws.roadmap.milestone(int(first.id or 0)).done_on is None


def test_a_private_goal_makes_private_wins(ws: Workspace, ana: int) -> None:
    goal = ws.roadmap.add_goal(Goal(ana, "Private", shareable=False), (Milestone(0, "a"),))
    [m] = ws.roadmap.progress(ana)[0].milestones
    ws.roadmap.complete_milestone(int(m.id or 0), on=TODAY)
    [win] = ws.wins.for_mentee(ana)
    assert win.goal_id == goal.id and not win.shareable
    # Including the goal in summaries includes the wins its milestones made; a win added
    # by hand (from a note, say) keeps its own choice.
    ws.add_win(Win(ana, "Said no to a side project", TODAY, goal_id=goal.id))
    ws.roadmap.update_goal(replace(goal, shareable=True))
    shared = {w.title: w.shareable for w in ws.wins.for_mentee(ana)}
    assert shared == {"Milestone reached: a": True, "Said no to a side project": False}


def test_deleting_a_goal_and_restoring_it_gives_back_the_same_rows(ws: Workspace, ana: int) -> None:
    first = _goal(ws, ana, "First", steps=1)
    goal = _goal(ws, ana, "Second", steps=3)
    _goal(ws, ana, "Third")
    steps = ws.roadmap.progress(ana)[1].milestones
    ws.roadmap.complete_milestone(int(steps[0].id or 0), on=TODAY)
    ws.add_resource(Resource("Talk tips", "https://example.org", mentee_id=ana, goal_id=goal.id))
    ws.roadmap.mark_revisited(int(goal.id or 0), TODAY, "On track")
    before = dump(ws.db.conn)
    removed = ws.roadmap.delete_goal(int(goal.id or 0))
    assert [p.goal.position for p in ws.roadmap.progress(ana)] == [0, 1]
    assert [w.goal_id for w in ws.wins.for_mentee(ana)] == [None]
    ws.roadmap.restore(removed, ana)
    assert dump(ws.db.conn) == before
    assert first.id is not None


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moves=st.lists(
        st.tuples(st.booleans(), st.integers(0, 20), st.integers(0, 3), st.integers(-1, 8)),
        max_size=25,
    )
)
def test_positions_stay_dense_after_any_moves(tmp_path: Path, moves: list) -> None:
    with Workspace.open(tmp_path / f"p{len(moves)}-{abs(hash(tuple(moves)))}.db") as ws:
        mentee = int(ws.save_mentee(Mentee("P", "UTC")).id or 0)
        goals = [_goal(ws, mentee, f"G{i}", steps=i + 1) for i in range(4)]
        all_steps = sorted({m.id or 0 for p in ws.roadmap.progress(mentee) for m in p.milestones})
        for is_goal, pick, target, index in moves:
            if is_goal:
                ws.roadmap.move_goal(int(goals[pick % 4].id or 0), max(index, 0))
            else:
                milestone = all_steps[pick % len(all_steps)]
                goal_id = int(goals[target].id or 0)
                ws.roadmap.move_milestone(milestone, goal_id, max(index, 0))
        progress = ws.roadmap.progress(mentee)
        assert [p.goal.position for p in progress] == list(range(4))
        for p in progress:
            assert [m.position for m in p.milestones] == list(range(len(p.milestones)))
        assert sorted(m.id or 0 for p in progress for m in p.milestones) == all_steps
        ws.db.close()


def test_moving_a_milestone_to_another_goal_takes_its_win_along(ws: Workspace, ana: int) -> None:
    one = _goal(ws, ana, "One", steps=2)
    two = _goal(ws, ana, "Two", steps=1)
    moving = ws.roadmap.progress(ana)[0].milestones[0]
    ws.roadmap.complete_milestone(int(moving.id or 0), on=TODAY)
    ws.roadmap.move_milestone(int(moving.id or 0), int(two.id or 0), 0)
    after = ws.roadmap.progress(ana)
    assert [m.title for m in after[0].milestones] == ["One 1"]
    assert [m.title for m in after[1].milestones] == ["One 0", "Two 0"]
    assert [w.goal_id for w in ws.wins.for_mentee(ana)] == [two.id]
    assert one.id is not None
    other = int(ws.save_mentee(Mentee("Ben", "UTC")).id or 0)
    elsewhere = _goal(ws, other, "Ben's")
    with pytest.raises(ValidationError, match="same mentee"):
        ws.roadmap.move_milestone(int(moving.id or 0), int(elsewhere.id or 0), 0)


def test_revisiting_records_history_and_moves_the_date_on(ws: Workspace, ana: int) -> None:
    goal = _goal(ws, ana, "Talk")
    assert goal.revisit_date == date(2027, 1, 3)  # four weeks after it was made
    assert ws.roadmap.to_revisit(date(2027, 1, 2)) == []
    [due] = ws.roadmap.to_revisit(date(2027, 1, 4))
    assert (due.mentee_name, due.progress.goal.title, due.reason) == (
        "Ana Lima", "Talk", "revisit overdue"
    )  # fmt: skip
    revisit = ws.roadmap.mark_revisited(int(goal.id or 0), date(2027, 1, 4), "  Slides next ")
    assert ws.roadmap.goal(int(goal.id or 0)).revisit_date == date(2027, 2, 1)
    assert [(r.revisited_on, r.note) for r in ws.roadmap.revisits(int(goal.id or 0))] == [
        (date(2027, 1, 4), "Slides next")
    ]
    assert ws.roadmap.to_revisit(date(2027, 1, 4)) == []
    ws.roadmap.unmark_revisited(revisit, date(2027, 1, 3))
    assert ws.roadmap.goal(int(goal.id or 0)).revisit_date == date(2027, 1, 3)
    assert ws.roadmap.revisits(int(goal.id or 0)) == []


def test_unknown_ids_and_bad_dates_are_named(ws: Workspace, ana: int) -> None:
    with pytest.raises(ValidationError) as caught:
        ws.roadmap.complete_milestone(999)
    assert caught.value.field == "milestone"
    with pytest.raises(ValidationError) as bad:
        ws.roadmap.add_goal(Goal(ana, "x", start_date=TODAY, target_date=date(2026, 1, 1)))
    assert bad.value.field == "target_date"
    assert ws.roadmap.progress(ana) == []
