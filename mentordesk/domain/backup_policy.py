"""Which backups to keep: recent ones all, then one a day, a week, a month; then a size cap.

The rules, applied together (a backup kept by any rule is kept):

- every backup made in the 24 hours before ``now`` (and any dated after ``now``);
- the newest backup of each of the 12 most recent calendar days that have a backup;
- the newest backup of each of the 10 most recent ISO weeks that have a backup;
- the newest backup of each of the 9 most recent months that have a backup.

Days, weeks and months are the mentor's, in ``zone``: the backup of 23:30 on a Monday in
Auckland is Monday's even though it is Sunday in UTC.

Periods are counted among those that have a backup (borg's and restic's rule), so weeks
without using the app do not use up the history. The rules are independent windows rather
than a cascade ("12 days after the last 24 hours, then 10 weeks after those..."), because
a cascade is not stable when thinning runs again and again: the newest backup of a month
can fall between the dailies and the weeklies and be deleted before the monthly rule wants
it. With independent windows, thinning every half hour keeps exactly what thinning once
over the whole history keeps.

Last, the size cap: while the kept backups add up to more than the cap, the oldest is
dropped; the newest backup is never dropped, even when it alone is over the cap.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

DEFAULT_SIZE_CAP = 2 * 1024**3
RECENT = timedelta(hours=24)
DAYS, WEEKS, MONTHS = 12, 10, 9


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created_at: datetime  # aware; compared as instants
    size: int  # bytes


@dataclass(frozen=True, slots=True)
class ThinResult:
    """Each list newest first. ``drop`` is everything to delete, including
    ``dropped_for_size`` (the backups only the size cap removed, to tell the user)."""

    keep: list[BackupInfo]
    drop: list[BackupInfo]
    dropped_for_size: list[BackupInfo]


def _is_aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None


def _newest_per_period(
    newest_first: list[BackupInfo], period: Callable[[BackupInfo], Hashable], count: int
) -> set[int]:
    """Indexes (into ``newest_first``) of the newest backup of each of ``count`` periods."""
    chosen: set[int] = set()
    seen: set[Hashable] = set()
    for index, backup in enumerate(newest_first):
        key = period(backup)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        chosen.add(index)
    return chosen


def keep(
    backups: Sequence[BackupInfo],
    now: datetime,
    size_cap_bytes: int = DEFAULT_SIZE_CAP,
    *,
    zone: tzinfo,
) -> ThinResult:
    """Split ``backups`` into those the rules keep and those to delete (see the module doc).

    Backups made in the same instant count in the order given, the later one as newer.
    """
    for what, moment in [("now", now), *((b.path.name, b.created_at) for b in backups)]:
        if not _is_aware(moment):
            raise ValueError(f"{what}: {moment!r} must carry its time zone")
    order = sorted(range(len(backups)), key=lambda i: (backups[i].created_at, i), reverse=True)
    newest_first = [backups[i] for i in order]

    def local(b: BackupInfo) -> datetime:
        return b.created_at.astimezone(zone)

    since = now - RECENT
    kept = {i for i, b in enumerate(newest_first) if b.created_at > since}
    kept |= _newest_per_period(newest_first, lambda b: local(b).date(), DAYS)
    kept |= _newest_per_period(newest_first, lambda b: local(b).isocalendar()[:2], WEEKS)
    kept |= _newest_per_period(newest_first, lambda b: (local(b).year, local(b).month), MONTHS)

    kept_order = [i for i in range(len(newest_first)) if i in kept]
    total = sum(newest_first[i].size for i in kept_order)
    for_size: list[int] = []
    while total > size_cap_bytes and len(kept_order) > 1:
        oldest = kept_order.pop()
        for_size.append(oldest)
        total -= newest_first[oldest].size
    final = set(kept_order)
    return ThinResult(
        keep=[newest_first[i] for i in kept_order],
        drop=[b for i, b in enumerate(newest_first) if i not in final],
        dropped_for_size=[newest_first[i] for i in sorted(for_size)],
    )


def size_text(n: int) -> str:
    """A file's size as the mentor reads it: "316 KB", "1.4 MB"."""
    return f"{n / 1024**2:.1f} MB" if n >= 1024**2 else f"{max(1, round(n / 1024))} KB"
