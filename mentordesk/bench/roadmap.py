"""The Roadmap page on a big practice: opening a mentee with 20 goals and 100 milestones until
the tree is painted, and a drag-and-drop move (command, store, reload, paint).

The mentee is added to the benchmark database for the run and deleted afterwards (with
everything of theirs), so the cached database is left as it was.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mentordesk.bench.context import BenchError, Context
from mentordesk.bench.data import mentee_ids
from mentordesk.bench.registry import Row, group
from mentordesk.bench.ui import PaintedStep, shown

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication

    from mentordesk.ui.pages.roadmap import RoadmapPage

GOALS, STEPS = 20, 5
OPEN_TARGET = 50.0
MOVE_TARGET = 16.0
#: The timeline's repaint and zoom: within a frame.
TIMELINE_TARGET = 16.0


@contextmanager
def _big_roadmap(ctx: Context) -> Iterator[int]:
    from mentordesk.domain.models import Goal, GoalStatus, Mentee, Milestone, MilestoneStatus

    ws = ctx.workspace()
    mentee = ws.save_mentee(Mentee("Bench Roadmap", "Europe/London"))
    mentee_id = int(mentee.id or 0)
    start = date.today() - timedelta(days=60)
    try:
        for g in range(GOALS):
            steps = tuple(
                Milestone(0, f"Step {k + 1} of goal {g + 1}",
                          MilestoneStatus.DONE if k < g % STEPS else MilestoneStatus.TODO,
                          due_date=start + timedelta(days=20 * (k + 1)))
                for k in range(STEPS)
            )  # fmt: skip
            goal = Goal(mentee_id, f"Goal {g + 1}", status=GoalStatus.IN_PROGRESS,
                        start_date=start, target_date=start + timedelta(days=150 + g))  # fmt: skip
            ws.roadmap.add_goal(goal, steps)
        yield mentee_id
    finally:
        ws.roster.delete(mentee_id)


@group(
    "roadmap",
    "Roadmap page: open a mentee with 20 goals / 100 milestones; drag a milestone; the timeline",
)
def roadmap(ctx: Context) -> list[Row]:
    from PySide6.QtCore import Qt

    from mentordesk.ui.pages.roadmap import RoadmapPage

    others = mentee_ids(ctx.workspace())
    if not others:
        raise BenchError("no mentees to switch between")
    with _big_roadmap(ctx) as mentee_id, shown(ctx, RoadmapPage) as (app, page):
        assert isinstance(page, RoadmapPage)
        page.refresh()  # the page was built before the mentee was added
        feed_leave = ctx.workspace().changes.subscribe(page.on_changes)
        try:
            opening = PaintedStep(app, page.tree.viewport(), lambda: page.show_mentee(mentee_id))
            open_samples = opening.measure(
                ctx.runs_or(10), before=lambda: page.show_mentee(ctx.rng.choice(others))
            )
            milestones = page.model.rowCount(page.model.index(0, 0))
            turn = [0]

            def drag() -> None:
                # The first goal's first milestone to the second goal, and back.
                model = page.model
                source, target = (0, 1) if turn[0] % 2 == 0 else (1, 0)
                turn[0] += 1
                parent = model.index(source, 0)
                moving = model.index(model.rowCount(parent) - 1 if source else 0, 0, parent)
                data = model.mimeData([moving])
                model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(target, 0))

            page.show_mentee(mentee_id)
            moving = PaintedStep(app, page.tree.viewport(), drag)
            move_samples = moving.measure(ctx.runs_or(20))
            timeline_rows = _timeline(ctx, app, page)
        finally:
            feed_leave()
    size = f"{GOALS} goals, {GOALS * STEPS} milestones ({milestones} under the first)"
    return [
        Row("roadmap_open_ms", "Roadmap: open a mentee until the tree is painted", "ms",
            open_samples, OPEN_TARGET, f"{opening.split()}; {size}"),
        Row("roadmap_move_ms", "Roadmap: drag a milestone to another goal, painted", "ms",
            move_samples, MOVE_TARGET, f"{moving.split()}; undoable command, reload"),
        *timeline_rows,
    ]  # fmt: skip


def _timeline(ctx: Context, app: QApplication, page: RoadmapPage) -> list[Row]:
    """The timeline below the tree: a repaint of all it shows (as after a scroll or a
    palette change), and a zoom change until it is painted, cycling weeks/months/quarters."""
    from mentordesk.bench.registry import time_ms
    from mentordesk.domain.timeline import Zoom

    view = page.timeline
    shown = page.timeline_area.viewport().size()
    repaint = time_ms(view.repaint, ctx.runs_or(20))
    zooms = [Zoom.WEEKS, Zoom.QUARTERS, Zoom.MONTHS]
    turn = [0]

    def zoom() -> None:
        page.set_zoom(zooms[turn[0] % len(zooms)])
        turn[0] += 1

    zooming = PaintedStep(app, view, zoom)
    zoom_samples = zooming.measure(ctx.runs_or(12))
    size = f"{shown.width()}x{shown.height()} px shown, {GOALS} lanes, {GOALS * STEPS} diamonds"
    return [
        Row("timeline_repaint_ms", "Roadmap timeline: repaint what it shows, full width", "ms",
            repaint, TIMELINE_TARGET, size),
        Row("timeline_zoom_ms", "Roadmap timeline: change the zoom, painted", "ms",
            zoom_samples, TIMELINE_TARGET, f"{zooming.split()}; weeks → quarters → months"),
    ]  # fmt: skip
