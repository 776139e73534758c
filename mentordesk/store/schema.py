"""The schema, one named migration per change. Never edit a migration after it ships.

Migrations are plain functions over a connection so that the names are known
without importing sqlite-utils (start-up only imports it when one is pending);
``migrations.py`` registers them with ``sqlite_utils.migrations.Migrations``.
Schema work is explicit SQL, which also runs on a SQLCipher connection.

The functions live in one module per era (``schema_2026_11.py``: m001-m006,
``schema_2026_12.py``: m007-m012); a new migration goes at the end of the newest
era, or starts the next one, and is appended to ``MIGRATIONS`` here. A migration
never calls code that can change later (repository functions included): what it
computes, it spells out, so its modules import nothing else of the package.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from mentordesk.store.schema_2026_11 import (
    m001_initial,
    m002_last_contact_and_list_indexes,
    m003_meeting_instances,
    m004_today_indexes,
    m005_four_letter_prefix_index,
    m006_busy_times,
)
from mentordesk.store.schema_2026_12 import (
    m007_call_notes,
    m008_editing_in_call,
    m009_goal_roadmap,
    m010_contacts,
    m011_record_forms,
    m012_channels,
)

MIGRATION_SET = "mentordesk"

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("m001_initial", m001_initial),
    ("m002_last_contact_and_list_indexes", m002_last_contact_and_list_indexes),
    ("m003_meeting_instances", m003_meeting_instances),
    ("m004_today_indexes", m004_today_indexes),
    ("m005_four_letter_prefix_index", m005_four_letter_prefix_index),
    ("m006_busy_times", m006_busy_times),
    ("m007_call_notes", m007_call_notes),
    ("m008_editing_in_call", m008_editing_in_call),
    ("m009_goal_roadmap", m009_goal_roadmap),
    ("m010_contacts", m010_contacts),
    ("m011_record_forms", m011_record_forms),
    ("m012_channels", m012_channels),
]

MIGRATION_NAMES: tuple[str, ...] = tuple(name for name, _ in MIGRATIONS)
