"""Finding notes: full-text search (FTS5) with mentee and date filters, sorts, snippets.

``NoteRepository`` (``notes.py``) offers these on top of the note rows it keeps. Ranking
every match is slow when a word is in most notes: few matches are ranked, many are listed
newest first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from mentordesk.domain.models import MenteeStatus
from mentordesk.domain.search_query import MATCH_END, MATCH_START
from mentordesk.domain.search_terms import search_terms
from mentordesk.store.database import Database
from mentordesk.store.repositories._convert import instant
from mentordesk.store.repositories.excerpt import EXCERPT_SCAN_CHARS, SNIPPET_MAX_CHARS, excerpt

# Ranking every match is slow when a word is in most notes; rank only a few.
# (bm25 over 18,000 matches took ~55 ms at 200k notes; over 5,000 it stays near 15 ms.)
RANK_LIMIT = 5_000

# A search with filters (mentee, dates) finds its notes one of three ways, by how many notes
# pass the filter (measured at 200,000 notes, a word in 84% of them):
# - at most PROBE_LIMIT: each is looked up in the index (~30 µs apiece);
# - more: the word's matches are read newest first, keeping those in the filter's set (a
#   full pass over 167,000 matches ~20 ms; looking each up in the notes table, ~80 ms);
# - past DENSE_FILTER, where one note in ten or more passes: the newest matches are looked
#   up in the notes table one by one, and enough pass long before the end.
PROBE_LIMIT = 150
DENSE_FILTER = 20_000
SNIPPET_TOKENS = 16


@dataclass(slots=True, frozen=True)
class _Filter:
    """Which notes a search may list: some mentees' and/or those written in ``[start, end)``."""

    mentee_ids: tuple[int, ...] | None = None
    start: str | None = None
    end: str | None = None

    @classmethod
    def of(
        cls,
        mentee_id: int | None,
        mentee_ids: Sequence[int] | None,
        created_from: datetime | None,
        created_before: datetime | None,
    ) -> _Filter:
        chosen = None if mentee_ids is None else tuple(mentee_ids)
        if mentee_id is not None:
            chosen = (mentee_id,) if chosen is None else tuple(i for i in chosen if i == mentee_id)
        return cls(chosen, instant(created_from), instant(created_before))

    def __bool__(self) -> bool:
        return self.mentee_ids is not None or self.start is not None or self.end is not None

    def sql(self, alias: str) -> tuple[str, list[object]]:
        where: list[str] = []
        params: list[object] = []
        if self.mentee_ids is not None:
            where.append(f"{alias}.mentee_id IN ({', '.join('?' for _ in self.mentee_ids)})")
            params += self.mentee_ids
        if self.start is not None:
            where.append(f"{alias}.created_at >= ?")
            params.append(self.start)
        if self.end is not None:
            where.append(f"{alias}.created_at < ?")
            params.append(self.end)
        return " AND ".join(where) or "1", params


# Each sort's terms (the direction applies to every one). By mentee, each mentee's
# notes follow by date: that order comes straight from the mentees_name and
# notes_mentee indexes, with no sort of 200,000 rows (137 -> 93 ms).
NOTE_SORTS = {
    "created": ("n.created_at",),
    "updated": ("n.updated_at",),
    "title": ("n.title COLLATE NOCASE",),
    "mentee": ("e.name COLLATE NOCASE", "e.id", "n.created_at"),
}


def fts_query(text: str) -> str:
    """A safe FTS5 MATCH expression: words AND-ed, "phrases" kept, the last word a prefix.

    Every term is quoted, so FTS5 operators typed by a user are read as words. The terms are
    read by ``domain.search_terms``, as the opened note's marks are.
    """
    return " ".join(f'"{term.text}"' + ("*" if term.prefix else "") for term in search_terms(text))


