"""Roadmap templates in the window: the dialog previews the chosen template with its dates
worked out from the start picked, applying is one undoable step (undo gives back the database
exactly), a roadmap saved as a template comes back in the dialog, and only the mentor's own
templates can be deleted (after asking)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Goal, Mentee, Milestone
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.roadmap_template_dialog import RoadmapTemplateDialog
from mentordesk.ui.models.roadmap_templates import TemplateListModel
from mentordesk.ui.pages.roadmap import RoadmapPage
from tests.services.test_goals import dump

TODAY = date(2026, 12, 6)


def _clock() -> datetime:
    return datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def ana(workspace: Workspace) -> int:
    mentee = int(workspace.save_mentee(Mentee("Ana Lima", "Europe/Lisbon")).id or 0)
    workspace.roadmap.add_goal(
        Goal(mentee, "Give a talk", start_date=date(2026, 11, 2), target_date=date(2027, 1, 29)),
        (Milestone(0, "Abstract", due_date=date(2026, 11, 20)),),
        today=TODAY,
    )
    return mentee


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, ana: int) -> RoadmapPage:
    shown = RoadmapPage(workspace, clock=_clock)
    qtbot.addWidget(shown)
    shown.destroyed.connect(workspace.changes.subscribe(shown.on_changes))
    shown.resize(1200, 700)
    shown.show()
    shown.show_mentee(ana)
    return shown


def _pick(dialog: RoadmapTemplateDialog, title: str) -> None:
    rows = [t.title for t in dialog.list_model.templates]
    dialog.list.setCurrentIndex(dialog.list_model.index(rows.index(title), 0))


def _preview(dialog: RoadmapTemplateDialog) -> list[str]:
    model, rows = dialog.preview_model, []
    for g in range(model.rowCount()):
        goal = model.index(g, 0)
        rows.append(f"{goal.data()} {model.index(g, 2).data()} → {model.index(g, 3).data()}")
        rows += [
            f"  {model.index(m, 0, goal).data()} {model.index(m, 3, goal).data()}"
            for m in range(model.rowCount(goal))
        ]
    return rows


def test_the_preview_shows_dates_from_the_chosen_start_and_apply_undoes_exactly(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace, ana: int
) -> None:
    before = dump(workspace.db.conn)
    page.tree.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.tree, Qt.Key.Key_G, ctrl_shift)
    dialog = page.template_dialog
    qtbot.waitExposed(dialog)
    assert [t.title for t in dialog.list_model.templates] == [
        "Career switch",
        "First 90 days in a new role",
        "Learning a new skill",
        "Promotion case",
    ]
    _pick(dialog, "First 90 days in a new role")
    dialog.start.setDate(QDate(2027, 1, 31))
    shown = _preview(dialog)
    assert shown[0] == (
        "Understand the team, the product and how work gets done 31 Jan 2027 → 02 Mar 2027"
    )
    assert "  1:1s with the manager and every teammate 14 Feb 2027" in shown
    # "+2m" from 31 January: the end of March; "+3m": the end of April.
    assert "Build relationships beyond the team 07 Feb 2027 → 31 Mar 2027" in shown
    assert not dialog.delete_button.isEnabled()  # a shipped template
    dialog.accept()
    titles = [p.goal.title for p in workspace.roadmap.progress(ana)]
    assert titles[0] == "Give a talk" and len(titles) == 5
    assert page.undo_stack.undoText() == "Apply template “First 90 days in a new role”"
    assert page.model.item(page.tree.currentIndex()).title == titles[1]
    page.undo_stack.undo()
    assert dump(workspace.db.conn) == before
    page.undo_stack.redo()
    assert [p.goal.title for p in workspace.roadmap.progress(ana)] == titles
    page.undo_stack.undo()
    assert dump(workspace.db.conn) == before


def test_a_saved_roadmap_comes_back_as_a_template_and_can_be_deleted(
    qtbot: QtBot, page: RoadmapPage, workspace: Workspace
) -> None:
    ben = int(workspace.save_mentee(Mentee("Ben Okafor", "UTC")).id or 0)
    page.tree.setFocus()
    qtbot.keyClick(
        page.tree,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    ask = page.name_dialog
    assert ask.textValue() == "Ana Lima's roadmap"
    ask.setTextValue("Conference talk")
    ask.accept()
    page.show_mentee(ben)
    assert "start from a template" in page.empty.text()
    dialog = page.open_template_dialog()
    assert dialog is not None
    _pick(dialog, "Conference talk")
    assert dialog.list_model.index(4, 0).data() == "Conference talk (yours)"
    dialog.start.setDate(QDate(2026, 11, 2))
    assert _preview(dialog) == ["Give a talk 02 Nov 2026 → 29 Jan 2027", "  Abstract 20 Nov 2026"]
    assert dialog.delete_button.isEnabled()
    dialog.delete_button.click()
    box = dialog.delete_box
    qtbot.waitExposed(box)
    [delete] = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    delete.click()
    qtbot.waitUntil(lambda: len(dialog.list_model.templates) == 4)
    assert "Conference talk" not in [t.title for t in dialog.list_model.templates]
    dialog.reject()
    QApplication.processEvents()


def test_saving_under_a_shipped_name_is_refused_with_a_message(
    qtbot: QtBot, page: RoadmapPage
) -> None:
    page.save_as_template("Career switch")
    box = page.error_box
    assert "comes with MentorDesk — choose another name" in box.text()
    box.close()


def test_the_preview_says_what_done_looks_like_for_the_goal_picked(
    qtbot: QtBot, page: RoadmapPage
) -> None:
    dialog = page.open_template_dialog()
    assert dialog is not None
    _pick(dialog, "Promotion case")
    assert (
        "Understand the bar for the next level</b> — done when: The mentee and their manager"
        in (dialog.criteria.text())
    )
    dialog.preview.setCurrentIndex(dialog.preview_model.index(1, 0))
    assert "Lead work at the next level's scope" in dialog.criteria.text()
    dialog.reject()


def test_the_template_list_passes_the_model_tester(
    qtmodeltester: ModelTester, page: RoadmapPage
) -> None:
    model = TemplateListModel()
    model.set_templates(page.roadmap_templates().available())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Move into a new field")
