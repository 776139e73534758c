"""The folder backups are written into: private, and cleared of what killed backups left."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from mentordesk.store.errors import BadDatabasePath

#: A backup is written under this suffix and renamed once checked.
PARTIAL = ".partial"

#: A .partial copy untouched this long was left by a backup that was killed (a copy being
#: written is written to every few milliseconds).
STALE_PARTIAL_SECONDS = 15 * 60


def remove_stale_partials(folder: Path, stem: str) -> None:
    """Full-size copies a killed backup left behind: nothing else would ever remove them."""
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for pattern in (f"{stem}-*.db{PARTIAL}", f"{stem}-*.db{PARTIAL}-journal"):
        for leftover in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()


def private_folder(folder: Path) -> Path:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # mkdir's mode passes through the umask
    elif not folder.is_dir():
        raise BadDatabasePath(folder, f"{folder} is a file, not a folder for backups.")
    return folder