class NoteSearch:
    """The searches over the notes table and its index (the queries of ``NoteRepository``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def ids(
        self,
        search: str = "",
        mentee_id: int | None = None,
        sort: str = "created",
        descending: bool = True,
        match_limit: int = -1,
        *,
        mentee_ids: Sequence[int] | None = None,
        created_from: datetime | None = None,
        created_before: datetime | None = None,
    ) -> list[int]:
        """Ids of the notes to list, filtered and sorted in SQL.

        With ``match_limit``, a search over all notes keeps only the newest that many
        matches (by id, which follows creation): sorting every match of a word found in
        most of 200,000 notes took ~540 ms, the newest few thousand take a few ms. Within
        one ``mentee_id`` every match is listed. ``mentee_ids`` and the UTC range
        ``[created_from, created_before)`` narrow the list further.
        """
        where: list[str] = []
        params: list[object] = []
        match = fts_query(search)
        chosen = _Filter.of(mentee_id, mentee_ids, created_from, created_before)
        if match and chosen:
            limit = -1 if mentee_id is not None else match_limit
            where.append("n.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(self._matching(match, chosen, limit)))
        elif match and match_limit >= 0:
            where.append(
                "n.id IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT ?)"
            )
            params += [match, match_limit]
        elif match:
            where.append("n.id IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)")
            params.append(match)
        elif chosen:
            clause, values = chosen.sql("n")
            where.append(clause)
            params += values
        order = NOTE_SORTS.get(sort, NOTE_SORTS["created"])
        join = " JOIN mentees e ON e.id = n.mentee_id" if sort == "mentee" else ""
        sql = f"SELECT n.id FROM notes n{join}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        direction = "DESC" if descending else "ASC"
        sql += " ORDER BY " + ", ".join(f"{term} {direction}" for term in (*order, "n.id"))
        return [r[0] for r in self.db.conn.execute(sql, params)]

    def search(
        self,
        text: str,
        limit: int = 50,
        rank_limit: int = RANK_LIMIT,
        *,
        mentee_ids: Sequence[int] | None = None,
        created_from: datetime | None = None,
        created_before: datetime | None = None,
    ) -> list[int]:
        """The best ``limit`` matches: ranked when few match, newest first when many do.

        With filters, "few" still counts every note that matches: bm25 reads the words'
        statistics over all notes, ~5 ms for a word in most of them, for every lookup. With
        filters and no words, the newest notes that pass the filters.
        """
        match = fts_query(text)
        chosen = _Filter.of(None, mentee_ids, created_from, created_before)
        clause, values = chosen.sql("n")
        if not match:
            if not chosen:
                return []
            sql = f"SELECT n.id FROM notes n WHERE {clause} ORDER BY n.created_at DESC LIMIT ?"
            return [r[0] for r in self.db.conn.execute(sql, (*values, limit))]
        # One pass answers both "how many?" and "which are newest?": a prefix of four or
        # more letters costs ~20 ms to set up in FTS5 at 200k notes, so it is done once.
        newest = [
            r[0]
            for r in self.db.conn.execute(
                "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                (match, rank_limit + 1),
            )
        ]
        if len(newest) > rank_limit:
            if not chosen:
                return newest[:limit]
            return self._matching(match, chosen, limit)
        if not chosen:
            sql = "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank LIMIT ?"
            return [r[0] for r in self.db.conn.execute(sql, (match, limit))]
        # bm25 only for the few that pass: SQLite sorts, so FTS5 does not rank them all.
        sql = (
            "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? AND (rowid + 0) IN"
            f" (SELECT n.id FROM notes n WHERE n.id IN (SELECT value FROM json_each(?))"
            f" AND {clause}) ORDER BY bm25(notes_fts), rowid DESC LIMIT ?"
        )
        params = (match, json.dumps(newest), *values, limit)
        return [r[0] for r in self.db.conn.execute(sql, params)]

    def _matching(self, match: str, chosen: _Filter, limit: int) -> list[int]:
        """The newest ``limit`` notes (-1: all) matching ``match`` that pass the filter, by
        one of three ways chosen by how many notes pass it (see PROBE_LIMIT)."""
        clause, values = chosen.sql("n")
        passing = self.db.conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM notes n WHERE {clause} LIMIT ?)",
            (*values, DENSE_FILTER + 1),
        ).fetchone()[0]
        if passing <= PROBE_LIMIT:
            sql = (
                f"SELECT n.id FROM notes n WHERE {clause} AND EXISTS (SELECT 1 FROM notes_fts"
                " WHERE notes_fts MATCH ? AND rowid = n.id) ORDER BY n.id DESC LIMIT ?"
            )
            params: tuple[object, ...] = (*values, match, limit)
        elif passing <= DENSE_FILTER:
            # rowid + 0: a plain "rowid IN" would be handed to FTS5 as one lookup per id.
            sql = (
                "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? AND (rowid + 0) IN"
                f" (SELECT n.id FROM notes n WHERE {clause}) ORDER BY rowid DESC LIMIT ?"
            )
            params = (match, *values, limit)
        else:
            # CROSS JOIN keeps the index of matches outside, read newest first.
            sql = (
                "SELECT notes_fts.rowid FROM notes_fts CROSS JOIN notes n"
                f" ON n.id = notes_fts.rowid WHERE notes_fts MATCH ? AND {clause}"
                " ORDER BY notes_fts.rowid DESC LIMIT ?"
            )
            params = (match, *values, limit)
        return [r[0] for r in self.db.conn.execute(sql, params)]

    def snippets(self, ids: Sequence[int], fts_terms: str) -> dict[int, str]:
        """A few words around the matches of ``fts_terms`` in each of ``ids`` (those that
        match), each matched word between MATCH_START and MATCH_END."""
        match = fts_query(fts_terms)
        if not match or not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        sizes = self.db.conn.execute(
            f"SELECT id, length(title) + length(body) FROM notes WHERE id IN ({marks})", ids
        ).fetchall()
        short = [i for i, size in sizes if size <= SNIPPET_MAX_CHARS]
        long = [i for i, size in sizes if size > SNIPPET_MAX_CHARS]
        found: dict[int, str] = {}
        if short:
            # -1: the column (title or body) with the most matches; a lookup per id.
            rows = self.db.conn.execute(
                "SELECT rowid, snippet(notes_fts, -1, ?, ?, '…', ?) FROM notes_fts"
                f" WHERE notes_fts MATCH ? AND rowid IN ({', '.join('?' for _ in short)})",
                (MATCH_START, MATCH_END, SNIPPET_TOKENS, match, *short),
            )
            found.update((r[0], r[1]) for r in rows)
        if long:
            # snippet() is quadratic in a long note: a bounded excerpt of its head instead.
            rows = self.db.conn.execute(
                "SELECT n.id, n.title, substr(n.body, 1, ?) FROM notes n WHERE n.id IN"
                f" (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?"
                f" AND rowid IN ({', '.join('?' for _ in long)}))",
                (EXCERPT_SCAN_CHARS, match, *long),
            )
            for note_id, title, head in rows:
                in_title = excerpt(title, match, SNIPPET_TOKENS)
                found[note_id] = (
                    in_title if MATCH_START in in_title else excerpt(head, match, SNIPPET_TOKENS)
                )
        return found

    def mentees_named(self, matches: Callable[[str], bool]) -> tuple[list[int], list[int]]:
        """Ids of the mentees whose name ``matches``: (the active ones, all of them).

        For a search's ``mentee:`` filter: names are matched in Python, where case and
        accents fold properly (SQLite's LIKE and lower() fold ASCII only).
        """
        named = [
            r[0] for r in self.db.conn.execute("SELECT id, name FROM mentees") if matches(r[1])
        ]
        if not named:
            return [], []
        active = self.db.conn.execute(
            "SELECT id FROM mentees WHERE status = ? AND id IN (SELECT value FROM json_each(?))",
            (MenteeStatus.ACTIVE.value, json.dumps(named)),
        )
        return [r[0] for r in active], named
