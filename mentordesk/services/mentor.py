"""The mentor's own settings, and the one rule for the mentor's time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mentordesk.domain.models import Settings
from mentordesk.domain.validation import validate_settings
from mentordesk.planner.zones import system_zone
from mentordesk.services.changes import ChangeFeed, Changes, Kind
from mentordesk.services.clock import utc_now
from mentordesk.store.repositories.settings import SettingsRepository


def zone_or_utc(name: str) -> ZoneInfo:
    """The zone called ``name``; UTC when the installed zone database does not know it
    (a zone can be removed from it), so a date is never read in the machine's zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


class MentorSettings:
    """Name, zone and working hours of the mentor. The zone is the one saved in the
    settings, or the machine's own until the mentor saves one."""

    def __init__(self, repo: SettingsRepository, feed: ChangeFeed) -> None:
        self.repo = repo
        self.feed = feed

    def load(self) -> Settings:
        return self.repo.load(default_zone=system_zone())

    def save(self, settings: Settings) -> Settings:
        clean = validate_settings(settings)
        self.repo.save(clean)
        self.feed.report(Changes.of(Kind.SETTINGS))
        return clean

    def zone(self) -> ZoneInfo:
        """The zone every "today", day boundary and local time of the mentor is read in."""
        return zone_or_utc(self.load().time_zone)

    def today(self, now: datetime | None = None) -> date:
        """The mentor's calendar day at ``now`` (default: the clock)."""
        return (now or utc_now()).astimezone(self.zone()).date()

    def has_mentor(self) -> bool:
        return self.repo.has_mentor()
