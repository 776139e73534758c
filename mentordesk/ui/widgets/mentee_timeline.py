"""The dashboard's Timeline tab: a "Show" choice over a page of the mentee's history.

The widget holds what it shows (the entries loaded so far and where the next page starts)
and asks its ``source`` for pages: the Mentees page passes ``workspace.history.page`` with
its clock, so this module never touches a service itself. Pages come one at a time
("Show more…" at the end), so a mentee with years of history opens as fast as a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mentordesk.domain.history import HistoryCursor, HistoryEntry, HistoryFilter, HistoryPage
from mentordesk.ui.widgets.dashboard_browser import DashboardBrowser
from mentordesk.ui.widgets.detail_timeline import timeline

#: (mentee id, what to show, after which entry, how many at least) -> one page.
HistorySource = Callable[[int, HistoryFilter, HistoryCursor | None, int], HistoryPage]


#: A reload reads this many more than were shown: room for what was added since.
RELOAD_SLACK = 20


def _order(cursor: HistoryCursor) -> tuple[str, str, int]:
    """The store's order (text keys compare as SQLite's BINARY collation does)."""
    return (cursor.key, str(cursor.kind), cursor.id)


class MenteeTimeline(QWidget):
    """Shows one mentee's history; its links go through ``browser`` like the dashboard's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: HistorySource | None = None
        self.mentee_id: int | None = None
        self.first_name = ""
        self.entries: list[HistoryEntry] = []
        self.next: HistoryCursor | None = None
        self.loaded = False
        #: On a reload of the same mentee: the entry shown last, which the reload reads down to.
        self._keep: HistoryCursor | None = None
        self._now = datetime.now().astimezone()
        self._zone = ZoneInfo("UTC")

        self.show_combo = QComboBox(self)
        self.show_combo.setAccessibleName("Show in the timeline")
        for choice in HistoryFilter:
            self.show_combo.addItem(choice.label, str(choice))
        label = QLabel("&Show:", self)
        label.setBuddy(self.show_combo)
        self.browser = DashboardBrowser(self)
        self.browser.setAccessibleName("Timeline")
        self.browser.timeline_link.connect(self._timeline_link)
        self.show_combo.currentIndexChanged.connect(self._filter_chosen)

        bar = QHBoxLayout()
        bar.setContentsMargins(16, 8, 16, 0)
        bar.addWidget(label)
        bar.addWidget(self.show_combo)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

    # -- API ------------------------------------------------------------------------

    def shown_filter(self) -> HistoryFilter:
        return HistoryFilter(self.show_combo.currentData())

    def set_filter(self, show: HistoryFilter) -> None:
        self.show_combo.setCurrentIndex(max(0, self.show_combo.findData(str(show))))

    def set_mentee(self, mentee_id: int, first_name: str, now: datetime, zone: ZoneInfo) -> None:
        """Another mentee (or the same one again, after a change): ``load`` reads it when the
        tab is seen — for the same mentee, down to the entry that was shown last."""
        same = mentee_id == self.mentee_id and self.entries
        self._keep = self.entries[-1].cursor if same else None
        self.mentee_id, self.first_name, self._now, self._zone = mentee_id, first_name, now, zone
        self.loaded = False

    def load(self) -> None:
        """Reads the first page; a reload of the same mentee reads down to the entry shown
        last before it (what was added comes in above; nothing shown slips below "more")."""
        if self.loaded or self.mentee_id is None or self.source is None:
            return
        bar = self.browser.verticalScrollBar()
        last = self._keep
        position = bar.value() if last else 0
        wanted = len(self.entries) + RELOAD_SLACK if last else 0
        try:
            page = self.source(self.mentee_id, self.shown_filter(), None, wanted)
        except KeyError:  # deleted elsewhere: the dashboard says so
            page = HistoryPage([], None)
        entries, following = list(page.entries), page.next
        if last is not None:
            bound = _order(last)
            kept = [e for e in entries if _order(e.cursor) >= bound]
            if len(kept) < len(entries):
                following = kept[-1].cursor if kept else None
            entries = kept
        self.entries, self.next = entries, following
        self.loaded = True
        self._render()
        bar.setValue(position)

    def show_more(self) -> None:
        if self.mentee_id is None or self.source is None or self.next is None:
            return
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        page = self.source(self.mentee_id, self.shown_filter(), self.next, 0)
        self.entries += page.entries
        self.next = page.next
        self._render()
        bar.setValue(position)

    def html(self) -> str:
        return self.browser.toHtml()

    # -- inside ---------------------------------------------------------------------------

    def _render(self) -> None:
        page = timeline(self.entries, self.first_name, self.shown_filter(),
                        self.next is not None, self._now, self._zone, self.palette())  # fmt: skip
        self.browser.setHtml(page)

    def _timeline_link(self, target: str) -> None:
        if target == "more":
            self.show_more()

    def _filter_chosen(self) -> None:
        self._keep = None
        self.loaded = False
        if self.isVisible():
            self.load()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.loaded:
            self._render()
        super().changeEvent(event)
