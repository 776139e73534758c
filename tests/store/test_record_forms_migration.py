"""m011 (the record forms) upgrades a file the previous version wrote, and an export made just
before issue 18 still imports exactly: every row and value it holds, the new columns at their
defaults (resources stay in summaries, as they always were)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from mentordesk.domain.models import FeedbackDirection, ResourceKind
from mentordesk.services import Workspace
from tests.store.migrating import connect_before, upgraded
from tests.store.old_exports import as_migrated

STAMP = "2026-06-01T09:00:00Z"
OLD_EXPORT = Path(__file__).parents[1] / "fixtures" / "exports" / "before-check-ins.json"


def _previous_version(path: Path) -> None:
    conn = connect_before(path, "m011_record_forms")
    conn.executescript(
        f"""
        INSERT INTO mentees (id, name, time_zone, created_at, updated_at)
            VALUES (1, 'Ana Lima', 'America/Sao_Paulo', '{STAMP}', '{STAMP}');
        INSERT INTO feedback (id, mentee_id, direction, body, given_on, created_at, shareable)
            VALUES (4, 1, 'to_mentee', 'Clear slides', '2026-05-02', '{STAMP}', 1);
        INSERT INTO resources (id, mentee_id, title, url, kind, notes, created_at)
            VALUES (9, 1, 'Staff Engineer', 'https://staffeng.com', 'book', 'ch. 3', '{STAMP}');
        """
    )
    conn.close()


def test_the_previous_version_s_records_survive_with_their_new_fields(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _previous_version(path)
    with upgraded(path) as ws:
        fb = ws.records.feedback_entry(4)
        assert (fb.direction, fb.body, fb.given_on, fb.shareable) == (
            FeedbackDirection.TO_MENTEE, "Clear slides", date(2026, 5, 2), True
        )  # fmt: skip
        assert (fb.why_it_matters, fb.suggested_action, fb.note_id) == ("", "", None)
        res = ws.records.resource(9)
        assert (res.title, res.kind, res.notes) == ("Staff Engineer", ResourceKind.BOOK, "ch. 3")
        # Resources were always printed in summaries: the old ones keep that.
        assert (res.shared_on, res.shareable) == (None, True)
        summaries = ws.summaries
        summary = summaries.build(1, summaries.since_start(ws.mentee(1)))
        assert [r.title for r in summary.resources] == ["Staff Engineer"]


#: Derived columns the store recomputes from the truth on open (DEVELOPERS.md, "Derived
#: data"): how far occurrences are expanded moves with the day the file is opened.
DERIVED = {"meetings": {"instances_until"}}


def _stored(ws: Workspace, table: str, columns: list[str]) -> list[dict[str, object]]:
    quoted = ", ".join(f'"{c}"' for c in columns)
    cursor = ws.db.conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY rowid')
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def test_an_export_made_before_the_record_forms_imports_exactly(tmp_path: Path) -> None:
    document = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    assert "m011_record_forms" not in document["schema"]
    with Workspace.open(tmp_path / "new.db") as ws:
        ws.full_export.import_all(OLD_EXPORT)
        for table, rows in document["tables"].items():
            if not rows:
                assert ws.db.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone() == (0,)
                continue
            columns = [c for c in rows[0] if c not in DERIVED.get(table, set())]
            expected = [{c: as_migrated(table, row)[c] for c in columns} for row in rows]
            assert _stored(ws, table, columns) == expected, table
        # The new columns take their defaults; the records read back through the service.
        assert ws.db.conn.execute(
            "SELECT count(*) FROM resources WHERE shareable = 1 AND shared_on IS NULL"
        ).fetchone() == (len(document["tables"]["resources"]),)
        assert ws.db.conn.execute(
            "SELECT count(*) FROM feedback WHERE why_it_matters = '' AND suggested_action = ''"
        ).fetchone() == (len(document["tables"]["feedback"]),)
        first = document["tables"]["feedback"][0]
        assert ws.records.feedback_entry(first["id"]).body == first["body"]
