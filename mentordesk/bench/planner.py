"""Planner figures: overlap windows, the planner page's grid, and a long series' expansion.

Pure computation on fixed inputs (no database): three people in three zones over two
weeks that include New York's spring-forward, and a five-year weekly series seen from
two more zones, with its drift warnings.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from mentordesk.bench.context import Context
from mentordesk.bench.registry import Row, group, time_ms
from mentordesk.planner.grid import GridPerson, build_grid
from mentordesk.planner.overlap import overlap, parse_person
from mentordesk.planner.series import drift, occurrences

PEOPLE = (
    "America/New_York@09:00-17:00@Mon-Fri",
    "Europe/London@09:00-17:00@Mon-Fri",
    "Asia/Kolkata@10:00-18:00@Mon-Fri",
)
FIRST_DAY = date(2026, 3, 2)
DAYS = 14
SLOT = 15
ANCHOR = "America/New_York"
SERIES_START = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo(ANCHOR))
SERIES_RULE = "FREQ=WEEKLY;COUNT=261"
SERIES_ZONES = ("Europe/London", "Asia/Kolkata")


@group("planner", "overlap windows, the planner grid, a 5-year series (pure computation)")
def planner(ctx: Context) -> list[Row]:
    runs = ctx.runs_or(20)
    people = [parse_person(spec) for spec in PEOPLE]
    grid_people = [GridPerson(p.zone, p) for p in people]
    input_text = f"3 zones ({', '.join(p.zone for p in people)}), {DAYS} days from {FIRST_DAY}"

    def series() -> int:
        found = occurrences(SERIES_START, SERIES_RULE, SERIES_ZONES)
        return len(found) + len(drift(found, ANCHOR))

    return [
        Row(
            "overlap_3x14_ms",
            "Planner: overlap windows, 3 people x 14 days, 15-min slots",
            "ms",
            time_ms(lambda: overlap(people, FIRST_DAY, DAYS, SLOT), runs),
            50.0,
            input_text,
        ),
        Row(
            "grid_3x14_ms",
            "Planner: grid, 3 people x 14 days, 15-min slots",
            "ms",
            time_ms(lambda: build_grid(grid_people, FIRST_DAY, DAYS, SLOT), runs),
            100.0,
            input_text,
        ),
        Row(
            "series_5y_expand_ms",
            "Planner: 5-year weekly series (261) in 3 zones + drift",
            "ms",
            time_ms(series, runs),
            100.0,
            f"{SERIES_RULE} from {SERIES_START:%Y-%m-%d %H:%M} New York,"
            f" seen from {', '.join(SERIES_ZONES)}",
        ),
    ]
