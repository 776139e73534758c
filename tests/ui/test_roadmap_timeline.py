"""The Roadmap page's timeline as a mentor uses it: what it draws where, selection kept the
same as the tree's both ways, dragging a diamond or a bar's end (undoable, named in the Edit
menu), zoom by keys and by the control, and its colours in light and dark palettes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPalette
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Goal, GoalStatus, Mentee, Milestone, MilestoneStatus
from mentordesk.domain.timeline import Zoom
from mentordesk.services import Workspace
from mentordesk.ui.pages.roadmap import RoadmapPage
from mentordesk.ui.theme import error_color
from mentordesk.ui.widgets.timeline import TimelineView
from tests.ui.conftest import shown_window

TODAY = date(2026, 12, 6)


def _clock() -> datetime:
    return datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def ana(workspace: Workspace) -> int:
    mentee = int(workspace.save_mentee(Mentee("Ana Lima", "Europe/Lisbon")).id or 0)
    workspace.roadmap.add_goal(
        Goal(mentee, "Give a talk", start_date=date(2026, 11, 2), target_date=date(2027, 1, 29)),
        (
            Milestone(0, "Abstract", MilestoneStatus.DONE, date(2026, 11, 20), date(2026, 11, 20)),
            Milestone(0, "Slides", due_date=date(2026, 12, 18)),
            Milestone(0, "Rehearse", due_date=date(2027, 1, 15)),
        ),
        today=TODAY,
    )
    workspace.roadmap.add_goal(
        Goal(mentee, "Lead a project", status=GoalStatus.IN_PROGRESS,
             start_date=date(2026, 9, 1), target_date=date(2026, 11, 30)),
        today=TODAY,
    )  # fmt: skip
    return mentee


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, ana: int) -> RoadmapPage:
    shown = RoadmapPage(workspace, clock=_clock)
    qtbot.addWidget(shown)
    shown.destroyed.connect(workspace.changes.subscribe(shown.on_changes))
    shown.resize(1200, 700)
    shown.show()
    shown.show_mentee(ana)
    qtbot.waitExposed(shown)
    return shown


def _point(view: TimelineView, kind: str, item_id: int) -> QPoint:
    return view.item_rect(kind, item_id).center().toPoint()


def _milestone(workspace: Workspace, mentee: int, title: str) -> Milestone:
    steps = [m for p in workspace.roadmap.progress(mentee) for m in p.milestones]
    return next(m for m in steps if m.title == title)


def _drag(qtbot: QtBot, view: TimelineView, start: QPoint, end: QPoint) -> None:
    """Press, move in steps (as a hand does) and release: a real drag, offscreen."""
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view, start + (end - start) * (step / 5))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)


def test_goals_are_bars_and_milestones_diamonds_on_their_dates(page: RoadmapPage) -> None:
    view = page.timeline
    scale = view.scale
    talk = page.model.goals[0].goal
    bar = view.item_rect("goal", int(talk.id or 0))
    # The bar runs from the start of the first day to the end of the target day.
    assert bar.left() == scale.x(date(2026, 11, 2))
    assert bar.right() == scale.end(date(2027, 1, 29))
    slides = page.model.goals[0].milestones[1]
    assert view.item_rect("milestone", int(slides.id or 0)).center().x() == scale.centre(
        date(2026, 12, 18)
    )
    assert scale.first <= date(2026, 9, 1) and scale.last >= date(2027, 1, 29)


def test_selecting_in_the_tree_selects_on_the_timeline_and_back(
    qtbot: QtBot, page: RoadmapPage
) -> None:
    talk = page.model.index(0, 0)
    rehearse = page.model.index(2, 0, talk)
    page.tree.setCurrentIndex(rehearse)
    rehearse_id = int(page.model.goals[0].milestones[2].id or 0)
    assert page.timeline.selected == ("milestone", rehearse_id)
    # A click on the other goal's bar selects it in the tree.
    lead_id = int(page.model.goals[1].goal.id or 0)
    qtbot.mouseClick(
        page.timeline, Qt.MouseButton.LeftButton, pos=_point(page.timeline, "goal", lead_id)
    )
    assert page.model.item(page.tree.currentIndex()) == page.model.goals[1].goal
    assert page.timeline.selected == ("goal", lead_id)
    assert page.detail.isVisible()
    # And a click on a diamond selects that milestone's row.
    abstract_id = int(page.model.goals[0].milestones[0].id or 0)
    qtbot.mouseClick(
        page.timeline,
        Qt.MouseButton.LeftButton,
        pos=_point(page.timeline, "milestone", abstract_id),
    )
    assert page.model.item(page.tree.currentIndex()).title == "Abstract"


def test_dragging_a_diamond_moves_the_due_date_and_undo_puts_it_back(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    view = page.timeline
    slides = _milestone(workspace, ana, "Slides")
    start = _point(view, "milestone", int(slides.id or 0))
    ten_days = round(10 * view.scale.px_per_day)
    _drag(qtbot, view, start, start + QPoint(ten_days, 0))
    assert _milestone(workspace, ana, "Slides").due_date == date(2026, 12, 28)
    assert page.undo_stack.undoText() == "Edit milestone due date"
    # The tree follows (the same change redraws both).
    talk = page.model.index(0, 0)
    assert page.model.index(1, 3, talk).data() == "28 Dec 2026"
    assert view.item_rect("milestone", int(slides.id or 0)).center().x() == view.scale.centre(
        date(2026, 12, 28)
    )
    page.undo_stack.undo()
    assert _milestone(workspace, ana, "Slides").due_date == date(2026, 12, 18)
    page.undo_stack.redo()
    assert _milestone(workspace, ana, "Slides").due_date == date(2026, 12, 28)


def test_dragging_a_bar_end_changes_the_target_and_a_start_after_it_is_refused(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    view = page.timeline
    lead = page.model.goals[1].goal
    bar = view.item_rect("goal", int(lead.id or 0))
    end = QPoint(int(bar.right()) - 1, int(bar.center().y()))
    week = round(7 * view.scale.px_per_day)
    _drag(qtbot, view, end, end + QPoint(week, 0))
    assert workspace.roadmap.goal(int(lead.id or 0)).target_date == date(2026, 12, 7)
    assert page.undo_stack.undoText() == "Edit goal target"
    # The start dragged past the target: refused, said, nothing stored.
    messages: list[str] = []
    page.status_message.connect(messages.append)
    bar = view.item_rect("goal", int(lead.id or 0))
    start = QPoint(int(bar.left()) + 1, int(bar.center().y()))
    _drag(qtbot, view, start, start + QPoint(int(bar.width()) + week, 0))
    assert workspace.roadmap.goal(int(lead.id or 0)).start_date == date(2026, 9, 1)
    assert messages and "target" in messages[-1].lower()
    assert page.undo_stack.undoText() == "Edit goal target"


def test_a_click_without_moving_changes_no_date(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    slides = _milestone(workspace, ana, "Slides")
    point = _point(page.timeline, "milestone", int(slides.id or 0))
    qtbot.mouseClick(page.timeline, Qt.MouseButton.LeftButton, pos=point)
    assert _milestone(workspace, ana, "Slides").due_date == date(2026, 12, 18)
    assert page.undo_stack.count() == 0


def test_zoom_by_keys_and_by_the_control(qtbot: QtBot, page: RoadmapPage) -> None:
    assert page.timeline.zoom is Zoom.MONTHS
    months_width = page.timeline.width()
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert page.timeline.zoom is Zoom.WEEKS
    assert page.zoom_box.currentText() == "Weeks"
    assert page.timeline.minimumWidth() > months_width
    assert not page.zoom_in_action.isEnabled()
    qtbot.keyClick(page.tree, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.tree, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert page.timeline.zoom is Zoom.QUARTERS
    page.zoom_box.setCurrentIndex(page.zoom_box.findData(Zoom.MONTHS))
    assert page.timeline.zoom is Zoom.MONTHS
    # The menu shows the keys.
    shown = {a.text(): a.shortcut() for a in page.menu_actions() if a is not None}
    assert shown["Zoom Timeline &In"] == QKeySequence("Ctrl+=")
    assert shown["Zoom Timeline &Out"] == QKeySequence("Ctrl+-")


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 60


@pytest.mark.parametrize("dark", [False, True])
def test_overdue_items_use_the_palettes_error_colour_in_light_and_dark(
    page: RoadmapPage, dark: bool
) -> None:
    palette = QPalette(page.palette())
    if dark:
        for role, grey in ((QPalette.ColorRole.Window, 40), (QPalette.ColorRole.Base, 25)):
            palette.setColor(role, QColor(grey, grey, grey))
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor(35, 35, 35))
        palette.setColor(QPalette.ColorRole.Text, QColor(235, 235, 235))
    page.timeline.setPalette(palette)
    # "Lead a project" ended on 30 Nov, before today: its bar is outlined in the error colour.
    lead = page.model.goals[1].goal
    bar = page.timeline.item_rect("goal", int(lead.id or 0)).toRect()
    image: QImage = page.timeline.grab().toImage()
    expected = error_color(palette)
    outline = [
        image.pixelColor(x, y)
        for x in range(bar.left(), bar.right())
        for y in range(bar.top() - 1, bar.bottom() + 2)
    ]
    assert sum(_close(c, expected) for c in outline) >= bar.width()
    # Readable: the error colour stands out from the lanes' background.
    base = palette.color(QPalette.ColorRole.Base)
    assert abs(expected.lightness() - base.lightness()) > 80


def test_the_zoom_is_kept_for_the_next_window(
    qtbot: QtBot, workspace: Workspace, settings_path: Path, ana: int
) -> None:
    first = shown_window(qtbot, workspace, settings_path)
    page = first.show_page("RoadmapPage")
    assert isinstance(page, RoadmapPage)
    page.set_zoom(Zoom.QUARTERS)
    first.close()
    second = shown_window(qtbot, workspace, settings_path)
    again = second.show_page("RoadmapPage")
    assert isinstance(again, RoadmapPage)
    assert again.timeline.zoom is Zoom.QUARTERS
    assert again.zoom_box.currentText() == "Quarters"


def test_escape_during_a_drag_puts_the_diamond_back_and_changes_nothing(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    view = page.timeline
    slides = _milestone(workspace, ana, "Slides")
    start = _point(view, "milestone", int(slides.id or 0))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(60, 0))
    moved = view.item_rect("milestone", int(slides.id or 0)).center().x()
    assert moved > start.x() + 40  # the diamond follows the pointer while dragged
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert view.item_rect("milestone", int(slides.id or 0)).center().x() == start.x()
    assert _milestone(workspace, ana, "Slides").due_date == date(2026, 12, 18)
    assert page.undo_stack.count() == 0


def test_a_date_centuries_off_is_drawn_off_the_edge_without_trouble(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    workspace.roadmap.add_goal(
        Goal(ana, "Typo", start_date=date(1, 1, 1), target_date=date(9999, 12, 31)), today=TODAY
    )
    view = page.timeline
    assert view.minimumWidth() < 16_777_215
    assert not view.grab().isNull()
    page.set_zoom(Zoom.WEEKS)
    assert not view.grab().isNull()
    assert view.scale.first > date(1900, 1, 1)
