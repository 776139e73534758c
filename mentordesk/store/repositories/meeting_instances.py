"""The derived table of occurrence starts, so a window of meetings is one indexed query.

A meeting's truth stays its wall-clock start, zone and rule. ``meeting_instances``
holds every occurrence start (single meetings too) up to a horizon two years ahead,
in UTC for range queries. ``meetings.instances_until`` says where a meeting's rows
stop (NULL: every occurrence is listed); past it, callers expand the rule
themselves. Rows are rewritten with the meeting, rebuilt when the zone rules
change, and extended as the horizon comes near.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Meeting, OccurrenceRecord, OccurrenceStatus
from mentordesk.planner.zones import format_wall, from_utc_iso, parse_wall, utc_iso
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import parse_instant

log = logging.getLogger(__name__)

HORIZON = timedelta(days=730)
# Extend well before the horizon, so an open window rarely needs the slow path.
EXTEND_WITHIN = timedelta(days=365)

InstanceTuple = tuple[int, str, str]  # meeting_id, original_start_local, start_utc

_MEETING = "m.id, m.mentee_id, m.title, m.start_local, m.zone, m.fold, m.duration_minutes,"
_MEETING += " m.rrule, m.location"
_FACT = "o.id, o.status, o.reason, o.recorded_at, o.new_start_local"
_JOINS = " JOIN meetings m ON m.id = {}.meeting_id JOIN mentees e ON e.id = m.mentee_id"


@dataclass(slots=True, frozen=True)
class InstanceRow:
    """One occurrence from the table, what was recorded about it, and whose it is."""

    meeting: Meeting
    original_start: datetime  # aware, anchor zone
    record: OccurrenceRecord | None
    mentee_name: str
    mentee_zone: str


@dataclass(slots=True, frozen=True)
class OpenSeries:
    """A meeting whose occurrences from ``listed_until`` on are not in the table."""

    meeting: Meeting
    listed_until: datetime  # UTC
    mentee_name: str
    mentee_zone: str


def horizon_for(meeting: Meeting, now: datetime) -> datetime:
    """How far a meeting's rows reach: two years past now, or past its start if later."""
    return max(now, meeting.start) + HORIZON


def instance_rows(
    meeting_id: int, meeting: Meeting, now: datetime
) -> tuple[list[InstanceTuple], str | None]:
    """The rows for one meeting and its ``instances_until`` (None: all listed)."""
    # Imported on first write: reads (Today's first paint) need no rule parser.
    from mentordesk.planner.recurrence import starts_until

    try:
        starts, left_out = starts_until(meeting.start, meeting.rrule, horizon_for(meeting, now))
        # One row per wall-clock minute (the table's key): seconds are not stored, so
        # starts that differ only in them collapse rather than fail the UNIQUE constraint.
        rows = list(
            {format_wall(s): (meeting_id, format_wall(s), utc_iso(s)) for s in starts}.values()
        )
    except (ValueError, OverflowError) as exc:
        # A row an older version let in (INTERVAL=0, year 1 or 9999): it gets no
        # occurrences, so every page shows the rest; `check` names it (unreadable_meetings).
        log.warning("meeting %s left out of the calendar: %s", meeting_id, exc)
        return [], None
    return rows, None if left_out is None else utc_iso(left_out)


def replace_instances(
    conn: sqlite3.Connection, meeting_id: int, meeting: Meeting, now: datetime
) -> str | None:
    """Rewrites one meeting's rows (inside the caller's transaction)."""
    rows, until = instance_rows(meeting_id, meeting, now)
    conn.execute("DELETE FROM meeting_instances WHERE meeting_id = ?", (meeting_id,))
    insert_instances(conn, rows)
    conn.execute("UPDATE meetings SET instances_until = ? WHERE id = ?", (until, meeting_id))
    return until


def insert_instances(conn: sqlite3.Connection, rows: Iterable[InstanceTuple]) -> None:
    conn.executemany(
        "INSERT INTO meeting_instances (meeting_id, original_start_local, start_utc)"
        " VALUES (?, ?, ?)",
        rows,
    )


