"""The Roadmap page as a mentor drives it: the tree (model tester), keys, inline edits,
drag and drop, undo/redo named in the Edit menu, completion ↔ win, the detail pane."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QToolTip
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Goal, Mentee, Milestone, MilestoneStatus
from mentordesk.services import Workspace
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.models.roadmap import COL_STATUS, COL_TARGET, COL_TITLE, RoadmapModel
from mentordesk.ui.pages.roadmap import RoadmapPage
from tests.ui.conftest import shown_window

TODAY = date(2026, 12, 6)


def _clock() -> datetime:
    return datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def ana(workspace: Workspace) -> int:
    mentee = workspace.save_mentee(Mentee("Ana Lima", "Europe/Lisbon"))
    ws = workspace.roadmap
    ws.add_goal(
        Goal(mentee.id or 0, "Give a talk", start_date=date(2026, 10, 1)),
        (Milestone(0, "Abstract"), Milestone(0, "Slides"), Milestone(0, "Rehearse")),
        today=TODAY,
    )
    ws.add_goal(Goal(mentee.id or 0, "Lead a project"), today=TODAY)
    return int(mentee.id or 0)


def _roadmap(qtbot: QtBot, workspace: Workspace) -> RoadmapPage:
    """The page, hearing the service's changes as the window's hub passes them."""
    shown = RoadmapPage(workspace, clock=_clock)
    qtbot.addWidget(shown)
    shown.destroyed.connect(workspace.changes.subscribe(shown.on_changes))
    return shown


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, ana: int) -> RoadmapPage:
    shown = _roadmap(qtbot, workspace)
    shown.resize(1100, 600)
    shown.show()
    shown.show_mentee(ana)
    shown.tree.setCurrentIndex(shown.model.index(0, 0))
    return shown


def _titles(page: RoadmapPage) -> list[str]:
    """The tree as the mentor reads it: goals, and milestones indented under them."""
    model, rows = page.model, []
    for g in range(model.rowCount()):
        goal = model.index(g, 0)
        rows.append(goal.data())
        rows += [f"  {model.index(m, 0, goal).data()}" for m in range(model.rowCount(goal))]
    return rows


def _type_title(qtbot: QtBot, page: RoadmapPage, text: str) -> None:
    """Types into the open title editor and presses Enter (as the mentor does)."""
    assert page.tree.state() == page.tree.State.EditingState
    [editor] = [e for e in page.tree.findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: page.tree.state() != page.tree.State.EditingState)


def _key(qtbot: QtBot, page: RoadmapPage, key: Qt.Key) -> None:
    page.tree.setFocus()
    qtbot.keyClick(page.tree, key)


def _tested_model(qtmodeltester: ModelTester, workspace: Workspace, ana: int) -> RoadmapModel:
    """The mentee's tree in a model the tester watches from now on."""
    model = RoadmapModel(QApplication.palette())
    model.set_goals(workspace.roadmap.progress(ana), TODAY)
    qtmodeltester.check(model, force_py=True)
    return model


def test_the_tree_model_passes_the_model_tester(
    qtmodeltester: ModelTester, workspace: Workspace, ana: int
) -> None:
    _tested_model(qtmodeltester, workspace, ana)
    qtmodeltester.check(RoadmapModel(QApplication.palette()), force_py=True)


def test_the_tree_shows_goals_with_milestones_and_progress(page: RoadmapPage) -> None:
    assert _titles(page) == [
        "Give a talk",
        "  Abstract",
        "  Slides",
        "  Rehearse",
        "Lead a project",
    ]
    talk = page.model.index(0, 0)
    assert page.model.index(0, 4).data() == "0%"
    assert page.model.index(0, 5).data() == "03 Jan 2027"  # four weeks after it was added
    assert page.model.index(1, COL_STATUS, talk).data() == "Todo"


