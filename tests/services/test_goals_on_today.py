"""Today's goals to revisit on a large practice: the first few, read in revisit-date order when
enough are due, are exactly the first few of the whole list the progress rule makes."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from mentordesk.domain.models import Goal, GoalStatus, Mentee, MenteeStatus, Milestone
from mentordesk.services import Workspace

TODAY = date(2026, 12, 6)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "goals.db") as workspace:
        yield workspace


def _practice(ws: Workspace, due: int) -> None:
    """``due`` goals whose revisit date has come, and others due a look for their progress
    (a target or milestone within two weeks, lagging), on track, done, or of a paused mentee."""
    rng = random.Random(due)
    names = ["Zoë", "Ana Lima", "ana", "Ben", "Álvaro"]
    people = [int(ws.save_mentee(Mentee(n, "UTC")).id or 0) for n in names]
    paused = ws.save_mentee(Mentee("Paused", "UTC", status=MenteeStatus.PAUSED))
    for i in range(due):
        revisit = TODAY - timedelta(days=rng.randrange(0, 4))  # ties on purpose
        ws.roadmap.add_goal(Goal(rng.choice(people), f"Due {i}", revisit_date=revisit))
    for i in range(6):
        start = TODAY - timedelta(days=60)
        ws.roadmap.add_goal(
            Goal(rng.choice(people), f"Lagging {i}", start_date=start,
                 target_date=TODAY + timedelta(days=i), revisit_date=TODAY + timedelta(days=9)),
            (Milestone(0, "Step", due_date=TODAY + timedelta(days=3)),),
        )  # fmt: skip
    ws.roadmap.add_goal(Goal(people[0], "Later", revisit_date=TODAY + timedelta(days=20)))
    ws.roadmap.add_goal(
        Goal(people[1], "Done", status=GoalStatus.DONE, revisit_date=TODAY - timedelta(days=9))
    )
    ws.roadmap.add_goal(Goal(paused.id or 0, "Paused's", revisit_date=TODAY - timedelta(days=9)))


@pytest.mark.parametrize("due", [3, 30, 45])
def test_the_first_goals_to_revisit_are_those_of_the_whole_list(ws: Workspace, due: int) -> None:
    _practice(ws, due)
    every = ws.roadmap.to_revisit(TODAY)
    assert len(every) == due + 6  # neither the later, the done nor the paused mentee's
    first = ws.roadmap.to_revisit(TODAY, limit=30)
    assert [(g.progress.goal.id, g.reason) for g in first] == [
        (g.progress.goal.id, g.reason) for g in every[:30]
    ]
    assert len(ws.overview.today().goals_to_revisit) <= 30
