"""UI fixtures: a real workspace in tmp_path with a small mentoring practice in it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.models import (
    ActionItem,
    Channel,
    Goal,
    Meeting,
    Mentee,
    Note,
    Owner,
    Settings,
    WorkingHours,
)
from mentordesk.services import Workspace
from mentordesk.services.changes import Changes, Kind

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from mentordesk.ui.main_window import MainWindow

MENTOR_ZONE = "Europe/London"
_HERE = Path(__file__).parent


def seed_practice(workspace: Workspace, now: datetime) -> dict[str, Mentee]:
    """Four mentees across zones, meetings (one later today), due check-ins, actions, notes."""
    london = ZoneInfo(MENTOR_ZONE)
    workspace.save_settings(
        Settings("Sam Rivera", MENTOR_ZONE, WorkingHours(time(9), time(17, 30)))
    )
    people = {
        m.name: workspace.save_mentee(m)
        for m in (
            Mentee(
                "Priya Natarajan",
                "Asia/Kolkata",
                pronouns="she/her",
                role="Backend engineer",
                channels=(
                    Channel("email", "priya@example.com"),
                    Channel("video", "https://meet.example.com/priya"),
                ),
                cadence_days=14,
                tags=("career",),
            ),
            Mentee("Lena Fischer", "Europe/Berlin", role="Designer", cadence_days=7),
            Mentee("Diego Alvarez", "America/Mexico_City", cadence_days=21),
            Mentee("Aroha Ngata", "Pacific/Auckland", cadence_days=14),
        )
    }
    ids = {name: m.id or 0 for name, m in people.items()}
    today_local = now.astimezone(london)
    later_today = (today_local + timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
    workspace.save_meeting(Meeting(ids["Priya Natarajan"], "Career check-in", later_today))
    workspace.save_meeting(
        Meeting(
            ids["Lena Fischer"],
            "Weekly 1:1",
            (today_local + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0),
            rrule="FREQ=WEEKLY",
        )
    )
    workspace.save_meeting(
        Meeting(
            ids["Aroha Ngata"],
            "Portfolio review",
            (today_local + timedelta(days=1)).replace(hour=20, minute=30, second=0, microsecond=0),
            duration=timedelta(minutes=60),
            rrule="FREQ=WEEKLY;INTERVAL=2",
        )
    )
    # Last contacts: Diego and Lena are overdue, Priya is due in two days.
    for name, days_ago in (("Diego Alvarez", 40), ("Lena Fischer", 9), ("Priya Natarajan", 12)):
        start = (now - timedelta(days=days_ago)).astimezone(london).replace(second=0, microsecond=0)
        held = workspace.save_meeting(Meeting(ids[name], "Check-in", start))
        workspace.mark_held(held.id or 0, held.start)
    workspace.add_action(
        ActionItem(
            ids["Priya Natarajan"],
            "Send the system design reading list",
            due_date=now.date() - timedelta(days=2),
        )
    )
    workspace.add_action(
        ActionItem(
            ids["Lena Fischer"],
            "Draft the case study outline",
            owner=Owner.MENTEE,
            due_date=now.date() + timedelta(days=5),
        )
    )
    workspace.save_note(
        Note(
            ids["Priya Natarajan"],
            "Wants to lead the payments migration.\nWorried about on-call.",
            "Goals for the half",
        )
    )
    workspace.save_note(Note(ids["Aroha Ngata"], "Shared three portfolio pieces.", "Portfolio"))
    # A goal whose revisit date has passed: on Today's "Goals to revisit".
    workspace.add_goal(
        Goal(
            ids["Lena Fischer"],
            "Publish the case study",
            revisit_date=now.astimezone(london).date() - timedelta(days=3),
        )
    )
    return people


def shown_window(qtbot: QtBot, workspace: Workspace, settings_path: Path) -> MainWindow:
    """A main window on ``workspace``, shown and painted, its settings in a test file."""
    from PySide6.QtCore import QSettings

    from mentordesk.ui.main_window import MainWindow

    main = MainWindow(workspace, settings=QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=5000):
        main.show()
    return main


def mid_morning_today() -> datetime:
    """Mid-morning of the real day in the mentor's zone, for the practice and a page's clock.

    Pinned so that "later today" is still today whenever the suite runs: at 23:23 the real
    clock put the meeting two hours on at "Tomorrow 01:00". The real day keeps the mentees'
    own added-at dates (which the store stamps from the real clock) in step.
    """
    london = ZoneInfo(MENTOR_ZONE)
    return datetime.combine(datetime.now(london).date(), time(10), london).astimezone(UTC)


@pytest.fixture
def now() -> datetime:
    # Real time: the Today page reads the clock; the data is placed around it.
    return datetime.now(UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "mentordesk.db") as ws:
        yield ws


@pytest.fixture
def practice(workspace: Workspace, now: datetime) -> dict[str, Mentee]:
    return seed_practice(workspace, now)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "window.ini"


@contextmanager
def reports(workspace: Workspace, *kinds: Kind) -> Iterator[list[Changes]]:
    """Asserts that what runs inside reports a change of one of ``kinds`` (the change hub
    redraws the pages from it)."""
    heard: list[Changes] = []
    leave = workspace.changes.subscribe(heard.append)
    try:
        yield heard
    finally:
        leave()
    assert any(c.touches(*kinds) for c in heard), f"no change of {kinds} reported: {heard}"
