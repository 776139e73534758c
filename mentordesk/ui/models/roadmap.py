"""One mentee's roadmap as a tree: goals at the top level, their milestones beneath.

The model holds the service's ``GoalProgress`` list (a reset on every reload: a mentee has
tens of goals, not thousands) and never writes: an edit or a drop asks the page through
``edit_requested`` / ``move_requested``, which pushes an undoable command; the change it
reports reloads the model.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette

from mentordesk.domain.models import Goal, GoalStatus, Milestone, MilestoneStatus
from mentordesk.domain.progress import GoalProgress
from mentordesk.ui.models.roadmap_moves import milestone_move
from mentordesk.ui.theme import error_color, muted_color

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Title", "Status", "Start", "Target / due", "Progress", "Revisit")
COL_TITLE, COL_STATUS, COL_START, COL_TARGET, COL_PROGRESS, COL_REVISIT = range(len(COLUMNS))
#: The field an edit of each column changes (Progress: the hand-set figure of a goal).
FIELDS = ("title", "status", "start_date", "target_date", "manual_percent", "revisit_date")
MIME = "application/x-mentordesk-roadmap"
#: A goal row's internal id; a milestone row's is its goal's row + 1.
_GOAL = 0
_ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
    )
)
# Flags are asked for every cell on every paint: worked out once here.
_MOVABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
_MILESTONE_EDITABLE = _MOVABLE | Qt.ItemFlag.ItemIsEditable
_GOAL_FLAGS = _MOVABLE | Qt.ItemFlag.ItemIsDropEnabled
_GOAL_EDITABLE = _GOAL_FLAGS | Qt.ItemFlag.ItemIsEditable
#: What a milestone row edits: title, status, due date (not start, progress or revisit).
_MILESTONE_COLUMNS = (COL_TITLE, COL_STATUS, COL_TARGET)


def status_label(status: GoalStatus | MilestoneStatus) -> str:
    return status.value.replace("_", " ").capitalize()


def _day(value: date | None) -> str:
    return "" if value is None else f"{value:%d %b %Y}"


class RoadmapModel(QAbstractItemModel):
    #: (item, field name, new value): the page turns it into an undoable edit.
    edit_requested = Signal(object, str, object)
    #: (kind "goal"/"milestone", id, target goal id or 0, index): a drop to turn into a move.
    move_requested = Signal(str, int, int, int)

    def __init__(self, palette: QPalette, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.goals: list[GoalProgress] = []
        self.today = date.today()
        self._palette = palette
        self._cells: dict[tuple[int, int], tuple[str, ...]] = {}
        self._flags: dict[tuple[int, int], str] = {}
        #: (parent id, row, column, role) → what data() answered, until the next reload.
        self._answers: dict[tuple[int, int, int, int], object] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_goals(self, goals: list[GoalProgress], today: date) -> None:
        self.beginResetModel()
        self.goals = goals
        self.today = today
        self._cells.clear()
        self._flags.clear()
        self._answers.clear()
        self.endResetModel()

    def update_goals(self, goals: list[GoalProgress], today: date) -> bool:
        """Like ``set_goals``, but a reload that only moved one milestone moves its row.
        True when it did (the view kept its expanded goals and selection)."""
        move = milestone_move(self.goals, goals) if today == self.today else None
        if move is None:
            self.set_goals(goals, today)
            return False
        source, target = self.index(move.source, 0), self.index(move.target, 0)
        self.beginMoveRows(source, move.source_row, move.source_row, target, move.qt_destination())
        self.goals = goals
        # Only the two goals' rows and their milestones' texts can have changed.
        touched = {move.source, move.target}
        for key in [k for k in self._cells if (k[0] - 1 if k[0] else k[1]) in touched]:
            del self._cells[key], self._flags[key]
        for answer in [k for k in self._answers if (k[0] - 1 if k[0] else k[1]) in touched]:
            del self._answers[answer]
        self.endMoveRows()
        # The two goals' progress (and any flag) may have changed.
        for row in {move.source, move.target}:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def _cached(self, index: Index, item: Goal | Milestone) -> tuple[tuple[str, ...], str]:
        """A row's texts and flag, worked out once per reload: a paint asks for every cell's
        text, colour and font, and the flag rule is not free."""
        key = (int(index.internalId()), index.row())
        cells = self._cells.get(key)
        if cells is None:
            cells = tuple(
                self._display(index.siblingAtColumn(c), item) for c in range(len(COLUMNS))
            )
            self._cells[key] = cells
            self._flags[key] = self._flag(index, item)
        return cells, self._flags[key]

    # -- structure ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Bounds checked here rather than by hasIndex(): the view calls this for every cell.
        if not 0 <= column < len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GOAL) if row < len(self.goals) else QModelIndex()
        goal_row = parent.row()
        if int(parent.internalId()) != _GOAL or parent.column() != 0:
            return QModelIndex()
        if goal_row >= len(self.goals) or row >= len(self.goals[goal_row].milestones):
            return QModelIndex()
        return self.createIndex(row, column, goal_row + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GOAL:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, _GOAL)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.goals)
        if parent.internalId() == _GOAL and parent.column() == 0:
            return len(self.goals[parent.row()].milestones)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    # -- items ------------------------------------------------------------------------------

    def progress_at(self, index: Index) -> GoalProgress | None:
        """The goal of the row, or of the milestone's row."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == _GOAL else int(index.internalId()) - 1
        return self.goals[row] if 0 <= row < len(self.goals) else None

    def item(self, index: Index) -> Goal | Milestone | None:
        if not index.isValid():
            return None
        parent, row = int(index.internalId()), index.row()
        goals = self.goals
        if parent == _GOAL:
            return goals[row].goal if row < len(goals) else None
        steps = goals[parent - 1].milestones if parent <= len(goals) else []
        return steps[row] if row < len(steps) else None

    def goal_index(self, goal_id: int, column: int = 0) -> QModelIndex:
        for row, p in enumerate(self.goals):
            if p.goal.id == goal_id:
                return self.index(row, column)
        return QModelIndex()

    def milestone_index(self, milestone_id: int, column: int = 0) -> QModelIndex:
        for row, p in enumerate(self.goals):
            for sub, m in enumerate(p.milestones):
                if m.id == milestone_id:
                    return self.index(sub, column, self.index(row, 0))
        return QModelIndex()

    # -- data -------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # A paint asks every cell for a dozen roles: answer the unused ones first, cheaply,
        # and the used ones from what the last paint worked out (a drag repaints every row).
        if role not in _ROLES:
            return None
        key = (int(index.internalId()), index.row(), index.column(), role)
        try:
            return self._answers[key]
        except KeyError:
            pass
        answer = self._answer(index, role)
        if role != Qt.ItemDataRole.EditRole:  # an editor gets the item's value as it is now
            self._answers[key] = answer
        return answer

    def _answer(self, index: Index, role: int) -> object:
        item = self.item(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cached(index, item)[0][index.column()]
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(index.column(), item)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(index, item)
        if role == Qt.ItemDataRole.FontRole and isinstance(item, Goal) and index.column() == 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index, item)
        return None

    def _display(self, index: Index, item: Goal | Milestone) -> str:
        column = index.column()
        if column == COL_TITLE:
            return item.title
        if column == COL_STATUS:
            return status_label(item.status)
        if isinstance(item, Goal):
            progress = self.goals[index.row()]
            return (
                _day(item.start_date),
                _day(item.target_date),
                f"{progress.percent}%",
                _day(item.revisit_date),
            )[column - COL_START]
        if column == COL_TARGET:
            return _day(item.due_date)
        if column == COL_PROGRESS and item.done_on is not None:
            return f"done {_day(item.done_on)}"
        return ""

    def _edit_value(self, column: int, item: Goal | Milestone) -> object:
        if column == COL_TITLE:
            return item.title
        if column == COL_STATUS:
            return item.status.value
        if isinstance(item, Goal):
            if column == COL_PROGRESS:
                return item.manual_percent or 0
            return getattr(item, FIELDS[column])
        return item.due_date if column == COL_TARGET else None

    def _flag(self, index: Index, item: Goal | Milestone) -> str:
        """Why the row is highlighted, or ""."""
        progress = self.progress_at(index)
        if progress is None:
            return ""
        if isinstance(item, Goal):
            return progress.revisit_reason(self.today) or ""
        if item in progress.late_milestones():
            return "due after the goal's target"
        return ""

    def _foreground(self, index: Index, item: Goal | Milestone) -> object:
        if item.status in (MilestoneStatus.DROPPED, GoalStatus.DROPPED, MilestoneStatus.DONE):
            return muted_color(self._palette)
        flagged = self._cached(index, item)[1]
        if flagged and index.column() in (COL_TITLE, COL_TARGET, COL_REVISIT):
            return error_color(self._palette)
        return None

    def _tooltip(self, index: Index, item: Goal | Milestone) -> str:
        flag = self._cached(index, item)[1]
        if isinstance(item, Goal) and flag:
            return f"To revisit: {flag}"
        return f"Flagged: {flag}" if flag else ""

    # -- editing ----------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        column = index.column()
        if int(index.internalId()) != _GOAL:
            return _MILESTONE_EDITABLE if column in _MILESTONE_COLUMNS else _MOVABLE
        counted = self.goals[index.row()].counted[1] if index.row() < len(self.goals) else 0
        editable = column != COL_PROGRESS or counted == 0
        return _GOAL_EDITABLE if editable else _GOAL_FLAGS

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item(index)
        if item is None or role != Qt.ItemDataRole.EditRole:
            return False
        column = index.column()
        name = (
            "due_date" if isinstance(item, Milestone) and column == COL_TARGET else FIELDS[column]
        )
        if column == COL_STATUS:
            value = type(item.status)(str(value))
        if value == getattr(item, name):
            return False
        self.edit_requested.emit(item, name, value)
        return True

    # -- drag and drop ----------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        item = self.item(indexes[0]) if indexes else None
        if item is not None:
            kind = "goal" if isinstance(item, Goal) else "milestone"
            data.setData(MIME, QByteArray(f"{kind}:{item.id}".encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Asks for the move and returns False: the reload draws it, so the view must not
        remove the dragged rows itself."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        kind, _, raw_id = bytes(data.data(MIME).data()).decode().partition(":")
        item_id = int(raw_id)
        target = self.item(parent)
        if kind == "goal":
            if parent.isValid():  # dropped onto a goal or among milestones: next to that goal
                goal_row = self.progress_at(parent)
                row = self.goals.index(goal_row) if goal_row else len(self.goals)
            self.move_requested.emit(
                kind, item_id, 0, self._index_after_removal(kind, item_id, row)
            )
            return False
        if isinstance(target, Goal):
            goal_id, count = int(target.id or 0), len(self.goals[parent.row()].milestones)
        elif isinstance(target, Milestone):  # onto a milestone: just after it
            goal_id, row = target.goal_id, parent.row() + 1
            count = row
        else:
            return False  # a milestone dropped between goals has no goal to go to
        row = count if row < 0 else row
        self.move_requested.emit(kind, item_id, goal_id, self._milestone_row(item_id, goal_id, row))
        return False

    def _index_after_removal(self, kind: str, goal_id: int, row: int) -> int:
        """A drop row counts the dragged goal itself; the move's index does not."""
        row = len(self.goals) if row < 0 else row
        current = self.goal_index(goal_id).row()
        return row - 1 if 0 <= current < row else row

    def _milestone_row(self, milestone_id: int, goal_id: int, row: int) -> int:
        current = self.milestone_index(milestone_id)
        same_goal = current.isValid() and self.goals[current.parent().row()].goal.id == goal_id
        return row - 1 if same_goal and current.row() < row else row
