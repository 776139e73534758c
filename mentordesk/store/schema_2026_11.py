"""Migrations m001-m006, as the first release shipped them (November 2026).

The tables, the derived columns and indexes that keep the pages fast, the table of
occurrence starts and imported busy times. Never edit a migration after it ships; a
migration imports nothing that can change later (see ``schema.py``).
"""

from __future__ import annotations

import sqlite3

_INITIAL = """
CREATE TABLE mentees (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    pronouns TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL,
    work_start TEXT NOT NULL DEFAULT '09:00',
    work_end TEXT NOT NULL DEFAULT '17:00',
    work_days TEXT NOT NULL DEFAULT '1,2,3,4,5',
    channels TEXT NOT NULL DEFAULT '[]',
    background TEXT NOT NULL DEFAULT '',
    interests TEXT NOT NULL DEFAULT '',
    expectations TEXT NOT NULL DEFAULT '',
    cadence_days INTEGER NOT NULL DEFAULT 14 CHECK (cadence_days BETWEEN 1 AND 365),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'alumni')),
    tags TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX mentees_name ON mentees (name COLLATE NOCASE);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'at_risk', 'done', 'dropped')),
    start_date TEXT,
    target_date TEXT,
    revisit_date TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX goals_mentee ON goals (mentee_id, position);

CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    due_date TEXT,
    done_on TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX milestones_goal ON milestones (goal_id, position);

-- start_local + zone (+ fold) is the truth; start_utc and last_utc are derived
-- for sorting and range queries and recomputed when the zone rules change.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    start_local TEXT NOT NULL,
    zone TEXT NOT NULL,
    fold INTEGER NOT NULL DEFAULT 0 CHECK (fold IN (0, 1)),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    rrule TEXT,
    location TEXT NOT NULL DEFAULT '',
    start_utc TEXT NOT NULL,
    last_utc TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_start ON meetings (start_utc);
CREATE INDEX meetings_last ON meetings (last_utc);
CREATE INDEX meetings_mentee ON meetings (mentee_id, start_utc);

CREATE TABLE meeting_occurrences (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    original_start_local TEXT NOT NULL,
    original_start_utc TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('held', 'cancelled', 'moved')),
    new_start_local TEXT,
    reason TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    UNIQUE (meeting_id, original_start_local)
);
CREATE INDEX occurrences_held ON meeting_occurrences (status, original_start_utc);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    shareable INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notes_mentee ON notes (mentee_id, created_at);
CREATE INDEX notes_created ON notes (created_at);
CREATE INDEX notes_meeting ON notes (meeting_id);

-- External-content FTS5 with a prefix index: enable_fts() has no prefix option.
CREATE VIRTUAL TABLE notes_fts USING fts5 (
    title, body, content='notes', content_rowid='id', prefix='2 3',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER notes_au AFTER UPDATE OF title, body ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TABLE action_items (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    note_id INTEGER REFERENCES notes (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT 'mentor' CHECK (owner IN ('mentor', 'mentee')),
    due_date TEXT,
    done_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX action_items_open ON action_items (done_at, due_date);
CREATE INDEX action_items_mentee ON action_items (mentee_id);

CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('to_mentee', 'from_mentee')),
    body TEXT NOT NULL,
    given_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX feedback_mentee ON feedback (mentee_id, given_on);

CREATE TABLE wins (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER NOT NULL REFERENCES mentees (id) ON DELETE CASCADE,
    goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX wins_mentee ON wins (mentee_id, happened_on);
CREATE INDEX wins_date ON wins (happened_on);

CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    mentee_id INTEGER REFERENCES mentees (id) ON DELETE CASCADE,
    goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'article'
        CHECK (kind IN ('article', 'video', 'podcast', 'course', 'book', 'other')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX resources_mentee ON resources (mentee_id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def execute_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the migration's transaction; run statement by statement.
    statement = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement[:80]}")


def m001_initial(conn: sqlite3.Connection) -> None:
    execute_script(conn, _INITIAL)


# The latest held occurrence per mentee, kept by triggers: check-ins for every
# mentee are read on each Today refresh, and aggregating all held occurrences
# took ~200 ms at 50,000 meetings. Each trigger recomputes one mentee's value
# from the truth (meeting_occurrences), so no write path can leave it stale.
_LAST_CONTACT = (
    "UPDATE mentees SET last_contact_utc = (SELECT max(o.original_start_utc)"
    " FROM meetings m CROSS JOIN meeting_occurrences o WHERE m.mentee_id = mentees.id"
    " AND o.meeting_id = m.id AND +o.status = 'held')"
)


def _contact_trigger(name: str, event: str, mentee_ids: list[str]) -> str:
    updates = "".join(f"    {_LAST_CONTACT} WHERE id = {ref};\n" for ref in mentee_ids)
    return f"CREATE TRIGGER {name} AFTER {event} BEGIN\n{updates}END;\n"


def _occurrence_mentee(row: str) -> str:
    return f"(SELECT mentee_id FROM meetings WHERE id = {row}.meeting_id)"


_SPEED_UPS = (
    "ALTER TABLE mentees ADD COLUMN last_contact_utc TEXT;\n"
    f"{_LAST_CONTACT};\n"
    + _contact_trigger(
        "occurrences_contact_ai", "INSERT ON meeting_occurrences", [_occurrence_mentee("new")]
    )
    + _contact_trigger(
        "occurrences_contact_au",
        "UPDATE ON meeting_occurrences",
        [_occurrence_mentee("old"), _occurrence_mentee("new")],
    )
    + _contact_trigger(
        "occurrences_contact_ad", "DELETE ON meeting_occurrences", [_occurrence_mentee("old")]
    )
    + _contact_trigger(
        "meetings_contact_au", "UPDATE OF mentee_id ON meetings", ["old.mentee_id", "new.mentee_id"]
    )
    + _contact_trigger("meetings_contact_ad", "DELETE ON meetings", ["old.mentee_id"])
    + """
