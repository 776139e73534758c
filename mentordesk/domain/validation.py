"""Validation rules. Each failure raises ValidationError naming the field and the fix."""

from __future__ import annotations

import difflib
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time
from functools import cache
from urllib.parse import urlsplit

from mentordesk.domain.channels import EMAIL, KINDS, PHONE, VIDEO, is_phone, label
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Channel, Mentee, Settings, WorkingHours

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_URL_SCHEMES = ("http", "https")
_CHANNELS = "channels"


@cache
def _zone_names() -> dict[str, str]:
    """Lower-cased name -> canonical IANA name, for case-insensitive lookup."""
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def _fold(text: str) -> str:
    """'São Paulo' -> 'sao_paulo': how zone names spell a city."""
    plain = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in plain if not unicodedata.combining(c)).lower().replace(" ", "_")


def _starts_a_part(key: str, name: str) -> bool:
    """``key`` begins the name or one of its place parts ("sao" -> america/sao_paulo)."""
    return name.startswith(key) or any(part.startswith(key) for part in name.split("/")[1:])


def suggest_zones(text: str, limit: int = 3) -> list[str]:
    """The IANA names closest to ``text`` (best first), e.g. Europe/Berln -> Europe/Berlin.

    What the mentor began to type comes first ("sao" -> America/Sao_Paulo, "kath" ->
    Asia/Kathmandu): edit distance alone prefers short names that merely look alike
    (Pacific/Samoa)."""
    names = _zone_names()
    key = _fold(text)
    begun = sorted(
        (n for n in names if len(key) >= 2 and _starts_a_part(key, n)),
        key=lambda n: ("/" not in n, n),  # old single-word aliases ("Singapore") last
    )
    close = begun + difflib.get_close_matches(key, names.keys(), n=limit, cutoff=0.6)
    if not close and "/" not in key:
        # "Berlin" alone: compare against the city part of every name.
        by_city = {n.rsplit("/", 1)[-1]: n for n in names}
        close = [by_city[c] for c in difflib.get_close_matches(key, by_city, n=limit)]
    return [names[c] for c in dict.fromkeys(close)][:limit]


def validate_zone(text: str, field: str = "time_zone") -> str:
    """Return the canonical IANA zone name for ``text`` or raise with suggestions."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(field, "Time zone is required — e.g. Europe/London.")
    canonical = _zone_names().get(cleaned.lower())
    if canonical is not None:
        return canonical
    suggestions = suggest_zones(cleaned)
    if suggestions:
        hint = "did you mean " + " or ".join(suggestions) + "?"
    else:
        hint = "use an IANA name such as Europe/London or America/New_York."
    raise ValidationError(field, f"Time zone '{cleaned}' is not known — {hint}")


def validate_name(text: str, field: str = "name", label: str = "Name") -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError(field, f"{label} is empty — type at least one character.")
    if len(cleaned) > 200:
        raise ValidationError(field, f"{label} is {len(cleaned)} characters — keep it under 200.")
    return cleaned


def validate_text(text: str, field: str, label: str) -> str:
    """Free text (feedback, an action item) of any length, but not empty."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(field, f"{label} is empty — write at least a few words.")
    return cleaned


def validate_email(text: str, field: str = "email") -> str:
    cleaned = text.strip()
    if cleaned and not _EMAIL.match(cleaned):
        raise ValidationError(
            field, f"Email '{cleaned}' is not an address — use the form name@example.com."
        )
    return cleaned


def validate_url(text: str, field: str = "url") -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(field, "Link is empty — paste a web address starting https://.")
    parts = urlsplit(cleaned)
    if parts.scheme.lower() not in _URL_SCHEMES or not parts.netloc or " " in cleaned:
        raise ValidationError(
            field, f"Link '{cleaned}' is not a web address — it should start with https://."
        )
    return cleaned


def validate_hours(hours: WorkingHours, field: str = "hours") -> WorkingHours:
    if hours.end <= hours.start:
        raise ValidationError(
            field,
            f"Working hours end at {hours.end:%H:%M}, before they start at {hours.start:%H:%M}"
            " — pick an end time later than the start.",
        )
    days = tuple(sorted(set(hours.days)))
    if not days:
        raise ValidationError(field, "No working days chosen — tick at least one weekday.")
    if any(d < 1 or d > 7 for d in days):
        raise ValidationError(field, "Working days must be weekdays 1 (Monday) to 7 (Sunday).")
    return WorkingHours(hours.start, hours.end, days)


def validate_range(
    start: date | datetime | time | None,
    end: date | datetime | time | None,
    field: str = "end",
    label: str = "End",
) -> None:
    """``end`` must not come before ``start`` (either may be missing)."""
    if start is not None and end is not None and end < start:  # type: ignore[operator]
        raise ValidationError(
            field, f"{label} is before the start — choose a later {label.lower()}."
        )


def parse_hhmm(text: str, field: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a time — use HH:MM, e.g. 09:30.") from None


def validate_cadence(days: int, field: str = "cadence_days") -> int:
    if not 1 <= days <= 365:
        raise ValidationError(field, f"Check-in every {days} days? Choose 1 to 365 days.")
    return days


def validate_channel(channel: Channel, row: int | None = None) -> Channel:
    """A cleaned channel, or ValidationError (field ``channels``) naming the row and the fix."""
    kind = channel.kind.strip().lower()
    value = channel.value.strip()
    where = f"Channel {row} ({label(kind)})" if row is not None else label(kind)
    if kind not in KINDS:
        raise ValidationError(
            _CHANNELS, f"{where}: unknown kind '{kind}' — choose one of {', '.join(KINDS)}."
        )
    if not value:
        raise ValidationError(_CHANNELS, f"{where} is empty — type it or remove the row.")
    try:
        if kind == EMAIL:
            validate_email(value, _CHANNELS)
        elif kind == VIDEO:
            validate_url(value, _CHANNELS)
    except ValidationError as exc:
        raise ValidationError(_CHANNELS, f"{where}: {exc.message}") from None
    if kind == PHONE and not is_phone(value):
        raise ValidationError(
            _CHANNELS,
            f"{where}: '{value}' is not a phone number — use digits, spaces and an"
            " optional leading +, e.g. +44 7700 900412.",
        )
    return Channel(kind, value)


def validate_channels(channels: Iterable[Channel]) -> tuple[Channel, ...]:
    """Every channel checked (numbered from 1 as the editor shows them), blanks dropped."""
    cleaned: list[Channel] = []
    for row, channel in enumerate(channels, 1):
        if not channel.value.strip():
            continue
        cleaned.append(validate_channel(channel, row))
    return tuple(cleaned)


def validate_mentee(mentee: Mentee) -> Mentee:
    """A cleaned copy of ``mentee`` or ValidationError on the first bad field."""

    return replace(
        mentee,
        name=validate_name(mentee.name),
        time_zone=validate_zone(mentee.time_zone),
        channels=validate_channels(mentee.channels),
        hours=validate_hours(mentee.hours),
        cadence_days=validate_cadence(mentee.cadence_days),
        tags=tuple(dict.fromkeys(t.strip() for t in mentee.tags if t.strip())),
    )


def validate_settings(settings: Settings) -> Settings:

    return replace(
        settings,
        mentor_name=" ".join(settings.mentor_name.split()),
        time_zone=validate_zone(settings.time_zone),
        hours=validate_hours(settings.hours),
    )
