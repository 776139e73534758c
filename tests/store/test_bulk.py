"""Bulk loading a scaled-down benchmark set: counts, search, integrity, live triggers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentordesk.demo.large import LargeSizes, write_large
from mentordesk.domain.models import Note
from mentordesk.services import Workspace

NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
SCALE = 0.01
_WORD = re.compile(r"[^\W\d_]+")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict]]:
    path = tmp_path_factory.mktemp("bulk") / "large.db"
    messages: list[str] = []
    with Workspace.open(path) as ws:
        written = write_large(ws, NOW, scale=SCALE, progress=messages.append)
        assert any("full-text index" in m for m in messages)
        yield ws, written


def _trigger_sql(ws: Workspace) -> list[tuple[str, str]]:
    return ws.db.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()


def test_counts_match_the_scaled_sizes(loaded: tuple[Workspace, dict]) -> None:
    ws, written = loaded
    sizes = LargeSizes().scaled(SCALE)
    expected = {
        "mentees": sizes.mentees,
        "goals": sizes.goals,
        "milestones": sizes.milestones,
        "meetings": sizes.meetings,
        "notes": sizes.notes,
        "action_items": sizes.actions,
        "feedback": sizes.feedback,
        "wins": sizes.wins,
        "resources": sizes.resources,
    }
    assert ws.db.counts(tuple(expected)) == expected
    assert written["meeting_occurrences"] > 0
    # Past meetings were held, and that shows as the mentees' last contact.
    assert any(m.last_contact is not None for m in ws.list_mentees())


def test_database_is_healthy_after_the_bulk_load(loaded: tuple[Workspace, dict]) -> None:
    ws, _ = loaded
    assert ws.check() == []  # integrity_check, foreign keys, application id, migrations
    # FTS5's own check: the index matches the notes table row for row.
    ws.db.conn.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)")


def test_derived_meeting_times_match_the_repository(loaded: tuple[Workspace, dict]) -> None:
    ws, _ = loaded
    query = "SELECT id, start_utc, last_utc FROM meetings ORDER BY id"
    before = ws.db.conn.execute(query).fetchall()
    series = ws.db.conn.execute("SELECT count(*) FROM meetings WHERE rrule IS NOT NULL")
    assert series.fetchone()[0] > 0
    ws.meetings.recompute_utc()
    assert ws.db.conn.execute(query).fetchall() == before


def test_search_finds_rare_and_common_words(loaded: tuple[Workspace, dict]) -> None:
    ws, _ = loaded
    ids = ws.note_ids()
    in_notes: Counter[str] = Counter()
    owner: dict[str, int] = {}
    for note_id in ids:
        note = ws.note(note_id)
        words = {w.lower() for w in _WORD.findall(f"{note.title} {note.body}")}
        in_notes.update(words)
        for w in words:
            owner[w] = note_id
    rare = sorted(w for w, n in in_notes.items() if n == 1 and len(w) >= 6)
    assert rare, "some words should appear in only one note"
    assert [s.id for s in ws.search_notes(rare[0] + " ")] == [owner[rare[0]]]
    common = len(ws.note_ids(search="progress "))
    assert common > 0.7 * len(ids)


def test_triggers_still_index_new_and_edited_notes(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "fresh.db") as fresh:
        triggers = _trigger_sql(fresh)
    with Workspace.open(tmp_path / "loaded.db") as ws:
        write_large(ws, NOW, scale=0.002)
        assert _trigger_sql(ws) == triggers
        _edit_and_search(ws)


def _edit_and_search(ws: Workspace) -> None:
    mentee = ws.list_mentees()[0]
    note = ws.save_note(Note(mentee.id or 0, "Discussed the zyxquorble migration.", "After"))
    assert [s.id for s in ws.search_notes("zyxquorble")] == [note.id]
    ws.save_note(Note(mentee.id or 0, "Now about flimbertoast.", "After", id=note.id))
    assert ws.search_notes("zyxquorble ") == []
    assert [s.id for s in ws.search_notes("flimbertoast")] == [note.id]


def test_same_seed_gives_the_same_notes(tmp_path: Path) -> None:
    bodies = []
    for name in ("a.db", "b.db"):
        with Workspace.open(tmp_path / name) as ws:
            write_large(ws, NOW, scale=0.002)
            bodies.append([ws.note(i).body for i in ws.note_ids()])
    assert bodies[0] == bodies[1]
