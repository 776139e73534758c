"""Building blocks of the detail panels: headings, wrapping rich-text labels and HTML snippets.

A detail panel is a few long-lived labels whose HTML is replaced when the selection changes;
that is far cheaper than building widgets per item, and it wraps long text by itself.
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QWidget

from mentordesk.ui.theme import muted_color, scaled_font

_URL = re.compile(r"^(https?://|mailto:|file:///)\S+$", re.IGNORECASE)
#: The scheme of a panel's own links: ``record:win/12`` edits that win, ``record:done/7``
#: ticks action item 7 off, ``record:reopen/7`` reopens it (see ``record_link``).
RECORD_SCHEME = "record"
#: The dashboard's other own links (``widgets/dashboard_browser.py`` routes them all):
#: ``note:12`` opens that note (``note:0`` a new one), ``meeting:4`` that meeting's detail
#: (``meeting:0`` plans one), ``goal:7`` the roadmap at that goal, ``mentee:edit`` the
#: profile, ``timeline:more`` the timeline's next page.
NOTE_SCHEME = "note"
MEETING_SCHEME = "meeting"
GOAL_SCHEME = "goal"
MENTEE_SCHEME = "mentee"
TIMELINE_SCHEME = "timeline"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def heading(text: str, parent: QWidget, factor: float = 1.1) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(scaled_font(parent.font(), factor, weight=QFont.Weight.DemiBold))
    label.setWordWrap(True)
    return label


def rich_label(parent: QWidget, name: str = "") -> QLabel:
    """A label for HTML that wraps, lets the mentor select text and opens links in the browser."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setOpenExternalLinks(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if name:
        label.setAccessibleName(name)
    return label


def scroll_area(content: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


# -- HTML --------------------------------------------------------------------------------


def text(value: str) -> str:
    """Plain text as HTML, keeping the mentor's line breaks."""
    return escape(value.strip()).replace("\n", "<br>")


def muted_css(palette: QPalette) -> str:
    """The muted colour as opaque CSS: the theme's placeholder colour is often translucent,
    and rich text drops alpha, which would turn it into full-strength text."""
    color = muted_color(palette)
    if color.alpha() < 255:
        back = palette.color(QPalette.ColorRole.Base)
        a = color.alphaF()
        color = QColor.fromRgbF(
            color.redF() * a + back.redF() * (1 - a),
            color.greenF() * a + back.greenF() * (1 - a),
            color.blueF() * a + back.blueF() * (1 - a),
        )
    return color.name()


def muted(value: str, palette: QPalette) -> str:
    return f"<span style='color:{muted_css(palette)}'>{escape(value)}</span>"


def link(url: str, label: str = "") -> str:
    """A clickable link for a URL or e-mail address; anything else stays plain text."""
    value = url.strip()
    if _EMAIL.match(value):
        target = f"mailto:{value}"
    elif _URL.match(value):
        target = value
    elif value.lower().startswith("www."):
        target = f"https://{value}"
    else:
        return escape(label or value)
    return f"<a href='{escape(target, quote=True)}'>{escape(label or value)}</a>"


def record_link(target: str, label: str) -> str:
    """A link the panel handles itself (``RECORD_SCHEME``): ``record_link("win/12", "Edit")``."""
    return f"<a href='{RECORD_SCHEME}:{escape(target, quote=True)}'>{escape(label)}</a>"


def scheme_link(scheme: str, target: object, label: str) -> str:
    """A link to one of the dashboard's own actions: ``scheme_link(NOTE_SCHEME, 12, "…")``."""
    return f"<a href='{scheme}:{escape(str(target), quote=True)}'>{escape(label)}</a>"


def items(rows: list[str], empty: str, palette: QPalette) -> str:
    """An HTML list, or a muted sentence when there is nothing to list."""
    if not rows:
        return f"<p>{muted(empty, palette)}</p>"
    # A list, not a table: Qt lays tables out several times slower. Its indent is the
    # document's indentWidth (the dashboard narrows it).
    body = "".join(f"<li style='margin-bottom:3px'>{row}</li>" for row in rows)
    return f"<ul style='margin-top:2px'>{body}</ul>"


def more(shown: int, total: int, where: str, palette: QPalette) -> str:
    if total <= shown:
        return ""
    return f"<p>{muted(f'… and {total - shown} more in {where}', palette)}</p>"
