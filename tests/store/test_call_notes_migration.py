"""m007 (call notes) and m008 (which window was writing) upgrade files earlier versions
wrote, keeping everything in them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from mentordesk.services import Workspace
from mentordesk.store.connection import APPLICATION_ID
from mentordesk.store.schema import MIGRATION_NAMES
from tests.store.migrating import migrate

STAMP = "2026-06-01T09:00:00Z"
ANA = (
    "INSERT INTO mentees (id, name, time_zone, created_at, updated_at)"
    f" VALUES (1, 'Ana Lima', 'America/Sao_Paulo', '{STAMP}', '{STAMP}');"
)


def _migrated_up_to(path: Path, before: str) -> sqlite3.Connection:
    """A database as the version without ``before`` (and later changes) left it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(conn, before=before)
    return conn


def _previous_version(path: Path) -> None:
    """A database as the version before m007 left it, with notes and items in it."""
    conn = _migrated_up_to(path, "m007_call_notes")
    conn.executescript(
        f"""
        {ANA}
        INSERT INTO notes (id, mentee_id, title, body, shareable, created_at, updated_at)
            VALUES (1, 1, 'Shared plan', 'Plan for the guild', 1, '{STAMP}', '{STAMP}'),
                   (2, 1, 'Private', 'Between us', 0, '{STAMP}', '{STAMP}');
        INSERT INTO action_items (id, mentee_id, note_id, text, created_at)
            VALUES (1, 1, 1, 'From the shared note', '{STAMP}'),
                   (2, 1, 2, 'From the private note', '{STAMP}'),
                   (3, 1, NULL, 'Added by hand', '{STAMP}');
        INSERT INTO wins (mentee_id, title, happened_on, created_at)
            VALUES (1, 'Gave a talk', '2026-05-30', '{STAMP}');
        INSERT INTO feedback (mentee_id, direction, body, given_on, created_at)
            VALUES (1, 'to_mentee', 'Clear demos', '2026-05-30', '{STAMP}');
        """
    )
    conn.close()


def test_the_previous_version_is_upgraded_with_its_items_and_their_privacy(
    tmp_path: Path,
) -> None:
    path = tmp_path / "previous.db"
    _previous_version(path)
    with Workspace.open(path) as ws:
        applied = [r[0] for r in ws.db.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(MIGRATION_NAMES)
        assert ws.check() == []
        shareable = dict(ws.db.conn.execute("SELECT text, shareable FROM action_items"))
        # Items inherit their note's privacy; one without a note keeps the private default.
        assert shareable == {
            "From the shared note": 1,
            "From the private note": 0,
            "Added by hand": 0,
        }
        board = ws.mentee_dashboard(1)
        assert [w.title for w in board.wins] == ["Gave a talk"]
        assert [f.body for f in board.feedback] == ["Clear demos"]
        assert ws.unclosed_notes() == []
        # Old notes take tagged lines like new ones.
        ws.write_note_body(1, "Plan for the guild\n- [ ] Draft the charter #win", datetime.now(UTC))
        assert [i.text for i in ws.linked_items(1)] == ["Draft the charter"]
        # Deleting an old note keeps the items it did not make from tagged lines.
        ws.delete_note(1)
        left = ws.db.conn.execute("SELECT text, note_id FROM action_items ORDER BY id").fetchall()
        assert left == [
            ("From the shared note", None),
            ("From the private note", 2),
            ("Added by hand", None),
        ]
        assert ws.check() == []


def test_a_note_left_open_before_m008_reopens_in_call_mode(tmp_path: Path) -> None:
    # Before m008 only call mode saved as you typed, so an unclosed note was a call's.
    path = tmp_path / "m007.db"
    conn = _migrated_up_to(path, "m008_editing_in_call")
    conn.executescript(
        f"""
        {ANA}
        INSERT INTO notes (id, mentee_id, title, body, created_at, updated_at, editing_since)
            VALUES (1, 1, 'Call', 'typed when the power went', '{STAMP}', '{STAMP}', '{STAMP}'),
                   (2, 1, 'Closed', 'done', '{STAMP}', '{STAMP}', NULL);
        """
    )
    conn.close()
    with Workspace.open(path) as ws:
        assert [n.id for n in ws.unclosed_notes(in_call=True)] == [1]
        assert ws.unclosed_notes(in_call=False) == []
        # From now on the window writing it is recorded.
        ws.write_note_body(1, "typed when the power went, and after", datetime.now(UTC))
        assert [n.id for n in ws.unclosed_notes(in_call=False)] == [1]
