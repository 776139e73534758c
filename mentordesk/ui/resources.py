"""Where the app's icons and templates live, found relative to the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

import mentordesk

_ICON_SIZES = (16, 32, 64, 128, 256)


@cache
def resources_dir() -> Path:
    """``resources/`` beside the package (the source tree and the installed layout agree)."""
    return Path(mentordesk.__file__).resolve().parent.parent / "resources"


def app_icon() -> QIcon:
    """MentorDesk's icon: the PNG sizes (crisp at small sizes) and the SVG for the rest."""
    icons = resources_dir() / "icons"
    icon = QIcon()
    for size in _ICON_SIZES:
        png = icons / f"mentordesk-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    svg = icons / "mentordesk.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon
