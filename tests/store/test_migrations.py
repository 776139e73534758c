"""Each migration upgrades a file an older MentorDesk wrote, keeping everything in it."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from mentordesk.services import Workspace
from mentordesk.store.schema import MIGRATION_NAMES

V1 = Path(__file__).parent / "fixtures" / "v1.db"


def test_a_version_1_file_is_upgraded_with_its_data(tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(V1, copy)
    with Workspace.open(copy) as ws:
        applied = [r[0] for r in ws.db.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(MIGRATION_NAMES)
        assert ws.check() == []
        ana = ws.find_mentee("Ana Lima")
        # m002 derived the last contact from the held occurrence already in the file.
        assert ana.last_contact == datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
        assert [n.title for n in ws.search_notes("guild")] == ["First call"]
        assert [n.title for n in ws.search_notes("plat")] == ["First call"]  # as typed
        # The rebuilt full-text index agrees with the notes it indexes.
        ws.db.conn.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)")
