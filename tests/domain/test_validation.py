"""Validation messages name the field and say how to fix it."""

from __future__ import annotations

from datetime import date, time

import pytest

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee, Settings, WorkingHours
from mentordesk.domain.validation import (
    suggest_zones,
    validate_email,
    validate_hours,
    validate_mentee,
    validate_name,
    validate_range,
    validate_settings,
    validate_url,
    validate_zone,
)


def test_unknown_zone_suggests_the_closest_names() -> None:
    with pytest.raises(ValidationError) as err:
        validate_zone("Europe/Berln")
    assert err.value.field == "time_zone"
    assert "'Europe/Berln' is not known" in err.value.message
    assert "did you mean Europe/Berlin" in err.value.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("europe/berlin", "Europe/Berlin"), (" Asia/Kathmandu ", "Asia/Kathmandu")],
)
def test_zone_is_case_insensitive_and_canonical(typed: str, expected: str) -> None:
    assert validate_zone(typed) == expected


def test_city_alone_is_matched() -> None:
    assert suggest_zones("Kolkata")[0] == "Asia/Kolkata"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("sao", "America/Sao_Paulo"), ("kath", "Asia/Kathmandu"), ("São Pa", "America/Sao_Paulo")],
)
def test_the_beginning_of_a_city_is_matched_before_look_alikes(typed: str, expected: str) -> None:
    suggested = suggest_zones(typed)
    assert expected in suggested
    assert "Pacific/Samoa" not in suggested
    with pytest.raises(ValidationError, match=expected):
        validate_zone(typed)


def test_empty_zone_and_nonsense_zone() -> None:
    with pytest.raises(ValidationError, match="required"):
        validate_zone("  ")
    with pytest.raises(ValidationError, match="IANA name such as"):
        validate_zone("qqqqqqqq")


def test_email_and_url() -> None:
    assert validate_email("") == ""
    assert validate_email(" ana@example.org ") == "ana@example.org"
    with pytest.raises(ValidationError, match=r"name@example\.com") as err:
        validate_email("ana@example")
    assert err.value.field == "email"
    assert validate_url("https://staffeng.com/book") == "https://staffeng.com/book"
    for bad in ("staffeng.com", "ftp://x.org", "https://", "https://a b.com"):
        with pytest.raises(ValidationError, match="https://"):
            validate_url(bad)


def test_empty_name_and_end_before_start() -> None:
    with pytest.raises(ValidationError, match="Name is empty") as err:
        validate_name("   ")
    assert err.value.field == "name"
    with pytest.raises(ValidationError, match="before the start"):
        validate_range(date(2026, 5, 2), date(2026, 5, 1))
    validate_range(date(2026, 5, 1), None)


def test_working_hours_must_end_after_they_start() -> None:
    with pytest.raises(ValidationError, match="end at 08:00, before they start at 17:00") as err:
        validate_hours(WorkingHours(time(17), time(8)))
    assert err.value.field == "hours"
    with pytest.raises(ValidationError, match="at least one weekday"):
        validate_hours(WorkingHours(days=()))


def test_mentee_and_settings_are_cleaned() -> None:
    clean = validate_mentee(
        Mentee(name="  Ana   Lima ", time_zone="america/sao_paulo", tags=(" a", "a", "", "b"))
    )
    assert (clean.name, clean.time_zone, clean.tags) == (
        "Ana Lima",
        "America/Sao_Paulo",
        ("a", "b"),
    )
    with pytest.raises(ValidationError) as err:
        validate_mentee(Mentee(name="Ana", time_zone="UTC", cadence_days=0))
    assert err.value.field == "cadence_days"
    with pytest.raises(ValidationError) as err:
        validate_settings(Settings("Sam", "Mars/Olympus"))
    assert err.value.field == "time_zone"
