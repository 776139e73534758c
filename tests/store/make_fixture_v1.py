"""Writes tests/store/fixtures/v1.db: a database as MentorDesk's first schema (m001) left it.

Run once when the fixture must be recreated; the file is committed so migration
tests open exactly what an older version wrote.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from mentordesk.store.connection import APPLICATION_ID
from mentordesk.store.schema import MIGRATION_SET, m001_initial


def main(target: Path) -> None:
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations = Migrations(MIGRATION_SET)
    migrations(name="m001_initial")(lambda _db: m001_initial(conn))
    migrations.apply(Database(conn))
    stamp = "2026-01-05T09:00:00Z"
    conn.executescript(
        f"""
        INSERT INTO mentees (id, name, time_zone, created_at, updated_at)
            VALUES (1, 'Ana Lima', 'America/Sao_Paulo', '{stamp}', '{stamp}');
        INSERT INTO meetings (id, mentee_id, title, start_local, zone, duration_minutes, rrule,
                              start_utc, created_at, updated_at)
            VALUES (1, 1, 'Weekly 1:1', '2026-01-05T09:00', 'Europe/London', 45, 'FREQ=WEEKLY',
                    '{stamp}', '{stamp}', '{stamp}');
        INSERT INTO meeting_occurrences (meeting_id, original_start_local, original_start_utc,
                                         status, recorded_at)
            VALUES (1, '2026-01-12T09:00', '2026-01-12T09:00:00Z', 'held', '{stamp}');
        INSERT INTO notes (mentee_id, meeting_id, title, body, created_at, updated_at)
            VALUES (1, 1, 'First call', 'Ana wants to lead the platform guild.', '{stamp}',
                    '{stamp}');
        """
    )
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "fixtures" / "v1.db")
