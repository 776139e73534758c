"""Fast bulk writes for generated data sets (the large benchmark database).

The repositories write one row per transaction, which is right for a person
typing and far too slow for 200,000 notes. Here rows go in with ``executemany``,
a chunk per transaction, and ids are assigned up front so callers can link
children to parents without reading anything back. Column conversions are the
repositories' own, so a bulk-written row reads back exactly like a typed one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice

from mentordesk.domain.models import (
    ActionItem,
    Feedback,
    Goal,
    Meeting,
    Mentee,
    Milestone,
    Note,
    OccurrenceRecord,
    Resource,
    Win,
)
from mentordesk.planner.zones import format_wall, utc_iso
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import day, instant, now_utc
from mentordesk.store.repositories.meeting_instances import InstanceTuple, instance_rows
from mentordesk.store.repositories.meetings import LastStart, _derived
from mentordesk.store.repositories.mentees import _params as mentee_params

Progress = Callable[[str], None]

_NOTES_INSERT_TRIGGER = "notes_ai"
_REBUILD_CACHE_KIB = -262_144  # negative: KiB, i.e. 256 MiB
_MENTEE_COLUMNS = (
    *mentee_params(Mentee(name="-", time_zone="UTC")).keys(),
    "created_at",
    "updated_at",
)


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


class BulkWriter:
    """Appends many rows at once to an open database (usually a brand-new file)."""

    def __init__(
        self,
        db: Database,
        last_start: LastStart,
        progress: Progress | None = None,
        chunk: int = 50_000,
    ) -> None:
        self.db = db
        self._last_start = last_start
        self._say = progress or (lambda _message: None)
        self._chunk = chunk

    # -- plumbing ------------------------------------------------------------------

    def next_id(self, table: str) -> int:
        # ``table`` is one of this module's fixed names, never user input.
        (top,) = self.db.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
        return int(top) + 1

    def _insert(self, table: str, columns: Sequence[str], rows: Iterable[tuple],
                total: int | None = None) -> int:  # fmt: skip
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        )
        done = 0
        for chunk in _chunks(rows, self._chunk):
            with self.db.transaction() as conn:
                conn.executemany(sql, chunk)
            done += len(chunk)
            self._report(table, done, total)
        return done

    def _report(self, table: str, done: int, total: int | None) -> None:
        label = table.replace("_", " ")
        self._say(f"{label}: {done:,}" + ("" if total is None else f" of {total:,}"))

    def _ids(self, table: str, count: int) -> list[int]:
        first = self.next_id(table)
        return list(range(first, first + count))

    # -- aggregates ------------------------------------------------------------------

    def add_mentees(self, mentees: Sequence[Mentee]) -> list[int]:
        ids = self._ids("mentees", len(mentees))
        fallback = instant(now_utc())

        def rows() -> Iterator[tuple]:
            for id_, m in zip(ids, mentees, strict=True):
                stamp = instant(m.created_at) or fallback
                yield (id_, *mentee_params(m).values(), stamp, instant(m.updated_at) or stamp)

        self._insert("mentees", ("id", *_MENTEE_COLUMNS), rows(), len(mentees))
        return ids

    def add_goals(self, goals: Sequence[Goal], stamp: datetime | None = None) -> list[int]:
        ids = self._ids("goals", len(goals))
        made = instant(stamp or now_utc())
        rows = (
            (id_, g.mentee_id, g.title, g.description, str(g.status), day(g.start_date),
             day(g.target_date), day(g.revisit_date), g.position, made, made)
            for id_, g in zip(ids, goals, strict=True)
        )  # fmt: skip
        self._insert("goals", ("id", "mentee_id", "title", "description", "status", "start_date",
                               "target_date", "revisit_date", "position", "created_at",
                               "updated_at"), rows, len(goals))  # fmt: skip
        return ids

    def add_milestones(self, milestones: Sequence[Milestone]) -> int:
        rows = (
            (m.goal_id, m.title, str(m.status), day(m.due_date), day(m.done_on), m.position)
            for m in milestones
        )
        return self._insert("milestones", ("goal_id", "title", "status", "due_date", "done_on",
                                           "position"), rows, len(milestones))  # fmt: skip

    def add_meetings(self, meetings: Sequence[Meeting], stamp: datetime | None = None) -> list[int]:
        """Derived columns and occurrence rows are computed exactly as the repository does."""
        ids = self._ids("meetings", len(meetings))
        made = instant(stamp or now_utc())
        # The horizon runs from the real now, as on every open, not from the data set's.
        horizon_from = now_utc()
        instances: list[InstanceTuple] = []

        def rows() -> Iterator[tuple]:
            for id_, m in zip(ids, meetings, strict=True):
                start_utc, last_utc = _derived(m, self._last_start)
                found, until = instance_rows(id_, m, horizon_from)
                instances.extend(found)
                yield (id_, m.mentee_id, m.title, format_wall(m.start), m.zone, m.start.fold,
                       int(m.duration.total_seconds() // 60), m.rrule, m.location, start_utc,
                       last_utc, until, made, made)  # fmt: skip

        self._insert("meetings", ("id", "mentee_id", "title", "start_local", "zone", "fold",
                                  "duration_minutes", "rrule", "location", "start_utc",
                                  "last_utc", "instances_until", "created_at", "updated_at"),
                     rows(), len(meetings))  # fmt: skip
        # Sorted by key, the WITHOUT ROWID table is appended to rather than split.
        instances.sort()
        self._insert("meeting_instances", ("meeting_id", "original_start_local", "start_utc"),
                     instances, len(instances))  # fmt: skip
        return ids

    def add_occurrences(self, records: Iterable[OccurrenceRecord]) -> int:
        """Per-occurrence facts; ``original_start`` must be in the meeting's anchor zone."""
        fallback = instant(now_utc())
        rows = (
            (r.meeting_id, format_wall(r.original_start), utc_iso(r.original_start), str(r.status),
             None if r.new_start is None else format_wall(r.new_start),
             None if r.new_start is None else utc_iso(r.new_start), r.reason,
             instant(r.recorded_at) or fallback)
            for r in records
        )  # fmt: skip
        return self._insert("meeting_occurrences", ("meeting_id", "original_start_local",
                            "original_start_utc", "status", "new_start_local", "new_start_utc",
                            "reason", "recorded_at"), rows)  # fmt: skip

    def add_notes(self, notes: Sequence[Note]) -> list[int]:
        """Notes and their full-text index, in one transaction.

        Indexing row by row through the insert trigger is ~3.5x slower than one
        FTS5 'rebuild' at the end, so the trigger is dropped for the load and put
        back from its own stored SQL (the schema stays its only author).
        """
        ids = self._ids("notes", len(notes))
        fallback = instant(now_utc())
        rows = (
            (id_, n.mentee_id, n.meeting_id, n.title, n.body, int(n.shareable),
             instant(n.created_at) or fallback,
             instant(n.updated_at) or instant(n.created_at) or fallback)
            for id_, n in zip(ids, notes, strict=True)
        )  # fmt: skip
        sql = (
            "INSERT INTO notes (id, mentee_id, meeting_id, title, body, shareable, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        (cache,) = self.db.conn.execute("PRAGMA cache_size").fetchone()
        # A bigger page cache saves ~15% of the rebuild at 200,000 notes (measured).
        self.db.conn.execute(f"PRAGMA cache_size = {_REBUILD_CACHE_KIB}")
        try:
            with self.db.transaction() as conn:
                trigger = self._drop_trigger(conn, _NOTES_INSERT_TRIGGER)
                done = 0
                for chunk in _chunks(rows, self._chunk):
                    conn.executemany(sql, chunk)
                    done += len(chunk)
                    self._report("notes", done, len(notes))
                self._say("notes: building the full-text index…")
                conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')")
                conn.execute(trigger)
        finally:
            self.db.conn.execute(f"PRAGMA cache_size = {int(cache)}")
        return ids

    @staticmethod
    def _drop_trigger(conn: sqlite3.Connection, name: str) -> str:
        row = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()
        if row is None:
            raise RuntimeError(f"trigger {name} is missing: is the schema up to date?")
        # ``name`` is this module's constant; a trigger name cannot be a parameter.
        conn.execute(f"DROP TRIGGER {name}")
        return str(row[0])

    def add_actions(self, items: Sequence[ActionItem]) -> int:
        fallback = instant(now_utc())
        rows = (
            (a.mentee_id, a.note_id, a.text, str(a.owner), day(a.due_date), instant(a.done_at),
             instant(a.created_at) or fallback)
            for a in items
        )  # fmt: skip
        return self._insert("action_items", ("mentee_id", "note_id", "text", "owner", "due_date",
                            "done_at", "created_at"), rows, len(items))  # fmt: skip

    def add_feedback(self, items: Sequence[Feedback], stamp: datetime | None = None) -> int:
        made = instant(stamp or now_utc())
        rows = ((f.mentee_id, str(f.direction), f.body, day(f.given_on), made) for f in items)
        return self._insert("feedback", ("mentee_id", "direction", "body", "given_on",
                                         "created_at"), rows, len(items))  # fmt: skip

    def add_wins(self, wins: Sequence[Win], stamp: datetime | None = None) -> int:
        made = instant(stamp or now_utc())
        rows = ((w.mentee_id, w.goal_id, w.title, day(w.happened_on), made) for w in wins)
        return self._insert("wins", ("mentee_id", "goal_id", "title", "happened_on",
                                     "created_at"), rows, len(wins))  # fmt: skip

    def add_resources(self, resources: Sequence[Resource], stamp: datetime | None = None) -> int:
        made = instant(stamp or now_utc())
        rows = (
            (r.mentee_id, r.goal_id, r.title, r.url, str(r.kind), r.notes, made) for r in resources
        )
        return self._insert("resources", ("mentee_id", "goal_id", "title", "url", "kind",
                                          "notes", "created_at"), rows, len(resources))  # fmt: skip
