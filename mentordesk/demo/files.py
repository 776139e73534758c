"""Writes a demo database file: the small practice or the large benchmark set.

The data goes into a hidden ``.NAME.partial`` beside the file and is renamed over it only
once complete, so a killed run (the large set takes a minute) never leaves half a database
that ``check`` would call ok; the target's writer lock is held throughout, so a file another
MentorDesk has open is refused, never deleted under it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from mentordesk.appdata import known_databases
from mentordesk.domain.fault_points import reach
from mentordesk.services import Workspace
from mentordesk.store.lock import WriterLock

SIZES = ("small", "large")
_SIDECARS = ("-wal", "-shm", "-journal")


def _occupied(path: Path) -> bool:
    return path.exists() and (not path.is_file() or path.stat().st_size > 0)


def _remove_with_sidecars(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDECARS)):
        candidate.unlink(missing_ok=True)


def write_demo_file(
    path: Path,
    size: str = "small",
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    overwrite: bool = False,
) -> None:
    """Creates a NEW MentorDesk database at ``path`` filled with demo data.

    Refuses (ValueError) when ``path`` already holds something, unless ``overwrite`` is
    set: then it is replaced, with its -wal/-shm, once the new file is complete. Raises
    DatabaseInUse (nothing changed) while another MentorDesk has ``path`` open.
    """
    if size not in SIZES:
        raise ValueError(f"Unknown demo size '{size}' — choose small or large.")
    # A symlink stays a link: the file it points at is the one replaced.
    path = Path(os.path.realpath(Path(path).expanduser()))
    if _occupied(path) and not overwrite:
        raise ValueError(f"{path} already exists — choose a new file or allow overwriting.")
    if path.is_dir():
        raise ValueError(f"{path} is a folder — give a file name for the demo database.")
    lock = WriterLock(path)
    lock.acquire()  # DatabaseInUse while a window or another command has it
    partial = path.with_name(f".{path.name}.partial")
    try:
        _remove_with_sidecars(partial)  # a killed run's
        try:
            _fill(partial, size, now, progress or (lambda _message: None))
            reach("demo-data.written")
            # A -wal left beside the old file would be replayed into the new one.
            for side in _SIDECARS:
                path.with_name(path.name + side).unlink(missing_ok=True)
            os.replace(partial, path)
        except BaseException:
            _remove_with_sidecars(partial)
            raise
        finally:
            partial.with_name(partial.name + ".lock").unlink(missing_ok=True)
        reach("demo-data.renamed")
        with contextlib.suppress(OSError):
            known_databases.forget(partial)
            # A new, plain file: what was known of the one it replaced no longer holds.
            known_databases.remember(
                path, encrypted=False, key_store=None, key_backend=None, salt=None
            )
    finally:
        lock.release()


def _fill(partial: Path, size: str, now: datetime | None, say: Callable[[str], None]) -> None:
    with Workspace.open(partial) as workspace:
        if size == "small":
            from mentordesk.demo.small import seed_demo

            say("writing the demo practice…")
            seed_demo(workspace, now)
        else:
            from mentordesk.demo.large import write_large

            write_large(workspace, now, progress=say)
        workspace.db.checkpoint()
