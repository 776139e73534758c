"""The Roadmap page's keys and menu entries: Enter adds a sibling, Insert a milestone, Tab and
Shift+Tab indent and outdent, Delete removes (asking first for a goal with milestones), and
Mark Revisited…. A mixin of ``RoadmapPage``.

The tree's keys are read by an event filter on the tree, so an open cell editor keeps its
own Enter and Tab; the menu shows the same keys (its actions' shortcuts are bound to the
menu only, where they never fire twice).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from mentordesk.domain.models import Goal, Milestone
from mentordesk.ui import roadmap_commands as cmd
from mentordesk.ui.models.roadmap import COL_TITLE, RoadmapModel

if TYPE_CHECKING:
    from mentordesk.services import Workspace
    from mentordesk.ui.dialogs.revisit_dialog import RevisitDialog


class RoadmapKeys:
    menu_title = "&Goals"

    if TYPE_CHECKING:  # provided by RoadmapPage
        workspace: Workspace
        tree: QTreeView
        model: RoadmapModel
        mentee_id: int
        undo_stack: QUndoStack
        zoom_in_action: QAction
        from_template_action: QAction
        save_template_action: QAction
        zoom_out_action: QAction

        def push(self, command: QUndoCommand) -> bool: ...
        def today(self) -> date: ...
        def _select(self, kind: str, item_id: int, column: int = 0) -> QModelIndex: ...
        def window(self) -> object: ...

    def build_keys(self) -> None:
        def action(text: str, key: str, slot: Callable[[], object]) -> QAction:
            made = QAction(text, self)  # type: ignore[arg-type]
            made.setShortcut(QKeySequence(key))
            # Shown in the menu; the tree's filter handles the key itself.
            made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            made.triggered.connect(slot)
            return made

        self.new_goal_action = action("&New Goal or Milestone Below", "Return", self.add_sibling)
        self.new_milestone_action = action("New &Milestone", "Ins", self.add_milestone)
        self.indent_action = action("&Indent (Make Milestone)", "Tab", self.indent)
        self.outdent_action = action("&Outdent (Make Goal)", "Shift+Tab", self.outdent)
        self.delete_action = action("&Delete…", "Del", self.delete_current)
        self.revisit_action = action("Mark &Revisited…", "Ctrl+Shift+R", self.mark_revisited)
        # Not a key of the tree: it works anywhere on the page.
        self.revisit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.revisit_action)  # type: ignore[attr-defined]
        self._keys = {
            Qt.Key.Key_Return: self.add_sibling,
            Qt.Key.Key_Enter: self.add_sibling,
            Qt.Key.Key_Insert: self.add_milestone,
            Qt.Key.Key_Tab: self.indent,
            Qt.Key.Key_Backtab: self.outdent,
            Qt.Key.Key_Delete: self.delete_current,
        }
        self.tree.installEventFilter(self)  # type: ignore[arg-type]

    def menu_actions(self) -> list[QAction | None]:
        """The window's Goals menu (None: a separator)."""
        return [
            self.new_goal_action,
            self.new_milestone_action,
            None,
            self.indent_action,
            self.outdent_action,
            None,
            self.revisit_action,
            None,
            self.delete_action,
            None,
            self.from_template_action,
            self.save_template_action,
            None,
            self.zoom_in_action,
            self.zoom_out_action,
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            editing = self.tree.state() == QAbstractItemView.State.EditingState
            handler = self._keys.get(Qt.Key(event.key()))
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
                Qt.KeyboardModifier.ShiftModifier,
            )
            if handler is not None and plain and not editing:
                handler()
                return True
        return super().eventFilter(watched, event)  # type: ignore[misc]

    def update_actions(self) -> None:
        item = self.model.item(self.tree.currentIndex())
        has_mentee = bool(self.mentee_id)
        self.new_goal_action.setEnabled(has_mentee)
        self.new_milestone_action.setEnabled(item is not None)
        self.delete_action.setEnabled(item is not None)
        self.revisit_action.setEnabled(isinstance(item, Goal))
        self.indent_action.setEnabled(self._indent_target() is not None)
        self.outdent_action.setEnabled(isinstance(item, Milestone))

    # -- adding -----------------------------------------------------------------------------

    def _edit_title(self, kind: str, item_id: int) -> None:
        index = self._select(kind, item_id, COL_TITLE)
        if index.isValid():
            self.tree.edit(index)

    def add_sibling(self) -> None:
        """Enter: a goal after the current goal (or last), a milestone after the current one."""
        if not self.mentee_id:
            return
        item = self.model.item(self.tree.currentIndex())
        if isinstance(item, Milestone):
            self._new_milestone(item.goal_id, item.position + 1)
            return
        index = len(self.model.goals) if item is None else item.position + 1
        command = cmd.AddGoal(
            self.workspace.roadmap, Goal(self.mentee_id, "New goal"), index, self.today()
        )
        if self.push(command):
            self._edit_title("goal", command.goal_id)

    def add_milestone(self) -> None:
        """Insert: a milestone at the end of the current goal (after the current milestone)."""
        item = self.model.item(self.tree.currentIndex())
        if isinstance(item, Goal):
            self._new_milestone(int(item.id or 0), None)
        elif isinstance(item, Milestone):
            self._new_milestone(item.goal_id, item.position + 1)

    def _new_milestone(self, goal_id: int, index: int | None) -> None:
        milestone = Milestone(goal_id, "New milestone")
        command = cmd.AddMilestone(self.workspace.roadmap, self.mentee_id, milestone, index)
        if self.push(command):
            self.tree.expand(self.model.goal_index(goal_id))
            self._edit_title("milestone", command.milestone_id)

    # -- indenting --------------------------------------------------------------------------

    def _indent_target(self) -> Goal | None:
        """The goal above the current goal, when the current goal has no milestones."""
        index = self.tree.currentIndex()
        item = self.model.item(index)
        progress = self.model.progress_at(index)
        if not isinstance(item, Goal) or progress is None or progress.milestones:
            return None
        row = index.row()
        return self.model.goals[row - 1].goal if row > 0 else None

    def indent(self) -> None:
        item = self.model.item(self.tree.currentIndex())
        into = self._indent_target()
        if not isinstance(item, Goal) or into is None:
            return
        command = cmd.GoalToMilestone(self.workspace.roadmap, item, into)
        if self.push(command):
            self._select("milestone", command.milestone_id)

    def outdent(self) -> None:
        index = self.tree.currentIndex()
        item = self.model.item(index)
        progress = self.model.progress_at(index)
        if not isinstance(item, Milestone) or progress is None:
            return
        command = cmd.MilestoneToGoal(
            self.workspace.roadmap, self.mentee_id, item, progress.goal.position + 1, self.today()
        )
        if self.push(command):
            self._select("goal", command.goal_id)

    # -- deleting and revisiting ------------------------------------------------------------

    def delete_current(self) -> None:
        """Delete; a goal with milestones only after the mentor confirms (undo brings it back)."""
        index = self.tree.currentIndex()
        item = self.model.item(index)
        service = self.workspace.roadmap
        if isinstance(item, Milestone):
            self.push(cmd.DeleteMilestone(service, self.mentee_id, item))
            return
        progress = self.model.progress_at(index)
        if not isinstance(item, Goal) or progress is None:
            return
        if not progress.milestones:
            self.push(cmd.DeleteGoal(service, item))
            return
        from mentordesk.ui.dialogs.confirm import confirm

        count = len(progress.milestones)
        self.delete_box = confirm(
            self,  # type: ignore[arg-type]
            "Delete Goal",
            f"Delete “{item.title}” and its {count} milestone{'s' if count > 1 else ''}?"
            " Wins and resources linked to it are kept. Edit ▸ Undo brings it all back.",
            "Delete Goal",
            lambda: self.push(cmd.DeleteGoal(service, item)),
        )

    def mark_revisited(self) -> RevisitDialog | None:
        item = self.model.item(self.tree.currentIndex())
        if not isinstance(item, Goal):
            return None
        from mentordesk.ui.dialogs.revisit_dialog import RevisitDialog

        dialog = RevisitDialog(item, self.today(), self)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.revisit_dialog = dialog
        dialog.accepted.connect(self._revisit_accepted)
        dialog.open()
        return dialog

    def _revisit_accepted(self) -> None:
        dialog = self.revisit_dialog
        on, note = dialog.revisited_on(), dialog.note.text()
        self.push(cmd.MarkRevisited(self.workspace.roadmap, dialog.goal, on, note))
