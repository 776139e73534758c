"""Mentees: the profile from the introductory session, zone, hours and channels."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, time

from mentordesk.domain.models import Channel, Mentee, MenteeStatus, WorkingHours
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import (
    hhmm,
    instant,
    like_pattern,
    now_utc,
    parse_instant,
)

_COLUMNS = (
    "id, name, pronouns, organisation, role, time_zone, work_start, work_end,"
    " work_days, channels, background, interests, expectations, cadence_days, status,"
    " tags, created_at, updated_at, last_contact_utc"
)

SORT_KEYS = {
    "name": "name COLLATE NOCASE",
    "time_zone": "time_zone, name COLLATE NOCASE",
    "status": "status, name COLLATE NOCASE",
    "organisation": "organisation COLLATE NOCASE, name COLLATE NOCASE",
    "created": "created_at",
}


def _row_to_mentee(row: sqlite3.Row | tuple) -> Mentee:
    (id_, name, pronouns, org, role, zone, ws, we, wd, channels, background,
     interests, expectations, cadence, status, tags, created, updated, contact) = row  # fmt: skip
    return Mentee(
        id=id_,
        name=name,
        pronouns=pronouns,
        organisation=org,
        role=role,
        time_zone=zone,
        hours=WorkingHours(
            time.fromisoformat(ws),
            time.fromisoformat(we),
            tuple(int(d) for d in wd.split(",") if d),
        ),
        channels=tuple(Channel(c["kind"], c["value"]) for c in json.loads(channels)),
        background=background,
        interests=interests,
        expectations=expectations,
        cadence_days=cadence,
        status=MenteeStatus(status),
        tags=tuple(json.loads(tags)),
        created_at=parse_instant(created),
        updated_at=parse_instant(updated),
        last_contact=parse_instant(contact),
    )


def _params(m: Mentee) -> dict[str, object]:
    return {
        "name": m.name,
        "pronouns": m.pronouns,
        "organisation": m.organisation,
        "role": m.role,
        "time_zone": m.time_zone,
        "work_start": hhmm(m.hours.start),
        "work_end": hhmm(m.hours.end),
        "work_days": ",".join(str(d) for d in m.hours.days),
        "channels": json.dumps([{"kind": c.kind, "value": c.value} for c in m.channels]),
        "background": m.background,
        "interests": m.interests,
        "expectations": m.expectations,
        "cadence_days": m.cadence_days,
        "status": str(m.status),
        "tags": json.dumps(list(m.tags)),
    }


class MenteeRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, mentee: Mentee) -> Mentee:
        params = _params(mentee)
        stamp = instant(now_utc())
        params["created_at"] = params["updated_at"] = stamp
        cols = ", ".join(params)
        marks = ", ".join(f":{k}" for k in params)
        with self.db.transaction() as conn:
            cur = conn.execute(f"INSERT INTO mentees ({cols}) VALUES ({marks})", params)
        return self.get(int(cur.lastrowid or 0))

    def update(self, mentee: Mentee) -> Mentee:
        if mentee.id is None:
            raise ValueError("update needs a saved mentee")
        params = _params(mentee)
        params["updated_at"] = instant(now_utc())
        assignments = ", ".join(f"{k} = :{k}" for k in params)
        params["id"] = mentee.id
        with self.db.transaction() as conn:
            conn.execute(f"UPDATE mentees SET {assignments} WHERE id = :id", params)
        return self.get(mentee.id)

    def get(self, mentee_id: int) -> Mentee:
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM mentees WHERE id = ?", (mentee_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no mentee with id {mentee_id}")
        return _row_to_mentee(row)

    def find(self, name_or_id: str) -> list[Mentee]:
        """Mentees named ``name_or_id`` exactly (any case), or with that id."""
        if name_or_id.strip().isdigit():
            rows = self.db.conn.execute(
                f"SELECT {_COLUMNS} FROM mentees WHERE id = ?", (int(name_or_id),)
            ).fetchall()
            if rows:
                return [_row_to_mentee(r) for r in rows]
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM mentees WHERE name = ? COLLATE NOCASE ORDER BY id",
            (name_or_id.strip(),),
        ).fetchall()
        return [_row_to_mentee(r) for r in rows]

    def list(
        self,
        search: str = "",
        sort: str = "name",
        descending: bool = False,
        statuses: tuple[MenteeStatus, ...] = (),
    ) -> list[Mentee]:
        where: list[str] = []
        params: list[object] = []
        if search.strip():
            pattern = like_pattern(search.strip())
            where.append(
                "(name LIKE ? ESCAPE '\\' OR organisation LIKE ? ESCAPE '\\'"
                " OR time_zone LIKE ? ESCAPE '\\' OR tags LIKE ? ESCAPE '\\')"
            )
            params += [pattern] * 4
        if statuses:
            where.append(f"status IN ({', '.join('?' for _ in statuses)})")
            params += [str(s) for s in statuses]
        order = SORT_KEYS.get(sort, SORT_KEYS["name"])
        if descending:
            order = ", ".join(f"{part} DESC" for part in order.split(", "))
        sql = f"SELECT {_COLUMNS} FROM mentees"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}, id"
        return [_row_to_mentee(r) for r in self.db.conn.execute(sql, params)]

    def due_candidates(self, today: date, within_days: int = 3, limit: int = 15) -> list[Mentee]:
        """Active mentees whose next check-in falls by ``today + within_days``, most due first.

        A prefilter in SQL so Today need not load every mentee; the domain's
        ``due_check_ins`` makes the final call with the same rule.
        """
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM mentees WHERE status = 'active'"
            " AND next_check_in <= date(?, '+' || ? || ' days')"
            " ORDER BY next_check_in, name COLLATE NOCASE LIMIT ?",
            (today.isoformat(), within_days, limit),
        )
        return [_row_to_mentee(r) for r in rows]

    def active_ids(self) -> list[int]:
        rows = self.db.conn.execute("SELECT id FROM mentees WHERE status = 'active'")
        return [r[0] for r in rows]

    def longest_out_of_contact(self, ids: Iterable[int], limit: int = -1) -> list[Mentee]:
        """These mentees, never in contact first, then the longest since their last contact."""
        wanted = sorted(set(ids))
        marks = ", ".join("?" for _ in wanted)
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM mentees WHERE id IN ({marks})"
            " ORDER BY last_contact_utc IS NOT NULL, last_contact_utc, name COLLATE NOCASE, id"
            " LIMIT ?",
            (*wanted, limit),
        )
        return [_row_to_mentee(r) for r in rows]

    def names(self, ids: Iterable[int]) -> dict[int, str]:
        wanted = sorted(set(ids))
        marks = ", ".join("?" for _ in wanted)
        return dict(
            self.db.conn.execute(f"SELECT id, name FROM mentees WHERE id IN ({marks})", wanted)
        )

    def delete(self, mentee_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM mentees WHERE id = ?", (mentee_id,))

    def count(self) -> int:
        return int(self.db.conn.execute("SELECT count(*) FROM mentees").fetchone()[0])