def rebuild_all(conn: sqlite3.Connection, now: datetime) -> int:
    """Brings every meeting's rows up to date (inside the caller's transaction).

    Rows are compared with what is stored and only the meetings that differ are
    rewritten: after a zone-rules update few do, and the expansion is the cost.
    """
    stored: dict[int, list[tuple[str, str]]] = {}
    for meeting_id, local, start_utc in conn.execute(
        "SELECT meeting_id, original_start_local, start_utc FROM meeting_instances"
        " ORDER BY meeting_id, original_start_local"
    ):
        stored.setdefault(meeting_id, []).append((local, start_utc))
    meetings = conn.execute(
        "SELECT m.id, m.mentee_id, m.title, m.start_local, m.zone, m.fold,"
        " m.duration_minutes, m.rrule, m.location, m.instances_until FROM meetings m"
    ).fetchall()
    changed: list[int] = []
    rows: list[InstanceTuple] = []
    untils: list[tuple[str | None, int]] = []
    for row in meetings:
        meeting_id = row[0]
        found, until = instance_rows(meeting_id, meeting_from_row(row[:9]), now)
        if [(local, utc) for _, local, utc in found] != stored.pop(meeting_id, []):
            changed.append(meeting_id)
            rows.extend(found)
        if until != row[9]:
            untils.append((until, meeting_id))
    conn.executemany(
        "DELETE FROM meeting_instances WHERE meeting_id = ?", [(i,) for i in [*changed, *stored]]
    )
    insert_instances(conn, rows)
    conn.executemany("UPDATE meetings SET instances_until = ? WHERE id = ?", untils)
    moved = [
        (value, id_)
        for id_, local, zone, current in conn.execute(
            "SELECT o.id, o.new_start_local, m.zone, o.new_start_utc FROM meeting_occurrences o"
            " JOIN meetings m ON m.id = o.meeting_id"
            " WHERE o.new_start_local IS NOT NULL OR o.new_start_utc IS NOT NULL"
        ).fetchall()
        if (value := None if local is None else utc_iso(parse_wall(local, zone))) != current
    ]
    conn.executemany("UPDATE meeting_occurrences SET new_start_utc = ? WHERE id = ?", moved)
    return len(meetings)


def due_for_extension(conn: sqlite3.Connection, now: datetime) -> list[int]:
    """Meetings whose rows stop within EXTEND_WITHIN and can still grow.

    A meeting cut short by MAX_OCCURRENCES stays cut (its rows cannot grow), so
    it is left out rather than rebuilt on every open.
    """
    from mentordesk.planner.recurrence import MAX_OCCURRENCES

    rows = conn.execute(
        "SELECT m.id FROM meetings m WHERE m.instances_until < ?"
        " AND (SELECT count(*) FROM meeting_instances i WHERE i.meeting_id = m.id) < ?",
        (utc_iso(now + EXTEND_WITHIN), MAX_OCCURRENCES),
    )
    return [r[0] for r in rows]


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def meeting_from_row(row: Iterable) -> Meeting:
    id_, mentee_id, title, start_local, zone, fold, minutes, rrule, location = row
    return Meeting(
        id=id_,
        mentee_id=mentee_id,
        title=title,
        start=datetime.fromisoformat(start_local).replace(tzinfo=_zone(zone), fold=fold),
        duration=timedelta(minutes=minutes),
        rrule=rrule or None,
        location=location,
    )


