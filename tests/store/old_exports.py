"""What a row of an export made by an earlier version looks like once imported now: later
migrations reshape some columns (m012 moves the Email field into the first e-mail channel)."""

from __future__ import annotations

import json
from typing import Any

from mentordesk.store.schema_2026_12 import folded_channels


def as_migrated(table: str, row: dict[str, Any]) -> dict[str, Any]:
    if table == "mentees" and "email" in row:
        channels = json.dumps(folded_channels(row["channels"], row["email"]))
        return {**row, "channels": channels, "email": ""}
    return row
