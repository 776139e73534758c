"""The Roadmap page: one mentee's goals and milestones as a tree, edited in place.

Every edit is a command on the page's undo stack (``ui/roadmap_commands.py``): the window's
Edit ▸ Undo names it. The commands call the goal service, whose change reloads the tree;
the page keeps the selection and the expanded goals across reloads. The keys and menu
entries are ``roadmap_keys.py``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.goal_rules import validate_goal, validate_milestone
from mentordesk.domain.models import Goal, Milestone, MilestoneStatus
from mentordesk.services.changes import Changes, Kind
from mentordesk.ui import roadmap_commands as cmd
from mentordesk.ui.models.roadmap import COL_TARGET, COL_TITLE, FIELDS, RoadmapModel
from mentordesk.ui.pages.base import Page
from mentordesk.ui.pages.roadmap_keys import RoadmapKeys
from mentordesk.ui.pages.roadmap_template_actions import RoadmapTemplateActions
from mentordesk.ui.pages.roadmap_timeline import RoadmapTimeline
from mentordesk.ui.widgets.goal_detail import GoalDetail
from mentordesk.ui.widgets.roadmap_delegate import RoadmapDelegate

#: How the Edit menu names an edit of each field ("Undo Edit goal target").
_FIELD_LABELS = {
    "start_date": "start",
    "target_date": "target",
    "revisit_date": "revisit date",
    "due_date": "due date",
    "manual_percent": "progress",
}
#: The widest text each column after the title usually shows.
COLUMN_SAMPLES = ("Not started", "30 Sep 2026", "Target / due", "done 30 Sep 2026", "30 Sep 2026")


class RoadmapPage(RoadmapKeys, RoadmapTimeline, RoadmapTemplateActions, Page):
    title = "Roadmap"
    icon_name = "view-list-tree"
    watches = frozenset({Kind.GOALS, Kind.MENTEES, Kind.SETTINGS})

    def setup(self) -> None:
        self.mentee_id = 0
        self._mentees_stale = False
        self.undo_stack = QUndoStack(self)
        self.mentee_box = QComboBox(self)
        self.mentee_box.setMinimumContentsLength(20)
        self.mentee_box.currentIndexChanged.connect(self._mentee_picked)
        picker_label = QLabel("&Mentee", self)
        picker_label.setBuddy(self.mentee_box)
        self.summary = QLabel(self)

        self.model = RoadmapModel(self.palette(), self)
        self.model.edit_requested.connect(self.edit_item)
        self.model.move_requested.connect(self._move_requested)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(RoadmapDelegate(self.tree))
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # Widths from the font, not ResizeToContents: that asks every row for its text on
        # each layout (most of a reload's time on a 100-milestone roadmap).
        metrics = self.tree.fontMetrics()
        for column, sample in enumerate(COLUMN_SAMPLES, start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.detail = GoalDetail(self)
        self.detail.goal_edited.connect(self._goal_edited)
        self.detail.revisit_requested.connect(self.mark_revisited)

        top = QHBoxLayout()
        top.addWidget(picker_label)
        top.addWidget(self.mentee_box)
        top.addWidget(self.summary, 1)
        zoom_label = QLabel("Time&line", self)
        top.addWidget(zoom_label)
        timeline = self.build_timeline()
        zoom_label.setBuddy(self.zoom_widget())
        top.addWidget(self.zoom_widget())
        # The tree above, the timeline below: both as wide as the page, as a Gantt chart.
        self.views = QSplitter(Qt.Orientation.Vertical, self)
        self.views.setObjectName("roadmapViews")
        self.views.addWidget(self.tree)
        self.views.addWidget(timeline)
        self.views.setSizes([1, 1])
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(top)
        left.addWidget(self.views, 1)
        left.addWidget(self.empty)
        holder = QWidget(self)
        holder.setLayout(left)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("roadmapSplitter")
        self.splitter.addWidget(holder)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.build_keys()
        self.build_template_actions()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self._collapsed: set[int] = set()
        self.tree.collapsed.connect(lambda i: self._collapsed.add(self._goal_id(i)))
        self.tree.expanded.connect(lambda i: self._collapsed.discard(self._goal_id(i)))
        self.refresh()

    # -- loading ----------------------------------------------------------------------------

    def today(self) -> date:
        return self._clock().astimezone(self._zone).date()

    def refresh(self) -> None:
        self._zone = self.workspace.mentor_zone()
        self._fill_mentees()
        self._load()

    def on_changes(self, changes: Changes) -> None:
        # A goal edit reloads the tree only; the mentee list waits for a mentee change.
        self._mentees_stale = self._mentees_stale or changes.touches(Kind.MENTEES, Kind.SETTINGS)
        super().on_changes(changes)

    def _reload(self) -> None:
        if self._mentees_stale:
            self._mentees_stale = False
            super()._reload()
            return
        self.stale = False
        self._load()

    def show_mentee(self, mentee_id: int, goal_id: int = 0) -> None:
        """Opens the roadmap of this mentee (from their dashboard, or Today's goal)."""
        row = self.mentee_box.findData(mentee_id)
        if row >= 0:
            self.mentee_box.setCurrentIndex(row)
        if goal_id:
            self._select("goal", goal_id)
        self.tree.setFocus()

    def _fill_mentees(self) -> None:
        mentees = self.workspace.roster.list()
        wanted = self.mentee_id or (mentees[0].id if mentees else 0)
        self.mentee_box.blockSignals(True)
        self.mentee_box.clear()
        for mentee in mentees:
            self.mentee_box.addItem(mentee.name, mentee.id)
        row = self.mentee_box.findData(wanted)
        self.mentee_box.setCurrentIndex(max(row, 0) if mentees else -1)
        self.mentee_box.blockSignals(False)
        shown = int(self.mentee_box.currentData() or 0)
        if shown != self.mentee_id:
            # The shown mentee was deleted (or there was none): their commands go with them.
            self.undo_stack.clear()
        self.mentee_id = shown

    def _mentee_picked(self, _row: int) -> None:
        mentee_id = int(self.mentee_box.currentData() or 0)
        if mentee_id != self.mentee_id:
            self.detail.flush()
            self.mentee_id = mentee_id
            # Undo never reaches into another mentee's roadmap: the history is this
            # mentee's, and Edit ▸ Undo shows nothing to undo after a switch.
            self.undo_stack.clear()
            self._load()

    def _load(self) -> None:
        current = self._current_key()
        goals = self.workspace.roadmap.progress(self.mentee_id) if self.mentee_id else []
        if not self.model.update_goals(goals, self.today()):
            # One expand per goal, not expandAll(): that lays out every row at once, and the
            # paint lays them out again (~5 ms of a 100-milestone roadmap's opening).
            for row, progress in enumerate(goals):
                if progress.goal.id not in self._collapsed:
                    self.tree.expand(self.model.index(row, 0))
        self.show_timeline(goals, self.today())
        self._select(*current)
        self._show_empty_state()
        self._current_changed(self.tree.currentIndex())

    def _show_empty_state(self) -> None:
        if not self.mentee_id:
            text = "No mentees yet — add one with File ▸ New Mentee… (Ctrl+N)."
        elif not self.model.goals:
            text = (
                "No goals yet — press Enter or choose Goals ▸ New Goal to add the first,"
                " or start from a template: Goals ▸ New Roadmap from Template… (Ctrl+Shift+G)."
            )
        else:
            text = ""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.views.setVisible(bool(self.model.goals))
        done = sum(1 for p in self.model.goals if not p.is_open)
        count = len(self.model.goals)
        self.summary.setText(f"{count} goals, {done} closed" if count else "")

    # -- selection ------------------------------------------------------------------------

    def _goal_id(self, index: QModelIndex) -> int:
        progress = self.model.progress_at(index)
        return int(progress.goal.id or 0) if progress else 0

    def _current_key(self) -> tuple[str, int]:
        item = self.model.item(self.tree.currentIndex())
        if item is None:
            return ("", 0)
        return ("goal" if isinstance(item, Goal) else "milestone", int(item.id or 0))

    def _select(self, kind: str, item_id: int, column: int = 0) -> QModelIndex:
        index = (
            self.model.goal_index(item_id, column)
            if kind == "goal"
            else self.model.milestone_index(item_id, column)
        )
        selection = self.tree.selectionModel()
        if index == self.tree.currentIndex() and selection.isRowSelected(
            index.row(), index.parent()
        ):
            return index  # already there: setCurrentIndex would lay the tree out again (~1 ms)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            selection.select(index, flags | QItemSelectionModel.SelectionFlag.Rows)
        return index

    def _current_changed(self, index: QModelIndex, _previous: object = None) -> None:
        item = self.model.item(index)
        progress = self.model.progress_at(index)
        if progress is None or item is None:
            self.detail.show_nothing()
        elif isinstance(item, Goal):
            revisits = self.workspace.roadmap.revisits(int(item.id or 0))
            self.detail.show_goal(progress, revisits, progress.revisit_reason(self.today()))
        else:
            self.detail.show_milestone(item, progress.goal, item in progress.late_milestones())
        self.follow_tree(item)
        self.update_actions()
        self.update_template_actions()

    # -- editing ----------------------------------------------------------------------------

    def push(self, command: QUndoCommand) -> bool:
        """Runs the command through the undo stack; a refused value is said, not stored."""
        try:
            self.undo_stack.push(command)
        except ValidationError as exc:
            self.status_message.emit(exc.message)
            return False
        return True

    def edit_item(self, item: Goal | Milestone, field: str, value: object) -> None:
        after = cmd.edited(item, field, value)
        try:
            if isinstance(after, Goal):
                validate_goal(after)
            else:
                validate_milestone(after)
        except ValidationError as exc:
            self._refuse_at_field(item, field, exc.message)
            return
        label = _FIELD_LABELS.get(field, field)
        if isinstance(item, Goal) and isinstance(after, Goal):
            self.push(cmd.EditGoal(self.workspace.roadmap, item, after, f"Edit goal {label}"))
            return
        assert isinstance(item, Milestone) and isinstance(after, Milestone)
        text = f"Edit milestone {label}"
        if after.status is MilestoneStatus.DONE and item.status is not MilestoneStatus.DONE:
            after, text = replace(after, done_on=self.today()), "Complete milestone"
        self.push(cmd.EditMilestone(self.workspace.roadmap, self.mentee_id, item, after, text))

    def _refuse_at_field(self, item: Goal | Milestone, field: str, message: str) -> None:
        """The message next to the cell that was edited (and in the status bar)."""
        column = FIELDS.index(field) if field in FIELDS else COL_TARGET
        kind = "goal" if isinstance(item, Goal) else "milestone"
        index = self._select(kind, int(item.id or 0), column)
        rect = self.tree.visualRect(index)
        QToolTip.showText(self.tree.viewport().mapToGlobal(rect.bottomLeft()), message, self.tree)
        self.status_message.emit(message)

    def _goal_edited(self, before: Goal, after: Goal, text: str) -> None:
        self.push(cmd.EditGoal(self.workspace.roadmap, before, after, text))

    def _move_requested(self, kind: str, item_id: int, goal_id: int, index: int) -> None:
        service = self.workspace.roadmap
        if kind == "goal":
            goal = service.goal(item_id)
            if goal.position != index:
                self.push(cmd.MoveGoal(service, goal, index))
            self._select("goal", item_id)
            return
        milestone = service.milestone(item_id)
        if (milestone.goal_id, milestone.position) != (goal_id, index):
            self.push(cmd.MoveMilestone(service, self.mentee_id, milestone, goal_id, index))
        self._select("milestone", item_id)

    def focus_search(self) -> None:
        self.mentee_box.setFocus()
        self.mentee_box.showPopup()
