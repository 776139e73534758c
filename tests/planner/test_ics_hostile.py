"""Hostile calendar files: what a meetings import takes is bounded by counts, never by
time, and whatever is left out gets its line. The files are generated here."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from mentordesk.domain.models import Mentee
from mentordesk.planner.ics_limits import MAX_EXCEPTIONS
from mentordesk.services import Workspace

_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n"
_TAIL = "END:VCALENDAR\r\n"
BOUND_SECONDS = 10  # the busy path took under 2 s for each; the meetings path must too


def _event(lines: list[str], uid: str = "x", summary: str = "Hostile") -> str:
    return "\r\n".join(["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{summary}", *lines,
                        "END:VEVENT"]) + "\r\n"  # fmt: skip


def _daily(extra: list[str], start: str = "20260105T090000") -> str:
    return _event(
        [f"DTSTART;TZID=Europe/London:{start}", "DURATION:PT30M", "RRULE:FREQ=DAILY", *extra]
    )


def _days(first: date, count: int) -> list[str]:
    return [f"{first + timedelta(days=i):%Y%m%d}T090000" for i in range(count)]


def _fold(line: str) -> str:
    return "\r\n ".join(line[i : i + 74] for i in range(0, len(line), 74))


HOSTILE: dict[str, str] = {
    "900 EXDATEs in years 9000+": _daily(
        [f"EXDATE;TZID=Europe/London:{d}" for d in _days(date(9000, 1, 1), 900)]
    ),
    "far EXDATEs on a rule expanded by every hour and minute": _event(
        [
            "DTSTART:20260105T090000Z",
            "DURATION:PT30M",
            "RRULE:FREQ=DAILY;BYHOUR="
            + ",".join(map(str, range(24)))
            + ";BYMINUTE="
            + ",".join(map(str, range(60))),
            "EXDATE:99991230T090000Z",
            "EXDATE:99991231T090000Z",
            "EXDATE:90000101T090000Z",
        ]
    ),
    "50,000 EXDATEs in one folded line": _daily(
        [_fold("EXDATE;TZID=Europe/London:" + ",".join(_days(date(2026, 1, 6), 50_000)))]
    ),
    "14,000 EXDATE lines": _daily(
        [f"EXDATE;TZID=Europe/London:{d}" for d in _days(date(2026, 1, 6), 14_000)]
    ),
    "999 RECURRENCE-IDs in years 8000+": _daily([])
    + "".join(
        _event(
            [
                f"RECURRENCE-ID;TZID=Europe/London:{d}",
                f"DTSTART;TZID=Europe/London:{d}",
                "DURATION:PT45M",
            ]
        )
        for d in _days(date(8000, 1, 1), 999)
    ),
    "600 moved occurrences within the span": _daily([])
    + "".join(
        _event(
            [
                f"RECURRENCE-ID;TZID=Europe/London:{d}",
                f"DTSTART;TZID=Europe/London:{d[:9]}100000",
                "DURATION:PT45M",
            ]
        )
        for d in _days(date(2026, 1, 6), 600)
    ),
}


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Workspace, int]]:
    """A file with one mentee, whose meetings the files are imported as."""
    with Workspace.open(tmp_path / "m.db") as ws:
        yield ws, ws.save_mentee(Mentee(name="Ravi", time_zone="Europe/London")).id or 0


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_files_import_as_meetings_within_a_bound(
    desk: tuple[Workspace, int], tmp_path: Path, name: str
) -> None:
    workspace, mentee_id = desk
    path = tmp_path / "hostile.ics"
    path.write_text(_HEAD + HOSTILE[name] + _TAIL, encoding="ascii")
    began = time.perf_counter()
    report = workspace.calendar.import_ics(path, mentee_id, busy=False)
    busy = workspace.calendar.import_ics(path, None, busy=True)
    assert time.perf_counter() - began < BOUND_SECONDS
    assert report.cancelled <= MAX_EXCEPTIONS and report.moved <= MAX_EXCEPTIONS
    # What was left out is said, in few lines (never one per EXDATE of a flood).
    assert report.skipped and len(report.skipped) <= 1000
    assert busy.events == report.events
    # The file still opens and its pages read.
    workspace.today()


def test_exceptions_past_the_bounds_are_reported_and_the_rest_kept(
    desk: tuple[Workspace, int], tmp_path: Path
) -> None:
    workspace, mentee_id = desk
    path = tmp_path / "many.ics"
    path.write_text(_HEAD + HOSTILE["14,000 EXDATE lines"] + _TAIL, encoding="ascii")
    report = workspace.calendar.import_ics(path, mentee_id, busy=False)
    assert report.meetings == 1
    assert report.cancelled == MAX_EXCEPTIONS
    assert any("more than ten years after" in line for line in report.skipped)
    assert any(f"at most {MAX_EXCEPTIONS} of each" in line for line in report.skipped)


@pytest.mark.parametrize("start", ["00010101T090000", "99991231T090000", "18991231T090000"])
def test_a_date_outside_the_window_is_skipped_and_the_window_still_opens(
    tmp_path: Path, start: str
) -> None:
    path, ics = tmp_path / "m.db", tmp_path / "old.ics"
    ics.write_text(_HEAD + _daily([], start=start) + _TAIL, encoding="ascii")
    with Workspace.open(path) as ws:
        ravi = ws.save_mentee(Mentee(name="Ravi", time_zone="Europe/London"))
        report = ws.calendar.import_ics(ics, ravi.id, busy=False)
        busy = ws.calendar.import_ics(ics, None, busy=True)
    assert (report.meetings, busy.busy_times) == (0, 0)
    assert "is outside 1900–2200" in report.skipped[0]
    with Workspace.open(path) as again:
        again.today()
        assert again.check() == []


def test_an_absurd_tzid_is_an_unknown_zone_for_its_event(
    desk: tuple[Workspace, int], tmp_path: Path
) -> None:
    workspace, mentee_id = desk
    path = tmp_path / "zone.ics"
    tzid = "Europe/" + "X" * 500
    path.write_text(
        _HEAD + _event([f"DTSTART;TZID={tzid}:20260105T090000", "DURATION:PT30M"]) + _TAIL,
        encoding="ascii",
    )
    report = workspace.calendar.import_ics(path, mentee_id, busy=False)
    assert report.meetings == 0
    assert "is not known" in report.skipped[0] and len(report.skipped[0]) < 200
