"""What the whole-file operations (encrypt, decrypt, move) need of the open workspace:
its database, and for a move a way to close it and point it at the moved file. The
``Workspace`` has both; the operations never import it."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from mentordesk.store.database import Database


class OpenDatabase(Protocol):
    @property
    def db(self) -> Database: ...

    @property
    def path(self) -> Path: ...


class RebindableDatabase(OpenDatabase, Protocol):
    def close(self) -> None: ...

    def rebind(self, db: Database) -> None: ...
