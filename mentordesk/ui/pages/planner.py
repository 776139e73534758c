"""Planner: when can we meet? A grid of days x slots per person, and the meetings coming up.

Tick mentees on the left (you are always in); each day is a band of rows, one per person in
their own local time, coloured green (everyone working), yellow (daytime for everyone) or
red (night for someone). Drag across slots to plan a meeting there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import MenteeStatus
from mentordesk.services.changes import Kind
from mentordesk.ui.models.planner_grid import Busy, PlannerGridModel
from mentordesk.ui.models.planner_people import PlannerPeopleModel
from mentordesk.ui.pages.base import Page
from mentordesk.ui.pages.planner_upcoming import UpcomingPanel
from mentordesk.ui.theme import scaled_font
from mentordesk.ui.widgets.muted_label import MutedLabel
from mentordesk.ui.widgets.planner_grid_view import PlannerGridView
from mentordesk.ui.widgets.planner_legend import Legend

_CLOCK_TICK_MS = 60_000
_DAY_CHOICES = (7, 14)
_SLOT_CHOICES = (15, 30, 60)


class PlannerPage(Page):
    title = "Planner"
    icon_name = "appointment-new"
    watches = frozenset({Kind.MEETINGS, Kind.CONTACT, Kind.MENTEES, Kind.SETTINGS, Kind.BUSY})

    def setup(self) -> None:
        self._first_day: date | None = None
        self.dialog: QWidget | None = None
        self._loaded = False
        self._scrolled = False
        self._work_start = time(9, 0)
        self._restored_people: list[int] = []

        self.people_model = PlannerPeopleModel(self)
        self.people_view = QListView(self)
        self.people_view.setModel(self.people_model)
        self.people_view.setAccessibleName("People in the planner")
        self.grid_model = PlannerGridModel(self)
        self.model = self.grid_model  # the page's main model, as on every page
        self.grid_view = PlannerGridView(self)
        self.grid_view.setModel(self.grid_model)
        self.upcoming = UpcomingPanel(self.workspace, self._clock, self)

        self._build()
        self.slot_combo.setCurrentIndex(_SLOT_CHOICES.index(30))
        self.people_model.checked_changed.connect(self._people_changed)
        self.grid_view.range_chosen.connect(self.plan_range)
        self.upcoming.status_message.connect(self.status_message)
        self.upcoming.data_changed.connect(self._upcoming_changed)
        self.upcoming.open_mentee.connect(self.open_mentee)
        self.upcoming.call_requested.connect(self.call_requested)
        self.refresh()
        self.tick_every(_CLOCK_TICK_MS)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        people_box = QWidget(self)
        people_layout = QVBoxLayout(people_box)
        people_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("People", people_box)
        heading.setFont(scaled_font(self.font(), 1.15, weight=QFont.Weight.DemiBold))
        hint = MutedLabel("Tick the mentees to plan with. You are always included.", people_box)
        hint.setWordWrap(True)
        people_layout.addWidget(heading)
        people_layout.addWidget(hint)
        people_layout.addWidget(self.people_view, 1)

        self.previous_button = QPushButton("◀", self)
        self.previous_button.setToolTip("Earlier (Alt+Left)")
        self.previous_button.setShortcut("Alt+Left")
        self.previous_button.setAccessibleName("Earlier")
        self.today_button = QPushButton("Today", self)
        self.today_button.setToolTip("Back to today and the days after (Alt+Home)")
        self.today_button.setShortcut("Alt+Home")
        self.next_button = QPushButton("▶", self)
        self.next_button.setToolTip("Later (Alt+Right)")
        self.next_button.setShortcut("Alt+Right")
        self.next_button.setAccessibleName("Later")
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(button.sizeHint().height() * 2)
        self.range_label = QLabel(self)
        self.range_label.setFont(scaled_font(self.font(), 1.1, weight=QFont.Weight.DemiBold))
        self.days_combo = QComboBox(self)
        self.days_combo.setAccessibleName("Days shown")
        for days in _DAY_CHOICES:
            self.days_combo.addItem(f"{days} days", days)
        self.slot_combo = QComboBox(self)
        self.slot_combo.setAccessibleName("Slot size")
        for minutes in _SLOT_CHOICES:
            self.slot_combo.addItem(f"{minutes} min slots", minutes)
        self.new_button = QPushButton("New Meeting…", self)
        self.new_button.setToolTip("Plan a meeting (or drag across the grid) — Ctrl+Shift+M")
        self.new_button.setShortcut("Ctrl+Shift+M")

        controls = QHBoxLayout()
        controls.setSpacing(6)
        for widget in (self.previous_button, self.today_button, self.next_button):
            controls.addWidget(widget)
        controls.addSpacing(8)
        controls.addWidget(self.range_label)
        controls.addStretch(1)
        controls.addWidget(self.days_combo)
        controls.addWidget(self.slot_combo)
        controls.addWidget(self.new_button)

        self.legend = Legend(self)
        self.clock_changes = QLabel(self)
        self.clock_changes.setWordWrap(True)
        self.clock_changes.setAccessibleName("Clock changes")
        self.empty_hint = MutedLabel(
            "Drag across slots to plan a meeting there. Hover a slot for everyone's local time.",
            self,
        )
        self.empty_hint.setWordWrap(True)

        grid_box = QWidget(self)
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addLayout(controls)
        grid_layout.addWidget(self.grid_view, 1)
        grid_layout.addWidget(self.legend)
        grid_layout.addWidget(self.clock_changes)
        grid_layout.addWidget(self.empty_hint)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.right_splitter.setObjectName("plannerRightSplitter")
        self.right_splitter.setChildrenCollapsible(False)
        self.right_splitter.addWidget(grid_box)
        self.right_splitter.addWidget(self.upcoming)
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("plannerSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(people_box)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 1000])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        self.previous_button.clicked.connect(lambda: self.move_days(-self.days_shown()))
        self.next_button.clicked.connect(lambda: self.move_days(self.days_shown()))
        self.today_button.clicked.connect(self.go_today)
        self.days_combo.currentIndexChanged.connect(self._choices_changed)
        self.slot_combo.currentIndexChanged.connect(self._choices_changed)
        self.new_button.clicked.connect(lambda: self.plan_meeting(None, timedelta(minutes=45)))

    # -- Page ----------------------------------------------------------------------------

    def refresh(self) -> None:
        settings = self.workspace.settings()
        self._zone = self.workspace.mentor_zone()
        self._work_start = settings.hours.start
        mentees = [m for m in self.workspace.list_mentees() if m.status is MenteeStatus.ACTIVE]
        mentor = f"You ({settings.mentor_name})" if settings.mentor_name else "You"
        wanted = self._restored_people or self.people_model.checked_ids()
        self.people_model.blockSignals(True)
        self.people_model.set_people(mentor, self._zone.key, mentees)
        known = [m.id for m in mentees if m.id is not None]
        wanted = [i for i in wanted if i in known]
        if not wanted and not self._loaded and known:
            wanted = known[:1]
        self.people_model.set_checked(wanted)
        self.people_model.blockSignals(False)
        self._restored_people = []
        self._loaded = True
        if self._first_day is None:
            self._first_day = self._local_now().date()
        self._reload_grid()
        self.upcoming.refresh()

    def focus_search(self) -> None:
        self.upcoming.focus_list()

    # -- what is shown ---------------------------------------------------------------------

    def days_shown(self) -> int:
        return int(self.days_combo.currentData())

    def slot_minutes(self) -> int:
        return int(self.slot_combo.currentData())

    def first_day(self) -> date:
        assert self._first_day is not None
        return self._first_day

    def show_people(self, mentee_ids: list[int]) -> None:
        self.people_model.set_checked(mentee_ids)

    def move_days(self, days: int) -> None:
        self._first_day = self.first_day() + timedelta(days=days)
        self._reload_grid()

    def go_today(self) -> None:
        # Today and the days after: a week starting on Monday showed six past days on Sunday.
        self._first_day = self._local_now().date()
        self._reload_grid()
        self._scroll_to_now()

    def _local_now(self) -> datetime:
        return self._clock().astimezone(self._zone)

    def _reload_grid(self) -> None:
        first = self.first_day()
        days = self.days_shown()
        ids = self.people_model.checked_ids()
        try:
            grid = self.workspace.meeting_changes.planner_grid(
                ids, first, days, self.slot_minutes()
            )
        except ValidationError as error:
            self.status_message.emit(error.message)
            return
        now = self._clock()
        span_start = grid.days[0].slots[0]
        span_end = grid.days[-1].slots[-1] + grid.slot
        busy = [
            Busy(o.start, o.end, o.meeting.title)
            for o in self.workspace.occurrences_between(span_start, span_end)
            if o.status.value != "cancelled"
        ]
        self.grid_model.set_grid(grid, busy, now, self._local_now().date())
        last = first + timedelta(days=days - 1)
        self.range_label.setText(
            f"{first:%d %b} – {last:%d %b %Y}"
            if first.year == last.year
            else f"{first:%d %b %Y} – {last:%d %b %Y}"
        )
        changes = [t.message for band in grid.days for t in band.transitions]
        self.clock_changes.setVisible(bool(changes))
        self.clock_changes.setText(
            "⚠ Clocks change in this range: " + "; ".join(dict.fromkeys(changes))
        )

    def _scroll_to_now(self) -> None:
        cell = self.grid_model.cell_of(self._clock())
        if cell is not None:
            self.grid_view.scrollTo(self.grid_model.index(*cell))

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        # Open on the working day rather than at midnight, once the layout has settled.
        if not self._scrolled:
            self._scrolled = True
            QTimer.singleShot(100, self, self._scroll_to_morning)

    def _scroll_to_morning(self) -> None:
        """Show today's band from an hour before the mentor's working day starts."""
        grid = self.grid_model.grid
        if grid is None or not grid.days:
            return
        hours = self._work_start
        column = max(0, (hours.hour * 60 + hours.minute - 60) // self.slot_minutes())
        today = (self._local_now().date() - self.first_day()).days
        row = self.grid_model.first_row_of_day(min(max(today, 0), len(grid.days) - 1))
        view = self.grid_view
        view.horizontalScrollBar().setValue(view.horizontalHeader().sectionPosition(column))
        view.verticalScrollBar().setValue(view.verticalHeader().sectionPosition(row))

    # -- planning ---------------------------------------------------------------------------

    def plan_range(self, day: int, first: int, last: int) -> None:
        start, length = self.grid_model.slot_span(day, first, last)
        self.plan_meeting(start, length)

    def plan_meeting(self, start: datetime | None, length: timedelta) -> QWidget:
        """Open the meeting dialog at ``start`` (UTC) for ``length``, with the first ticked
        mentee."""
        from mentordesk.ui.dialogs.meeting_dialog import MeetingDialog

        ids = self.people_model.checked_ids()
        dialog = MeetingDialog(
            self.workspace,
            start=start,
            duration=length,
            mentee_id=ids[0] if ids else None,
            clock=self._clock,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._meeting_saved)
        dialog.finished.connect(lambda _result: self.grid_view.clearSelection())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _meeting_saved(self, meeting: object) -> None:
        title = getattr(meeting, "title", "The meeting")
        self.status_message.emit(f"Planned “{title}”.")
        self._reload_grid()
        self.upcoming.refresh()

    def _upcoming_changed(self) -> None:
        self._reload_grid()

    # -- behaviour ---------------------------------------------------------------------------

    def _people_changed(self) -> None:
        self._reload_grid()

    def _choices_changed(self) -> None:
        if self._first_day is not None:
            self._reload_grid()

    def _tick(self) -> None:
        self.grid_model.set_now(self._clock(), self._local_now().date())

    def saved_choices(self) -> dict[str, object]:
        return {
            "days": self.days_shown(),
            "slot": self.slot_minutes(),
            "people": ",".join(str(i) for i in self.people_model.checked_ids()),
        }

    def restore_choices(self, read: Callable[[str], object]) -> None:
        for combo, key in ((self.days_combo, "days"), (self.slot_combo, "slot")):
            wanted = str(read(key) or "")
            found = combo.findData(int(wanted)) if wanted.isdigit() else -1
            if found >= 0:
                combo.setCurrentIndex(found)
        people = [int(p) for p in str(read("people") or "").split(",") if p.isdigit()]
        if people:
            self._restored_people = people
            self.refresh()
