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
    StoreError,
)
from mentordesk.store.lock import refuse_if_in_use


def database_errors() -> tuple[type[Exception], ...]:
    """SQLite's error classes (SQLCipher's too, once in use), imported only when asked:
    the command line imports this module on the window's start-up path."""
    from mentordesk.store.errors import database_errors as classes

    return classes()


__all__ = [
    "BadDatabasePath",
    "DatabaseCorrupt",
    "DatabaseInUse",
    "DatabaseUnreadable",
    "KeyRejected",
    "NewerDatabaseError",
    "NotAMentorDeskDatabase",
    "StoreError",
    "database_errors",
    "refuse_if_in_use",
]
