"""Draws a search snippet in one table cell with the matched words in bold.

The model gives the snippet with MATCH_START/MATCH_END around matched words. The cell is
painted as runs of plain and bold text, so nothing in a note is ever read as markup (a note
about "<b>" shows "<b>"), and a long snippet ends in "…" like any other cell.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from mentordesk.domain.search_query import marked_runs

_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def fit_runs(
    runs: list[tuple[str, bool]], regular: QFontMetrics, bold: QFontMetrics, width: int
) -> list[tuple[str, bool, int]]:
    """(text, bold, x offset) of the runs that fit in ``width``, the last one elided.

    When the words before the first match would push it out of a third of the cell, only
    their end is kept ("…about her career"), so a narrow column still shows the match.
    """
    if len(runs) > 1 and not runs[0][1]:
        lead = runs[0][0]
        if regular.horizontalAdvance(lead) > width // 3:
            tail = regular.elidedText(lead, Qt.TextElideMode.ElideLeft, width // 4)
            runs = [(tail, False), *runs[1:]]
    placed: list[tuple[str, bool, int]] = []
    x = 0
    for text, is_bold in runs:
        metrics = bold if is_bold else regular
        advance = metrics.horizontalAdvance(text)
        if x + advance <= width:
            placed.append((text, is_bold, x))
            x += advance
            continue
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - x)
        if elided:
            placed.append((elided, is_bold, x))
        elif placed:
            # Not even "…" fits after the last run: that run ends in it instead.
            last, last_bold, last_x = placed.pop()
            last_metrics = bold if last_bold else regular
            shorter = last_metrics.elidedText(
                last + text, Qt.TextElideMode.ElideRight, width - last_x
            )
            placed.append((shorter, last_bold, last_x))
        break
    return placed


class MatchDelegate(QStyledItemDelegate):
    """Paints cells whose ``role`` holds a marked snippet; other cells as usual."""

    def __init__(self, role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        marked = index.data(self.role)
        if not marked:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background, selection and focus only; the text is ours
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)
        regular = QFont(opt.font)  # type: ignore[attr-defined]
        heavy = QFont(regular)
        heavy.setBold(True)
        placed = fit_runs(
            marked_runs(marked), QFontMetrics(regular), QFontMetrics(heavy), rect.width()
        )

        state = opt.state  # type: ignore[attr-defined]
        group = QPalette.ColorGroup.Normal
        if not state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif not state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        role = (
            QPalette.ColorRole.HighlightedText
            if state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        painter.save()
        painter.setPen(opt.palette.color(group, role))  # type: ignore[attr-defined]
        painter.setClipRect(rect)
        for text, is_bold, x in placed:
            painter.setFont(heavy if is_bold else regular)
            run_rect = QRect(rect.left() + x, rect.top(), rect.width() - x, rect.height())
            painter.drawText(run_rect, _ALIGN, text)
        painter.restore()
