"""Writes a demo database file: the small practice or the large benchmark set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from mentordesk.services import Workspace

SIZES = ("small", "large")
_SIDECARS = ("-wal", "-shm", "-journal")


def _occupied(path: Path) -> bool:
    return path.exists() and (not path.is_file() or path.stat().st_size > 0)


def write_demo_file(
    path: Path,
    size: str = "small",
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    overwrite: bool = False,
) -> None:
    """Creates a NEW MentorDesk database at ``path`` filled with demo data.

    Refuses (ValueError) when ``path`` already holds something, unless
    ``overwrite`` is set: then the file and its -wal/-shm are removed first.
    """
    if size not in SIZES:
        raise ValueError(f"Unknown demo size '{size}' — choose small or large.")
    path = Path(path).expanduser()
    if _occupied(path) and not overwrite:
        raise ValueError(f"{path} already exists — choose a new file or allow overwriting.")
    if path.is_dir():
        raise ValueError(f"{path} is a folder — give a file name for the demo database.")
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDECARS)):
        candidate.unlink(missing_ok=True)
    say = progress or (lambda _message: None)
    with Workspace.open(path) as workspace:
        if size == "small":
            from mentordesk.demo.small import seed_demo

            say("writing the demo practice…")
            seed_demo(workspace, now)
        else:
            from mentordesk.demo.large import write_large

            write_large(workspace, now, progress=say)
        workspace.db.checkpoint()
