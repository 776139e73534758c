"""Migrations m007-m012 (December 2026): call notes, their revisions and links, which
window was writing a note when the app stopped, the goal roadmap, logged contacts, the
record forms and channels as a list. Never edit a migration after it ships.
"""

from __future__ import annotations

import json
import sqlite3

from mentordesk.store.schema_2026_11 import execute_script

# Call notes: revisions, the links from tagged lines to the items they made, and privacy
# on those items. editing_since is set by autosave and cleared by a clean close, so a note
# still set at start-up was being edited when the app stopped (crash recovery).
# Items of a deleted note: wins and feedback cascade on their new note_id; action_items
# already has note_id ON DELETE SET NULL, which keeps an item added by hand beside a note.
# Rebuilding that table to cascade would delete those too (and copy every row), so a
# trigger deletes only the action items the note's tagged lines made, whatever deletes the
# note (this service, another repository, or a mentee's cascade: FK actions fire triggers).
_CALL_NOTES = """
ALTER TABLE notes ADD COLUMN editing_since TEXT;
ALTER TABLE notes ADD COLUMN revised_at TEXT;
ALTER TABLE notes ADD COLUMN first_unrevised_edit_at TEXT;
CREATE INDEX notes_editing ON notes (editing_since) WHERE editing_since IS NOT NULL;

CREATE TABLE note_revisions (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX note_revisions_note ON note_revisions (note_id, created_at);

-- position: the line's 0-based number in the note at the last parse.
CREATE TABLE note_links (
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'win', 'feedback_to', 'feedback_from')),
    item_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT 'mentor' CHECK (owner IN ('mentor', 'mentee')),
    due TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    PRIMARY KEY (note_id, position)
) WITHOUT ROWID;

ALTER TABLE action_items ADD COLUMN shareable INTEGER NOT NULL DEFAULT 0
    CHECK (shareable IN (0, 1));
ALTER TABLE wins ADD COLUMN shareable INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0, 1));
ALTER TABLE wins ADD COLUMN note_id INTEGER REFERENCES notes (id) ON DELETE CASCADE;
ALTER TABLE feedback ADD COLUMN shareable INTEGER NOT NULL DEFAULT 0
    CHECK (shareable IN (0, 1));
ALTER TABLE feedback ADD COLUMN note_id INTEGER REFERENCES notes (id) ON DELETE CASCADE;
CREATE INDEX wins_note ON wins (note_id) WHERE note_id IS NOT NULL;
CREATE INDEX feedback_note ON feedback (note_id) WHERE note_id IS NOT NULL;
CREATE INDEX action_items_note ON action_items (note_id) WHERE note_id IS NOT NULL;

-- Items inherit their note's privacy; items without a note keep the default (private).
UPDATE action_items SET shareable = 1
    WHERE note_id IN (SELECT id FROM notes WHERE shareable = 1);

CREATE TRIGGER notes_derived_actions_bd BEFORE DELETE ON notes BEGIN
    DELETE FROM action_items WHERE note_id = old.id AND id IN
        (SELECT item_id FROM note_links WHERE note_id = old.id AND kind = 'action');
END;
"""


def m007_call_notes(conn: sqlite3.Connection) -> None:
    execute_script(conn, _CALL_NOTES)


# Which window was writing a note the app stopped in: after a crash it reopens in the same
# one (call mode, or the note editor of the Notes page). Notes already unclosed when this
# arrives were written in call mode, the only window that had autosave before it.
_EDITING_IN_CALL = """
ALTER TABLE notes ADD COLUMN editing_in_call INTEGER NOT NULL DEFAULT 1
    CHECK (editing_in_call IN (0, 1));
"""


def m008_editing_in_call(conn: sqlite3.Connection) -> None:
    execute_script(conn, _EDITING_IN_CALL)


