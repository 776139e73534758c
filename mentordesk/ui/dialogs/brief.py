"""The pre-session brief: one non-modal window per mentee, to read before (or during) a call.

Its content is ``services/brief.py``'s ``Brief``, drawn as HTML by ``widgets/brief_html.py``
in the dashboard's browser (the same goal bars). The window redraws when the services
report a change it shows (``refresh_for``), and when the clock moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.models import Occurrence
from mentordesk.services import Workspace
from mentordesk.services.changes import Changes, Kind
from mentordesk.ui.theme import scaled_font
from mentordesk.ui.widgets import brief_html
from mentordesk.ui.widgets.dashboard_browser import TWO_COLUMNS_FROM, DashboardBrowser

#: The kinds of record the brief shows.
WATCHES = frozenset(
    {
        Kind.MENTEES,
        Kind.CONTACT,
        Kind.MEETINGS,
        Kind.NOTES,
        Kind.ACTIONS,
        Kind.GOALS,
        Kind.WINS,
        Kind.FEEDBACK,
        Kind.SETTINGS,
    }
)
#: Their local time and "in 2 days" move on: redraw every half minute while shown.
_TICK_MS = 30_000
#: Qt's default size for it: readable beside a call window on a 1280×720 screen.
DEFAULT_SIZE = (760, 640)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class BriefDialog(QDialog):
    """The brief for ``mentee_id``'s ``occurrence`` (default: their next meeting)."""

    def __init__(
        self,
        workspace: Workspace,
        mentee_id: int,
        parent: QWidget | None = None,
        *,
        occurrence: Occurrence | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.mentee_id = mentee_id
        self.occurrence = occurrence
        self._clock = clock or _utc_now
        self._two_columns = False
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        self.title_label = QLabel(self)
        self.title_label.setFont(scaled_font(self.font(), 1.5, QFont.Weight.Bold))
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.browser = DashboardBrowser(self)
        self.browser.setAccessibleName("Pre-session brief")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        self.refresh_button = QPushButton("&Refresh", self)
        self.refresh_button.setToolTip("Read the brief again (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        QShortcut(QKeySequence("F5"), self, self.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.resize(*DEFAULT_SIZE)

        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        now = self._clock()
        try:
            brief = self.workspace.brief.for_mentee(self.mentee_id, now, self.occurrence)
        except KeyError:  # the mentee was deleted while the brief was open
            self.close()
            return
        self.brief = brief
        zone = self.workspace.mentor_zone()
        self.setWindowTitle(f"Brief — {brief.mentee.name}")
        self.title_label.setText(f"Before the call with {brief.mentee.name}")
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(brief_html.page(brief, zone, self.palette(), self._two_columns))
        bar.setValue(position)

    def refresh_for(self, changes: Changes) -> None:
        """A change the services reported: redraw when it is about what the brief shows."""
        if not changes.typing and changes.touches(*WATCHES):
            self.refresh()

    def html(self) -> str:
        return self.browser.toHtml()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Actions and wins/feedback side by side once the page is wide enough for both.
        two = self.browser.width() >= TWO_COLUMNS_FROM - 120
        if two != self._two_columns:
            self._two_columns = two
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "brief"):
            self.refresh()
        super().changeEvent(event)
