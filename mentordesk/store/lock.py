"""One writer per database file: an advisory lock on a sidecar ``.lock`` file.

A sidecar keeps us away from the database file's own POSIX locks, which SQLite
owns (closing any other descriptor of that file would drop them).

The sidecar is named after the file's real path (symlinks resolved), so ``--db link.db``
and ``--db real.db`` take the same lock. Hard links give one file several real paths: a
second lock, named after the file's device and inode in a private per-user folder, is
taken as well, so every name of the file shares it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from mentordesk.store.errors import DatabaseInUse


def _flock(fd: int) -> bool:
    """An exclusive lock on ``fd`` without waiting; False when someone else holds it."""
    try:
        if sys.platform == "win32":  # pragma: no cover - not run on CI
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def inode_locks_folder() -> Path | None:
    """The private folder of the per-inode locks (None where there is none to be had)."""
    if sys.platform == "win32":  # pragma: no cover - hard links are rare there
        return None
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"mentordesk-{os.getuid()}-locks"
    with contextlib.suppress(FileExistsError, OSError):
        folder.mkdir(mode=0o700)
    try:
        info = folder.lstat()
    except OSError:
        return None
    # In a shared /tmp, only a real folder of ours, private, is trusted.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder


def _recorded_path(fd: int) -> str:
    """The real path the holder of an inode lock wrote into it ('' when unknown)."""
    try:
        return os.fsdecode(os.pread(fd, 4096, 0))
    except OSError:
        return ""


def _still_names(holder: str, info: os.stat_result) -> bool:
    """Whether the holder's path is still a name of the file ``info`` describes; an unknown
    holder is taken to be (refusing is the safe side)."""
    if not holder:
        return True
    try:
        theirs = os.stat(holder)
    except OSError:
        return False
    return (theirs.st_dev, theirs.st_ino) == (info.st_dev, info.st_ino)


class WriterLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(os.path.realpath(Path(db_path).expanduser()))
        self.path = self.db_path.with_name(self.db_path.name + ".lock")
        self._fd: int | None = None
        self._inode: tuple[int, Path] | None = None

    def _in_use(self) -> DatabaseInUse:
        return DatabaseInUse(
            self.db_path,
            f"{self.db_path.name} is already open in another MentorDesk window"
            " — switch to that window, or close it and try again.",
        )

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _flock(fd):
            os.close(fd)
            raise self._in_use()
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        try:
            self.acquire_inode()
        except BaseException:
            self.release()
            raise

    def acquire_inode(self) -> None:
        """The lock every hard link of the file shares; call again once a new file exists."""
        if self._inode is not None:
            return
        try:
            info = self.db_path.stat()  # stat only: no descriptor of the database file
        except OSError:
            return  # not created yet
        folder = inode_locks_folder()
        if folder is None:
            return
        path = folder / f"{info.st_dev}-{info.st_ino}.lock"
        for _attempt in range(5):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _flock(fd):
                holder = _recorded_path(fd)
                os.close(fd)
                if _still_names(holder, info):
                    raise self._in_use()
                # The holder's file was deleted while it kept it open, and this new file
                # was given its inode number: not another name of the same file.
                return
            try:
                if os.fstat(fd).st_ino == path.stat().st_ino:
                    os.ftruncate(fd, 0)
                    os.write(fd, os.fsencode(self.db_path))
                    self._inode = (fd, path)
                    return
            except FileNotFoundError:
                pass
            os.close(fd)  # a holder removed it as we opened it: lock the new one

    def release(self) -> None:
        if self._inode is not None:
            fd, path = self._inode
            # Removed while still held, so no one can lock a name about to vanish.
            path.unlink(missing_ok=True)
            os.close(fd)
            self._inode = None
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def refuse_if_in_use(db_path: Path) -> None:
    """Raise DatabaseInUse when another MentorDesk holds ``db_path`` (e.g. before replacing it)."""
    if not Path(db_path).parent.is_dir():
        return
    probe = WriterLock(db_path)
    probe.acquire()
    probe.release()
