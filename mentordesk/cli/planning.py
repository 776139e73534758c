"""Planning without a database: ``overlap`` (when people in different zones can meet) and
``occurrences`` (a recurring meeting's times in its zone and others)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from mentordesk.cli.errors import EXIT_OK, exit_on_error
from mentordesk.domain.date_window import validate_in_window
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.validation import validate_zone
from mentordesk.planner.overlap import overlap, parse_person
from mentordesk.planner.recurrence import MAX_OCCURRENCES, validate_rrule
from mentordesk.planner.series import check_wall_time, occurrences
from mentordesk.planner.zones import utc_iso

T = TypeVar("T")


def _parsed(parse: Callable[[str], T], text: str, field: str, hint: str) -> T:
    """``text`` read by ``parse``; bad input, said with ``hint``, when it cannot be."""
    try:
        return parse(text.strip())
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a {field} — {hint}") from None


def _local_text(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _day_mark(moment: datetime, reference: date) -> str:
    shift = (moment.date() - reference).days
    return f" ({shift:+d} day)" if shift else ""


def cmd_overlap(args: argparse.Namespace) -> int:
    with exit_on_error():
        people = [parse_person(spec) for spec in args.person]
        first_day = _parsed(
            date.fromisoformat, args.date, "date", "use YYYY-MM-DD, e.g. 2026-03-09."
        )
        validate_in_window(first_day, "date", "--date")
        windows = overlap(people, first_day, days=args.days, slot=args.slot)
    zones = list(dict.fromkeys(p.zone for p in people))
    if args.json:
        rows = [
            {
                "start": utc_iso(w.start),
                "end": utc_iso(w.end),
                "level": w.level,
                "local": {z: _local_text(w.local(z)) for z in zones},
            }
            for w in windows
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not windows:
        print("no window where everyone is awake (07:00-22:00) in that range")
    for w in windows:
        reference = w.local(zones[0]).date()
        parts = [f"{w.level:4}  {w.start:%Y-%m-%d %H:%M}-{w.end:%H:%M} UTC"]
        for z in zones:
            begin, end = w.local(z), w.end.astimezone(w.local(z).tzinfo)
            parts.append(f"{z} {begin:%a %H:%M}-{end:%H:%M}{_day_mark(begin, reference)}")
        print(" | ".join(parts))
    return EXIT_OK


def cmd_occurrences(args: argparse.Namespace) -> int:
    with exit_on_error():
        anchor = validate_zone(args.zone, "zone")
        shown = [validate_zone(z, "show") for z in args.show]
        naive = _parsed(datetime.fromisoformat, args.start, "start", "use 'YYYY-MM-DD HH:MM'.")
        if naive.tzinfo is not None:
            raise ValidationError(
                "start", "Give the start as a wall-clock time without an offset; --zone says where."
            )
        validate_in_window(naive, "start", "--start")
        if not 1 <= args.limit <= MAX_OCCURRENCES:
            raise ValidationError("limit", f"--limit {args.limit}? Choose 1 to {MAX_OCCURRENCES}.")
        check = check_wall_time(naive, anchor)
        if check.status == "gap":
            raise ValidationError("start", check.message)
        if check.status == "fold" and args.fold is None:
            raise ValidationError(
                "start",
                check.message.removesuffix(" — say which one.")
                + " — pass --fold 0 for the first or --fold 1 for the second.",
            )
        start = naive.replace(tzinfo=ZoneInfo(anchor), fold=args.fold or 0)
        rule = validate_rrule(args.rrule, start)
        found = occurrences(start, rule, shown, limit=args.limit)
    if args.json:
        rows = [
            {
                "utc": utc_iso(o.utc),
                "local": {z: _local_text(t) for z, t in o.local.items()},
                "moved_for": list(o.moved_for),
                "note": o.note or None,
            }
            for o in found
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for o in found:
        reference = o.local[anchor].date()
        parts = [f"{o.utc:%Y-%m-%d %H:%M} UTC"]
        parts += [f"{z} {t:%a %Y-%m-%d %H:%M}{_day_mark(t, reference)}" for z, t in o.local.items()]
        line = " | ".join(parts)
        if o.moved_for:
            line += "  [moved for " + ", ".join(o.moved_for) + "]"
        if o.note:
            line += f"  ({o.note})"
        print(line)
    upper = rule.upper()
    if rule and "COUNT=" not in upper and "UNTIL=" not in upper and len(found) >= args.limit:
        print(
            f"(the first {len(found)}; the rule never ends — --limit N for more)", file=sys.stderr
        )
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "overlap": cmd_overlap,
    "occurrences": cmd_occurrences,
}
