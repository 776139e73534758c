"""Busy times imported from .ics files, kept for conflict detection."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, timedelta

from mentordesk.planner.ics import ImportedEvent, whole_minutes
from mentordesk.planner.recurrence import last_occurrence
from mentordesk.planner.zones import format_wall, parse_wall, utc_iso
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import instant, now_utc, parse_instant

_COLUMNS = "uid, title, start_local, zone, duration_minutes, rrule, exdates"


class BusyRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def replace_source(self, source: str, events: Iterable[ImportedEvent]) -> int:
        """Replaces every busy time of ``source`` (a file name): a re-import updates."""
        stamp = instant(now_utc())
        rows = []
        for e in events:
            # A moved occurrence: the original is not busy, the new time is.
            exdates = {*e.exdates, *(original for original, _ in e.moved)}
            rows.append(self._row(source, e, sorted(exdates), stamp))
            for _original, new_start in e.moved:
                single = ImportedEvent(e.uid, e.title, new_start, e.duration)
                rows.append(self._row(source, single, [], stamp))
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM busy_times WHERE source = ?", (source,))
            conn.executemany(
                "INSERT INTO busy_times (source, uid, title, start_local, zone,"
                " duration_minutes, rrule, exdates, start_utc, end_utc, last_utc, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    @staticmethod
    def _row(source: str, e: ImportedEvent, exdates: list, stamp: str | None) -> tuple:
        minutes = whole_minutes(e.duration)
        length = timedelta(minutes=minutes)
        last = last_occurrence(e.start, e.rrule)
        return (
            source,
            e.uid,
            e.title,
            format_wall(e.start),
            e.zone,
            minutes,
            e.rrule,
            json.dumps([format_wall(d) for d in exdates]),
            utc_iso(e.start),
            utc_iso(e.start.astimezone(UTC) + length),
            None if last is None else utc_iso(last.astimezone(UTC) + length),
            stamp,
        )

    def all(self, source: str | None = None) -> list[ImportedEvent]:
        sql = f"SELECT {_COLUMNS} FROM busy_times"
        params: tuple = ()
        if source is not None:
            sql += " WHERE source = ?"
            params = (source,)
        rows = self.db.conn.execute(sql + " ORDER BY start_utc, id", params)
        return [
            ImportedEvent(
                uid=uid,
                title=title,
                start=parse_wall(start, zone),
                duration=timedelta(minutes=minutes),
                rrule=rrule,
                exdates=tuple(parse_wall(d, zone) for d in json.loads(exdates)),
            )
            for uid, title, start, zone, minutes, rrule, exdates in rows
        ]

    def count(self) -> int:
        return int(self.db.conn.execute("SELECT count(*) FROM busy_times").fetchone()[0])


def meeting_sequences(db: Database, meeting_ids: Iterable[int]) -> dict[int, int]:
    """An .ics SEQUENCE per meeting that grows with each edit: seconds of its updated_at.

    Calendar clients take an export with a higher SEQUENCE as an update of the same UID.
    """
    ids = list(meeting_ids)
    if not ids:
        return {}
    rows = db.conn.execute(
        f"SELECT id, updated_at FROM meetings WHERE id IN ({', '.join('?' for _ in ids)})", ids
    )
    epoch = parse_instant("2020-01-01T00:00:00Z")
    return {
        id_: max(0, int((parse_instant(updated) - epoch).total_seconds()))  # type: ignore[operator]
        for id_, updated in rows
    }
