"""Small real databases for the file tests: a file with named mentees, and their names."""

from __future__ import annotations

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
