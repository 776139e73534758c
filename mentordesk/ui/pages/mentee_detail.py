"""One mentee's dashboard: the detail half of the Mentees page.

A header (name, role, Edit… and Delete…) over one QTextBrowser holding the rest as HTML.
Switching mentees replaces one document, which Qt lays out once: measured on 2,000 mentees,
that is ~5 ms where a dozen word-wrapped labels took ~25 ms.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QRect, Qt, QUrl, Signal, SignalInstance
from PySide6.QtGui import (
    QCursor,
    QDesktopServices,
    QFont,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyleOptionProgressBar,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import MenteeDashboard
from mentordesk.ui.channel_open import open_channel
from mentordesk.ui.theme import muted_color, scaled_font
from mentordesk.ui.widgets import detail_mentee as html

#: From this width of the dashboard, short sections sit side by side.
TWO_COLUMNS_FROM = 760


class DashboardBrowser(QTextBrowser):
    """A read-only page that draws ``bar:<n>`` images; its links go to ``anchorClicked``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Links are handled by MenteeDetail: web links open, channel links open their app.
        self.setOpenLinks(False)
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


class MenteeDetail(QWidget):
    """Shows a ``MenteeDashboard``; asks the page to edit or delete through signals."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)
    call_requested = Signal(int)
    note_requested = Signal(int)
    roadmap_requested = Signal(int)
    summary_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dashboard: MenteeDashboard | None = None
        self._now = datetime.now().astimezone()
        self._zone = ZoneInfo("UTC")
        self._two_columns = False

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setContentsMargins(24, 24, 24, 24)

        content = QWidget(self)
        self.name_label = QLabel(content)
        self.name_label.setFont(scaled_font(self.font(), 1.6, QFont.Weight.Bold))
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = QLabel(content)
        self.subtitle_label.setWordWrap(True)
        self.edit_button = QPushButton("Edit…", content)
        self.edit_button.setToolTip("Edit this mentee's profile")
        self.delete_button = QPushButton("Delete…", content)
        self.delete_button.setToolTip("Delete this mentee and everything recorded about them")
        self.edit_button.clicked.connect(self._edit_clicked)
        self.delete_button.clicked.connect(self._delete_clicked)
        self.call_button = QPushButton("Start Call", content)
        self.call_button.setToolTip("Take notes during a call with this mentee (Ctrl+Shift+N)")
        self.call_button.clicked.connect(lambda: self._emit_for_mentee(self.call_requested))
        self.note_button = QPushButton("New Note…", content)
        self.note_button.setToolTip("Write a note about this mentee, outside a call")
        self.note_button.clicked.connect(lambda: self._emit_for_mentee(self.note_requested))
        self.roadmap_button = QPushButton("Roadmap…", content)
        self.roadmap_button.setToolTip("Add, edit, reorder and revisit this mentee's goals")
        self.roadmap_button.clicked.connect(lambda: self._emit_for_mentee(self.roadmap_requested))
        self.summary_button = QPushButton("Summary PDF…", content)
        self.summary_button.setToolTip("Export a progress summary to hand over (Ctrl+P)")
        self.summary_button.clicked.connect(lambda: self._emit_for_mentee(self.summary_requested))
        self.browser = DashboardBrowser(content)
        self.browser.setAccessibleName("Dashboard")
        self.browser.anchorClicked.connect(self._link_clicked)
        #: What the last channel click did ("Copied … to the clipboard"), also shown as a tip.
        self.channel_message = ""

        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.name_label)
        titles.addWidget(self.subtitle_label)
        # The profile's own buttons beside the name; what to do with the mentee under it, in
        # two rows, so the pane stays narrow enough for the list beside it.
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QGridLayout()
        buttons.setHorizontalSpacing(6)
        for index, button in enumerate(
            (self.call_button, self.note_button, self.roadmap_button, self.summary_button)
        ):
            buttons.addWidget(button, index // 2, index % 2)
        buttons.setColumnStretch(2, 1)
        header = QVBoxLayout()
        header.setContentsMargins(16, 12, 16, 6)
        header.setSpacing(8)
        header.addLayout(top)
        header.addLayout(buttons)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.browser, 1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._apply_muted()
        self.show_message("Select a mentee to see their dashboard.")

    # -- API ------------------------------------------------------------------------

    def mentee_id(self) -> int | None:
        return self.dashboard.mentee.id if self.dashboard is not None else None

    def show_message(self, message: str) -> None:
        self.dashboard = None
        self.placeholder.setText(message)
        self.stack.setCurrentIndex(0)

    def show_dashboard(self, dashboard: MenteeDashboard, now: datetime, zone: ZoneInfo) -> None:
        same = self.dashboard is not None and self.dashboard.mentee.id == dashboard.mentee.id
        self.dashboard, self._now, self._zone = dashboard, now, zone
        self.name_label.setText(dashboard.mentee.name)
        subtitle = html.subtitle(dashboard)
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))
        self._render(keep_scroll=same)
        self.stack.setCurrentIndex(1)
        # The whole panel changed: paint it in one pass (its children are within it).
        self.update()

    def set_clock(self, now: datetime) -> None:
        """Moves the clock on: their local time and working-hours state change."""
        self._now = now
        self._render(keep_scroll=True)

    def html(self) -> str:
        """The dashboard's HTML as shown (what a screen reader and the tests read)."""
        return self.browser.toHtml()

    # -- inside ---------------------------------------------------------------------------

    def _render(self, keep_scroll: bool) -> None:
        if self.dashboard is None:
            return
        bar = self.browser.verticalScrollBar()
        position = bar.value() if keep_scroll else 0
        page = html.page(self.dashboard, self._now, self._zone, self.palette(), self._two_columns)
        self.browser.setHtml(page)
        bar.setValue(position)

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() != html.CHANNEL_SCHEME:
            QDesktopServices.openUrl(url)
            return
        channels = self.dashboard.mentee.channels if self.dashboard is not None else ()
        try:
            channel = channels[int(url.path())]
        except (ValueError, IndexError):
            return
        self.channel_message = open_channel(channel)
        QToolTip.showText(QCursor.pos(), self.channel_message, self.browser)

    def _edit_clicked(self) -> None:
        mentee_id = self.mentee_id()
        if mentee_id is not None:
            self.edit_requested.emit(mentee_id)

    def _emit_for_mentee(self, signal: SignalInstance) -> None:
        mentee_id = self.mentee_id()
        if mentee_id is not None:
            signal.emit(mentee_id)

    def _delete_clicked(self) -> None:
        mentee_id = self.mentee_id()
        if mentee_id is not None:
            self.delete_requested.emit(mentee_id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        two = event.size().width() >= TWO_COLUMNS_FROM
        if two != self._two_columns:
            self._two_columns = two
            self._render(keep_scroll=True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_muted()
            self._render(keep_scroll=True)
        super().changeEvent(event)

    def _apply_muted(self) -> None:
        for label in (self.placeholder, self.subtitle_label):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, muted_color(self.palette()))
            label.setPalette(palette)
