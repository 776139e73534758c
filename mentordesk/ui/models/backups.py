"""The backups of the open database, newest first, for the Backups dialog."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime, tzinfo

from mentordesk.domain.backup_policy import BackupInfo, size_text
from mentordesk.ui.models.rows import RowsModel


def when_text(moment: datetime, zone: tzinfo | None = None, now: datetime | None = None) -> str:
    """In the mentor's zone when given (as the rest of the window), else the system's."""
    local = moment.astimezone(zone)
    today = (now or datetime.now(zone).astimezone(zone)).date()
    day = {0: "Today", 1: "Yesterday"}.get((today - local.date()).days)
    return f"{day}, {local:%H:%M:%S}" if day else f"{local:%a %d %b %Y, %H:%M}"


class BackupsModel(RowsModel[BackupInfo]):
    headers = ("Made", "Size", "File")
    right_aligned = frozenset({1})
    stretch_column = 2

    #: The mentor's zone, set by the dialog.
    zone: tzinfo | None = None

    def row_cells(self, row: BackupInfo) -> tuple[str, ...]:
        return (when_text(row.created_at, self.zone), size_text(row.size), row.path.name)

    def key(self, row: BackupInfo) -> Hashable:
        return str(row.path)
