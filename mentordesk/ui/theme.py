"""Colours and fonts derived from the system palette, so light and dark themes both work.

Qt's palette has no "error" role; the error colour is chosen against the window colour so it
stays readable whichever theme the system uses.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette

# A red for each background brightness (Material's error tones for light and dark surfaces).
_ERROR_ON_LIGHT = QColor(179, 38, 30)
_ERROR_ON_DARK = QColor(242, 184, 181)
# An amber for each background brightness, for "check this" (not "this is wrong").
_WARNING_ON_LIGHT = QColor(138, 90, 0)
_WARNING_ON_DARK = QColor(255, 204, 128)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(palette: QPalette) -> QColor:
    return QColor(_ERROR_ON_DARK if is_dark(palette) else _ERROR_ON_LIGHT)


def warning_color(palette: QPalette) -> QColor:
    return QColor(_WARNING_ON_DARK if is_dark(palette) else _WARNING_ON_LIGHT)


def muted_color(palette: QPalette) -> QColor:
    """Secondary text (hints, empty states): the placeholder colour of the current theme."""
    return palette.color(QPalette.ColorRole.PlaceholderText)


def scaled_font(base: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:
        font.setPixelSize(round(base.pixelSize() * factor))
    if weight is not None:
        font.setWeight(weight)
    return font


def bold(base: QFont) -> QFont:
    font = QFont(base)
    font.setBold(True)
    return font


# The planner's three levels: soft tints on a light window, deep ones on a dark window, so the
# hour labels on top keep their contrast with the palette's text colour either way.
_LEVEL_ON_LIGHT = {
    "work": QColor(198, 232, 200),
    "day": QColor(252, 238, 178),
    "night": QColor(244, 210, 213),
}
_LEVEL_ON_DARK = {
    "work": QColor(40, 84, 48),
    "day": QColor(92, 78, 28),
    "night": QColor(88, 40, 46),
}


def level_color(palette: QPalette, level: str) -> QColor:
    """The planner colour of "work" (green), "day" (yellow) or "night" (red)."""
    table = _LEVEL_ON_DARK if is_dark(palette) else _LEVEL_ON_LIGHT
    return QColor(table[level])
