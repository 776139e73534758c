"""The errors a caller of the services may catch, so that the window and the command line
never import the store to name them."""

from __future__ import annotations

from mentordesk.store.errors import (
    BadDatabasePath,
    DatabaseCorrupt,
    DatabaseInUse,
    DatabaseUnreadable,
    KeyRejected,
    NewerDatabaseError,
    NotAMentorDeskDatabase,
    ReadOnlyLocation,
    StoreError,
    database_errors,
)
from mentordesk.store.lock import refuse_if_in_use

__all__ = [
    "BadDatabasePath",
    "DatabaseCorrupt",
    "DatabaseInUse",
    "DatabaseUnreadable",
    "KeyRejected",
    "NewerDatabaseError",
    "NotAMentorDeskDatabase",
    "ReadOnlyLocation",
    "StoreError",
    "database_errors",
    "refuse_if_in_use",
]
