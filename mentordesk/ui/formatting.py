"""Short, human texts for dates, times and cadences as the pages show them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mentordesk.planner.zones import zone

# Markdown marks read as noise in a one-line excerpt.
_MARKS = re.compile(r"(^|\s)(#{1,6}|[*+-]|>|\d+\.)\s+|[*`]+|\[([^\]]*)\]\([^)]*\)")
#: How much of a note's opening words stand in for a missing title.
TITLE_CHARS = 60

_FREQ_WORDS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
_FREQ_ONE = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly", "YEARLY": "yearly"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def short_date(day: date, today: date) -> str:
    """'3 Dec', with the year only when it is not this year's."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def day_label(day: date, today: date) -> str:
    """'Today', 'Tomorrow', 'Yesterday', or 'Tue 3 Dec'."""
    delta = (day - today).days
    if delta == 0:
        return "Today"
    if delta == 1:
        return "Tomorrow"
    if delta == -1:
        return "Yesterday"
    return f"{day:%a} {short_date(day, today)}"


def day_shift(local: date, reference: date) -> str:
    """' (+1 day)' when the other side's date differs from ours, else ''."""
    delta = (local - reference).days
    if delta == 0:
        return ""
    sign = "+" if delta > 0 else "−"
    return f" ({sign}{plural(abs(delta), 'day')})"


def safe_zone(name: str) -> ZoneInfo | None:
    try:
        return zone(name)
    except (ValueError, KeyError):  # a zone the installed tz database lost
        return None


def zone_city(zone_name: str) -> str:
    """'Asia/Kolkata' -> 'Kolkata', 'America/Mexico_City' -> 'Mexico City'."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def their_time(moment: datetime, zone_name: str, reference_day: date) -> str:
    """'18:30 Kolkata (+1 day)': the mentee's wall clock, against the mentor's date."""
    tz = safe_zone(zone_name)
    if tz is None:
        return f"{zone_name} (unknown zone)"
    local = moment.astimezone(tz)
    return f"{local:%H:%M} {zone_city(zone_name)}{day_shift(local.date(), reference_day)}"


def describe_rrule(rule: str | None) -> str:
    """'weekly', 'every 2 weeks', … from an RFC 5545 RRULE; '' for a single meeting."""
    if not rule:
        return ""
    parts = dict(p.split("=", 1) for p in rule.upper().split(";") if "=" in p)
    freq = parts.get("FREQ", "")
    interval = int(parts["INTERVAL"]) if re.fullmatch(r"\d+", parts.get("INTERVAL", "")) else 1
    if freq not in _FREQ_WORDS:
        return "repeats"
    if interval == 1:
        return _FREQ_ONE[freq]
    return f"every {plural(interval, _FREQ_WORDS[freq])}"


def due_phrase(days_overdue: int) -> str:
    """'3 days overdue', 'due today', 'due in 2 days'."""
    if days_overdue > 0:
        return f"{plural(days_overdue, 'day')} overdue"
    if days_overdue == 0:
        return "due today"
    return f"due in {plural(-days_overdue, 'day')}"


def ago(moment: datetime, now: datetime) -> str:
    """'just now', '5 min ago', '3 h ago', 'yesterday', '4 days ago', else a date."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86_400:
        return f"{int(seconds // 3600)} h ago"
    days = (now.date() - moment.astimezone(now.tzinfo).date()).days
    if days <= 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return short_date(moment.astimezone(now.tzinfo).date(), now.date())


def duration_text(length: timedelta) -> str:
    minutes = int(length.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def days_text(days: tuple[int, ...]) -> str:
    """ISO weekdays as 'Mon–Fri', 'Mon–Thu, Sat' or 'every day'."""
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return "every day"
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        first, last = _DAY_ABBR[run[0] - 1], _DAY_ABBR[run[-1] - 1]
        parts.append(first if len(run) == 1 else f"{first}–{last}")
    return ", ".join(parts) or "no days"


def plain_excerpt(excerpt: str) -> str:
    cleaned = _MARKS.sub(lambda m: f"{m.group(1) or ''}{m.group(3) or ''}", excerpt)
    return " ".join(cleaned.split())


def note_title(title: str, text: str) -> str:
    """The one rule for naming a note wherever it is listed: its title, else its opening
    words (``text``: the body or its excerpt), else "Untitled note"."""
    if title.strip():
        return " ".join(title.split())
    words = plain_excerpt(text[: TITLE_CHARS * 4])
    if len(words) > TITLE_CHARS:
        cut = words[:TITLE_CHARS].rsplit(" ", 1)[0] or words[:TITLE_CHARS]
        words = f"{cut}…"
    return words or "Untitled note"
