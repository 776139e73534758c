"""An introductory session's call offers, in its end review, to copy its sections into the
profile and its goals into the roadmap: what will be copied is shown beside what the profile
holds, parts can be unticked, and the Roadmap's Edit ▸ Undo takes the whole copy back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Goal, Mentee
from mentordesk.services import Workspace
from mentordesk.ui.call_mode import CallWindow
from mentordesk.ui.dialogs.call_review import CallReviewDialog
from mentordesk.ui.dialogs.intro_copy import IntroCopyDialog
from mentordesk.ui.note_window import NoteWindow
from tests.domain.test_intro_session import answered_template
from tests.ui.conftest import shown_window


def test_the_calls_review_copies_the_chosen_parts_in_one_undoable_step(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee], settings_path: Path
) -> None:
    priya = practice["Priya Natarajan"]
    pid = priya.id or 0
    workspace.save_mentee(replace(workspace.mentee(pid), background="Met at PyCon."))
    workspace.add_goal(Goal(pid, "Her own goal"))
    before = workspace.mentee(pid)
    goals_before = [g.goal.title for g in workspace.roadmap.progress(pid)]

    window = shown_window(qtbot, workspace, settings_path)
    call = window.open_call(pid)
    assert isinstance(call, CallWindow)
    call.editor.edit.insertPlainText(answered_template())
    assert call.end_call()
    review = call.review
    assert isinstance(review, CallReviewDialog) and review.intro_button is not None
    review.intro_button.click()
    dialog = call.intro_dialog
    assert isinstance(dialog, IntroCopyDialog)
    assert "The profile’s Background now: Met at PyCon." in _all_text(dialog)
    assert "The profile’s Interests now: empty" in _all_text(dialog)

    # The mentor unticks Interests and the second goal.
    dialog.profile_boxes["interests"].setChecked(False)
    dialog.goal_boxes[1].setChecked(False)
    dialog.copy_button.click()

    after = workspace.mentee(pid)
    assert after.background == (
        "Met at PyCon.\n\nCurrent role, team and how long they have been there: Backend"
        " engineer, payments, 2 years\nWhat they are proud of so far: The ledger rewrite"
    )
    assert after.interests == before.interests == ""
    assert after.expectations == (
        "What they hope to get from our sessions: A plan for staff engineer"
    )
    goals = workspace.roadmap.progress(pid)
    assert [g.goal.title for g in goals] == [*goals_before, "Lead the payments migration"]
    assert goals[-1].goal.success_criteria == "Migration shipped, no incidents"
    added_id = goals[-1].goal.id

    # One step on the Roadmap's stack, on Priya's roadmap: undo takes all of it back.
    roadmap = window.page("RoadmapPage")
    assert roadmap.mentee_id == pid  # type: ignore[attr-defined]
    stack = roadmap.undo_stack  # type: ignore[attr-defined]
    assert stack.count() == 1 and stack.undoText() == "Copy Intro Session to Profile"
    stack.undo()
    assert _profile(workspace.mentee(pid)) == _profile(before)
    assert [g.goal.title for g in workspace.roadmap.progress(pid)] == goals_before
    stack.redo()
    assert workspace.mentee(pid).background == after.background
    assert workspace.roadmap.progress(pid)[-1].goal.id == added_id  # the same goal back


def _profile(mentee: Mentee) -> tuple[str, str, str]:
    return (mentee.background, mentee.interests, mentee.expectations)


def _all_text(dialog: IntroCopyDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_a_note_without_intro_sections_says_so_and_one_with_them_offers_the_copy(
    qtbot: QtBot, workspace: Workspace, practice: dict[str, Mentee]
) -> None:
    pid = practice["Lena Fischer"].id or 0
    window = NoteWindow(workspace, pid, None)
    qtbot.addWidget(window)
    window.show()
    window.editor.edit.insertPlainText("Talked about the portfolio.")
    assert window.copy_profile_action in window.menuBar().actions()[0].menu().actions()
    assert window.copy_to_profile() is None
    assert "Nothing to copy" in window.statusBar().currentMessage()

    window.editor.edit.insertPlainText("\n## Interests\n- Type design\n## Goals\n- Ship a font\n")
    dialog = window.copy_to_profile()
    assert isinstance(dialog, IntroCopyDialog)
    assert list(dialog.profile_boxes) == ["interests"]
    assert [b.text() for b in dialog.goal_boxes] == ["Ship a font"]
    # Without a main window, the copy is made at once.
    dialog.copy_button.click()
    assert workspace.mentee(pid).interests == "Type design"
    assert "Ship a font" in [g.goal.title for g in workspace.roadmap.progress(pid)]
    assert "Copied to Lena Fischer’s profile" in window.statusBar().currentMessage()
