"""When a note's revision is taken, and which old revisions are kept.

A revision is taken when the note has been idle for ``IDLE`` after edits not yet in a
revision, or once edits have gone unrevised for ``EDITING`` while the mentor keeps typing
(so at most every ten minutes of editing), and on a clean close or at a call's end.
Thinning keeps every revision of the last ``KEEP_ALL`` and, before that, the newest of each
calendar day (UTC): old history gets coarser, it never disappears.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Literal

IDLE = timedelta(minutes=10)
EDITING = timedelta(minutes=10)
KEEP_ALL = timedelta(days=7)

RevisionReason = Literal["idle", "editing"]


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime: attach a time zone")
    return value


def revision_reason(
    last_revision_at: datetime | None,
    last_edit_at: datetime | None,
    first_unrevised_edit_at: datetime | None,
    now: datetime,
) -> RevisionReason | None:
    """Why a revision is due at ``now`` ("idle" or "editing"), or None when it is not.

    ``first_unrevised_edit_at`` is the first edit since the last revision (None: the note
    is as its last revision has it, or was never edited).
    """
    if first_unrevised_edit_at is None:
        return None
    now = _aware(now)
    if last_edit_at is not None and now - _aware(last_edit_at) >= IDLE:
        return "idle"
    since = _aware(first_unrevised_edit_at)
    if last_revision_at is not None:
        since = max(since, _aware(last_revision_at))
    if now - since >= EDITING:
        return "editing"
    return None


def revision_due(
    last_revision_at: datetime | None,
    last_edit_at: datetime | None,
    first_unrevised_edit_at: datetime | None,
    now: datetime,
) -> bool:
    """Whether a revision is due at ``now``: see ``revision_reason``."""
    return revision_reason(last_revision_at, last_edit_at, first_unrevised_edit_at, now) is not None


def thin(revision_times: Sequence[datetime], now: datetime) -> set[datetime]:
    """The revision times to keep: all of the last ``KEEP_ALL``, then the newest of each day.

    Keeping the newest of every day (recent days too) makes thinning stable: thinning the
    kept set again, now or later, never drops a revision that today's rule keeps.
    """
    cutoff = _aware(now) - KEEP_ALL
    keep = {t for t in revision_times if _aware(t) >= cutoff}
    newest: dict[date, datetime] = {}
    for t in revision_times:
        day = t.astimezone(UTC).date()
        if day not in newest or t > newest[day]:
            newest[day] = t
    keep.update(newest.values())
    return keep