def test_enter_adds_a_goal_insert_a_milestone_and_undo_names_them(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    page.tree.setCurrentIndex(page.model.index(1, 0))  # "Lead a project"
    _key(qtbot, page, Qt.Key.Key_Return)
    _type_title(qtbot, page, "Mentor a new hire")
    assert _titles(page)[-1] == "Mentor a new hire"
    assert [p.goal.title for p in workspace.roadmap.progress(ana)][-1] == "Mentor a new hire"
    assert page.undo_stack.undoText() == "Edit goal title"
    _key(qtbot, page, Qt.Key.Key_Insert)
    _type_title(qtbot, page, "Pick a buddy")
    assert _titles(page)[-2:] == ["Mentor a new hire", "  Pick a buddy"]
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert page.undo_stack.undoText() == "Edit goal title"
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert _titles(page)[-1] == "Lead a project"
    page.undo_stack.redo()
    assert _titles(page)[-1] == "New goal"


def test_edit_menu_names_the_action_and_ctrl_z_undoes_a_drop(
    qtbot: QtBot, workspace: Workspace, settings_path: Path, ana: int
) -> None:
    window: MainWindow = shown_window(qtbot, workspace, settings_path)
    page = window.show_page("RoadmapPage")
    assert isinstance(page, RoadmapPage)
    page.show_mentee(ana)
    menus = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert "&Goals" in menus
    talk = page.model.index(0, 0)
    rehearse = page.model.index(2, 0, talk)
    data = page.model.mimeData([rehearse])
    # Dropped on "Lead a project": the milestone moves to that goal.
    page.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, page.model.index(1, 0))
    assert _titles(page) == [
        "Give a talk",
        "  Abstract",
        "  Slides",
        "Lead a project",
        "  Rehearse",
    ]
    assert window.undo_action.text() == "&Undo Move milestone"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    window.undo_action.trigger()
    assert _titles(page)[:4] == ["Give a talk", "  Abstract", "  Slides", "  Rehearse"]
    assert window.redo_action.text() == "&Redo Move milestone"
    # On another page, Undo has nothing to undo there.
    window.show_page("TodayPage")
    assert not window.undo_action.isEnabled()


