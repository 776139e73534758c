"""Today's "No next session booked" and "Recent wins" (``services/agenda.py``), with a fixed
clock: the answer kept between calls is always the rule's (``Agenda.next_session``) after
every kind of write and as the clock passes a session; wins are those of the last 14 days."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mentordesk.domain.models import Meeting, Mentee, MenteeStatus, Win
from mentordesk.services import Workspace

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "agenda.db") as workspace:
        yield workspace


def _by_rule(ws: Workspace, now: datetime) -> list[int]:
    active = ws.mentees.active_ids()
    return sorted(m for m in active if ws.agenda.next_session(m, now) is None)


def _unbooked(ws: Workspace, now: datetime) -> list[str]:
    agenda = ws.agenda.today(now, limit=None)
    assert sorted(m.id or 0 for m in agenda.no_next_session) == _by_rule(ws, now)
    assert agenda.no_next_session_total == len(agenda.no_next_session)
    return [m.name for m in agenda.no_next_session]


def test_no_next_session_follows_every_write_and_the_clock(ws: Workspace) -> None:
    ana, ben, cai = (ws.save_mentee(Mentee(n, "Europe/Paris")) for n in ("Ana", "Ben", "Cai"))
    ws.save_mentee(Mentee("Dee", "UTC", status=MenteeStatus.PAUSED))  # paused: never listed
    # Ben: a weekly series; Cai: one meeting tomorrow; Ana: nothing.
    weekly = ws.save_meeting(
        Meeting(ben.id or 0, "1:1", NOW + timedelta(days=2), rrule="FREQ=WEEKLY")
    )
    single = ws.save_meeting(Meeting(cai.id or 0, "Intro", NOW + timedelta(days=1)))
    assert _unbooked(ws, NOW) == ["Ana"]
    # Minutes apart (the kept answer is used): once Cai's only meeting starts, Cai is listed.
    before = single.start - timedelta(minutes=10)
    assert _unbooked(ws, before) == ["Ana"]
    assert _unbooked(ws, before + timedelta(minutes=20)) == ["Ana", "Cai"]

    # Never in contact comes first, then the longest since: Cai's meeting held makes Ana
    # lead; the clock past Cai's only meeting puts Cai on the list.
    later = NOW + timedelta(days=1, hours=2)
    ws.mark_held(single.id or 0, single.start, now=later)
    assert _unbooked(ws, later) == ["Ana", "Cai"]

    # A meeting planned for Ana takes her off; cancelling its only occurrence puts her back.
    planned = ws.save_meeting(Meeting(ana.id or 0, "Kick-off", later + timedelta(days=3)))
    assert _unbooked(ws, later) == ["Cai"]
    ws.meeting_changes.cancel_occurrence(planned.id or 0, planned.start, "ill")
    assert _unbooked(ws, later) == ["Ana", "Cai"]

    # Ben's series ended (deleted) puts him on; pausing him takes him off again.
    ws.meeting_changes.delete_meeting(weekly.id or 0)
    assert _unbooked(ws, later) == ["Ana", "Ben", "Cai"]
    ws.save_mentee(replace(ws.mentee(ben.id or 0), status=MenteeStatus.PAUSED))
    assert _unbooked(ws, later) == ["Ana", "Cai"]

    # A meeting three and a half months off is out of reach: still no next session.
    ws.save_meeting(Meeting(cai.id or 0, "Far", later + timedelta(days=105)))
    assert _unbooked(ws, later) == ["Ana", "Cai"]


def test_the_window_shows_the_first_and_counts_them_all(ws: Workspace) -> None:
    for i in range(5):
        ws.save_mentee(Mentee(f"M{i}", "UTC"))
    agenda = ws.agenda.today(NOW, limit=3)
    assert len(agenda.no_next_session) == 3 and agenda.no_next_session_total == 5


def test_recent_wins_are_the_last_fourteen_days_latest_first(ws: Workspace) -> None:
    ana = ws.save_mentee(Mentee("Ana", "Europe/Paris"))
    today = NOW.date()
    for days_ago in (0, 3, 13, 14, 40):
        ws.add_win(Win(ana.id or 0, f"{days_ago} days ago", today - timedelta(days=days_ago)))
    ws.add_win(Win(ana.id or 0, "tomorrow", today + timedelta(days=1)))  # not yet a win
    agenda = ws.agenda.today(NOW)
    assert [w.win.title for w in agenda.recent_wins] == ["0 days ago", "3 days ago", "13 days ago"]
    assert {w.mentee_name for w in agenda.recent_wins} == {"Ana"}
    assert agenda.recent_wins_total == 3


def test_the_day_is_the_mentors(ws: Workspace) -> None:
    # 23:30 UTC on the 6th is already the 7th in Tokyo: a win on the 7th is today's there.
    from mentordesk.domain.models import Settings

    ws.save_settings(Settings("Sam", "Asia/Tokyo"))
    ana = ws.save_mentee(Mentee("Ana", "UTC"))
    ws.add_win(Win(ana.id or 0, "Tokyo's today", date(2026, 12, 7)))
    late = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    assert [w.win.title for w in ws.agenda.today(late).recent_wins] == ["Tokyo's today"]
