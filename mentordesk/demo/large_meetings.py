"""Meetings for the large data set: ~3 years around now, mostly single, some series."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import mentordesk.demo.words as words
from mentordesk.domain.models import Meeting, Mentee, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.recurrence import expand

_PAST_DAYS = 730
_FUTURE_DAYS = 365
_SERIES_SHARE = 0.05
_ENDLESS_SHARE = 0.1  # of the series begun in the last few months
_HELD_SHARE = 0.9
_CANCELLED_SHARE = 0.03
_CANCEL_REASONS = ("Mentee unwell", "Public holiday", "Clashed with a release", "Travelling")
_DURATIONS = (30, 45, 45, 60)


@dataclass(frozen=True, slots=True)
class Held:
    """A past occurrence that took place: notes are written right after it."""

    meeting_id: int
    mentee_id: int
    ended: datetime  # UTC


def _local_start(rng: random.Random, zone: ZoneInfo, now: datetime) -> datetime:
    offset = rng.randint(-_PAST_DAYS, _FUTURE_DAYS)
    day = (now.astimezone(zone) + timedelta(days=offset)).date()
    if day.isoweekday() > 5:
        day -= timedelta(days=day.isoweekday() - 5)
    at = time(rng.randint(8, 17), rng.choice((0, 30)))
    return datetime.combine(day, at).replace(tzinfo=zone)


def make_meetings(
    rng: random.Random,
    mentees: list[Mentee],
    mentee_ids: list[int],
    count: int,
    now: datetime,
    mentor_zone: str,
) -> list[Meeting]:
    home = ZoneInfo(mentor_zone)
    zones = {z: ZoneInfo(z) for z in {m.time_zone for m in mentees}}
    recent = now - timedelta(days=120)
    result: list[Meeting] = []
    for _ in range(count):
        who = rng.randrange(len(mentees))
        zone = home if rng.random() < 0.5 else zones[mentees[who].time_zone]
        start = _local_start(rng, zone, now)
        rule = None
        if rng.random() < _SERIES_SHARE:
            rule = rng.choice(words.SERIES_RULES).format(n=rng.randint(4, 26))
            if start > recent and rng.random() < _ENDLESS_SHARE:
                rule = rule.split(";COUNT=")[0]
            # A series starts on its rule's first real occurrence (e.g. the first Tuesday).
            start = next(expand(start, rule, start, start + timedelta(days=400)))
        result.append(
            Meeting(
                mentee_id=mentee_ids[who],
                title=rng.choice(words.MEETING_TITLES),
                start=start,
                duration=timedelta(minutes=rng.choice(_DURATIONS)),
                rrule=rule,
                location=f"https://meet.example.com/{mentee_ids[who]}",
            )
        )
    return result


def past_occurrences(
    rng: random.Random, meetings: list[Meeting], meeting_ids: list[int], now: datetime
) -> tuple[list[OccurrenceRecord], list[Held]]:
    """Most past occurrences held, a few cancelled, some left unrecorded."""
    records: list[OccurrenceRecord] = []
    held: list[Held] = []
    for meeting_id, m in zip(meeting_ids, meetings, strict=True):
        if m.rrule:
            starts = list(expand(m.start, m.rrule, m.start, now))
        else:
            starts = [m.start] if m.start < now else []
        for start in starts:
            ended = (start + m.duration).astimezone(UTC)
            if ended > now:
                continue
            roll = rng.random()
            if roll < _HELD_SHARE:
                records.append(OccurrenceRecord(meeting_id, start, OccurrenceStatus.HELD,
                                                recorded_at=ended))  # fmt: skip
                held.append(Held(meeting_id, m.mentee_id, ended))
            elif roll < _HELD_SHARE + _CANCELLED_SHARE:
                records.append(OccurrenceRecord(meeting_id, start, OccurrenceStatus.CANCELLED,
                                                reason=rng.choice(_CANCEL_REASONS),
                                                recorded_at=start.astimezone(UTC)))  # fmt: skip
    return records, held
