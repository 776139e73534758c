"""The kept versions of one note, newest first, for the History panel.

A note keeps tens of versions at most (thinned to one a day after a week), so the model holds
them whole and resets when the panel reloads.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from mentordesk.domain.note_items import Revision
from mentordesk.ui.formatting import day_label
from mentordesk.ui.models.rows import RowsModel

WHEN, SIZE, WHY = range(3)

# How each reason the services record reads in the list; an unknown one is shown as written.
_REASONS = {
    "editing": "While editing",
    "idle": "Before a pause",
    "call end": "Call ended",
    "close": "Note closed",
}


def reason_text(reason: str) -> str:
    key = reason.strip().lower()
    if key in _REASONS:
        return _REASONS[key]
    words = key.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def when_text(moment: datetime, now: datetime, zone: ZoneInfo) -> str:
    """'Today 14:05', 'Yesterday 18:40', 'Tue 24 Nov 09:30' in the mentor's time zone."""
    local = moment.astimezone(zone)
    return f"{day_label(local.date(), now.astimezone(zone).date())} {local:%H:%M}"


def size_text(size: int) -> str:
    return f"{size:,} character" if size == 1 else f"{size:,} characters"


class RevisionsModel(RowsModel[Revision]):
    headers = ("Saved", "Size", "Why")
    right_aligned = frozenset({SIZE})
    stretch_column = WHY

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.now = datetime.now(UTC)
        self.zone = ZoneInfo("UTC")

    def load(self, revisions: Sequence[Revision], now: datetime, zone: ZoneInfo) -> None:
        """Shows ``revisions`` newest first, their times read in ``zone`` against ``now``."""
        self.now, self.zone = now, zone
        self.set_rows(sorted(revisions, key=lambda r: r.created_at, reverse=True))

    def revision_at(self, row: int) -> Revision | None:
        return self.row_at(row) if 0 <= row < self.rowCount() else None

    # -- RowsModel ---------------------------------------------------------------------

    def key(self, row: Revision) -> Hashable:
        return row.id

    def row_cells(self, row: Revision) -> tuple[str, ...]:
        return (
            when_text(row.created_at, self.now, self.zone),
            size_text(row.size),
            reason_text(row.reason),
        )

    def tooltip(self, row: int, column: int) -> str:
        revision = self.row_at(row)
        if column == WHEN:
            local = revision.created_at.astimezone(self.zone)
            return f"Kept {local:%A %d %B %Y, %H:%M:%S} ({self.zone.key})"
        return self.cell(row, column)
