"""The roadmap's timeline: one lane per goal, its start → target bar (the done share filled)
and its milestones as diamonds on their due dates (filled when done), today marked.

Painted, not built from widgets: a repaint at full width must fit in a frame. The geometry is
worked out once per reload, zoom or drag step (``_layout``) and a paint only draws it. The
widget never writes: a click says which item was picked (``picked``) and a drag which date
it was dragged to (``date_dragged``); the page turns that into an undoable command. Colours
come from the palette (``ui/theme.py``), so light and dark both read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from mentordesk.domain.models import Goal, Milestone
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.timeline import Zoom, scale_for
from mentordesk.ui.widgets.timeline_paint import BAR, DIAMOND, HEADER, LANE, Lane, TimelinePainting

#: How near a bar end or a diamond the pointer must be to take it.
GRAB = 6.0


@dataclass(frozen=True, slots=True)
class Hit:
    """What is under the pointer: a goal's bar (``field`` "" for its body, "start_date" or
    "target_date" for an end) or a milestone's diamond ("due_date")."""

    item: Goal | Milestone
    field: str

    @property
    def key(self) -> tuple[str, int]:
        return ("goal" if isinstance(self.item, Goal) else "milestone", int(self.item.id or 0))


def _day(value: date) -> str:
    return f"{value:%a %d %b %Y}"


