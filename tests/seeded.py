"""Small real databases for the file tests: a file with named mentees, their names, and a
-wal as a crash leaves it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from mentordesk.domain.models import Mentee
from mentordesk.services import Workspace


def seeded(path: Path, *names: str) -> Path:
    """``path`` opened (created if new) with a mentee of each name added."""
    with Workspace.open(path) as ws:
        for name in names:
            ws.save_mentee(Mentee(name=name, time_zone="Europe/London"))
    return path


def mentee_names(path: Path) -> set[str]:
    with Workspace.open(path, readonly=True) as ws:
        return {m.name for m in ws.list_mentees()}


def left_wal(source: Path, target: Path, statement: str) -> None:
    """``source``'s -wal as a crash leaves it (committed, not checkpointed) after
    ``statement``, put beside ``target``."""
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(statement)
    shutil.copy(f"{source}-wal", f"{target}-wal")
    conn.close()
