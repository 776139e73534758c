"""The meeting dialog's live preview: when it is for each person, and what to look out for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from mentordesk.domain.models import Meeting
from mentordesk.planner.conflicts import Conflict
from mentordesk.planner.recurrence import last_occurrence, starts_until
from mentordesk.planner.rule_builder import without_end
from mentordesk.planner.series import SeriesOccurrence, drift, occurrences
from mentordesk.ui.dialogs.wall_time_choice import utc_offset
from mentordesk.ui.formatting import day_shift, plural
from mentordesk.ui.theme import bold
from mentordesk.ui.widgets.fit_notice import FitNotice
from mentordesk.ui.widgets.muted_label import MutedLabel
from mentordesk.ui.widgets.notice_box import NoticeBox

#: How far ahead a series is checked for clashes as it is edited: the store's cost grows
#: with the span (~1 s for 90 days among 50,000 meetings), so not a whole year ...
CONFLICT_HORIZON = timedelta(days=120)
#: ... and only once edits pause for this long, not on every keystroke.
CONFLICT_DELAY_MS = 200
#: The drift warning looks this far ahead (or to the series' end) ...
PREVIEW_HORIZON = timedelta(days=731)
#: ... expanding at most this many occurrences, as it reruns on every edit.
PREVIEW_CAP = 400


def preview_series(
    start: datetime, rule: str | None, zones: Sequence[str]
) -> tuple[list[SeriesOccurrence], bool]:
    """The series seen from ``zones``, up to PREVIEW_HORIZON ahead or its end, bounded;
    and whether it goes on past what is listed."""
    if not rule:
        return occurrences(start, None, zones), False
    starts, left_out = starts_until(start, rule, start + PREVIEW_HORIZON, limit=PREVIEW_CAP)
    if not starts:
        return occurrences(start, None, zones), False
    # With COUNT or UNTIL occurrences() lists the whole series; both only cut it short,
    # so the open rule's first len(starts) are the same meetings.
    series = occurrences(start, without_end(rule), zones, limit=len(starts))
    return series, left_out is not None


def moved_lines(series: Sequence[SeriesOccurrence], anchor: str) -> list[str]:
    """Every occurrence someone sees at another than their usual local time, and every one
    the anchor's own clock change moved (a gap or fold), in date order."""
    found = [(d.occurrence.utc, d.message) for d in drift(series, anchor)]
    found += [(o.utc, o.note) for o in series if o.note]
    found.sort()
    return [text for _, text in found]


FindConflicts = Callable[[Meeting, timedelta], Sequence[Conflict]]


def _day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


@dataclass(frozen=True, slots=True)
class Clock:
    """One person's view of the meeting: who, their zone, start and end on their clock."""

    who: str
    zone: str
    start: datetime
    end: datetime


def clock_text(clock: Clock, reference: date) -> str:
    """'Mon 15 Mar 2027, 14:30–15:15 (UTC+5:30) (+1 day)': the day marker is against the
    mentor's date; an end past midnight or across a clock change says so."""
    start, end = clock.start, clock.end
    ends = f"{end:%H:%M}" + (" next day" if end.date() != start.date() else "")
    offset = utc_offset(start)
    if end.utcoffset() != start.utcoffset():
        offset += f" → {utc_offset(end)}"
    return f"{_day(start)}, {start:%H:%M}–{ends} ({offset}){day_shift(start.date(), reference)}"


