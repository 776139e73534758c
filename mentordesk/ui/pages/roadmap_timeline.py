"""The Roadmap page's timeline pane: the painted view below the tree, its zoom (a control,
Ctrl+= and Ctrl+-), the selection kept the same in both views, and a drag on the timeline
turned into the same undoable edit as typing the date in the tree. A mixin of
``RoadmapPage``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QTreeView, QWidget

from mentordesk.domain.models import Goal, Milestone
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.timeline import Zoom, zoom_in, zoom_out
from mentordesk.ui.models.roadmap import RoadmapModel
from mentordesk.ui.widgets.timeline import TimelineView


class RoadmapTimeline:
    if TYPE_CHECKING:  # provided by RoadmapPage
        tree: QTreeView
        model: RoadmapModel

        def _select(self, kind: str, item_id: int, column: int = 0) -> QModelIndex: ...
        def edit_item(self, item: Goal | Milestone, field: str, value: object) -> None: ...

    def build_timeline(self) -> QScrollArea:
        parent = self  # type: ignore[assignment]
        self.timeline = TimelineView()
        self.timeline.picked.connect(self._timeline_picked)
        self.timeline.date_dragged.connect(self.edit_item)
        self.timeline_area = QScrollArea(parent)  # type: ignore[arg-type]
        self.timeline_area.setWidget(self.timeline)
        self.timeline_area.setWidgetResizable(True)
        self.timeline_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.timeline_area.setObjectName("roadmapTimeline")
        # The header and the titles are drawn inside what is shown: a scroll repaints them.
        self.timeline_area.verticalScrollBar().valueChanged.connect(self.timeline.update)
        self.timeline_area.horizontalScrollBar().valueChanged.connect(self.timeline.update)

        self.zoom_box = QComboBox(parent)  # type: ignore[arg-type]
        self.zoom_box.setAccessibleName("Timeline zoom")
        self.zoom_box.setToolTip("Timeline zoom (Ctrl+= closer, Ctrl+- wider)")
        for zoom in Zoom:
            self.zoom_box.addItem(zoom.label, zoom)
        self.zoom_box.setCurrentIndex(self.zoom_box.findData(self.timeline.zoom))
        self.zoom_box.currentIndexChanged.connect(
            lambda _row: self.set_zoom(Zoom(self.zoom_box.currentData()))
        )
        self.zoom_in_action = QAction("Zoom Timeline &In", parent)  # type: ignore[arg-type]
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_in_action.triggered.connect(lambda: self.set_zoom(zoom_in(self.timeline.zoom)))
        self.zoom_out_action = QAction("Zoom Timeline &Out", parent)  # type: ignore[arg-type]
        self.zoom_out_action.setShortcut(QKeySequence("Ctrl+-"))
        self.zoom_out_action.triggered.connect(lambda: self.set_zoom(zoom_out(self.timeline.zoom)))
        for action in (self.zoom_in_action, self.zoom_out_action):
            # Anywhere on the page, the tree and the timeline included.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)  # type: ignore[attr-defined]
        return self.timeline_area

    def zoom_widget(self) -> QWidget:
        return self.zoom_box

    def set_zoom(self, zoom: Zoom) -> None:
        """Zooms about the middle of what is shown, so the same days stay in view."""
        bar = self.timeline_area.horizontalScrollBar()
        middle = bar.value() + self.timeline_area.viewport().width() / 2
        day = self.timeline.scale.day_at(middle)
        self.timeline.set_zoom(zoom)
        self.zoom_box.blockSignals(True)
        self.zoom_box.setCurrentIndex(self.zoom_box.findData(zoom))
        self.zoom_box.blockSignals(False)
        self.zoom_in_action.setEnabled(zoom_in(zoom) is not zoom)
        self.zoom_out_action.setEnabled(zoom_out(zoom) is not zoom)
        self.timeline.adjustSize()
        bar.setMaximum(max(0, self.timeline.width() - self.timeline_area.viewport().width()))
        bar.setValue(
            int(self.timeline.scale.centre(day) - self.timeline_area.viewport().width() / 2)
        )

    def saved_choices(self) -> dict[str, object]:
        """The zoom, kept between runs (the splitter between tree and timeline is kept by
        the window, as every named splitter)."""
        return {"timeline_zoom": self.timeline.zoom.value}

    def restore_choices(self, read: Callable[[str], object]) -> None:
        value = read("timeline_zoom")
        if value in {z.value for z in Zoom}:
            self.set_zoom(Zoom(str(value)))

    def show_timeline(self, goals: list[GoalProgress], today: date) -> None:
        self.timeline.set_goals(goals, today)
        self.timeline_area.setVisible(bool(goals))

    def follow_tree(self, item: Goal | Milestone | None) -> None:
        """The tree's current item, selected and scrolled into view on the timeline."""
        if item is None:
            self.timeline.select("", 0)
            return
        kind = "goal" if isinstance(item, Goal) else "milestone"
        self.timeline.select(kind, int(item.id or 0))
        rect = self.timeline.item_rect(kind, int(item.id or 0))
        if not rect.isEmpty():
            centre = rect.center()
            self.timeline_area.ensureVisible(int(centre.x()), int(centre.y()), 60, 40)

    def _timeline_picked(self, kind: str, item_id: int) -> None:
        self._select(kind, item_id)
        self.tree.scrollTo(self.tree.currentIndex())
