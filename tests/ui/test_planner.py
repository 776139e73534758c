"""The planner page as a mentor uses it: a grid per person, drag to plan, the coming list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Meeting, Mentee, OccurrenceStatus, Settings, WorkingHours
from mentordesk.services import Workspace
from mentordesk.ui.models.planner_grid import LEVEL_ROLE, NOW_ROLE, SHIFT_ROLE
from mentordesk.ui.pages.planner import PlannerPage

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 8 March 2027, 12:00 UTC: New York moves its clocks on the 14th, London on the 28th.
NOW = datetime(2027, 3, 8, 12, 0, tzinfo=UTC)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "planner.db") as workspace:
        workspace.save_settings(
            Settings("Sam Rivera", "Europe/London", WorkingHours(time(9), time(17)))
        )
        yield workspace


@pytest.fixture
def nia(ws: Workspace) -> Mentee:
    return ws.save_mentee(
        Mentee("Nia Brooks", "America/New_York", hours=WorkingHours(time(8), time(16)))
    )


@pytest.fixture
def page(qtbot: QtBot, ws: Workspace, nia: Mentee) -> PlannerPage:
    planner = PlannerPage(ws, clock=lambda: NOW)
    qtbot.addWidget(planner)
    planner.resize(1300, 860)
    planner.show()
    qtbot.waitExposed(planner)
    planner.show_people([nia.id or 0])
    return planner


def test_each_day_is_a_band_of_rows_in_each_persons_local_time(page: PlannerPage) -> None:
    model = page.grid_model
    assert page.first_day() == NOW.date()  # today, Monday the 8th, and the days after
    assert model.rowCount() == 7 * 3  # Everyone, you, Nia for each of 7 days
    assert model.columnCount() == 48  # 30-minute slots
    # 14:00 in London is 09:00 in New York: Nia's row reads 9, both are working: green.
    row = model.first_row_of_day(0)
    assert model.index(row + 1, 28).data() == "14"
    assert model.index(row + 2, 28).data() == "9"
    assert model.index(row, 28).data(LEVEL_ROLE) == "work"
    # 23:00 London is 18:00 New York: night for you, so red for everyone.
    assert model.index(row, 46).data(LEVEL_ROLE) == "night"
    # 01:00 London is 20:00 the day before in New York.
    assert model.index(row + 2, 2).data(SHIFT_ROLE) == -1
    # Today and now are marked: the band title and a line in the 12:00 slot.
    assert "Today" in model.headerData(row, Qt.Orientation.Vertical)
    assert model.index(row, 24).data(NOW_ROLE) == 0.0
    assert model.index(row, 25).data(NOW_ROLE) == -1.0


def test_the_week_new_york_changes_its_clocks_is_marked(page: PlannerPage) -> None:
    model = page.grid_model
    sunday = model.first_row_of_day(6)  # 14 March 2027
    assert "clocks change" in model.headerData(sunday, Qt.Orientation.Vertical)
    assert "Nia Brooks (America/New_York): clocks go forward 1 h" in page.clock_changes.text()
    assert not page.clock_changes.isHidden()
    # After the change 14:00 London is 10:00 in New York.
    page.move_days(7)
    assert page.grid_model.index(page.grid_model.first_row_of_day(0) + 2, 28).data() == "10"


def test_people_slot_size_and_range_can_change(page: PlannerPage, ws: Workspace) -> None:
    other = ws.save_mentee(Mentee("Ravi Menon", "Asia/Kathmandu"))
    page.refresh()
    page.show_people([page.people_model.checked_ids()[0], other.id or 0])
    assert page.grid_model.rowCount() == 7 * 4
    page.slot_combo.setCurrentIndex(page.slot_combo.findData(15))
    model = page.grid_model
    assert model.columnCount() == 96
    # Kathmandu is UTC+5:45: 09:00 London (UTC) is 14:45 there, to the minute.
    ravi = model.first_row_of_day(0) + 3
    assert "14:45" in model.index(ravi, 36).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(ravi, 33).data() == "14"  # 08:15 London: 14:00 starts there
    page.slot_combo.setCurrentIndex(page.slot_combo.findData(30))
    assert model.index(ravi, 17).data() == "14:15"  # a half-hour slot from 14:15 to 14:45
    page.slot_combo.setCurrentIndex(page.slot_combo.findData(15))
    page.days_combo.setCurrentIndex(page.days_combo.findData(14))
    assert model.rowCount() == 14 * 4
    page.move_days(14)
    assert page.first_day() == NOW.date() + timedelta(days=14)
    page.go_today()
    assert page.first_day() == NOW.date()


def _drag(qtbot: QtBot, page: PlannerPage, row: int, first: int, last: int) -> None:
    view = page.grid_view
    model = page.grid_model
    view.scrollTo(model.index(row, last))
    view.scrollTo(model.index(row, first))
    start = view.visualRect(model.index(row, first)).center()
    end = view.visualRect(model.index(row, last)).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), QPoint((start.x() + end.x()) // 2, start.y()))
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_dragging_across_slots_plans_a_meeting_there(
    qtbot: QtBot, page: PlannerPage, ws: Workspace, nia: Mentee
) -> None:
    tuesday = page.grid_model.first_row_of_day(1)
    _drag(qtbot, page, tuesday + 2, 28, 29)  # drag on Nia's row, 14:00–15:00 London
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.form.start_local() == datetime(2027, 3, 9, 14, 0, tzinfo=LONDON)  # type: ignore[attr-defined]
    assert dialog.form.duration() == timedelta(hours=1)  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.saved):  # type: ignore[attr-defined]
        dialog.save()  # type: ignore[attr-defined]
    # It shows in the coming list in both local times, and as booked on the grid.
    upcoming = page.upcoming.model
    texts = [upcoming.cells(r) for r in range(upcoming.rowCount())]
    # The same words as on the Meetings page.
    assert page.upcoming.held_button.text() == "Mark Held"
    assert page.upcoming.call_button.text() == "Start Call"
    assert any("14:00" in t[0] and "09:00" in t[1] and t[2] == "Nia Brooks" for t in texts)
    assert (
        page.grid_model.index(tuesday, 28)
        .data(Qt.ItemDataRole.ToolTipRole)
        .endswith("Booked: " + ws.list_meetings()[0].meeting.title)
    )


@pytest.fixture
def weekly(ws: Workspace, nia: Mentee) -> Meeting:
    return ws.save_meeting(
        Meeting(
            nia.id or 0,
            "Weekly 1:1",
            datetime(2027, 3, 9, 14, 0, tzinfo=LONDON),
            rrule="FREQ=WEEKLY;COUNT=10",
        )
    )


def _select(page: PlannerPage, start: datetime) -> None:
    page.upcoming.refresh()
    model = page.upcoming.model
    for row in range(model.rowCount()):
        if model.row_at(row).occurrence.original_start == start:
            page.upcoming.select_row(row)
            return
    raise AssertionError(f"no occurrence at {start}")


def test_reschedule_keeps_the_original_with_its_reason(
    qtbot: QtBot, page: PlannerPage, ws: Workspace, weekly: Meeting
) -> None:
    first = weekly.start
    _select(page, first)
    dialog = page.upcoming.reschedule()
    assert dialog is not None
    assert not dialog.save_button.isEnabled()  # type: ignore[attr-defined]  # no reason yet
    dialog.time_edit.setTime(dialog.time_edit.time().addSecs(3600))  # type: ignore[attr-defined]
    dialog.reason_edit.setText("Nia is at a conference")  # type: ignore[attr-defined]
    assert dialog.theirs.text().startswith("10:00")  # type: ignore[attr-defined]
    dialog.save()  # type: ignore[attr-defined]
    records = ws.meetings.occurrences([weekly.id or 0])[weekly.id or 0]
    assert [(r.status, r.reason) for r in records] == [
        (OccurrenceStatus.MOVED, "Nia is at a conference")
    ]
    assert records[0].new_start == first + timedelta(hours=1)
    moved = page.upcoming.model.row_at(0).occurrence
    assert moved.start == first + timedelta(hours=1) and moved.original_start == first


def test_a_start_that_does_not_exist_is_refused_when_rescheduling(
    page: PlannerPage, weekly: Meeting
) -> None:
    _select(page, weekly.start)
    dialog = page.upcoming.reschedule()
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(19))  # type: ignore[union-attr,attr-defined]  # Sun 28 March
    dialog.time_edit.setTime(dialog.time_edit.time().addSecs(-12.5 * 3600))  # type: ignore[union-attr,attr-defined]  # 01:30
    dialog.reason_edit.setText("Earlier")  # type: ignore[union-attr,attr-defined]
    assert not dialog.save_button.isEnabled()  # type: ignore[union-attr,attr-defined]
    assert "does not exist" in dialog.start_error.text()  # type: ignore[union-attr,attr-defined]


def _answer(qtbot: QtBot, page: PlannerPage, box: QMessageBox | None, yes: bool) -> None:
    assert box is not None and box.isVisible()
    wanted = QMessageBox.ButtonRole.DestructiveRole if yes else QMessageBox.ButtonRole.RejectRole
    button = next(b for b in box.buttons() if box.buttonRole(b) == wanted)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_cancel_one_occurrence_and_then_the_rest(
    qtbot: QtBot, page: PlannerPage, ws: Workspace, weekly: Meeting
) -> None:
    second = weekly.start + timedelta(days=7)
    _select(page, second)
    _answer(qtbot, page, page.upcoming.cancel_one(), yes=False)
    assert page.upcoming.model.rowCount() == 9  # nothing happened: nine in the next 60 days
    _select(page, second)
    _answer(qtbot, page, page.upcoming.cancel_one(), yes=True)
    starts = [r.occurrence.original_start for r in page.upcoming.model.rows()]
    assert second not in starts and len(starts) == 8
    # Cancel the rest from the fourth one: three stay (the second is cancelled).
    _select(page, weekly.start + timedelta(days=21))
    _answer(qtbot, page, page.upcoming.cancel_rest(), yes=True)
    assert [r.occurrence.original_start for r in page.upcoming.model.rows()] == [
        weekly.start,
        weekly.start + timedelta(days=14),
    ]


def test_mark_held_counts_as_last_contact_from_its_day_and_can_be_undone(
    qtbot: QtBot, ws: Workspace, weekly: Meeting, nia: Mentee
) -> None:
    clock = [NOW]  # Monday 8 March; the first occurrence is on Tuesday the 9th
    planner = PlannerPage(ws, clock=lambda: clock[0])
    qtbot.addWidget(planner)
    planner.show_people([nia.id or 0])
    messages: list[str] = []
    planner.upcoming.status_message.connect(messages.append)
    _select(planner, weekly.start)
    planner.upcoming.mark_held()
    # Tomorrow's meeting is refused: the check-in would move for a call not yet had.
    assert messages[-1] == "This meeting is on Tue 9 Mar; it can be marked held from that day."
    assert ws.mentee(nia.id or 0).last_contact is None
    clock[0] = NOW + timedelta(days=1)  # Tuesday 12:00, the meeting is at 14:00: allowed
    planner.upcoming.refresh()
    _select(planner, weekly.start)
    planner.upcoming.mark_held()
    assert ws.mentee(nia.id or 0).last_contact == weekly.start.astimezone(UTC)
    assert planner.upcoming.held_button.text() == "Mark Not Held"
    planner.upcoming.mark_held()  # the same button un-marks it
    assert ws.mentee(nia.id or 0).last_contact is None
    assert planner.upcoming.held_button.text() == "Mark Held"


def test_export_the_selected_series_to_ics(
    page: PlannerPage, weekly: Meeting, tmp_path: Path
) -> None:
    _select(page, weekly.start)
    out = tmp_path / "weekly.ics"
    assert page.upcoming.export_to(str(out)) == 1
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Weekly 1:1"]
    assert events[0]["DTSTART"].params["TZID"] == "Europe/London"
    assert calendar.walk("VTIMEZONE")


def test_import_a_calendar_as_busy_times(
    qtbot: QtBot, page: PlannerPage, ws: Workspace, weekly: Meeting, tmp_path: Path
) -> None:
    calendar = tmp_path / "work.ics"
    ws.calendar.export_ics(None, calendar, NOW, meeting_id=weekly.id)
    dialog = page.upcoming.open_import()
    dialog.path_edit.setText(str(calendar))  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.imported):  # type: ignore[attr-defined]
        report = dialog.run_import()  # type: ignore[attr-defined]
    assert report is not None and report.busy_times == 1
    assert dialog.result_label.text() == "Imported 1 busy time from 1 event."  # type: ignore[attr-defined]
    assert [b.title for b in ws.busy_times()] == ["Weekly 1:1"]
    dialog.path_edit.setText(str(tmp_path / "missing.ics"))  # type: ignore[attr-defined]
    assert dialog.run_import() is None  # type: ignore[attr-defined]
    assert "missing.ics" in dialog.error.text()  # type: ignore[attr-defined]


def test_on_a_sunday_the_planner_opens_on_today_and_the_days_after(
    qtbot: QtBot, ws: Workspace, nia: Mentee
) -> None:
    sunday = datetime(2027, 3, 14, 10, 0, tzinfo=UTC)
    planner = PlannerPage(ws, clock=lambda: sunday)
    qtbot.addWidget(planner)
    planner.show()
    qtbot.waitExposed(planner)
    assert planner.first_day() == sunday.date()
    planner.move_days(7)
    planner.today_button.click()
    assert planner.first_day() == sunday.date()


def test_rescheduling_to_the_night_says_so_and_offers_a_time_for_both(
    qtbot: QtBot, page: PlannerPage, weekly: Meeting
) -> None:
    _select(page, weekly.start)
    dialog = page.upcoming.reschedule()
    assert dialog is not None
    fit = dialog.fit  # type: ignore[attr-defined]
    assert fit.isHidden()  # the planned time suits both
    dialog.time_edit.setTime(QTime(3, 0))  # type: ignore[attr-defined]
    assert fit.isVisible()
    assert fit.text().splitlines()[:2] == [
        "03:00 for you — you will be asleep",
        "22:00 for Nia — Nia will be asleep",
    ]
    qtbot.mouseClick(fit.use_button, Qt.MouseButton.LeftButton)
    assert dialog.time_edit.time() == QTime(13, 0)  # type: ignore[attr-defined]  # 08:00 for Nia
    assert fit.isHidden()
