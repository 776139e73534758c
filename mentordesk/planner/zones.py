"""Wall-clock <-> UTC conversions and the time-zone database's identity."""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: attach the zone it was planned in")
    return moment.astimezone(UTC)


def format_wall(text_or_moment: datetime) -> str:
    """The stored wall-clock form, 'YYYY-MM-DDTHH:MM' (seconds dropped)."""
    return text_or_moment.replace(tzinfo=None).isoformat(timespec="minutes")


def parse_wall(text: str, zone_name: str, fold: int = 0) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone_name), fold=fold)


def utc_iso(moment: datetime) -> str:
    """UTC text that sorts correctly as a string: 'YYYY-MM-DDTHH:MM:SSZ'."""
    # isoformat, not strftime: strftime writes year 1 as '1-01-01' here, which sorts
    # wrong and which fromisoformat cannot read back.
    return to_utc(moment).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def from_utc_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@cache
def tz_database_version() -> str:
    """Identity of the zone rules in use, so derived UTC columns can be recomputed.

    zoneinfo reads the system database first (TZPATH) and falls back to the
    tzdata package, so both versions go into the key.
    """
    parts: list[str] = []
    for root in TZPATH:
        zi = Path(root) / "tzdata.zi"
        try:
            with zi.open(encoding="ascii") as fh:
                parts.append("system:" + fh.readline().strip().removeprefix("# version "))
            break
        except OSError:
            continue
    try:
        import tzdata

        parts.append("tzdata:" + tzdata.IANA_VERSION)
    except ImportError:  # pragma: no cover - tzdata is a dependency
        pass
    return " ".join(parts) or "unknown"


def system_zone() -> str:
    """The OS's IANA zone name, or 'UTC' when it cannot be told."""
    candidates: list[str] = []
    if tz := os.environ.get("TZ", "").lstrip(":"):
        candidates.append(tz)
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    # Trying each name is instant; listing every zone (available_timezones) took ~40 ms,
    # on the start-up path through the mentor's settings.
    return next((c for c in candidates if is_zone(c)), "UTC")


def is_zone(name: str) -> bool:
    """A zone name the installed tz database knows (never a path)."""
    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
