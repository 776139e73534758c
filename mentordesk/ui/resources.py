"""The app's icons, shipped inside the package (``mentordesk/resources/icons``)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from PySide6.QtGui import QIcon

#: The one application id: the .desktop file's name, its Icon=, the AppStream <id>, the icons
#: installed for the desktop, and Qt's desktop file name (so the window finds its entry).
APP_ID = "io.github.mentordesk.MentorDesk"
_ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


@cache
def resources_dir() -> Path:
    """``mentordesk/resources``: in the source tree, in an installed wheel and in the bundle
    alike (package data, found through ``importlib.resources``)."""
    return Path(str(files("mentordesk") / "resources"))


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
