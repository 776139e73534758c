"""Contact, one rule: last contact is the latest of a held occurrence, a call ended and a
logged contact; an occurrence can be held from the start of its day in the mentor's zone."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentordesk.domain.cadence import check_in
from mentordesk.domain.contacts import ContactChannel, parse_channel
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import (
    Meeting,
    Mentee,
    MenteeStatus,
    OccurrenceStatus,
    Settings,
    WorkingHours,
)
from mentordesk.services import Workspace

LONDON = ZoneInfo("Europe/London")
# Sunday 6 December 2026, 10:00 in London (the mentor's zone).
NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
TOMORROW_NIGHT = datetime(2026, 12, 7, 0, 30, tzinfo=LONDON)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "contact.db") as workspace:
        workspace.save_settings(Settings("Sam", "Europe/London", WorkingHours(time(9), time(17))))
        yield workspace


@pytest.fixture
def siobhan(ws: Workspace) -> Mentee:
    return ws.save_mentee(Mentee("Siobhan Walsh", "America/St_Johns", cadence_days=21))


def _meeting(ws: Workspace, mentee: Mentee, start: datetime, title: str = "1:1") -> Meeting:
    return ws.save_meeting(Meeting(mentee.id or 0, title, start))


def _last(ws: Workspace, mentee: Mentee) -> datetime | None:
    return ws.mentee(mentee.id or 0).last_contact


def _due(ws: Workspace, mentee: Mentee) -> date:
    return check_in(ws.mentee(mentee.id or 0), NOW.date()).due_on


def test_an_occurrence_later_today_may_be_held_tomorrow_s_is_refused(
    ws: Workspace, siobhan: Mentee
) -> None:
    later_today = _meeting(ws, siobhan, datetime(2026, 12, 6, 16, 0, tzinfo=LONDON))
    ws.mark_held(later_today.id or 0, now=NOW)
    assert _last(ws, siobhan) == later_today.start.astimezone(UTC)

    wednesday = _meeting(ws, siobhan, datetime(2026, 12, 9, 15, 0, tzinfo=LONDON), "Mock")
    with pytest.raises(ValidationError) as refused:
        ws.mark_held(wednesday.id or 0, now=NOW)
    assert refused.value.message == (
        "This meeting is on Wed 9 Dec; it can be marked held from that day."
    )
    # Just after midnight in London is the next day there, whatever UTC says.
    just_after = _meeting(ws, siobhan, TOMORROW_NIGHT)
    with pytest.raises(ValidationError, match="Mon 7 Dec"):
        ws.mark_held(just_after.id or 0, now=NOW)
    ws.mark_held(just_after.id or 0, now=datetime(2026, 12, 7, 0, 0, tzinfo=UTC))
    assert _last(ws, siobhan) == TOMORROW_NIGHT.astimezone(UTC)


def test_a_call_for_a_later_occurrence_asks_and_holds_it_early(
    ws: Workspace, siobhan: Mentee
) -> None:
    wednesday = _meeting(ws, siobhan, datetime(2026, 12, 9, 15, 0, tzinfo=LONDON))
    note = ws.start_note(siobhan.id or 0, meeting_id=wednesday.id, body="Talked early")
    # Without an answer the rule refuses, with its message; the note stays saved.
    with pytest.raises(ValidationError, match="Wed 9 Dec"):
        ws.end_call(note.id or 0, wednesday.id, wednesday.start, now=NOW)
    assert ws.note(note.id or 0).body == "Talked early"
    ws.end_call(note.id or 0, wednesday.id, wednesday.start, now=NOW, held_early=True)
    assert _last(ws, siobhan) == NOW
    [occurrence] = ws.occurrences_between(NOW - timedelta(days=1), NOW + timedelta(days=7))
    assert (occurrence.start, occurrence.status) == (NOW, OccurrenceStatus.HELD)
    assert occurrence.original_start == wednesday.start
    # Un-marking a held-early occurrence puts it back on its own day.
    ws.schedule.mark_not_held(wednesday.id or 0, wednesday.start)
    [back] = ws.occurrences_between(NOW - timedelta(days=1), NOW + timedelta(days=7))
    assert (back.start, back.status) == (wednesday.start, OccurrenceStatus.SCHEDULED)
    assert _last(ws, siobhan) is None


def test_a_call_for_a_later_occurrence_answered_no_is_a_contact(
    ws: Workspace, siobhan: Mentee
) -> None:
    wednesday = _meeting(ws, siobhan, datetime(2026, 12, 9, 15, 0, tzinfo=LONDON))
    note = ws.start_note(siobhan.id or 0, meeting_id=wednesday.id)
    ws.end_call(note.id or 0, wednesday.id, wednesday.start, now=NOW, held_early=False)
    assert _last(ws, siobhan) == NOW
    [occurrence] = ws.occurrences_between(NOW, NOW + timedelta(days=7))
    assert occurrence.status is OccurrenceStatus.SCHEDULED  # it stays
    [call] = ws.contacts.for_mentee(siobhan.id or 0)
    assert (call.channel, call.note_id) == (ContactChannel.CALL, note.id)


def test_an_ad_hoc_call_counts_as_contact(ws: Workspace, siobhan: Mentee) -> None:
    earlier = _meeting(ws, siobhan, datetime(2026, 11, 2, 14, 0, tzinfo=LONDON))
    ws.mark_held(earlier.id or 0, now=NOW)
    assert _due(ws, siobhan) == date(2026, 11, 23)  # overdue
    note = ws.start_note(siobhan.id or 0, body="Quick chat")
    ws.end_call(note.id or 0, None, None, now=NOW)
    assert _last(ws, siobhan) == NOW
    assert _due(ws, siobhan) == date(2026, 12, 27)
    assert ws.overview.check_ins(NOW.date()) == []
    # Reopened and ended again later, it is still one call, now ending later.
    ws.end_call(note.id or 0, None, None, now=NOW + timedelta(minutes=30))
    [call] = ws.contacts.for_mentee(siobhan.id or 0)
    assert call.at == _last(ws, siobhan) == NOW + timedelta(minutes=30)
    # Deleting the call's note keeps the contact: the call still happened.
    ws.delete_note(note.id or 0)
    assert _last(ws, siobhan) == NOW + timedelta(minutes=30)


def test_logged_contacts_count_and_editing_or_deleting_moves_the_cadence_back(
    ws: Workspace, siobhan: Mentee
) -> None:
    held = _meeting(ws, siobhan, datetime(2026, 11, 20, 14, 0, tzinfo=LONDON))
    ws.mark_held(held.id or 0, now=NOW)
    assert _due(ws, siobhan) == date(2026, 12, 11)
    email = ws.contacts.log(
        siobhan.id or 0, ContactChannel.EMAIL, "  Sent the dbt\n course ", now=NOW
    )
    assert email.summary == "Sent the dbt course"
    assert (_last(ws, siobhan), _due(ws, siobhan)) == (NOW, date(2026, 12, 27))
    # Edited back before the meeting: the meeting is the latest contact again.
    ws.contacts.update(replace(email, at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC)), now=NOW)
    assert _last(ws, siobhan) == held.start.astimezone(UTC)
    ws.contacts.update(replace(email, at=NOW - timedelta(days=1)), now=NOW)
    assert _due(ws, siobhan) == date(2026, 12, 26)
    gone = ws.contacts.delete(email.id or 0)
    assert _last(ws, siobhan) == held.start.astimezone(UTC)
    assert gone is not None
    ws.contacts.restore(gone)  # undo
    assert _last(ws, siobhan) == NOW - timedelta(days=1)
    ws.schedule.mark_not_held(held.id or 0, held.start)
    assert _last(ws, siobhan) == NOW - timedelta(days=1)


def test_a_logged_contact_is_checked_at_the_field(ws: Workspace, siobhan: Mentee) -> None:
    with pytest.raises(ValidationError) as future:
        ws.contacts.log(siobhan.id or 0, at=NOW + timedelta(days=1), now=NOW)
    assert future.value.field == "at"
    with pytest.raises(ValidationError) as long:
        ws.contacts.log(siobhan.id or 0, summary="x" * 201, now=NOW)
    assert long.value.field == "summary"
    with pytest.raises(ValidationError) as channel:
        parse_channel("pigeon")
    assert channel.value.field == "channel"
    assert "email, chat, phone, in person, other" in channel.value.message
    assert parse_channel("In person") is ContactChannel.IN_PERSON
    assert ws.contacts.for_mentee(siobhan.id or 0) == []


def test_paused_and_alumni_mentees_are_not_due(ws: Workspace, siobhan: Mentee) -> None:
    old = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    paused = ws.save_mentee(Mentee("Rohan", "Asia/Kolkata", status=MenteeStatus.PAUSED))
    alumni = ws.save_mentee(Mentee("Jordan", "UTC", status=MenteeStatus.ALUMNI))
    for person in (siobhan, paused, alumni):
        ws.contacts.log(person.id or 0, ContactChannel.CHAT, at=old, now=NOW)
    due = [c.mentee.name for c in ws.overview.check_ins(NOW.date())]
    assert due == ["Siobhan Walsh"]


def test_the_stored_last_contact_always_equals_the_rule(ws: Workspace, siobhan: Mentee) -> None:
    """Random writes to every source; after each, the stored value and next check-in equal
    the domain rule computed from the truth."""
    other = ws.save_mentee(Mentee("Liam", "Australia/Adelaide", cadence_days=28))
    people = [siobhan, other]
    first = datetime(2026, 10, 5, 9, 0, tzinfo=LONDON)
    series = [
        ws.save_meeting(Meeting(p.id or 0, "Weekly", first, rrule="FREQ=WEEKLY")) for p in people
    ]
    starts = [first + timedelta(weeks=i) for i in range(8)]
    rng = random.Random(18)
    for _ in range(60):
        person = rng.choice(people)
        meeting = rng.choice(series)
        action = rng.randrange(5)
        if action == 0:
            ws.mark_held(meeting.id or 0, rng.choice(starts), now=NOW)
        elif action == 1:
            start = rng.choice(starts)
            if any(o.original_start == start and o.status is OccurrenceStatus.HELD
                   for o in ws.occurrences_between(start, start + timedelta(hours=1))):  # fmt: skip
                ws.schedule.mark_not_held(meeting.id or 0, start)
        elif action == 2:
            at = NOW - timedelta(hours=rng.randrange(2000))
            ws.contacts.log(person.id or 0, ContactChannel.PHONE, at=at, now=NOW)
        elif action == 3 and (logged := ws.contacts.for_mentee(person.id or 0)):
            ws.contacts.delete(rng.choice(logged).id or 0)
        elif action == 4:
            start = rng.choice(starts)
            ws.meeting_changes.reschedule_occurrence(
                meeting.id or 0, start, start + timedelta(hours=rng.randrange(1, 30)), "moved"
            )
        for p in people:
            stored = ws.mentee(p.id or 0)
            assert stored.last_contact == ws.contacts.last_contact_by_rule(p.id or 0)
            (next_check_in,) = ws.db.conn.execute(
                "SELECT next_check_in FROM mentees WHERE id = ?", (p.id,)
            ).fetchone()
            assert next_check_in == check_in(stored, NOW.date()).due_on.isoformat()


def test_a_moved_occurrence_held_counts_where_it_was_held(ws: Workspace, siobhan: Mentee) -> None:
    planned = datetime(2026, 12, 2, 15, 0, tzinfo=LONDON)
    meeting = _meeting(ws, siobhan, planned)
    moved_to = datetime(2026, 12, 4, 11, 0, tzinfo=LONDON)
    ws.meeting_changes.reschedule_occurrence(meeting.id or 0, planned, moved_to, "travelling")
    ws.mark_held(meeting.id or 0, planned, now=NOW)
    assert _last(ws, siobhan) == moved_to.astimezone(UTC)
    # Un-marking keeps the move: it was moved, just not held.
    ws.schedule.mark_not_held(meeting.id or 0, planned)
    [o] = ws.occurrences_between(planned, planned + timedelta(days=5))
    assert (o.start, o.status, o.reason) == (moved_to, OccurrenceStatus.MOVED, "travelling")
    assert _last(ws, siobhan) is None
