"""The mentor's own settings and small app facts, as JSON values under keys."""

from __future__ import annotations

import json
from datetime import time
from typing import Any

from mentordesk.domain.models import Settings, WorkingHours
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import hhmm


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get_value(self, key: str, default: Any = None) -> Any:
        row = self.db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_values(self, values: dict[str, Any]) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [(k, json.dumps(v)) for k, v in values.items()],
            )

    def load(self, default_zone: str) -> Settings:
        rows = dict(
            self.db.conn.execute(
                "SELECT key, value FROM settings WHERE key IN"
                " ('mentor_name', 'time_zone', 'work_start', 'work_end', 'work_days')"
            ).fetchall()
        )
        values = {k: json.loads(v) for k, v in rows.items()}
        return Settings(
            mentor_name=values.get("mentor_name", ""),
            time_zone=values.get("time_zone", default_zone),
            hours=WorkingHours(
                time.fromisoformat(values.get("work_start", "09:00")),
                time.fromisoformat(values.get("work_end", "17:00")),
                tuple(values.get("work_days", [1, 2, 3, 4, 5])),
            ),
        )

    def save(self, settings: Settings) -> None:
        self.set_values(
            {
                "mentor_name": settings.mentor_name,
                "time_zone": settings.time_zone,
                "work_start": hhmm(settings.hours.start),
                "work_end": hhmm(settings.hours.end),
                "work_days": list(settings.hours.days),
            }
        )

    def has_mentor(self) -> bool:
        return (
            self.db.conn.execute("SELECT 1 FROM settings WHERE key = 'mentor_name'").fetchone()
            is not None
        )
