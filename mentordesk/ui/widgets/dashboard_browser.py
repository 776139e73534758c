"""The dashboard's page: a read-only QTextBrowser whose links are the dashboard's actions.

Every link of the dashboard and its timeline goes through ``DashboardBrowser._follow``, the
one router: a scheme names what the link does and the path which record. Anything else
(a resource's URL, mailto:) opens in its own app.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QRect, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPainter, QPixmap, QTextDocument
from PySide6.QtWidgets import QFrame, QStyle, QStyleOptionProgressBar, QTextBrowser, QWidget

from mentordesk.ui.widgets import detail_mentee as html
from mentordesk.ui.widgets.detail_parts import (
    GOAL_SCHEME,
    MEETING_SCHEME,
    MENTEE_SCHEME,
    NOTE_SCHEME,
    RECORD_SCHEME,
    TIMELINE_SCHEME,
)

#: From this width of the dashboard (or the brief), short sections sit side by side.
TWO_COLUMNS_FROM = 760


class DashboardBrowser(QTextBrowser):
    """A read-only page that opens links in the browser and draws ``bar:<n>`` images.

    Its own links are passed on as signals: ``record:`` (Edit, Done, Reopen, a new record
    with id 0) as ``record_link``, a logged contact's (``contact:edit/3``, ``contact:new``)
    as ``contact_link``, a channel's as ``channel_link``; ``note:12`` (0: a new note) as
    ``note_link``, ``meeting:4`` (0: plan one) as ``meeting_link``, ``goal:7`` (0: the
    roadmap) as ``goal_link``, ``mentee:edit`` as ``mentee_link`` and ``timeline:more`` as
    ``timeline_link``.
    """

    record_link = Signal(str)
    contact_link = Signal(str)
    channel_link = Signal(str)
    note_link = Signal(int)
    meeting_link = Signal(int)
    goal_link = Signal(int)
    mentee_link = Signal(str)
    timeline_link = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(16)
        self.document().setIndentWidth(18)  # list bullets close to the text, not 40 px in
        self._bars: dict[int, QPixmap] = {}

    def progress_bar(self, percent: int) -> QPixmap:
        """The style's own progress bar at ``percent``, drawn once per value and theme."""
        percent = max(0, min(100, percent))
        pixmap = self._bars.get(percent)
        if pixmap is None:
            width, height = html.BAR_SIZE
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(round(width * ratio), round(height * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            option = QStyleOptionProgressBar()
            option.initFrom(self)
            option.rect = QRect(0, 0, width, height)
            option.minimum, option.maximum, option.progress = 0, 100, percent
            option.textVisible = False
            option.state |= QStyle.StateFlag.State_Horizontal
            painter = QPainter(pixmap)
            self.style().drawControl(QStyle.ControlElement.CE_ProgressBar, option, painter, self)
            painter.end()
            self._bars[percent] = pixmap
        return pixmap

    def loadResource(self, kind: int, name: QUrl) -> Any:
        if kind == QTextDocument.ResourceType.ImageResource.value and name.scheme() == (
            html.BAR_SCHEME
        ):
            try:
                return self.progress_bar(int(name.path()))
            except ValueError:
                return None
        return super().loadResource(kind, name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._bars.clear()
        super().changeEvent(event)

    def _follow(self, url: QUrl) -> None:
        scheme, path = url.scheme(), url.path()
        numbered = {
            NOTE_SCHEME: self.note_link,
            MEETING_SCHEME: self.meeting_link,
            GOAL_SCHEME: self.goal_link,
        }
        if scheme == RECORD_SCHEME:
            self.record_link.emit(path)
        elif scheme == html.CONTACT_SCHEME:
            self.contact_link.emit(path)
        elif scheme == html.CHANNEL_SCHEME:
            self.channel_link.emit(path)
        elif scheme in numbered:
            if path.isdigit():
                numbered[scheme].emit(int(path))
        elif scheme == MENTEE_SCHEME:
            self.mentee_link.emit(path)
        elif scheme == TIMELINE_SCHEME:
            self.timeline_link.emit(path)
        else:
            QDesktopServices.openUrl(url)
