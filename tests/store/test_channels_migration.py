"""m012 (channels): the separate Email field becomes the first e-mail channel of files and
exports made before it; nothing of the old free-text channels is lost."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.channels import KINDS
from mentordesk.domain.models import Channel
from mentordesk.services import Workspace
from mentordesk.store.schema_2026_12 import folded_channels
from tests.store.migrating import connect_before, upgraded

STAMP = "2026-06-01T09:00:00Z"
OLD_EXPORT = Path(__file__).parents[1] / "fixtures" / "exports" / "before-check-ins.json"


def _previous_version(path: Path) -> None:
    conn = connect_before(path, "m012_channels")
    rows = [
        # The address also among the channels (the demo's shape), after another e-mail.
        (1, "Priya", "priya@example.in",
         [{"kind": "chat", "value": "@priya"}, {"kind": "email", "value": "old@example.in"},
          {"kind": "EMAIL", "value": "Priya@Example.in"}]),
        # The address only in the Email field; free-text kinds from the old text box.
        (2, "Daniel", "daniel@example.co.uk",
         [{"kind": "video", "value": "https://zoom.example.com/j/1"},
          {"kind": "Mobile", "value": "+44 7700 900412"},
          {"kind": "linkedin", "value": "https://linkedin.com/in/d"}]),
        # No address at all.
        (3, "Maya", "", [{"kind": "chat", "value": "maya on Discord"}]),
    ]  # fmt: skip
    for mentee_id, name, email, channels in rows:
        conn.execute(
            "INSERT INTO mentees (id, name, email, channels, time_zone, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 'Europe/London', ?, ?)",
            (mentee_id, name, email, json.dumps(channels), STAMP, STAMP),
        )
    conn.close()


def test_the_email_field_becomes_the_first_email_channel(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _previous_version(path)
    with upgraded(path) as ws:
        priya, daniel, maya = (ws.mentee(i) for i in (1, 2, 3))
        assert priya.channels == (
            Channel("chat", "@priya"),
            Channel("email", "Priya@Example.in"),
            Channel("email", "old@example.in"),
        )
        assert priya.email == "Priya@Example.in"
        assert daniel.channels == (
            Channel("email", "daniel@example.co.uk"),
            Channel("video", "https://zoom.example.com/j/1"),
            Channel("phone", "+44 7700 900412"),
            Channel("other", "linkedin: https://linkedin.com/in/d"),
        )
        assert daniel.email == "daniel@example.co.uk"
        assert maya.channels == (Channel("chat", "maya on Discord"),) and maya.email == ""
        # The retired column is empty: the channels are the one place an address lives.
        assert ws.db.conn.execute("SELECT count(*) FROM mentees WHERE email != ''").fetchone() == (
            0,
        )


def test_an_export_made_before_channels_imports_exactly(tmp_path: Path) -> None:
    document = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    assert "m012_channels" not in document["schema"]
    # One mentee whose address was only in the Email field, as the old form allowed.
    exported = document["tables"]["mentees"]
    exported[7]["channels"] = "[]"
    edited = tmp_path / "export.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    with Workspace.open(tmp_path / "new.db") as ws:
        ws.full_export.import_all(edited)
        for row in exported:
            stored = ws.mentee(row["id"])
            assert stored.email == row["email"], row["name"]
            old = [Channel(c["kind"], c["value"]) for c in json.loads(row["channels"])]
            if old:
                assert list(stored.channels) == old, row["name"]
            else:
                assert stored.channels == (Channel("email", "jordan.ellis@example.com"),)
        assert ws.check() == []


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
_ITEM = st.fixed_dictionaries(
    {"kind": st.sampled_from(["email", "Email", "phone", "mobile", "chat", "skype", ""]),
     "value": st.text(max_size=20)}
)  # fmt: skip


@given(channels=st.lists(_ITEM, max_size=5) | _JSON, email=st.text(max_size=20))
def test_the_migration_s_fold_keeps_every_value_and_leads_with_the_address(
    channels: object, email: str
) -> None:
    folded = folded_channels(json.dumps(channels), email)
    assert all(c["kind"] in KINDS and c["value"].strip() for c in folded)
    if email.strip():
        emails = [c["value"] for c in folded if c["kind"] == "email"]
        assert emails[0].casefold() == email.strip().casefold()
    if isinstance(channels, list):
        kept = " ".join(c["value"] for c in folded)
        for item in channels:
            if isinstance(item, dict) and str(item.get("value", "")).strip():
                assert str(item["value"]).strip() in kept
