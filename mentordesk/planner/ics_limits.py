"""The bounds of .ics reading: what a hostile or broken calendar file may cost.

Every bound is a count or a size, never a time, so what an import takes never depends
on how busy the machine is; each item left out gets a line in the import's report.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from mentordesk.domain.date_window import in_window
from mentordesk.domain.errors import ValidationError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PROPERTY_BYTES = 1024 * 1024
# Together these keep the worst accepted file within ~2 s here (measured: 1,850 events
# plus 2 MB of long text took 2.5 s). A mentor's calendar export holds hundreds of events.
MAX_EVENTS = 1000
# icalendar parses 50-100 µs per property (9.5 MB of tiny ones took 65 s).
MAX_PROPERTIES = 15_000
# Very long properties parse at ~2.3 MB/s: at most 1 MB of them in all.
_BULKY = 64 * 1024
MAX_BULKY_BYTES = 1024 * 1024
# Cancelled and moved occurrences kept per series. Checking them expands the series
# once over their span, so the span is bounded too: a daily series over ten years is
# 3,650 starts. A real calendar's exceptions are a few dozen, within a few years.
MAX_EXCEPTIONS = 500
EXCEPTION_SPAN = timedelta(days=3653)
# The longest IANA name is 32 characters; a TZID may carry a vendor prefix.
MAX_TZID = 128
_FOLD = re.compile(rb"\r?\n[ \t]")
_LONG_TZID = re.compile(rb'(TZID[=:])("[^"]{%d,}"|[^:;,"\r\n]{%d,})' % (MAX_TZID, MAX_TZID), re.I)
TOO_LONG_TZID = b"X-TZID-TOO-LONG"


def check_bounds(raw: bytes, name: str) -> None:
    """ValidationError("file") when the raw file is too large to read within the bounds."""
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationError("file", f"{name} is over 10 MB; such calendar files are refused.")
    # A property is one logical line: a line plus its folded (space/tab) continuations.
    longest = current = properties = bulky = 0
    for line in raw.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            current += len(line)
        else:
            if current > _BULKY:
                bulky += current
            current = len(line)
            properties += 1
        longest = max(longest, current)
    if current > _BULKY:
        bulky += current
    if longest > MAX_PROPERTY_BYTES:
        raise ValidationError(
            "file", f"{name} has a property over 1 MB ({longest / 2**20:.1f} MB); refused."
        )
    if properties > MAX_PROPERTIES:
        raise ValidationError(
            "file",
            f"{name} has {properties} lines; at most {MAX_PROPERTIES} are read — split it.",
        )
    if bulky > MAX_BULKY_BYTES:
        raise ValidationError(
            "file", f"{name} holds {bulky / 2**20:.1f} MB of very long properties; refused."
        )
    count = raw.upper().count(b"BEGIN:VEVENT")
    if count > MAX_EVENTS:
        raise ValidationError(
            "file", f"{name} holds {count} events; at most {MAX_EVENTS} are read — split it."
        )


def shorten_zone_ids(raw: bytes) -> bytes:
    """``raw`` with every over-long TZID replaced by a short unknown name.

    icalendar looks a TZID up as a file name, and a name over 255 bytes makes it raise
    OSError for the whole file; replaced, it is one event's "unknown zone" instead.
    """
    if not _LONG_TZID.search(raw):
        unfolded = _FOLD.sub(b"", raw)  # a long name is usually folded over lines
        if not _LONG_TZID.search(unfolded):
            return raw
        raw = unfolded
    return _LONG_TZID.sub(lambda m: m.group(1) + TOO_LONG_TZID, _FOLD.sub(b"", raw))


Moved = tuple[tuple[datetime, datetime], ...]


def bound_exceptions(
    start: datetime,
    title: str,
    exdates: tuple[datetime, ...],
    moved: Moved,
    skipped: list[str],
) -> tuple[tuple[datetime, ...], Moved]:
    """At most MAX_EXCEPTIONS cancelled and moved occurrences of a series, within
    EXCEPTION_SPAN of its first ``start`` and in the date window; one line for the rest."""
    last = start + EXCEPTION_SPAN

    def usable(moment: datetime) -> bool:
        return in_window(moment) and start <= moment <= last

    kept = [d for d in exdates if usable(d)]
    kept_moves = [(o, n) for o, n in moved if usable(o) and in_window(n)]
    far = len(exdates) - len(kept) + len(moved) - len(kept_moves)
    many = max(0, len(kept) - MAX_EXCEPTIONS) + max(0, len(kept_moves) - MAX_EXCEPTIONS)
    if far:
        skipped.append(
            f"skipped {far} cancelled or moved dates of '{title}': they lie before it"
            " starts or more than ten years after"
        )
    if many:
        skipped.append(
            f"skipped {many} cancelled or moved dates of '{title}': at most"
            f" {MAX_EXCEPTIONS} of each are read per series"
        )
    return tuple(kept[:MAX_EXCEPTIONS]), tuple(kept_moves[:MAX_EXCEPTIONS])