-- Recent notes (Today) and the Notes page's sort by title read these in order.
CREATE INDEX notes_updated ON notes (updated_at, id);
CREATE INDEX notes_title ON notes (title COLLATE NOCASE, id);
CREATE INDEX mentees_due ON mentees (status, last_contact_utc);
"""
)


def m002_last_contact_and_list_indexes(conn: sqlite3.Connection) -> None:
    execute_script(conn, _SPEED_UPS)


# Every occurrence start of every meeting up to a horizon, derived like start_utc,
# so a window of meetings is one indexed range query instead of expanding every
# series (~200 ms at 50,000 meetings). instances_until says where a meeting's rows
# stop (NULL: all listed); new_start_utc places moved occurrences in a window.
_MEETING_INSTANCES = """
ALTER TABLE meetings ADD COLUMN instances_until TEXT;
CREATE INDEX meetings_instances_until ON meetings (instances_until)
    WHERE instances_until IS NOT NULL;
CREATE TABLE meeting_instances (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    original_start_local TEXT NOT NULL,
    start_utc TEXT NOT NULL,
    PRIMARY KEY (meeting_id, original_start_local)
) WITHOUT ROWID;
CREATE INDEX meeting_instances_start ON meeting_instances (start_utc);
ALTER TABLE meeting_occurrences ADD COLUMN new_start_utc TEXT;
CREATE INDEX occurrences_moved ON meeting_occurrences (new_start_utc)
    WHERE new_start_utc IS NOT NULL;
"""


def m003_meeting_instances(conn: sqlite3.Connection) -> None:
    """The table; its rows are left to the upkeep that keeps them after every open.

    The rows are derived from the meetings, like start_utc. This migration once filled
    them by calling the repository's expansion, so every edit of the repository edited
    a shipped migration. Instead it forgets which zone rules the file's times were
    derived with (the key ``Workspace.refresh_derived_times`` records): the first open
    after it rebuilds every meeting's rows and moved starts with the code of the day,
    as it does whenever the zone rules change.
    """
    execute_script(conn, _MEETING_INSTANCES)
    conn.execute("DELETE FROM settings WHERE key = 'tz_database_version'")


def m004_today_indexes(conn: sqlite3.Connection) -> None:
    """Today reads open items and due check-ins in index order instead of sorting all rows."""
    # Must match NoteRepository.open_actions' ORDER BY exactly for SQLite to use it; it
    # replaces action_items_open, which SQLite preferred and then sorted every open item.
    conn.execute("DROP INDEX action_items_open")
    conn.execute(
        "CREATE INDEX action_items_open_due ON action_items"
        " (coalesce(due_date, '9999-12-31'), created_at, id) WHERE done_at IS NULL"
    )
    # The cadence rule (domain/cadence.py) as a virtual column, so it can be indexed.
    conn.execute(
        "ALTER TABLE mentees ADD COLUMN next_check_in TEXT GENERATED ALWAYS AS"
        " (date(substr(coalesce(last_contact_utc, created_at), 1, 10),"
        " '+' || cadence_days || ' days')) VIRTUAL"
    )
    conn.execute("DROP INDEX mentees_due")
    conn.execute("CREATE INDEX mentees_due ON mentees (status, next_check_in)")


def m005_four_letter_prefix_index(conn: sqlite3.Connection) -> None:
    """Rebuilds the notes index with four-letter prefixes too.

    Search runs as the user types, so the last word is a prefix. A four-letter prefix
    of a word found in every note took ~30 ms at 200,000 notes (FTS5 merged every
    matching term); with it indexed, ~4 ms. The index grows ~14%; the rebuild is one-off.
    The triggers of m001 name the table, so they keep working on the new one.
    """
    conn.execute("DROP TABLE notes_fts")
    conn.execute(
        "CREATE VIRTUAL TABLE notes_fts USING fts5 (title, body, content='notes',"
        " content_rowid='id', prefix='2 3 4', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')")


# Times the mentor is busy elsewhere, imported from .ics files for conflict checks.
# Like meetings: wall-clock start in its zone is the truth, UTC columns are derived
# (last_utc NULL: the series never ends). exdates is a JSON list of wall-clock starts.
_BUSY_TIMES = """
CREATE TABLE busy_times (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    uid TEXT NOT NULL,
    title TEXT NOT NULL,
    start_local TEXT NOT NULL,
    zone TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    rrule TEXT,
    exdates TEXT NOT NULL DEFAULT '[]',
    start_utc TEXT NOT NULL,
    end_utc TEXT NOT NULL,
    last_utc TEXT,
    imported_at TEXT NOT NULL
);
CREATE INDEX busy_times_source ON busy_times (source);
CREATE INDEX busy_times_range ON busy_times (start_utc, last_utc);
"""


def m006_busy_times(conn: sqlite3.Connection) -> None:
    execute_script(conn, _BUSY_TIMES)