class WhenPanel(QGroupBox):
    """The start and end in every participant's zone, or why it cannot be shown yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("When", parent)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        self.summary = MutedLabel("", self)
        self.summary.setWordWrap(True)
        self.message = MutedLabel("", self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        self._rows: list[tuple[QLabel, QLabel]] = []
        self.message.hide()
        self.summary.hide()

    def show_clocks(self, clocks: Sequence[Clock], reference: date, summary: str = "") -> None:
        while len(self._rows) < len(clocks):
            who, when = QLabel(self), QLabel(self)
            who.setFont(bold(self.font()))
            when.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            when.setWordWrap(True)
            row = len(self._rows)
            self.grid.addWidget(who, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(when, row, 1, Qt.AlignmentFlag.AlignTop)
            self._rows.append((who, when))
        for index, (who, when) in enumerate(self._rows):
            shown = index < len(clocks)
            who.setVisible(shown)
            when.setVisible(shown)
            if shown:
                clock = clocks[index]
                who.setText(clock.who)
                when.setText(f"{clock_text(clock, reference)}\n{clock.zone}")
        self.message.hide()
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))

    def show_message(self, text: str) -> None:
        for who, when in self._rows:
            who.hide()
            when.hide()
        self.summary.hide()
        self.message.setText(text)
        self.message.show()

    def text(self) -> str:
        """What the panel says, one line per person (for tests and accessibility)."""
        if not self.message.isHidden():
            return self.message.text()
        lines = [
            f"{who.text()}: {when.text().replace(chr(10), ' — ')}"
            for who, when in self._rows
            if not who.isHidden()
        ]
        if not self.summary.isHidden():
            lines.append(self.summary.text())
        return "\n".join(lines)


class MeetingPreview(QWidget):
    """The When panel, then the drift warning and the clashes (each hidden when empty).

    ``find_conflicts`` is Workspace.conflicts; it reads the store, so it runs only once
    edits pause and looks only CONFLICT_HORIZON ahead.
    """

    def __init__(self, find_conflicts: FindConflicts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find_conflicts = find_conflicts
        self._series_key: tuple[object, ...] | None = None
        self._conflict_key: tuple[object, ...] | None = None
        self._probe: Meeting | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CONFLICT_DELAY_MS)
        self._timer.timeout.connect(self._check_conflicts)
        self.when_panel = WhenPanel(self)
        #: Night and out-of-hours warnings; the dialog fills it (it knows everyone's hours).
        self.fit = FitNotice(self)
        self.drift_box = NoticeBox(self, max_lines=8)
        self.conflicts_box = NoticeBox(self, max_lines=4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.when_panel)
        layout.addWidget(self.fit)
        layout.addWidget(self.drift_box)
        layout.addWidget(self.conflicts_box)
        layout.addStretch(1)

    def conflicts_pending(self) -> bool:
        return self._timer.isActive()

    def hideEvent(self, event: QHideEvent) -> None:
        # A closed dialog must not read the store later (its workspace may be closed).
        self._timer.stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._probe is not None and self.conflicts_box.isHidden():
            self._timer.start()

    def show_unavailable(self, text: str) -> None:
        self._series_key = self._conflict_key = self._probe = None
        self._timer.stop()
        self.when_panel.show_message(text)
        self.fit.hide()
        self.drift_box.hide()
        self.conflicts_box.hide()

    def show_meeting(
        self,
        meeting: Meeting,
        people: Sequence[tuple[str, str]],
        summary: str,
        *,
        check_conflicts: bool = True,
    ) -> None:
        """``people`` are (who, zone), the mentor ("You") among them; ``meeting.start`` is
        aware in the anchor zone. Recomputes only what the change affects."""
        instant = meeting.start.astimezone(UTC)
        key = (instant, meeting.duration, meeting.rrule, tuple(people), summary)
        if key != self._series_key:
            self._series_key = key
            self._show_series(meeting, people, summary)
        conflict_key = (instant, meeting.duration, meeting.rrule, check_conflicts)
        if conflict_key != self._conflict_key:
            self._conflict_key = conflict_key
            self._probe = meeting if check_conflicts else None
            self.conflicts_box.hide()
            if check_conflicts:
                self._timer.start()
            else:
                self._timer.stop()

    def _show_series(
        self, meeting: Meeting, people: Sequence[tuple[str, str]], summary: str
    ) -> None:
        anchor = meeting.start.tzinfo
        assert isinstance(anchor, ZoneInfo)
        series, more = preview_series(meeting.start, meeting.rrule, [z for _, z in people])
        first = series[0]
        end = first.utc + meeting.duration
        clocks = [
            Clock(who, zone, first.local[zone], end.astimezone(first.local[zone].tzinfo))
            for who, zone in people
        ]
        mentor = next((zone for who, zone in people if who == "You"), anchor.key)
        self.when_panel.show_clocks(clocks, first.local[mentor].date(), summary)
        lines = moved_lines(series, anchor.key) if len(series) > 1 else []
        last = series[-1].utc.astimezone(anchor)
        self.drift_box.set_lines(
            f"Clock changes move {plural(len(lines), 'meeting')} of this series off the"
            " usual local time — check before saving:",
            lines,
            f"Checked up to {_day(last)}; the series goes on." if more else "",
        )

    def _check_conflicts(self) -> None:
        if self._probe is None:
            return
        found = self._find_conflicts(self._probe, CONFLICT_HORIZON)
        probe = self._probe
        until = probe.start + CONFLICT_HORIZON
        last = last_occurrence(probe.start, probe.rrule) if probe.rrule else probe.start
        self.conflicts_box.set_lines(
            f"Overlaps something already planned ({plural(len(found), 'time')})"
            " — you can still save:",
            [c.message for c in found],
            f"Checked up to {_day(until)}." if last is None or last >= until else "",
        )