class InstanceQueries:
    """Reads over the table; each returns only the rows a window (or a limit) needs."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    def unmoved(
        self,
        start: datetime,
        end: datetime,
        mentee_id: int | None = None,
        limit: int = -1,
        skip_cancelled: bool = False,
    ) -> list[InstanceRow]:
        """Occurrences starting in [start, end) that were not moved, by start.

        Moved occurrences belong where they were moved to: see ``moved_into``.
        """
        where = "i.start_utc >= ? AND i.start_utc < ? AND o.new_start_local IS NULL"
        params: list[object] = [utc_iso(start), utc_iso(end)]
        if skip_cancelled:
            where += " AND o.status IS NOT 'cancelled'"
        if mentee_id is None:
            source = "meeting_instances i" + _JOINS.format("i")
        else:
            # One mentee has a few dozen meetings: walk those, not the whole window.
            source = (
                "meetings m CROSS JOIN meeting_instances i ON i.meeting_id = m.id"
                " JOIN mentees e ON e.id = m.mentee_id"
            )
            where += " AND m.mentee_id = ?"
            params.append(mentee_id)
        sql = (
            f"SELECT i.original_start_local, {_MEETING}, {_FACT}, e.name, e.time_zone"
            f" FROM {source} LEFT JOIN meeting_occurrences o"
            " ON o.meeting_id = i.meeting_id AND o.original_start_local = i.original_start_local"
            f" WHERE {where} ORDER BY i.start_utc, i.meeting_id LIMIT ?"
        )
        params.append(limit)
        return self._rows(self._conn.execute(sql, params))

    def moved_into(
        self,
        start: datetime,
        end: datetime,
        mentee_id: int | None = None,
        skip_cancelled: bool = False,
    ) -> tuple[list[InstanceRow], list[InstanceRow]]:
        """Occurrences moved to a start in [start, end), wherever they were first planned.

        Returns those whose original start is a listed occurrence, and those past
        their meeting's ``instances_until`` (the caller checks those against the rule).
        A record for a start the rule no longer has is ignored, as it was before.
        """
        where = "o.new_start_utc >= ? AND o.new_start_utc < ?"
        params: list[object] = [utc_iso(start), utc_iso(end)]
        if skip_cancelled:
            where += " AND o.status IS NOT 'cancelled'"
        if mentee_id is not None:
            # ``+`` keeps SQLite on the (tiny) moved index rather than the mentee's meetings.
            where += " AND +m.mentee_id = ?"
            params.append(mentee_id)
        sql = (
            f"SELECT o.original_start_local, {_MEETING}, {_FACT}, e.name, e.time_zone,"
            " EXISTS (SELECT 1 FROM meeting_instances i WHERE i.meeting_id = o.meeting_id"
            " AND i.original_start_local = o.original_start_local),"
            " m.instances_until IS NOT NULL AND o.original_start_utc >= m.instances_until"
            f" FROM meeting_occurrences o{_JOINS.format('o')} WHERE {where}"
        )
        listed: list[InstanceRow] = []
        unlisted: list[InstanceRow] = []
        for row in self._conn.execute(sql, params):
            (found,) = self._rows([row[:-2]])
            if row[-2]:
                listed.append(found)
            elif row[-1]:
                unlisted.append(found)
        return listed, unlisted

    def first_sessions(self, start: datetime, end: datetime) -> dict[int, datetime]:
        """Each mentee's first occurrence in [start, end) that is neither held nor cancelled.

        Unmoved occurrences the table lists with no record, and occurrences moved into the
        window from a listed start. Meetings past the table's horizon (``open_series``) are
        not looked at: the caller asks the rule for those mentees.
        """
        window = (utc_iso(start), utc_iso(end))
        sql = (
            "SELECT m.mentee_id, min(i.start_utc) FROM meeting_instances i"
            " JOIN meetings m ON m.id = i.meeting_id"
            " WHERE i.start_utc >= ? AND i.start_utc < ? AND NOT EXISTS (SELECT 1"
            " FROM meeting_occurrences o WHERE o.meeting_id = i.meeting_id"
            " AND o.original_start_local = i.original_start_local) GROUP BY m.mentee_id"
            " UNION ALL"
            " SELECT m.mentee_id, min(o.new_start_utc) FROM meeting_occurrences o"
            " JOIN meetings m ON m.id = o.meeting_id"
            " WHERE o.new_start_utc >= ? AND o.new_start_utc < ? AND o.status = 'moved'"
            " AND EXISTS (SELECT 1 FROM meeting_instances i WHERE i.meeting_id = o.meeting_id"
            " AND i.original_start_local = o.original_start_local) GROUP BY m.mentee_id"
        )
        first: dict[int, datetime] = {}
        for mentee_id, at in self._conn.execute(sql, window + window):
            moment = from_utc_iso(at)
            if mentee_id not in first or moment < first[mentee_id]:
                first[mentee_id] = moment
        return first

    def open_series(self, end: datetime, mentee_id: int | None = None) -> list[OpenSeries]:
        """Meetings that may have occurrences before ``end`` that the table does not list."""
        sql = (
            f"SELECT {_MEETING}, m.instances_until, e.name, e.time_zone FROM meetings m"
            " JOIN mentees e ON e.id = m.mentee_id WHERE m.instances_until < ?"
        )
        params: list[object] = [utc_iso(end)]
        if mentee_id is not None:
            # Few meetings have rows that stop at all: the partial index beats the mentee's.
            sql += " AND +m.mentee_id = ?"
            params.append(mentee_id)
        return [
            OpenSeries(meeting_from_row(r[:9]), from_utc_iso(r[9]), r[10], r[11])
            for r in self._conn.execute(sql, params)
        ]

    @staticmethod
    def _rows(rows: Iterable[tuple]) -> list[InstanceRow]:
        meetings: dict[int, Meeting] = {}
        result: list[InstanceRow] = []
        for row in rows:
            original_local = row[0]
            meeting = meetings.get(row[1])
            if meeting is None:
                meeting = meetings[row[1]] = meeting_from_row(row[1:10])
            fact_id, status, reason, recorded, new_start = row[10:15]
            zone = meeting.start.tzinfo
            if meeting.rrule:
                original = datetime.fromisoformat(original_local).replace(tzinfo=zone)
            else:
                original = meeting.start  # keeps the fold a single meeting was saved with
            record = None
            if fact_id is not None:
                record = OccurrenceRecord(
                    meeting_id=meeting.id or 0,
                    original_start=datetime.fromisoformat(original_local).replace(tzinfo=zone),
                    status=OccurrenceStatus(status),
                    new_start=None if new_start is None else parse_wall(new_start, str(zone)),
                    reason=reason,
                    recorded_at=parse_instant(recorded),
                    id=fact_id,
                )
            result.append(InstanceRow(meeting, original, record, row[15], row[16]))
        return result
