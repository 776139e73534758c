"""A small bar chart drawn with QPainter: milestones completed per month (vector in a PDF)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from mentordesk.services.summary_content import MonthCount


def paint_bar_chart(
    painter: QPainter, rect: QRectF, bars: tuple[MonthCount, ...], font: QFont, colours: dict
) -> None:
    """Bars for ``bars`` in ``rect``: the month under each bar, its count above it."""
    if not bars:
        return
    painter.save()
    painter.setFont(font)
    line = painter.fontMetrics().height()
    top, bottom = rect.top() + line * 1.2, rect.bottom() - line * 1.3
    highest = max(b.count for b in bars) or 1
    slot = rect.width() / len(bars)
    width = min(slot * 0.6, line * 3)
    painter.setPen(QColor(colours["track"]))
    painter.drawLine(rect.left(), bottom, rect.right(), bottom)
    for i, bar in enumerate(bars):
        centre = rect.left() + slot * (i + 0.5)
        height = (bottom - top) * bar.count / highest
        painter.fillRect(QRectF(centre - width / 2, bottom - height, width, height),
                         QColor(colours["bar"]))  # fmt: skip
        painter.setPen(QColor(colours["ink"]))
        label = QRectF(centre - slot / 2, bottom - height - line * 1.2, slot, line)
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(bar.count))
        painter.setPen(QColor(colours["muted"]))
        month = f"{bar.month:%b}" + (f" {bar.month:%y}" if bar.month.month == 1 or i == 0 else "")
        painter.drawText(QRectF(centre - slot / 2, bottom + line * 0.2, slot, line),
                         Qt.AlignmentFlag.AlignCenter, month)  # fmt: skip
    painter.restore()