# The goal roadmap: a milestone may be dropped (the CHECK of m001 allows only todo,
# in_progress and done, and SQLite cannot alter a CHECK: the table is rebuilt with the same
# columns and ids; nothing references it yet). Goals get what "done" looks like, a hand-set
# percentage for goals without milestones, and whether they go into the progress summary
# (yes by default); a goal's revisits are kept as a history; a win made by completing a
# milestone names it, so undoing the completion removes just that win.
_GOAL_ROADMAP = """
CREATE TABLE milestones_rebuilt (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'todo'
        CHECK (status IN ('todo', 'in_progress', 'done', 'dropped')),
    due_date TEXT,
    done_on TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO milestones_rebuilt (id, goal_id, title, status, due_date, done_on, position)
    SELECT id, goal_id, title, status, due_date, done_on, position FROM milestones;
DROP TABLE milestones;
ALTER TABLE milestones_rebuilt RENAME TO milestones;
CREATE INDEX milestones_goal ON milestones (goal_id, position);

ALTER TABLE goals ADD COLUMN success_criteria TEXT NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN manual_percent INTEGER
    CHECK (manual_percent IS NULL OR manual_percent BETWEEN 0 AND 100);
ALTER TABLE goals ADD COLUMN shareable INTEGER NOT NULL DEFAULT 1 CHECK (shareable IN (0, 1));

CREATE TABLE goal_revisits (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    revisited_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX goal_revisits_goal ON goal_revisits (goal_id, revisited_on);

ALTER TABLE wins ADD COLUMN milestone_id INTEGER REFERENCES milestones (id) ON DELETE SET NULL;
CREATE INDEX wins_milestone ON wins (milestone_id) WHERE milestone_id IS NOT NULL;
CREATE INDEX goals_revisit ON goals (revisit_date) WHERE revisit_date IS NOT NULL;
"""


def m009_goal_roadmap(conn: sqlite3.Connection) -> None:
    execute_script(conn, _GOAL_ROADMAP)


# Contact, one rule: a mentee's last contact is the latest of an occurrence held (where it
# was held: a moved one at its new start), a call ended without a meeting, and a contact
# the mentor logged (email, chat, phone, in person). Calls ended without a held occurrence
# are kept here too, as channel 'call', linked to their note. The triggers of m002 are
# replaced by ones that read both sources; each still recomputes one mentee from the truth.
_LAST_CONTACT_BOTH = (
    "UPDATE mentees SET last_contact_utc = (SELECT max(t) FROM ("
    "SELECT max(coalesce(o.new_start_utc, o.original_start_utc)) AS t"
    " FROM meetings m CROSS JOIN meeting_occurrences o WHERE m.mentee_id = mentees.id"
    " AND o.meeting_id = m.id AND +o.status = 'held'"
    " UNION ALL SELECT max(c.at_utc) FROM contacts c WHERE c.mentee_id = mentees.id))"
)


def _both_trigger(name: str, event: str, mentee_ids: list[str]) -> str:
    updates = "".join(f"    {_LAST_CONTACT_BOTH} WHERE id = {ref};\n" for ref in mentee_ids)
    return f"CREATE TRIGGER {name} AFTER {event} BEGIN\n{updates}END;\n"


def _mentee_of_occurrence(row: str) -> str:
    return f"(SELECT mentee_id FROM meetings WHERE id = {row}.meeting_id)"


_CONTACTS = (
    """
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    at_utc TEXT NOT NULL,
    channel TEXT NOT NULL
        CHECK (channel IN ('email', 'chat', 'phone', 'in_person', 'other', 'call')),
    summary TEXT NOT NULL DEFAULT '',
    note_id INTEGER REFERENCES notes (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_mentee ON contacts (mentee_id, at_utc);
CREATE INDEX contacts_note ON contacts (note_id) WHERE note_id IS NOT NULL;
DROP TRIGGER occurrences_contact_ai;
DROP TRIGGER occurrences_contact_au;
DROP TRIGGER occurrences_contact_ad;
DROP TRIGGER meetings_contact_au;
DROP TRIGGER meetings_contact_ad;
"""
    + _both_trigger(
        "occurrences_contact_ai", "INSERT ON meeting_occurrences", [_mentee_of_occurrence("new")]
    )
    + _both_trigger(
        "occurrences_contact_au",
        "UPDATE ON meeting_occurrences",
        [_mentee_of_occurrence("old"), _mentee_of_occurrence("new")],
    )
    + _both_trigger(
        "occurrences_contact_ad", "DELETE ON meeting_occurrences", [_mentee_of_occurrence("old")]
    )
    + _both_trigger(
        "meetings_contact_au", "UPDATE OF mentee_id ON meetings", ["old.mentee_id", "new.mentee_id"]
    )
    + _both_trigger("meetings_contact_ad", "DELETE ON meetings", ["old.mentee_id"])
    + _both_trigger("contacts_ai", "INSERT ON contacts", ["new.mentee_id"])
    + _both_trigger("contacts_au", "UPDATE ON contacts", ["old.mentee_id", "new.mentee_id"])
    + _both_trigger("contacts_ad", "DELETE ON contacts", ["old.mentee_id"])
    + f"{_LAST_CONTACT_BOTH};\n"
)


