"""One writer per database file: an advisory lock on a sidecar ``.lock`` file.

A sidecar keeps us away from the database file's own POSIX locks, which SQLite
owns (closing any other descriptor of that file would drop them).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mentordesk.store.errors import DatabaseInUse


class WriterLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":  # pragma: no cover - not run on CI
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise DatabaseInUse(
                self.db_path,
                f"{self.db_path.name} is already open in another MentorDesk window"
                " — switch to that window, or close it and try again.",
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def refuse_if_in_use(db_path: Path) -> None:
    """Raise DatabaseInUse when another MentorDesk holds ``db_path`` (e.g. before replacing it)."""
    if not db_path.parent.is_dir():
        return
    probe = WriterLock(db_path)
    probe.acquire()
    probe.release()