def test_dragging_reorders_goals_and_milestones_and_survives_a_reload(
    page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    model = page.model
    lead = model.index(1, 0)
    model.dropMimeData(model.mimeData([lead]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [p.goal.title for p in workspace.roadmap.progress(ana)] == [
        "Lead a project",
        "Give a talk",
    ]
    talk = model.index(1, 0)
    abstract = model.index(0, 0, talk)
    model.dropMimeData(model.mimeData([abstract]), Qt.DropAction.MoveAction, 3, 0, talk)
    assert _titles(page)[2:] == ["  Slides", "  Rehearse", "  Abstract"]
    fresh = RoadmapPage(workspace, clock=_clock)
    fresh.show_mentee(ana)
    assert _titles(fresh) == _titles(page)
    fresh.deleteLater()


def test_tab_makes_a_goal_a_milestone_and_shift_tab_makes_it_a_goal_again(
    qtbot: QtBot, page: RoadmapPage
) -> None:
    page.tree.setCurrentIndex(page.model.index(1, 0))  # "Lead a project": no milestones
    _key(qtbot, page, Qt.Key.Key_Tab)
    assert _titles(page) == [
        "Give a talk",
        "  Abstract",
        "  Slides",
        "  Rehearse",
        "  Lead a project",
    ]
    assert page.undo_stack.undoText() == "Make goal a milestone"
    _key(qtbot, page, Qt.Key.Key_Backtab)
    assert _titles(page)[-1] == "Lead a project"
    # The first goal has no goal above it; one with milestones cannot become a milestone.
    page.tree.setCurrentIndex(page.model.index(0, 0))
    _key(qtbot, page, Qt.Key.Key_Tab)
    assert _titles(page)[0] == "Give a talk" and len(_titles(page)) == 5


def test_delete_asks_first_for_a_goal_with_milestones_and_undo_restores_it(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    before = workspace.roadmap.progress(ana)[0]
    _key(qtbot, page, Qt.Key.Key_Delete)
    box = page.delete_box
    assert isinstance(box, QMessageBox) and "its 3 milestones" in box.text()
    [keep] = [b for b in box.buttons() if b.text() == "Keep it"]
    keep.click()
    assert _titles(page)[0] == "Give a talk"
    _key(qtbot, page, Qt.Key.Key_Delete)
    [delete] = [b for b in page.delete_box.buttons() if b.text() == "Delete Goal"]
    delete.click()
    qtbot.waitUntil(lambda: _titles(page) == ["Lead a project"])
    page.undo_stack.undo()
    assert workspace.roadmap.progress(ana)[0] == before


def test_completing_a_milestone_inline_adds_a_win_and_undo_takes_it_back(
    page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    talk = page.model.index(0, 0)
    page.model.setData(page.model.index(0, COL_STATUS, talk), "done")
    [win] = workspace.wins.for_mentee(ana)
    assert win.title == "Milestone reached: Abstract" and win.happened_on == TODAY
    assert page.model.index(0, 4).data() == "33%"
    assert page.undo_stack.undoText() == "Complete milestone"
    page.undo_stack.undo()
    assert workspace.wins.for_mentee(ana) == []
    assert workspace.roadmap.progress(ana)[0].milestones[0].status is MilestoneStatus.TODO


def test_a_target_before_the_start_is_refused_with_a_message(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    with qtbot.waitSignal(page.status_message) as said:
        page.model.setData(page.model.index(0, COL_TARGET), date(2026, 9, 1))
    assert "before the start date" in said.args[0]
    assert QToolTip.isVisible() and "before the start date" in QToolTip.text()
    assert page.tree.currentIndex().column() == COL_TARGET  # at the field that was refused
    assert workspace.roadmap.progress(ana)[0].goal.target_date is None
    assert page.undo_stack.count() == 0


def test_the_detail_pane_saves_criteria_and_the_summary_switch(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    detail = page.detail
    detail.criteria.setFocus()
    qtbot.keyClicks(detail.criteria, "Talk given at the March meetup")
    page.tree.setFocus()  # leaving the box saves it
    assert workspace.roadmap.progress(ana)[0].goal.success_criteria == (
        "Talk given at the March meetup"
    )
    assert page.undo_stack.undoText() == "Edit criteria"
    detail.shared.click()
    assert not workspace.roadmap.progress(ana)[0].goal.shareable
    assert page.undo_stack.undoText() == "Keep goal private"


def test_mark_revisited_records_history_shown_in_the_pane(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    page.activateWindow()
    page.tree.setFocus()
    qtbot.keyClick(
        page.tree,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.revisit_dialog
    assert dialog.isVisible()
    dialog.note.setText("Slides next")
    assert dialog.next.text() == "03 Jan 2027"
    dialog.accept()
    assert workspace.roadmap.progress(ana)[0].goal.revisit_date == date(2027, 1, 3)
    assert "Slides next" in page.detail.history.text()
    assert page.undo_stack.undoText() == "Mark revisited"


def test_empty_states(qtbot: QtBot, workspace: Workspace) -> None:
    blank = _roadmap(qtbot, workspace)
    blank.show()
    assert "No mentees yet" in blank.empty.text()
    workspace.save_mentee(Mentee("Ben", "UTC"))
    assert "No goals yet" in blank.empty.text()
    # Neither the tree nor the timeline is shown empty: the hint says what to do.
    assert not blank.tree.isVisible() and not blank.timeline.isVisible()
    assert COL_TITLE == 0


def test_today_and_the_dashboard_open_the_roadmap_on_the_mentee(
    qtbot: QtBot, workspace: Workspace, settings_path: Path, practice: dict[str, Mentee]
) -> None:
    window: MainWindow = shown_window(qtbot, workspace, settings_path)
    today = window.show_page("TodayPage")
    goals = today.sections[4]  # type: ignore[attr-defined]
    view = goals.view
    view.setCurrentIndex(view.model().index(0, 0))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    roadmap = window.current_page()
    assert isinstance(roadmap, RoadmapPage)
    assert roadmap.mentee_box.currentText() == "Lena Fischer"
    assert roadmap.tree.currentIndex().data() == "Publish the case study"
    mentees = window.show_page("MenteesPage")
    priya = practice["Priya Natarajan"].id or 0
    mentees.select_mentee(priya)  # type: ignore[attr-defined]
    mentees.detail.roadmap_button.click()  # type: ignore[attr-defined]
    assert window.current_page() is roadmap
    assert roadmap.mentee_box.currentText() == "Priya Natarajan"
    assert "No goals yet" in roadmap.empty.text()


def test_hand_set_progress_late_milestones_and_revisits_show_in_the_tree(
    page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    model = page.model
    lead = model.index(1, 4)
    assert model.flags(lead) & Qt.ItemFlag.ItemIsEditable  # no milestones: set by hand
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable
    model.setData(lead, 40)
    assert model.index(1, 4).data() == "40%"
    assert page.undo_stack.undoText() == "Edit goal progress"
    # A milestone due after its goal's target is allowed, and flagged.
    model.setData(model.index(0, COL_TARGET), date(2027, 1, 31))
    slides = model.index(1, COL_TARGET, model.index(0, 0))
    model.setData(slides, date(2027, 2, 15))
    slides = model.index(1, COL_TARGET, model.index(0, 0))
    assert slides.data() == "15 Feb 2027"
    assert slides.data(Qt.ItemDataRole.ToolTipRole) == "Flagged: due after the goal's target"
    # A goal past its revisit date is highlighted with the reason.
    model.setData(model.index(1, 5), date(2026, 12, 1))
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "To revisit: revisit overdue"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == ""


def test_a_reload_after_a_milestone_move_moves_the_row_under_the_model_tester(
    qtmodeltester: ModelTester, workspace: Workspace, ana: int
) -> None:
    model = _tested_model(qtmodeltester, workspace, ana)
    moved: list[object] = []
    model.rowsMoved.connect(lambda *args: moved.append(args))
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(1))
    talk, lead = (int(p.goal.id or 0) for p in workspace.roadmap.progress(ana))
    steps = [m.id or 0 for m in workspace.roadmap.progress(ana)[0].milestones]
    for milestone, goal, index in (
        (steps[0], talk, 2),  # down within its goal
        (steps[0], talk, 0),  # and back up
        (steps[1], lead, 0),  # to the other goal
        (steps[1], talk, 1),  # and back
    ):
        workspace.roadmap.move_milestone(milestone, goal, index)
        assert model.update_goals(workspace.roadmap.progress(ana), TODAY)
        for row, progress in enumerate(workspace.roadmap.progress(ana)):
            goal = model.index(row, 0)
            shown = [model.index(r, 0, goal).data() for r in range(model.rowCount(goal))]
            assert shown == [m.title for m in progress.milestones]
    assert len(moved) == 4 and not resets
    workspace.roadmap.move_goal(lead, 0)  # a goal move resets
    assert not model.update_goals(workspace.roadmap.progress(ana), TODAY)
    assert model.index(0, 0).data() == "Lead a project"


def test_switching_mentee_leaves_nothing_to_undo_in_another_mentees_roadmap(
    qtbot: QtBot, workspace: Workspace, settings_path: Path, ana: int
) -> None:
    ben = int(workspace.save_mentee(Mentee("Ben Okafor", "UTC")).id or 0)
    window: MainWindow = shown_window(qtbot, workspace, settings_path)
    page = window.show_page("RoadmapPage")
    assert isinstance(page, RoadmapPage)
    page.show_mentee(ana)
    page.tree.setCurrentIndex(page.model.index(1, 0))
    lead = page.model.goals[1].goal
    page.edit_item(lead, "title", "Lead the migration")
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Edit goal title"
    page.mentee_box.setCurrentIndex(page.mentee_box.findData(ben))
    # Ctrl+Z on Ben's roadmap must not rename Ana's goal back: nothing to undo.
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"
    window.undo_action.trigger()
    page.show_mentee(ana)
    assert workspace.roadmap.goal(int(lead.id or 0)).title == "Lead the migration"
    assert not window.undo_action.isEnabled()
    # The shown mentee deleted elsewhere: the page moves to another, with no history either.
    page.show_mentee(ben)
    page.add_sibling()
    assert window.undo_action.isEnabled()
    workspace.roster.delete(ben)
    assert page.mentee_id == ana
    assert not window.undo_action.isEnabled()
