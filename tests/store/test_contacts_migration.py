"""m010 (contacts) upgrades a file the previous version wrote, keeping each mentee's last
contact; an export made before it imports exactly, and a new export carries contacts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from mentordesk.domain.contacts import ContactChannel
from mentordesk.services import Workspace
from tests.store.migrating import connect_before, upgraded
from tests.store.old_exports import as_migrated

STAMP = "2026-06-01T09:00:00Z"
OLD_EXPORT = Path(__file__).parents[1] / "fixtures" / "exports" / "before-check-ins.json"


def test_the_previous_version_s_last_contact_survives_and_contacts_join_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    conn = connect_before(path, "m010_contacts")
    conn.executescript(
        f"""
        INSERT INTO mentees (id, name, time_zone, created_at, updated_at)
            VALUES (1, 'Ana Lima', 'America/Sao_Paulo', '{STAMP}', '{STAMP}');
        INSERT INTO meetings (id, mentee_id, title, start_local, zone, duration_minutes,
                              start_utc, created_at, updated_at)
            VALUES (4, 1, '1:1', '2026-05-04T09:00', 'Europe/London', 45,
                    '2026-05-04T08:00:00Z', '{STAMP}', '{STAMP}');
        INSERT INTO meeting_occurrences (meeting_id, original_start_local, original_start_utc,
                                         status, recorded_at)
            VALUES (4, '2026-05-04T09:00', '2026-05-04T08:00:00Z', 'held', '{STAMP}');
        """
    )
    conn.close()
    with upgraded(path) as ws:
        assert ws.mentee(1).last_contact == datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
        now = datetime(2026, 6, 2, 12, 0, tzinfo=UTC)
        ws.contacts.log(1, ContactChannel.EMAIL, "Sent slides", at=now, now=now)
        assert ws.mentee(1).last_contact == now
        # The old triggers were replaced: deleting the meeting leaves the logged contact.
        ws.meetings.delete(4)
        assert ws.mentee(1).last_contact == now


def _rows(document: dict, table: str) -> list[dict]:
    # Where a series' occurrence rows stop is derived from the day of the import.
    rows = [
        {k: v for k, v in as_migrated(table, r).items() if k != "instances_until"}
        for r in document["tables"][table]
    ]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def test_an_export_made_before_contacts_imports_exactly_and_exports_them_after(
    tmp_path: Path,
) -> None:
    old = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    assert "m010_contacts" not in old["schema"]
    with Workspace.open(tmp_path / "new.db") as ws:
        ws.full_export.import_all(OLD_EXPORT)
        siobhan = ws.find_mentee("Siobhan")
        at = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)
        ws.contacts.log(siobhan.id or 0, ContactChannel.CHAT, "Asked about dbt", at=at, now=at)
        ws.full_export.export_all(tmp_path / "out")
    new = json.loads((tmp_path / "out" / "mentordesk-export.json").read_text(encoding="utf-8"))
    assert "m010_contacts" in new["schema"]
    for table in old["tables"]:
        before, after = _rows(old, table), _rows(new, table)
        if table == "mentees":  # Siobhan's contact moved only her last contact
            for row in before:
                if row["id"] == siobhan.id:
                    row["last_contact_utc"] = "2026-12-05T15:00:00Z"
        # Columns later migrations add take their defaults; what the export held is kept.
        kept = set(before[0]) if before else set()
        after = sorted(({k: v for k, v in r.items() if k in kept} for r in after),
                       key=lambda r: json.dumps(r, sort_keys=True))  # fmt: skip
        assert after == before, table
    [contact] = new["tables"]["contacts"]
    assert (contact["mentee_id"], contact["channel"], contact["summary"]) == (
        siobhan.id, "chat", "Asked about dbt"
    )  # fmt: skip
    # And that export imports again, contacts and all.
    with Workspace.open(tmp_path / "again.db") as again:
        again.full_export.import_all(tmp_path / "out" / "mentordesk-export.json")
        [back] = again.contacts.for_mentee(siobhan.id or 0)
        assert (back.at, back.channel) == (at, ContactChannel.CHAT)
        assert again.mentee(siobhan.id or 0).last_contact == at
