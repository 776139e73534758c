"""Meetings (single or recurring) and the per-occurrence facts of a series."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from mentordesk.domain.models import Meeting, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.zones import format_wall, parse_wall, utc_iso
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import instant, like_pattern, now_utc, parse_instant
from mentordesk.store.repositories.meeting_instances import (
    InstanceQueries,
    due_for_extension,
    rebuild_all,
    replace_instances,
)

_COLUMNS = "id, mentee_id, title, start_local, zone, fold, duration_minutes, rrule, location"

# Derived UTC of a series' last start; None for an endless series.
LastStart = Callable[[datetime, str | None], datetime | None]


def _meeting(row: tuple) -> Meeting:
    id_, mentee_id, title, start_local, zone, fold, minutes, rrule, location = row
    return Meeting(
        id=id_,
        mentee_id=mentee_id,
        title=title,
        start=parse_wall(start_local, zone, fold),
        duration=timedelta(minutes=minutes),
        rrule=rrule or None,
        location=location,
    )


def _derived(m: Meeting, last_start: LastStart) -> tuple[str, str | None]:
    last = last_start(m.start, m.rrule)
    return utc_iso(m.start), None if last is None else utc_iso(last + m.duration)


class MeetingRepository:
    def __init__(self, db: Database, last_start: LastStart) -> None:
        self.db = db
        self._last_start = last_start
        # Range reads over the derived occurrence table (see meeting_instances.py).
        self.instances = InstanceQueries(db)

    def _values(self, meeting: Meeting) -> tuple[object, ...]:
        """The columns add and update both write, in order, derived UTC included."""
        start_utc, last_utc = _derived(meeting, self._last_start)
        return (
            meeting.mentee_id,
            meeting.title,
            format_wall(meeting.start),
            meeting.zone,
            meeting.start.fold,
            int(meeting.duration.total_seconds() // 60),
            meeting.rrule,
            meeting.location,
            start_utc,
            last_utc,
        )

    def add(self, meeting: Meeting) -> Meeting:
        stamp = instant(now_utc())
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO meetings (mentee_id, title, start_local, zone, fold,"
                " duration_minutes, rrule, location, start_utc, last_utc, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._values(meeting), stamp, stamp),
            )
            meeting_id = int(cur.lastrowid or 0)
            replace_instances(conn, meeting_id, meeting, now_utc())
        return self.get(meeting_id)

    def update(self, meeting: Meeting) -> Meeting:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE meetings SET mentee_id = ?, title = ?, start_local = ?, zone = ?,"
                " fold = ?, duration_minutes = ?, rrule = ?, location = ?, start_utc = ?,"
                " last_utc = ?, updated_at = ? WHERE id = ?",
                (*self._values(meeting), instant(now_utc()), meeting.id),
            )
            replace_instances(conn, int(meeting.id or 0), meeting, now_utc())
        return self.get(int(meeting.id or 0))

    def get(self, meeting_id: int) -> Meeting:
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM meetings WHERE id = ?", (meeting_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no meeting with id {meeting_id}")
        return _meeting(row)

    def delete(self, meeting_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))

    def for_mentee(self, mentee_id: int) -> list[Meeting]:
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM meetings WHERE mentee_id = ? ORDER BY start_utc DESC",
            (mentee_id,),
        )
        return [_meeting(r) for r in rows]

    def list(self, search: str = "", descending: bool = True, limit: int = 5000) -> list[Meeting]:
        """Meetings by start, optionally those whose title or mentee matches ``search``."""
        sql = f"SELECT {', '.join('m.' + c.strip() for c in _COLUMNS.split(','))} FROM meetings m"
        params: list[object] = []
        if search.strip():
            sql += (
                " JOIN mentees e ON e.id = m.mentee_id"
                " WHERE m.title LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\'"
            )
            params += [like_pattern(search.strip())] * 2
        sql += f" ORDER BY m.start_utc {'DESC' if descending else 'ASC'}, m.id LIMIT ?"
        params.append(limit)
        return [_meeting(r) for r in self.db.conn.execute(sql, params)]

    def count(self) -> int:
        return int(self.db.conn.execute("SELECT count(*) FROM meetings").fetchone()[0])

    # -- per-occurrence facts ------------------------------------------------

    def record_occurrence(self, record: OccurrenceRecord) -> OccurrenceRecord:
        """Insert or replace what happened to one occurrence (keyed by its original start)."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO meeting_occurrences (meeting_id, original_start_local,"
                " original_start_utc, status, new_start_local, new_start_utc, reason,"
                " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (meeting_id, original_start_local) DO UPDATE SET"
                " status = excluded.status, new_start_local = excluded.new_start_local,"
                " new_start_utc = excluded.new_start_utc, reason = excluded.reason,"
                " recorded_at = excluded.recorded_at",
                (
                    record.meeting_id,
                    format_wall(record.original_start),
                    utc_iso(record.original_start),
                    str(record.status),
                    None if record.new_start is None else format_wall(record.new_start),
                    None if record.new_start is None else utc_iso(record.new_start),
                    record.reason,
                    instant(record.recorded_at or now_utc()),
                ),
            )
        return next(
            r
            for r in self.occurrences([record.meeting_id])[record.meeting_id]
            if r.original_start == record.original_start
        )

    def forget_occurrence(self, meeting_id: int, original_start: datetime) -> None:
        """Drops what happened to one occurrence: it is as its meeting plans it again."""
        with self.db.transaction() as conn:
            conn.execute(
                "DELETE FROM meeting_occurrences WHERE meeting_id = ? AND original_start_local = ?",
                (meeting_id, format_wall(original_start)),
            )

    def forget_occurrences(self, meeting_id: int, from_start: datetime) -> int:
        """Drops the facts of occurrences from ``from_start`` (wall clock) on: a series
        cut short no longer has them."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "DELETE FROM meeting_occurrences WHERE meeting_id = ?"
                " AND original_start_local >= ?",
                (meeting_id, format_wall(from_start)),
            )
        return cur.rowcount

    def occurrences(self, meeting_ids: Iterable[int]) -> dict[int, list[OccurrenceRecord]]:
        ids = list(meeting_ids)
        result: dict[int, list[OccurrenceRecord]] = {i: [] for i in ids}
        if not ids:
            return result
        rows = self.db.conn.execute(
            "SELECT o.id, o.meeting_id, o.original_start_local, o.status, o.new_start_local,"
            " o.reason, o.recorded_at, m.zone FROM meeting_occurrences o"
            " JOIN meetings m ON m.id = o.meeting_id"
            f" WHERE o.meeting_id IN ({', '.join('?' for _ in ids)})"
            " ORDER BY o.original_start_utc",
            ids,
        )
        for id_, meeting_id, original, status, new_start, reason, recorded, zone in rows:
            result[meeting_id].append(
                OccurrenceRecord(
                    id=id_,
                    meeting_id=meeting_id,
                    original_start=parse_wall(original, zone),
                    status=OccurrenceStatus(status),
                    new_start=None if new_start is None else parse_wall(new_start, zone),
                    reason=reason,
                    recorded_at=parse_instant(recorded),
                )
            )
        return result

    # -- derived columns -------------------------------------------------------

    def recompute_utc(self) -> int:
        """Re-derive the UTC columns and occurrence rows from the wall-clock truth.

        Run when the zone rules changed. Only rows whose value changed are written:
        a rules update moves few meetings, and every write to meeting_occurrences
        fires the last-contact triggers (rewriting all took ~19 s at 50,000 meetings).
        """
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS}, start_utc, last_utc FROM meetings"
        ).fetchall()
        meetings: list[tuple[str, str | None, int]] = []
        for row in rows:
            derived = _derived(_meeting(row[:9]), self._last_start)
            if derived != tuple(row[9:]):
                meetings.append((*derived, row[0]))
        occurrences = [
            (value, id_)
            for id_, local, zone, stored in self.db.conn.execute(
                "SELECT o.id, o.original_start_local, m.zone, o.original_start_utc"
                " FROM meeting_occurrences o JOIN meetings m ON m.id = o.meeting_id"
            )
            if (value := utc_iso(parse_wall(local, zone))) != stored
        ]
        with self.db.transaction() as conn:
            conn.executemany(
                "UPDATE meetings SET start_utc = ?, last_utc = ? WHERE id = ?", meetings
            )
            conn.executemany(
                "UPDATE meeting_occurrences SET original_start_utc = ? WHERE id = ?", occurrences
            )
            rebuild_all(conn, now_utc())
        return len(rows)

    def extend_instances(self, now: datetime | None = None) -> int:
        """Pushes the occurrence rows of series nearing their horizon further out.

        One indexed query when nothing is due, so it can run on every open.
        """
        moment = now or now_utc()
        due = due_for_extension(self.db.conn, moment)
        if not due:
            return 0
        with self.db.transaction() as conn:
            for meeting_id in due:
                replace_instances(conn, meeting_id, self.get(meeting_id), moment)
        return len(due)