class TimelineView(TimelinePainting, QWidget):
    #: (kind "goal"/"milestone", id): the mentor clicked it.
    picked = Signal(str, int)
    #: (goal or milestone as it was, field, new date): a drag ended on another day.
    date_dragged = Signal(object, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goals: list[GoalProgress] = []
        self.today = date.today()
        self.zoom = Zoom.MONTHS
        self.scale = scale_for([], self.today, self.zoom)
        self.selected: tuple[str, int] = ("", 0)
        self._lanes: list[Lane] = []
        self._press: Hit | None = None
        self._press_x = 0.0
        self._dragged: tuple[Hit, date] | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Roadmap timeline")

    # -- data -------------------------------------------------------------------------------

    def set_goals(self, goals: list[GoalProgress], today: date) -> None:
        """Shows these goals. When the axis stays the same, only the lanes that changed are
        repainted (a drag or an edit changes one or two of twenty)."""
        before, scale = self.goals, self.scale
        self.goals, self.today = goals, today
        self._dragged = None
        self._relayout(repaint=False)
        if self.scale != scale or len(before) != len(goals):
            self.update()
            return
        for row, (old, new) in enumerate(zip(before, goals, strict=True)):
            if old != new:
                self.update(0, HEADER + row * LANE, self.width(), LANE)

    def set_zoom(self, zoom: Zoom) -> None:
        if zoom is not self.zoom:
            self.zoom = zoom
            self._relayout()

    def select(self, kind: str, item_id: int) -> None:
        """Marks the item; repaints the lanes of the one marked before and of this one."""
        if (kind, item_id) != self.selected:
            lanes = {self._lane_of(*self.selected), self._lane_of(kind, item_id)}
            self.selected = (kind, item_id)
            for row in lanes - {-1}:
                self.update(0, HEADER + row * LANE, self.width(), LANE)

    def _lane_of(self, kind: str, item_id: int) -> int:
        for row, progress in enumerate(self.goals):
            if kind == "goal" and progress.goal.id == item_id:
                return row
            if kind == "milestone" and any(m.id == item_id for m in progress.milestones):
                return row
        return -1

    def item_rect(self, kind: str, item_id: int) -> QRectF:
        """Where the item is drawn (empty when it has no date), to scroll it into view."""
        for lane in self._lanes:
            if kind == "goal" and lane.progress.goal.id == item_id:
                return lane.bar or QRectF(0, lane.top, 1, LANE)
            for milestone, at in lane.diamonds:
                if kind == "milestone" and milestone.id == item_id:
                    return QRectF(at.x() - DIAMOND, at.y() - DIAMOND, 2 * DIAMOND, 2 * DIAMOND)
        return QRectF()

    def _dates(self) -> list[date]:
        found = []
        for p in self.goals:
            found += [d for d in (p.goal.start_date, p.goal.target_date) if d is not None]
            found += [m.due_date for m in p.milestones if m.due_date is not None]
        return found

    def _relayout(self, repaint: bool = True) -> None:
        self.scale = scale_for(self._dates(), self.today, self.zoom)
        self._layout()
        self.setMinimumSize(int(self.scale.width), HEADER + LANE * len(self.goals) + 4)
        if repaint:
            self.update()

    def _layout(self) -> None:
        """Every lane's bar and diamonds, with the dragged item at its new date."""
        scale, lanes = self.scale, []
        for row, progress in enumerate(self.goals):
            goal = self._as_dragged(progress.goal)
            top = HEADER + row * LANE
            middle = top + LANE / 2
            bar = None
            first, last = goal.start_date or goal.target_date, goal.target_date or goal.start_date
            if first is not None and last is not None:
                left, right = scale.x(first), scale.end(max(first, last))
                bar = QRectF(left, middle - BAR / 2, right - left, BAR)
            diamonds = [
                (m, QPointF(scale.centre(m.due_date), middle))
                for m in map(self._as_dragged, progress.milestones)
                if m.due_date is not None
            ]
            xs = [p.x() for _m, p in diamonds] + ([bar.left(), bar.right()] if bar else [])
            right_edge = max(xs, default=0.0) + DIAMOND + 6
            width = self.fontMetrics().horizontalAdvance(goal.title) + 8
            fits_right = not xs or right_edge + width <= scale.width
            text_x = right_edge if fits_right else min(xs) - DIAMOND - 6
            lanes.append(Lane(progress, top, bar, diamonds, text_x, fits_right))
        self._lanes = lanes

    def _as_dragged(self, item: Goal | Milestone) -> Goal | Milestone:  # type: ignore[misc]
        if self._dragged is not None and self._dragged[0].item == item:
            return replace(item, **{self._dragged[0].field: self._dragged[1]})
        return item

    # -- pointer ----------------------------------------------------------------------------

    def hit(self, pos: QPointF) -> Hit | None:
        """The diamond, bar end or bar under ``pos`` (diamonds first: they sit on bars)."""
        row = int((pos.y() - HEADER) // LANE)
        if pos.y() < self.header_top() + HEADER or not 0 <= row < len(self._lanes):
            return None
        lane = self._lanes[row]
        near = [(abs(at.x() - pos.x()), m) for m, at in lane.diamonds]
        if near and (best := min(near, key=lambda n: n[0]))[0] <= DIAMOND + 2:
            return Hit(best[1], "due_date")
        goal, bar = lane.progress.goal, lane.bar
        if bar is None:
            return Hit(goal, "")
        if goal.target_date is not None and abs(pos.x() - bar.right()) <= GRAB:
            return Hit(goal, "target_date")
        if goal.start_date is not None and abs(pos.x() - bar.left()) <= GRAB:
            return Hit(goal, "start_date")
        return Hit(goal, "")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        found = self.hit(event.position())
        self._press, self._press_x = found, event.position().x()
        if found is not None:
            self.select(*found.key)
            self.picked.emit(*found.key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        press = self._press
        if press is None or not press.field:
            found = self.hit(event.position())
            draggable = found is not None and found.field
            shape = Qt.CursorShape.SizeHorCursor if draggable else Qt.CursorShape.ArrowCursor
            self.setCursor(shape)
            return
        if self._dragged is None and abs(x - self._press_x) < QApplication.startDragDistance():
            return
        # The day under the pointer, moved by where on its day the item was taken.
        grabbed = self.scale.day_at(self._press_x)
        day = getattr(press.item, press.field) + (self.scale.day_at(x) - grabbed)
        if self._dragged is None or self._dragged[1] != day:
            self._dragged = (press, day)
            self._layout()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        dragged, self._dragged, self._press = self._dragged, None, None
        if dragged is None:
            return
        self._layout()
        self.update()
        hit, day = dragged
        if day != getattr(hit.item, hit.field):
            self.date_dragged.emit(hit.item, hit.field, day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape during a drag puts the item back where it was; nothing is changed."""
        if event.key() == Qt.Key.Key_Escape and self._press is not None:
            self._dragged, self._press = None, None
            self._layout()
            self.update()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            found = self.hit(QPointF(event.pos()))
            text = self._tooltip(found) if found is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _tooltip(self, hit: Hit) -> str:
        item = hit.item
        if isinstance(item, Milestone):
            due = f"due {_day(item.due_date)}" if item.due_date else "no due date"
            done = f", done {_day(item.done_on)}" if item.done_on else ""
            return f"{item.title}\n{due}{done} — drag to move the date"
        dates = [
            f"{label} {_day(value)}"
            for label, value in (("start", item.start_date), ("target", item.target_date))
            if value is not None
        ]
        return f"{item.title}\n{', '.join(dates) or 'no dates'} — drag an end to change it"
