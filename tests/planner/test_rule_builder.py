"""The meeting dialog's repeat fields and the RRULE text they stand for, both ways."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from mentordesk.domain.errors import ValidationError
from mentordesk.planner.recurrence import validate_rrule
from mentordesk.planner.rule_builder import (
    MAX_COUNT,
    MAX_INTERVAL,
    End,
    Repeat,
    RepeatFields,
    build_rule,
    describe,
    month_ordinals,
    parse_rule,
    without_end,
)

FAST = settings(max_examples=150, deadline=None)
starts = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 6, 1)).map(
    lambda d: d.replace(second=0, microsecond=0, minute=d.minute - d.minute % 15)
)


@st.composite
def fields_for(draw: st.DrawFn, start: date) -> RepeatFields:
    """Any fields the form can show for a series starting on ``start`` (unused ones default)."""
    repeat = draw(st.sampled_from(Repeat))
    if repeat is Repeat.NONE:
        return RepeatFields()
    interval, ordinal = 1, 0
    if repeat is Repeat.WEEKLY:
        interval = draw(st.integers(1, MAX_INTERVAL))
    else:
        ordinal = draw(st.sampled_from(month_ordinals(start)))
    end = draw(st.sampled_from(End))
    if end is End.COUNT:
        return RepeatFields(repeat, interval, ordinal, end, count=draw(st.integers(1, MAX_COUNT)))
    if end is End.UNTIL:
        until = start + timedelta(days=draw(st.integers(0, 3000)))
        return RepeatFields(repeat, interval, ordinal, end, until=until)
    return RepeatFields(repeat, interval, ordinal, end)


@FAST
@given(st.data(), starts)
def test_fields_to_rule_and_back_are_the_same_fields(data: st.DataObject, start: datetime) -> None:
    fields = data.draw(fields_for(start.date()))
    rule = build_rule(fields, start.date())
    assert parse_rule(rule, start) == fields
    if rule is not None:
        assert validate_rrule(rule, start) == rule
        # The series begins on the start itself: dateutil would skip a start that does not fit.
        first = next(iter(rrulestr(rule, dtstart=start)), None)
        assert first == start


def test_the_rules_read_as_rfc_5545() -> None:
    tuesday = date(2027, 3, 9)  # the 2nd Tuesday of March 2027
    assert build_rule(RepeatFields(Repeat.WEEKLY), tuesday) == "FREQ=WEEKLY"
    assert (
        build_rule(RepeatFields(Repeat.WEEKLY, interval=2, end=End.COUNT, count=10), tuesday)
        == "FREQ=WEEKLY;INTERVAL=2;COUNT=10"
    )
    assert (
        build_rule(
            RepeatFields(Repeat.MONTHLY, ordinal=2, end=End.UNTIL, until=date(2027, 12, 31)),
            tuesday,
        )
        == "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20271231T235959"
    )
    assert build_rule(RepeatFields(), tuesday) is None


@pytest.mark.parametrize(
    ("day", "ordinals"),
    [
        (date(2027, 3, 9), (2,)),
        (date(2027, 3, 23), (4,)),  # March has 31 days: a 5th Tuesday (the 30th) follows
        (date(2027, 2, 23), (4, -1)),  # the 4th Tuesday of February is also its last
        (date(2027, 3, 30), (-1,)),  # a 5th: only "last" exists every month
    ],
)
def test_a_day_is_named_within_its_month(day: date, ordinals: tuple[int, ...]) -> None:
    assert month_ordinals(day) == ordinals


def test_rules_written_elsewhere_that_say_the_same_are_understood() -> None:
    start = datetime(2027, 3, 9, 9, 0)
    assert parse_rule("RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=SU;INTERVAL=1", start) == RepeatFields(
        Repeat.WEEKLY
    )
    assert parse_rule("freq=monthly;byday=+2tu", start) == RepeatFields(Repeat.MONTHLY, ordinal=2)
    # An end at 08:00 on the 30th excludes the 09:00 meeting that day: it ends on the 23rd.
    fields = parse_rule("FREQ=WEEKLY;UNTIL=20270330T080000", start)
    assert fields == RepeatFields(Repeat.WEEKLY, end=End.UNTIL, until=date(2027, 3, 29))
    assert fields is not None
    rebuilt = build_rule(fields, start.date())
    assert rebuilt is not None
    assert list(rrulestr(rebuilt, dtstart=start)) == list(
        rrulestr("FREQ=WEEKLY;UNTIL=20270330T080000", dtstart=start)
    )


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=MO,WE",
        "FREQ=WEEKLY;BYDAY=WE",  # not the start's weekday
        "FREQ=MONTHLY;BYDAY=3TU",  # the start is the 2nd Tuesday
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        "FREQ=MONTHLY;BYMONTHDAY=9",
        "FREQ=WEEKLY;UNTIL=20270330T080000Z",
        "FREQ=WEEKLY;COUNT=3;UNTIL=20270330",
        f"FREQ=WEEKLY;COUNT={MAX_COUNT + 1}",
        "FREQ=WEEKLY;FREQ=DAILY",
        "FREQ=WEEKLY;EXDATE",
    ],
)
def test_rules_the_fields_cannot_say_are_left_as_text(rule: str) -> None:
    assert parse_rule(rule, datetime(2027, 3, 9, 9, 0)) is None


def test_impossible_fields_name_the_field_to_fix() -> None:
    tuesday = date(2027, 3, 9)
    with pytest.raises(ValidationError) as exc:
        build_rule(RepeatFields(Repeat.WEEKLY, end=End.UNTIL, until=date(2027, 3, 1)), tuesday)
    assert exc.value.field == "repeat_end"
    assert "before its first meeting on Tue 9 Mar 2027" in exc.value.message
    with pytest.raises(ValidationError) as exc:
        build_rule(RepeatFields(Repeat.MONTHLY, ordinal=3), tuesday)
    assert exc.value.field == "rrule" and "the 2nd Tuesday" in exc.value.message


def test_describe_and_without_end() -> None:
    tuesday = date(2027, 3, 9)
    assert describe(RepeatFields(Repeat.WEEKLY, 2, end=End.COUNT, count=10), tuesday) == (
        "Every 2 weeks on Tuesdays, 10 times"
    )
    assert describe(RepeatFields(Repeat.MONTHLY, ordinal=-1), date(2027, 3, 30)) == (
        "Monthly on the last Tuesday, no end date"
    )
    assert without_end("FREQ=WEEKLY;COUNT=10;INTERVAL=2") == "FREQ=WEEKLY;INTERVAL=2"
