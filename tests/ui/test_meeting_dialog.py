"""The meeting dialog: both local times, drift, gap and fold, conflicts, and what Save stores."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Channel, Meeting, Mentee, Settings, WorkingHours
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.meeting_dialog import MeetingDialog

LONDON = ZoneInfo("Europe/London")
# Monday 4 January 2027, 08:20 in London: the default start is the next full hour, 09:00.
NOW = datetime(2027, 1, 4, 8, 20, tzinfo=UTC)
OpenDialog = Callable[..., MeetingDialog]


@pytest.fixture
def people(workspace: Workspace) -> dict[str, Mentee]:
    """A London mentor and mentees 5 to 13 hours away, with no meetings yet."""
    workspace.save_settings(
        Settings("Sam Rivera", "Europe/London", WorkingHours(time(9), time(17)))
    )
    return {
        m.name.split()[0]: workspace.save_mentee(m)
        for m in (
            Mentee(
                "Priya Natarajan",
                "Asia/Kolkata",
                channels=(Channel("video", "https://meet.example.com/priya"),),
            ),
            Mentee("Aroha Ngata", "Pacific/Auckland"),
            Mentee("Diego Alvarez", "America/Mexico_City"),
            Mentee("Maya Chen", "America/New_York"),
        )
    }


@pytest.fixture
def open_dialog(qtbot: QtBot, workspace: Workspace) -> OpenDialog:
    def make(**options: object) -> MeetingDialog:
        dialog = MeetingDialog(workspace, clock=lambda: NOW, **options)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def choose(dialog: MeetingDialog, mentee: Mentee) -> None:
    dialog.form.mentee_combo.setCurrentIndex(dialog.form.mentee_combo.findData(mentee.id))


def set_start(dialog: MeetingDialog, day: QDate, at: QTime) -> None:
    dialog.form.date_edit.setDate(day)
    dialog.form.time_edit.setTime(at)


def repeat(dialog: MeetingDialog, choice: str, end: str = "never", count: int = 10) -> None:
    fields = dialog.form.recurrence
    fields.repeat_combo.setCurrentIndex(fields.repeat_combo.findData(choice))
    fields.end_combo.setCurrentIndex(fields.end_combo.findData(end))
    fields.count_spin.setValue(count)


def mentor_in(workspace: Workspace, zone: str) -> None:
    workspace.save_settings(replace(workspace.settings(), time_zone=zone))


def save(qtbot: QtBot, dialog: MeetingDialog) -> Meeting:
    with qtbot.waitSignal(dialog.saved, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = blocker.args[0]
    assert isinstance(saved, Meeting) and saved.id is not None
    return saved


def test_both_local_times_are_exact_and_another_day_is_marked(
    open_dialog: OpenDialog, people: dict[str, Mentee]
) -> None:
    dialog = open_dialog(mentee_id=people["Priya"].id)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Start (Europe/London):" in labels
    assert dialog.form.title_edit.text() == "1:1 with Priya"
    assert dialog.form.location_edit.text() == "https://meet.example.com/priya"
    when = dialog.preview.when_panel.text()
    assert "You: Mon 4 Jan 2027, 09:00–09:45 (UTC+0) — Europe/London" in when
    assert "Priya: Mon 4 Jan 2027, 14:30–15:15 (UTC+5:30) — Asia/Kolkata" in when
    assert "day)" not in when

    choose(dialog, people["Aroha"])
    dialog.form.time_edit.setTime(QTime(20, 0))
    assert dialog.form.title_edit.text() == "1:1 with Aroha"
    assert "Aroha: Tue 5 Jan 2027, 09:00–09:45 (UTC+13) (+1 day) — Pacific/Auckland" in (
        dialog.preview.when_panel.text()
    )

    choose(dialog, people["Diego"])
    dialog.form.time_edit.setTime(QTime(1, 0))
    assert "Diego: Sun 3 Jan 2027, 19:00–19:45 (UTC−6) (−1 day)" in dialog.preview.when_panel.text()


def test_a_weekly_new_york_series_into_march_warns_of_the_mismatch_weeks(
    qtbot: QtBot, open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    # 14:00 London is 09:00 in New York, except while the US has moved its clocks and
    # the UK has not yet (14 to 28 March 2027).
    dialog = open_dialog(start=datetime(2027, 2, 1, 14, 0, tzinfo=UTC), mentee_id=people["Maya"].id)
    assert dialog.preview.drift_box.isHidden()

    repeat(dialog, "weekly", "count", 10)
    box = dialog.preview.drift_box
    assert box.isVisible()
    assert box.heading.text().startswith("Clock changes move 2 meetings of this series")
    assert box.body.text().splitlines() == [
        "10:00 on Mon 2027-03-15 in America/New_York instead of the usual 09:00",
        "10:00 on Mon 2027-03-22 in America/New_York instead of the usual 09:00",
    ]
    assert "Weekly on Mondays, 10 times" in dialog.preview.when_panel.text()

    saved = save(qtbot, dialog)
    assert saved.rrule == "FREQ=WEEKLY;COUNT=10"
    assert workspace.meeting(saved.id or 0).start == datetime(2027, 2, 1, 14, 0, tzinfo=LONDON)


def test_a_long_drift_list_ends_with_and_n_more(
    open_dialog: OpenDialog, people: dict[str, Mentee]
) -> None:
    # Kolkata keeps its clocks: a London series moves for Priya every summer.
    dialog = open_dialog(mentee_id=people["Priya"].id)
    repeat(dialog, "weekly")
    lines = dialog.preview.drift_box.body.text().splitlines()
    assert len(lines) == 9 and lines[-1].startswith("and ") and lines[-1].endswith(" more")
    assert "the series goes on" in dialog.preview.drift_box.footer.text()


def test_a_start_in_the_spring_forward_gap_is_refused_with_the_times_that_exist(
    qtbot: QtBot, open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    mentor_in(workspace, "America/New_York")
    dialog = open_dialog(mentee_id=people["Maya"].id)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Start (America/New_York):" in labels

    set_start(dialog, QDate(2027, 3, 14), QTime(2, 30))
    assert dialog.form.start_error.isVisible()
    assert dialog.form.start_error.text().startswith(
        "02:30 does not exist on 2027-03-14 in America/New_York (clocks jump from 02:00 to 03:00)"
    )
    assert not dialog.save_button.isEnabled()
    buttons = dialog.form.wall_choice.gap_buttons
    assert [b.text() for b in buttons] == ["Use 01:30 EST, UTC−5", "Use 03:30 EDT, UTC−4"]
    assert all(b.isVisible() for b in buttons)

    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert dialog.form.time_edit.time() == QTime(3, 30)
    assert dialog.form.date_edit.date() == QDate(2027, 3, 14)
    assert not dialog.form.start_error.isVisible() and not dialog.form.wall_choice.isVisible()
    assert dialog.save_button.isEnabled()
    assert "Maya: Sun 14 Mar 2027, 03:30–04:15 (UTC−4)" in dialog.preview.when_panel.text()


def test_a_series_whose_later_meeting_falls_in_the_gap_says_where_it_moves(
    open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    mentor_in(workspace, "America/New_York")
    dialog = open_dialog(mentee_id=people["Maya"].id)
    set_start(dialog, QDate(2027, 3, 7), QTime(2, 30))
    repeat(dialog, "weekly", "count", 4)
    assert dialog.save_button.isEnabled()
    assert dialog.preview.drift_box.body.text() == (
        "02:30 does not exist on 2027-03-14 in America/New_York"
        " — held at 03:30, moved forward by the gap (RFC 5545)"
    )


def test_a_start_that_happens_twice_waits_for_a_choice_and_saves_it(
    qtbot: QtBot, open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    mentor_in(workspace, "America/New_York")
    dialog = open_dialog(mentee_id=people["Priya"].id)
    set_start(dialog, QDate(2027, 11, 7), QTime(1, 30))
    choice = dialog.form.wall_choice
    assert choice.first_radio.text() == "first (01:30 EDT, UTC−4)"
    assert choice.second_radio.text() == "second (01:30 EST, UTC−5)"
    assert not choice.first_radio.isChecked() and not choice.second_radio.isChecked()
    assert (
        "01:30 happens twice on Sun 7 Nov 2027 in America/New_York"
        in dialog.form.start_error.text()
    )
    assert not dialog.save_button.isEnabled()
    assert dialog.preview.when_panel.text() == "Say which 01:30 it is to see it in every zone."

    qtbot.mouseClick(choice.second_radio, Qt.MouseButton.LeftButton)
    assert choice.second_radio.isChecked()
    assert dialog.save_button.isEnabled() and not dialog.form.start_error.isVisible()
    assert "Priya: Sun 7 Nov 2027, 12:00–12:45 (UTC+5:30)" in dialog.preview.when_panel.text()

    saved = save(qtbot, dialog)
    stored = workspace.meeting(saved.id or 0)
    assert stored.start.fold == 1
    assert stored.start.astimezone(UTC) == datetime(2027, 11, 7, 6, 30, tzinfo=UTC)


def test_a_start_from_an_exact_instant_in_the_fold_is_already_answered(
    open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    mentor_in(workspace, "America/New_York")
    # A slot dragged on the planner grid is an instant: 05:30 UTC is the first 01:30.
    dialog = open_dialog(start=datetime(2027, 11, 7, 5, 30, tzinfo=UTC))
    assert dialog.form.wall_choice.first_radio.isChecked()
    assert dialog.save_button.isEnabled()
    assert "(UTC−4 → UTC−5)" in dialog.preview.when_panel.text()  # ends after the change


def test_a_clashing_meeting_is_listed_but_does_not_block_save(
    qtbot: QtBot, open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    existing = workspace.save_meeting(
        Meeting(
            people["Aroha"].id or 0,
            "Portfolio review",
            datetime(2027, 1, 12, 10, 0, tzinfo=LONDON),
            timedelta(minutes=60),
        )
    )
    dialog = open_dialog(
        start=datetime(2027, 1, 12, 10, 30, tzinfo=LONDON), mentee_id=people["Priya"].id
    )
    box = dialog.preview.conflicts_box
    qtbot.waitUntil(box.isVisible, timeout=2000)
    assert box.body.text() == (
        "Tue 12 Jan 10:30 overlaps the meeting 'Portfolio review' with Aroha Ngata (10:00–11:00)"
    )
    assert dialog.save_button.isEnabled()

    dialog.form.time_edit.setTime(QTime(11, 0))  # touching is not overlapping
    qtbot.waitUntil(lambda: not dialog.preview.conflicts_pending(), timeout=2000)
    assert box.isHidden()

    # Editing the existing meeting must not report it clashing with itself.
    edit = open_dialog(meeting=existing)
    qtbot.waitUntil(lambda: not edit.preview.conflicts_pending(), timeout=2000)
    assert edit.preview.conflicts_box.isHidden()


def test_save_creates_the_meeting_and_emits_saved(
    qtbot: QtBot, open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    dialog = open_dialog(
        start=datetime(2027, 1, 6, 15, 0, tzinfo=UTC),
        duration=timedelta(minutes=30),
        mentee_id=people["Maya"].id,
    )
    assert dialog.windowTitle() == "New meeting"
    dialog.form.duration_spin.stepUp()
    dialog.form.location_edit.setText("Room 4")
    saved = save(qtbot, dialog)
    assert dialog.saved_meeting == saved
    stored = workspace.meeting(saved.id or 0)
    assert (stored.mentee_id, stored.title, stored.location) == (
        people["Maya"].id,
        "1:1 with Maya",
        "Room 4",
    )
    assert stored.start == datetime(2027, 1, 6, 15, 0, tzinfo=LONDON)
    assert stored.zone == "Europe/London"
    assert stored.duration == timedelta(minutes=45) and stored.rrule is None


def test_editing_a_series_round_trips_its_rule(
    qtbot: QtBot, open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    rule = "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20271231T235959"
    series = workspace.save_meeting(
        Meeting(
            people["Priya"].id or 0,
            "Monthly review",
            datetime(2027, 3, 9, 9, 0, tzinfo=LONDON),
            rrule=rule,
        )
    )
    dialog = open_dialog(meeting=series)
    assert dialog.windowTitle() == "Edit meeting"
    assert dialog.form.title_edit.text() == "Monthly review"
    assert dialog.form.recurrence.repeat_combo.currentText() == "Monthly on the 2nd Tuesday"
    assert dialog.form.recurrence.end_combo.currentText() == "On date"
    assert dialog.form.recurrence.until_edit.date() == QDate(2027, 12, 31)

    saved = save(qtbot, dialog)
    assert saved.id == series.id
    assert workspace.meeting(series.id or 0).rrule == rule
    assert len(workspace.list_meetings()) == 1


def test_a_rule_the_fields_cannot_show_is_kept_until_another_choice_is_made(
    qtbot: QtBot, open_dialog: OpenDialog, people: dict[str, Mentee], workspace: Workspace
) -> None:
    rule = "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6"
    series = workspace.save_meeting(
        Meeting(
            people["Maya"].id or 0, "Sprint", datetime(2027, 3, 9, 15, 0, tzinfo=LONDON), rrule=rule
        )
    )
    dialog = open_dialog(meeting=series)
    custom = dialog.form.recurrence.custom_edit
    assert custom.isVisible() and custom.isReadOnly() and custom.text() == rule
    assert not dialog.form.recurrence.end_row.isVisible()
    assert workspace.meeting(save(qtbot, dialog).id or 0).rrule == rule

    again = open_dialog(meeting=workspace.meeting(series.id or 0))
    repeat(again, "every2")
    assert (
        again.form.recurrence.end_row.isVisible()
        and not again.form.recurrence.custom_edit.isVisible()
    )
    assert workspace.meeting(save(qtbot, again).id or 0).rrule == "FREQ=WEEKLY;INTERVAL=2"


def test_field_errors_show_at_the_field_and_block_save(
    open_dialog: OpenDialog, people: dict[str, Mentee]
) -> None:
    dialog = open_dialog(mentee_id=people["Priya"].id)
    dialog.form.title_edit.clear()
    assert dialog.form.title_error.text() == "Meeting title is empty — type at least one character."
    assert not dialog.save_button.isEnabled()
    dialog.form.title_edit.setText("Career chat")

    repeat(dialog, "weekly", "until")
    dialog.form.recurrence.until_edit.setDate(QDate(2027, 1, 1))
    assert dialog.form.recurrence.end_error.isVisible()
    assert "before its first meeting on Mon 4 Jan 2027" in dialog.form.recurrence.end_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.form.recurrence.until_edit.setDate(QDate(2027, 2, 1))
    assert not dialog.form.recurrence.end_error.isVisible() and dialog.save_button.isEnabled()


def test_without_mentees_the_dialog_says_so_and_cannot_save(open_dialog: OpenDialog) -> None:
    dialog = open_dialog()
    assert dialog.form.mentee_error.isVisible()
    assert "no active mentees yet" in dialog.form.mentee_error.text()
    assert not dialog.form.title_error.isVisible()
    assert not dialog.save_button.isEnabled()


def test_a_new_meeting_is_planned_in_the_zone_the_workspace_gives_for_the_mentor(
    open_dialog: OpenDialog,
    people: dict[str, Mentee],
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Workspace.mentor_zone is the one rule (UTC when the zone database lost the saved zone).
    monkeypatch.setattr(workspace, "mentor_zone", lambda: ZoneInfo("UTC"))
    dialog = open_dialog(mentee_id=people["Priya"].id)
    assert "&Start (UTC):" in [label.text() for label in dialog.findChildren(QLabel)]
    assert "You: Mon 4 Jan 2027, 09:00–09:45 (UTC+0) — UTC" in dialog.preview.when_panel.text()
