"""Night and out-of-hours warnings, and the nearest slot inside everyone's hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mentordesk.domain.models import Mentee, Settings, WorkingHours
from mentordesk.planner.fit import (
    Attendee,
    attendees,
    nearest_slot,
    subject_of,
    suggested_start,
    suits_everyone,
    unsuited,
)
from mentordesk.planner.overlap import Person

BERLIN, LA, SAO_PAULO = (
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/Los_Angeles"),
    ZoneInfo("America/Sao_Paulo"),
)
WEEKDAYS = frozenset(range(1, 6))
YOU = Attendee("you", "you", Person("Europe/Berlin", time(9), time(17), WEEKDAYS))
MAYA = Attendee("Maya", "she", Person("America/Los_Angeles", time(9), time(17), WEEKDAYS))
ANA = Attendee("Ana", "Ana", Person("America/Sao_Paulo", time(9), time(18), WEEKDAYS))
HOUR = timedelta(minutes=45)


def test_a_night_time_says_who_will_be_asleep() -> None:
    start = datetime(2026, 12, 10, 11, 0, tzinfo=BERLIN)  # Thursday, 02:00 in Los Angeles
    [maya] = unsuited([YOU, MAYA], start, HOUR)
    assert maya.level == "night"
    assert maya.message == "02:00 for Maya — she will be asleep"


def test_out_of_hours_and_days_off_are_said_with_the_hours() -> None:
    evening = datetime(2026, 12, 10, 18, 0, tzinfo=BERLIN)  # 14:00 in São Paulo
    [you] = unsuited([YOU, ANA], evening, HOUR)
    assert you.message == "18:00 for you — outside working hours (Mon–Fri 09:00–17:00)"
    sunday = datetime(2026, 12, 6, 14, 0, tzinfo=BERLIN)
    assert [u.attendee.who for u in unsuited([YOU, ANA], sunday, HOUR)] == ["you", "Ana"]
    assert unsuited([YOU, ANA], datetime(2026, 12, 10, 14, 0, tzinfo=BERLIN), HOUR) == []


def test_the_nearest_slot_inside_everyones_hours() -> None:
    people = [YOU.person, ANA.person]
    sunday_9 = datetime(2026, 12, 6, 9, 0, tzinfo=BERLIN)  # 05:00 for Ana
    slot = nearest_slot(people, sunday_9, HOUR, not_before=sunday_9, forward_only=True)
    assert slot == datetime(2026, 12, 7, 13, 0, tzinfo=BERLIN)  # Monday, 09:00 in São Paulo
    # Berlin and Los Angeles working days never meet: the nearest daytime slot instead.
    both = [YOU.person, MAYA.person]
    thursday = datetime(2026, 12, 10, 11, 0, tzinfo=BERLIN)
    assert nearest_slot(both, thursday, HOUR) is None
    awake = nearest_slot(both, thursday, HOUR, daytime=True)
    assert awake == datetime(2026, 12, 10, 16, 0, tzinfo=BERLIN)  # 07:00 in Los Angeles


def test_subject_is_the_pronoun_given_or_the_name() -> None:
    assert subject_of("Maya", "she/her") == "she"
    assert subject_of("Sam", "they/them") == "they"
    assert subject_of("Ana", "") == "Ana"


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)),
    st.integers(min_value=1, max_value=8).map(lambda q: timedelta(minutes=15 * q)),
)
def test_a_suggested_slot_suits_everyone_and_nothing_nearer_does(
    moment: datetime, duration: timedelta
) -> None:
    around = moment.replace(tzinfo=UTC)
    people = [YOU.person, ANA.person]
    slot = nearest_slot(people, around, duration)
    assert slot is not None and suits_everyone(people, slot, duration)
    assert unsuited([YOU, ANA], slot, duration) == []
    distance = abs(slot - around)
    step = timedelta(minutes=15)
    probe = slot - step if slot > around else slot + step
    while abs(probe - around) < distance - step:
        assert not suits_everyone(people, probe, duration)
        probe = probe - step if slot > around else probe + step


def test_the_attendees_of_a_meeting_and_the_time_offered() -> None:
    hours = WorkingHours(time(9), time(17), (1, 2, 3, 4, 5))
    settings = Settings("Sam", "Europe/Berlin", hours)
    maya = Mentee("Maya", "America/Los_Angeles", pronouns="she/they", hours=hours)
    people = attendees(settings, "Europe/Berlin", maya, "Maya")
    assert [(a.who, a.subject, a.person.zone) for a in people] == [
        ("you", "you", "Europe/Berlin"),
        ("Maya", "she", "America/Los_Angeles"),
    ]
    lost = Mentee("Lost", "Mars/Olympus_Mons")  # a zone the tz database does not know
    assert [a.who for a in attendees(settings, "Europe/Berlin", lost, "Lost")] == ["you"]
    # Berlin 09:00 on a Monday is midnight in Los Angeles: no working hours meet (Berlin's
    # 17:00 is LA's 08:00), so the offer is a time when both are awake.
    monday = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    slot, awake_only = suggested_start(people, monday, timedelta(hours=1), monday)
    assert awake_only and slot is not None
    assert suits_everyone([a.person for a in people], slot, timedelta(hours=1), daytime=True)
