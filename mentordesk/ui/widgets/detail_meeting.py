"""The detail half of the Meetings page: one meeting or series, its occurrences and its notes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.domain.models import Occurrence
from mentordesk.domain.views import NoteSummary
from mentordesk.services import MeetingListing
from mentordesk.ui.formatting import (
    describe_rrule,
    duration_text,
    note_title,
    safe_zone,
    short_date,
)
from mentordesk.ui.models.meetings import OCC_STATUS, OccurrencesModel, when_text
from mentordesk.ui.theme import muted_color, scaled_font
from mentordesk.ui.widgets.detail_parts import (
    heading,
    items,
    link,
    muted,
    rich_label,
    scroll_area,
    text,
)


def _row(label: str, value: str) -> str:
    return f"<tr><td style='padding-right:12px'><b>{label}</b></td><td>{value}</td></tr>"


def facts_html(
    listing: MeetingListing,
    next_start: datetime | None,
    now: datetime,
    zone: ZoneInfo,
    palette: QPalette,
) -> str:
    """Times in both zones (a series: its next occurrence), length, rule, place."""
    meeting = listing.meeting
    series = bool(meeting.rrule)
    start = next_start if series and next_start is not None else meeting.start
    end = start + meeting.duration
    label = "Next" if series and next_start is not None else "Your time"
    rows = [_row(label, f"{when_text(start, zone, now)}–{end.astimezone(zone):%H:%M} ({zone.key})")]
    theirs = safe_zone(listing.mentee_zone)
    if theirs is not None:
        other_day = start.astimezone(theirs).date() != start.astimezone(zone).date()
        note = f" {muted('— a different day for them', palette)}" if other_day else ""
        rows.append(
            _row(
                "Their time",
                f"{when_text(start, theirs, now)}–{end.astimezone(theirs):%H:%M}"
                f" ({text(listing.mentee_zone)}){note}",
            )
        )
    if series:
        rows.append(_row("Since", when_text(meeting.start, zone, now)))
    rows.append(_row("Duration", duration_text(meeting.duration)))
    if meeting.rrule:
        rows.append(
            _row(
                "Repeats",
                f"{describe_rrule(meeting.rrule)} {muted(f'({meeting.rrule})', palette)}"
                f"<br>{muted('Stays at this wall-clock time in ' + meeting.zone, palette)}",
            )
        )
    else:
        rows.append(_row("Repeats", "no, a single meeting"))
    if meeting.zone not in (zone.key, listing.mentee_zone):
        rows.append(_row("Planned in", text(meeting.zone)))
    if meeting.location.strip():
        rows.append(_row("Where", link(meeting.location)))
    return f"<table cellspacing='0' cellpadding='2'>{''.join(rows)}</table>"


def notes_html(notes: list[NoteSummary], now: datetime, zone: ZoneInfo, palette: QPalette) -> str:
    rows = []
    for note in notes:
        when = short_date(note.created_at.astimezone(zone).date(), now.astimezone(zone).date())
        title = text(note_title(note.title, note.excerpt))
        privacy = "shareable" if note.shareable else "private"
        excerpt = f"<br>{muted(note.excerpt[:140], palette)}" if note.excerpt else ""
        rows.append(f"<b>{title}</b> — {when} · {muted(privacy, palette)}{excerpt}")
    return items(rows, "No notes are linked to this meeting yet.", palette)


class MeetingDetail(QWidget):
    """``mark_held_requested(occurrence)``; ``open_mentee_requested(mentee_id)``."""

    mark_held_requested = Signal(object)
    mark_not_held_requested = Signal(object)
    open_mentee_requested = Signal(int)
    edit_requested = Signal(object)  # the Meeting
    delete_requested = Signal(object)  # the Meeting
    #: Call mode for the meeting: the Meeting and the selected occurrence's original start.
    call_requested = Signal(object, object)
    #: The pre-session brief: the Meeting and the selected Occurrence (or None).
    brief_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.listing: MeetingListing | None = None
        self.occurrences = OccurrencesModel(self)

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setContentsMargins(24, 24, 24, 24)

        content = QWidget(self)
        self.title_label = QLabel(content)
        self.title_label.setFont(scaled_font(self.font(), 1.5, QFont.Weight.Bold))
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.with_label = QLabel(content)
        self.with_label.setWordWrap(True)
        self.open_button = QPushButton("Open Mentee", content)
        self.open_button.setToolTip("Show this mentee's dashboard")
        self.open_button.clicked.connect(self._open_mentee)
        self.edit_button = QPushButton("Edit…", content)
        self.edit_button.setToolTip("Change the time, length or how it repeats (Ctrl+E)")
        self.edit_button.setShortcut("Ctrl+E")
        self.edit_button.clicked.connect(self._edit)
        self.delete_button = QPushButton("Delete…", content)
        self.delete_button.setToolTip("Delete this meeting or series; its notes stay")
        self.delete_button.clicked.connect(self._delete)
        self.facts_label = rich_label(content, "Meeting facts")

        self.occurrence_view = QTableView(content)
        self.occurrence_view.setAccessibleName("Occurrences")
        self.occurrence_view.setModel(self.occurrences)
        self.occurrence_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.occurrence_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.occurrence_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.occurrence_view.setTabKeyNavigation(False)  # Tab reaches Mark Held and Start Call
        self.occurrence_view.setShowGrid(False)
        self.occurrence_view.setAlternatingRowColors(True)
        self.occurrence_view.setWordWrap(False)
        self.occurrence_view.verticalHeader().hide()
        row_height = self.fontMetrics().height() + 10
        self.occurrence_view.verticalHeader().setDefaultSectionSize(row_height)
        header = self.occurrence_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OCC_STATUS, QHeaderView.ResizeMode.Stretch)
        self.occurrence_view.selectionModel().selectionChanged.connect(self._update_button)
        # A double click only ever marks held; un-marking is the button's, said on it.
        self.occurrence_view.doubleClicked.connect(self._double_clicked)
        self.mark_held_button = QPushButton("Mark Held", content)
        self.mark_held_button.setToolTip(
            "Record that this occurrence took place; it counts as the last contact"
        )
        self.mark_held_button.clicked.connect(self.mark_held)
        self.call_button = QPushButton("Start Call", content)
        self.call_button.setToolTip(
            "Take notes during this meeting; ending the call marks the selected occurrence held"
        )
        self.call_button.clicked.connect(self._start_call)
        self.brief_button = QPushButton("&Brief…", content)
        self.brief_button.setShortcut("Ctrl+B")
        self.brief_button.setToolTip(
            "Before the call: notes, open actions, goals, wins and feedback since the last"
            " call (Ctrl+B)"
        )
        self.brief_button.clicked.connect(self._brief)
        self.occurrence_hint = QLabel(content)
        self.occurrence_hint.setWordWrap(True)

        self.notes_heading = heading("Notes from this meeting", content)
        self.notes_label = rich_label(content, "Notes from this meeting")

        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.with_label)
        # The title keeps the full width; the buttons go on their own row under it.
        top = QVBoxLayout()
        top.setSpacing(8)
        top.addLayout(titles)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        top.addLayout(buttons)
        held = QHBoxLayout()
        held.addWidget(self.occurrence_hint, 1)
        held.addWidget(self.brief_button, 0, Qt.AlignmentFlag.AlignTop)
        held.addWidget(self.call_button, 0, Qt.AlignmentFlag.AlignTop)
        held.addWidget(self.mark_held_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.facts_label)
        layout.addWidget(heading("Occurrences", content))
        layout.addWidget(self.occurrence_view)
        layout.addLayout(held)
        layout.addWidget(self.notes_heading)
        layout.addWidget(self.notes_label)
        layout.addStretch(1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(scroll_area(content, self))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        for label in (self.placeholder, self.with_label, self.occurrence_hint):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, muted_color(self.palette()))
            label.setPalette(palette)
        self.show_message("Select a meeting to see its occurrences and notes.")

    # -- API ------------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        self.listing = None
        self.occurrences.set_occurrences([], "UTC", datetime.now().astimezone(), ZoneInfo("UTC"))
        self.placeholder.setText(message)
        self.stack.setCurrentIndex(0)

    def show_meeting(
        self,
        listing: MeetingListing,
        occurrences: list[Occurrence],
        notes: list[NoteSummary],
        now: datetime,
        zone: ZoneInfo,
    ) -> None:
        palette = self.palette()
        self.listing = listing
        meeting = listing.meeting
        self.title_label.setText(meeting.title)
        self.with_label.setText(f"with {listing.mentee_name}")
        upcoming = next((o.start for o in occurrences if o.end > now), None)
        self.facts_label.setText(facts_html(listing, upcoming, now, zone, palette))
        self.occurrences.set_occurrences(occurrences, listing.mentee_zone, now, zone)
        rows = max(len(occurrences), 1)
        header = self.occurrence_view.horizontalHeader().sizeHint().height()
        row_height = self.occurrence_view.verticalHeader().defaultSectionSize()
        self.occurrence_view.setFixedHeight(header + rows * row_height + 4)
        self.occurrence_hint.setText(
            "Recent and coming occurrences. Select one that has taken place and mark it held."
            if meeting.rrule
            else "Select the meeting once it has taken place and mark it held."
        )
        self.notes_heading.setText(
            f"Notes from this meeting ({len(notes)})" if notes else "Notes from this meeting"
        )
        self.notes_label.setText(notes_html(notes, now, zone, palette))
        self._select_latest_unrecorded()
        self.stack.setCurrentIndex(1)

    def selected_occurrence(self) -> Occurrence | None:
        rows = self.occurrence_view.selectionModel().selectedRows()
        return self.occurrences.occurrence_at(rows[0].row()) if rows else None

    def select_occurrence(self, row: int) -> None:
        self.occurrence_view.selectionModel().setCurrentIndex(
            self.occurrences.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def mark_held(self, *_: object) -> None:
        """Marks the selected occurrence held, or un-marks it when it is held."""
        rows = self.occurrence_view.selectionModel().selectedRows()
        if rows and self.occurrences.is_held(rows[0].row()):
            self.mark_not_held_requested.emit(self.occurrences.occurrence_at(rows[0].row()))
        elif rows and self.occurrences.can_mark_held(rows[0].row()):
            self.mark_held_requested.emit(self.occurrences.occurrence_at(rows[0].row()))

    def _double_clicked(self, *_: object) -> None:
        rows = self.occurrence_view.selectionModel().selectedRows()
        if rows and self.occurrences.can_mark_held(rows[0].row()):
            self.mark_held_requested.emit(self.occurrences.occurrence_at(rows[0].row()))

    # -- inside ---------------------------------------------------------------------------

    def _select_latest_unrecorded(self) -> None:
        """Puts the selection on the occurrence the mentor most likely wants to mark."""
        candidates = [
            i for i in range(self.occurrences.rowCount()) if self.occurrences.can_mark_held(i)
        ]
        if candidates:
            self.select_occurrence(candidates[-1])
        else:
            self.occurrence_view.clearSelection()
        self._update_button()

    def _update_button(self) -> None:
        rows = self.occurrence_view.selectionModel().selectedRows()
        held = bool(rows) and self.occurrences.is_held(rows[0].row())
        self.mark_held_button.setText("Mark Not Held" if held else "Mark Held")
        self.mark_held_button.setEnabled(
            held or (bool(rows) and self.occurrences.can_mark_held(rows[0].row()))
        )

    def _start_call(self) -> None:
        if self.listing is None:
            return
        occurrence = self.selected_occurrence()
        start = occurrence.original_start if occurrence is not None else None
        self.call_requested.emit(self.listing.meeting, start)

    def _brief(self) -> None:
        if self.listing is not None:
            self.brief_requested.emit(self.listing.meeting, self.selected_occurrence())

    def _open_mentee(self) -> None:
        if self.listing is not None:
            self.open_mentee_requested.emit(self.listing.meeting.mentee_id)

    def _edit(self) -> None:
        if self.listing is not None:
            self.edit_requested.emit(self.listing.meeting)

    def _delete(self) -> None:
        if self.listing is not None:
            self.delete_requested.emit(self.listing.meeting)
