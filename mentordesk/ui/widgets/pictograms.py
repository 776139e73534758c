"""Small drawings for the sidebar's pages, used where the desktop has no icon theme.

Drawn with the palette's text colour, so they follow light and dark themes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

_Draw = Callable[[QPainter, float], None]


def _home(p: QPainter, s: float) -> None:
    roof = QPainterPath(QPointF(s * 0.1, s * 0.5))
    roof.lineTo(s * 0.5, s * 0.12)
    roof.lineTo(s * 0.9, s * 0.5)
    p.drawPath(roof)
    p.drawRect(QRectF(s * 0.22, s * 0.45, s * 0.56, s * 0.43))
    p.drawRect(QRectF(s * 0.43, s * 0.62, s * 0.14, s * 0.26))


def _people(p: QPainter, s: float) -> None:
    for cx, r, top in ((0.36, 0.14, 0.14), (0.7, 0.11, 0.22)):
        p.drawEllipse(QPointF(s * cx, s * (top + r)), s * r, s * r)
        body = QRectF(s * (cx - r * 1.9), s * (top + 2 * r + 0.06), s * r * 3.8, s * r * 4)
        p.drawArc(body, 0, 180 * 16)


def _calendar(p: QPainter, s: float) -> None:
    p.drawRoundedRect(QRectF(s * 0.12, s * 0.2, s * 0.76, s * 0.66), s * 0.08, s * 0.08)
    p.drawLine(QPointF(s * 0.12, s * 0.38), QPointF(s * 0.88, s * 0.38))
    for x in (0.32, 0.68):
        p.drawLine(QPointF(s * x, s * 0.1), QPointF(s * x, s * 0.28))
    for x in (0.3, 0.5, 0.7):
        for y in (0.54, 0.72):
            p.drawPoint(QPointF(s * x, s * y))


def _note(p: QPainter, s: float) -> None:
    p.drawRoundedRect(QRectF(s * 0.2, s * 0.1, s * 0.6, s * 0.8), s * 0.06, s * 0.06)
    for y in (0.32, 0.5, 0.68):
        p.drawLine(QPointF(s * 0.32, s * y), QPointF(s * 0.68, s * y))


def _clock(p: QPainter, s: float) -> None:
    p.drawEllipse(QPointF(s * 0.5, s * 0.5), s * 0.38, s * 0.38)
    p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.5, s * 0.26))
    p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.68, s * 0.6))


_DRAWINGS: dict[str, _Draw] = {
    "go-home": _home,
    "system-users": _people,
    "x-office-calendar": _calendar,
    "accessories-text-editor": _note,
    "appointment-new": _clock,
}


def letter_icon(letter: str, palette: QPalette, size: int) -> QIcon:
    """A round badge with a page's initial, for pages without a drawing."""

    def draw(p: QPainter, s: float) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(palette.color(QPalette.ColorRole.Mid))
        p.drawEllipse(QRectF(0, 0, s, s))
        font = QFont()
        font.setPixelSize(round(s * 0.6))
        font.setBold(True)
        p.setFont(font)
        p.setPen(palette.color(QPalette.ColorRole.Base))
        p.drawText(QRectF(0, 0, s, s), Qt.AlignmentFlag.AlignCenter, letter[:1].upper())

    return QIcon(_drawn(draw, palette.color(QPalette.ColorRole.Text), size))


def pictogram(icon_name: str, palette: QPalette, size: int) -> QIcon | None:
    """The drawing for a freedesktop icon name (text colour, and the highlighted-text colour
    on a selected row), or None when there is none."""
    draw = _DRAWINGS.get(icon_name)
    if draw is None:
        return None
    icon = QIcon()
    for mode, role in (
        (QIcon.Mode.Normal, QPalette.ColorRole.Text),
        (QIcon.Mode.Selected, QPalette.ColorRole.HighlightedText),
    ):
        icon.addPixmap(_drawn(draw, palette.color(role), size), mode)
    return icon


def _drawn(draw: _Draw, color: QColor, size: int) -> QPixmap:
    ratio = 2  # drawn at twice the size so it stays crisp on high-DPI screens
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, max(1.5, size / 12))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    draw(painter, float(size))
    painter.end()
    return pixmap