def m010_contacts(conn: sqlite3.Connection) -> None:
    execute_script(conn, _CONTACTS)


# Relationship records get their forms (issue 18): feedback says why it matters and what to
# try next; a resource says when it was shared and whether it goes into summaries. Resources
# were always printed in summaries before, so the rows already there keep that (DEFAULT 1);
# wins, feedback and action items already have their ``shareable`` flag (m007).
_RECORD_FORMS = """
ALTER TABLE feedback ADD COLUMN why_it_matters TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN suggested_action TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN shared_on TEXT;
ALTER TABLE resources ADD COLUMN shareable INTEGER NOT NULL DEFAULT 1
    CHECK (shareable IN (0, 1));
"""


def m011_record_forms(conn: sqlite3.Connection) -> None:
    execute_script(conn, _RECORD_FORMS)


# Channels (m012): the separate Email field becomes the first e-mail channel. Channels were
# free text ('kind: value' lines), so kinds are made the editor's five (a few common
# spellings mapped, anything else kept as "other" with its old kind in front of the value:
# nothing is lost). The email column stays, always '', because exports made before this
# change carry it; restoring one runs the same fold over the rows it brought.
_CHANNEL_KINDS = ("email", "phone", "video", "chat", "other")
_CHANNEL_SYNONYMS = {
    "e-mail": "email",
    "mail": "email",
    "tel": "phone",
    "telephone": "phone",
    "mobile": "phone",
    "cell": "phone",
    "video call": "video",
    "meet": "video",
    "zoom": "video",
    "im": "chat",
    "messenger": "chat",
}


def folded_channels(channels_json: str, email: str) -> list[dict[str, str]]:
    try:
        items = json.loads(channels_json)
    except ValueError:
        items = []
    channels: list[dict[str, str]] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        old_kind = str(item.get("kind", "")).strip()
        value = str(item.get("value", "")).strip()
        if not value:
            continue
        kind = _CHANNEL_SYNONYMS.get(old_kind.lower(), old_kind.lower())
        if kind not in _CHANNEL_KINDS:
            kind, value = "other", f"{old_kind}: {value}" if old_kind else value
        channels.append({"kind": kind, "value": value})
    email = email.strip()
    if not email:
        return channels
    same = [
        c for c in channels if c["kind"] == "email" and c["value"].casefold() == email.casefold()
    ]
    rest = [c for c in channels if c not in same]
    first = next((i for i, c in enumerate(rest) if c["kind"] == "email"), 0)
    rest.insert(first, {"kind": "email", "value": same[0]["value"] if same else email})
    return rest


def fold_email_into_channels(conn: sqlite3.Connection) -> None:
    """Every mentee's email made the first e-mail channel, kinds made the known five."""
    rows = conn.execute("SELECT id, email, channels FROM mentees").fetchall()
    for mentee_id, email, channels in rows:
        folded = json.dumps(folded_channels(channels, email))
        if folded != channels or email:
            conn.execute(
                "UPDATE mentees SET channels = ?, email = '' WHERE id = ?",
                (folded, mentee_id),
            )


def m012_channels(conn: sqlite3.Connection) -> None:
    fold_email_into_channels(conn)
