"""The roadmap timeline's painting: lanes, bars (the done share filled), diamonds, the
ticks and today's line, and a header kept at the top of what is shown. A mixin of
``TimelineView`` (``ui/widgets/timeline.py``), which works out the geometry it draws.

Colours come from the palette and ``ui/theme.py`` (light and dark): goals in the highlight
colour, overdue in the error colour, at risk or due after the goal's target in the warning
colour, done and dropped muted (dropped faded too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPen, QPixmap, QPolygonF

from mentordesk.domain.models import GoalStatus, Milestone, MilestoneStatus
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.timeline import Tick, TimeScale
from mentordesk.ui.theme import error_color, muted_color, warning_color

if TYPE_CHECKING:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QWidget

HEADER = 36  # tick labels on the upper line, today's on the lower
_LABELS = 18
LANE = 30
BAR = 12
DIAMOND = 6.0  # half its width
_FADED = 90  # alpha of a dropped item


@dataclass(slots=True)
class Lane:
    progress: GoalProgress
    top: float
    bar: QRectF | None
    diamonds: list[tuple[Milestone, QPointF]]
    text_x: float
    text_right: bool  # the title is drawn right of the bar (else left of it)


def _dashes(colour: QColor) -> QBrush:
    """A brush of 4-pixel dashes down a 2-pixel column (today's line)."""
    tile = QPixmap(2, 8)
    tile.fill(Qt.GlobalColor.transparent)
    tiler = QPainter(tile)
    tiler.fillRect(0, 0, 2, 5, colour)
    tiler.end()
    return QBrush(tile)


class TimelinePainting:
    if TYPE_CHECKING:  # provided by TimelineView
        scale: TimeScale
        today: date
        selected: tuple[str, int]
        _lanes: list[Lane]

        def palette(self) -> QPalette: ...
        def height(self) -> int: ...
        def width(self) -> int: ...
        def x(self) -> int: ...
        def y(self) -> int: ...
        def fontMetrics(self) -> QFontMetrics: ...
        def parentWidget(self) -> QWidget | None: ...

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)  # type: ignore[arg-type]
        palette = self.palette()
        clip = QRectF(event.rect())
        painter.fillRect(clip, palette.color(QPalette.ColorRole.Base))
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        for row, lane in enumerate(self._lanes):
            band = QRectF(clip.left(), lane.top, clip.width(), LANE)
            if not band.intersects(clip):
                continue
            if self.selected == ("goal", lane.progress.goal.id):
                tint = QColor(highlight)
                tint.setAlpha(60)
                painter.fillRect(band, tint)
            elif row % 2:
                painter.fillRect(band, alternate)
        self._paint_lines(painter, clip, palette)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for lane in self._lanes:
            if QRectF(clip.left(), lane.top, clip.width(), LANE).intersects(clip):
                self._paint_lane(painter, lane, palette)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._paint_header(painter, clip, palette)
        painter.end()

    def shown_span(self) -> tuple[float, float]:
        """The x range the scroll area shows (the whole width outside one)."""
        parent = self.parentWidget()
        left = float(max(0, -self.x()))
        return left, left + (parent.width() if parent is not None else self.width())

    def header_top(self) -> float:
        """Where the header is drawn: at the top of what the scroll area shows, so the
        dates stay in sight while the lanes scroll under them."""
        return float(max(0, -self.y()))

    def _paint_lines(self, painter: QPainter, clip: QRectF, palette: QPalette) -> None:
        """The ticks' lines and today's, under the bars. Filled rectangles, not drawLine: a
        long line (today's dashed one most) cost ~3 ms a paint, rectangles a tenth of it."""
        line = QColor(muted_color(palette))
        top, height = clip.top(), clip.height()
        for tick in self._ticks(clip):
            line.setAlpha(140 if tick.major else 60)
            painter.fillRect(QRectF(self.scale.x(tick.day), top, 1, height), line)
        painter.fillRect(
            QRectF(self.scale.centre(self.today) - 1, top, 2, height), _dashes(error_color(palette))
        )

    def _ticks(self, clip: QRectF) -> list[Tick]:
        # A label starts at its tick and runs right: keep ticks a little left of the clip.
        return [
            t
            for t in self.scale.ticks()
            if clip.left() - 200 <= self.scale.x(t.day) <= clip.right()
        ]

    def _paint_header(self, painter: QPainter, clip: QRectF, palette: QPalette) -> None:
        line = QColor(muted_color(palette))
        today = self.scale.centre(self.today)
        ticks = self._ticks(clip)
        top = self.header_top()
        header = QRectF(clip.left(), top, clip.width(), HEADER)
        if not header.intersects(clip):
            return
        painter.fillRect(header, palette.color(QPalette.ColorRole.Window))
        line.setAlpha(140)
        painter.fillRect(QRectF(clip.left(), top + HEADER - 1, clip.width(), 1), line)
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        for tick in ticks:
            x = self.scale.x(tick.day)
            mark = top + (0 if tick.major else _LABELS)
            painter.fillRect(QRectF(x, mark, 1, top + HEADER - mark), text)
            painter.drawText(
                QRectF(x + 4, top, 200, _LABELS), Qt.AlignmentFlag.AlignVCenter, tick.label
            )
        painter.setPen(error_color(palette))
        label = QRectF(today - 40, top + _LABELS, 80, HEADER - _LABELS - 1)
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, "Today")

    def _goal_colour(self, progress: GoalProgress, palette: QPalette) -> QColor:
        goal = progress.goal
        if goal.status in (GoalStatus.DONE, GoalStatus.DROPPED):
            colour = QColor(muted_color(palette))
            if goal.status is GoalStatus.DROPPED:
                colour.setAlpha(_FADED)
            return colour
        if progress.is_overdue(self.today):
            return error_color(palette)
        if goal.status is GoalStatus.AT_RISK:
            return warning_color(palette)
        return QColor(palette.color(QPalette.ColorRole.Highlight))

    def _paint_lane(self, painter: QPainter, lane: Lane, palette: QPalette) -> None:
        progress, goal = lane.progress, lane.progress.goal
        colour = self._goal_colour(progress, palette)
        if lane.bar is not None:
            light = QColor(colour)
            light.setAlpha(min(colour.alpha(), 70))
            painter.setPen(QPen(colour, 1.5))
            painter.setBrush(light)
            painter.drawRoundedRect(lane.bar, 3, 3)
            done = QRectF(lane.bar)
            done.setWidth(lane.bar.width() * progress.fraction)
            painter.setBrush(colour)
            painter.drawRoundedRect(done, 3, 3)
        for milestone, at in lane.diamonds:
            self._paint_diamond(painter, progress, milestone, at, palette)
        text = QColor(palette.color(QPalette.ColorRole.Text))
        if goal.status in (GoalStatus.DONE, GoalStatus.DROPPED):
            text = QColor(muted_color(palette))
        painter.setPen(text)
        title = goal.title if lane.bar or lane.diamonds else f"{goal.title} — no dates yet"
        width = self.fontMetrics().horizontalAdvance(title) + 8
        left = lane.text_x if lane.text_right else lane.text_x - width
        # Zoomed in, the title would often be out of sight: keep it inside what is shown,
        # on a patch of the background so a bar under it stays readable.
        shown_left, shown_right = self.shown_span()
        clamped = min(max(left, shown_left + 2), shown_right - width - 2)
        box = QRectF(clamped, lane.top + (LANE - 18) / 2, width, 18)
        if clamped != left:
            patch = QColor(palette.color(QPalette.ColorRole.Base))
            patch.setAlpha(220)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(patch)
            painter.drawRoundedRect(box, 4, 4)
        painter.setPen(text)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, title)

    def _paint_diamond(
        self,
        painter: QPainter,
        progress: GoalProgress,
        milestone: Milestone,
        at: QPointF,
        palette: QPalette,
    ) -> None:
        status = milestone.status
        colour = QColor(palette.color(QPalette.ColorRole.Text))
        due = milestone.due_date
        if status is MilestoneStatus.DROPPED:
            colour = QColor(muted_color(palette))
            colour.setAlpha(_FADED)
        elif status is not MilestoneStatus.DONE and due is not None and due < self.today:
            colour = error_color(palette)
        elif milestone in progress.late_milestones():
            colour = warning_color(palette)
        shape = QPolygonF(
            [at + QPointF(0, -DIAMOND), at + QPointF(DIAMOND, 0),
             at + QPointF(0, DIAMOND), at + QPointF(-DIAMOND, 0)]
        )  # fmt: skip
        if self.selected == ("milestone", milestone.id):
            ring = QPen(palette.color(QPalette.ColorRole.Highlight), 6)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(shape)
        painter.setPen(QPen(colour, 1.5))
        filled = status is MilestoneStatus.DONE
        painter.setBrush(colour if filled else palette.color(QPalette.ColorRole.Base))
        painter.drawPolygon(shape)

    # -- pointer ----------------------------------------------------------------------------
