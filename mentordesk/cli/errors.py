"""From an error to the command's exit code: the one place that says what a failed command
prints and how it exits.

Exit codes: 0 ok, 1 failed or unhealthy, 2 bad input (the domain's message, no traceback),
3 database locked or unreadable. A ``StoreError`` carries its own ``exit_code``.
"""

from __future__ import annotations

import errno
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mentordesk.appdata.keystore import KeyringUnavailable
from mentordesk.domain.errors import ValidationError
from mentordesk.services.errors import StoreError, database_errors

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED = 0, 1, 2, 3


class CommandFailed(Exception):
    """Ends a command: ``run`` prints ``mentordesk: MESSAGE`` on stderr and exits ``code``."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def input_file(name: str) -> Path:
    """The file a command reads, named on its command line; bad input (2) when it is not one."""
    path = Path(name).expanduser()
    if not path.is_file():
        raise CommandFailed(f"{path} does not exist or is not a file.", EXIT_BAD_INPUT)
    return path


def database_path(name: str | None, *, empty_ok: bool = False) -> Path:
    """The database a command works on (``--db``, else MENTORDESK_DB, else the default),
    checked before anything opens it.

    A symlink stands for its target: the journal, WAL and lock files go beside the real
    file. A folder or a device (``/dev/null``) is bad input (2), refused before SQLite
    makes a ``-journal`` or a ``.lock`` beside it; a path that does not exist yet is for
    the command to judge; an empty file MentorDesk never opened only for ``empty_ok`` (an
    import, a restore).
    """
    from mentordesk.appdata.paths import resolve_db_path

    path = resolve_db_path(name)
    try:
        info = path.stat()
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise CommandFailed(f"Cannot read {path}: {exc.strerror or exc}.", EXIT_FAILED) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise CommandFailed(
            f"{path} is {kind} — give the path of a MentorDesk database file.", EXIT_BAD_INPUT
        )
    if not empty_ok and info.st_size == 0 and not _recorded(path):
        # SQLite would make a new database in it: only an import or a restore may do that.
        raise CommandFailed(
            f"{path} is an empty file, not a MentorDesk database — give the database's path"
            " (nothing was written into it).",
            EXIT_BAD_INPUT,
        )
    return path.resolve() if path.is_symlink() else path


SIDECARS = (".lock", "-journal", "-wal", "-shm")
_ACCESS_PROBLEMS = ("unable to open", "readonly", "read-only", "locked", "permission")


def _recorded(path: Path) -> bool:
    """Whether MentorDesk has opened ``path`` before: then an empty file is a damaged
    database (the recovery flow says so), not a file someone gave by mistake."""
    from mentordesk.appdata import known_databases

    try:
        return known_databases.lookup(path) is not None
    except OSError:
        return False


def refuse_if_damaged(path: Path) -> None:
    """A command that writes into the database first runs SQLite's quick check on it:
    writing into damaged pages spreads the damage, and exit 0 would hide it."""
    from mentordesk.services.recovery import quick_check

    problems = quick_check(path) if path.is_file() else []
    # A file that cannot be opened (read-only folder, locked) is not a damaged one: the
    # command's own open then says what is wrong.
    if problems and not any(word in problems[0] for word in _ACCESS_PROBLEMS):
        raise CommandFailed(
            f"{path} is damaged ({problems[0]}) — nothing was written; restore a backup with"
            " 'mentordesk restore FILE'.",
            EXIT_FAILED,
        )


@contextmanager
def removed_on_failure(path: Path) -> Iterator[None]:
    """A database file this command creates is removed, with its sidecars, when the
    command fails: half a file (a full disk at COMMIT) is no use and would be mistaken
    for a database later."""
    created = not path.exists()
    try:
        yield
    except CommandFailed:
        if created:
            for made in (path, *(Path(f"{path}{end}") for end in SIDECARS)):
                made.unlink(missing_ok=True)
        raise


@contextmanager
def exit_on_error(*, writing: Path | None = None) -> Iterator[None]:
    """Turns the errors a mentor can act on into ``CommandFailed``: a store refusal (its own
    exit code), bad input (2), a keyring that cannot keep a key (1) and, for a command that
    writes ``writing``, a file-system error (1). Anything else is a bug and propagates."""
    try:
        yield
    except StoreError as exc:
        raise CommandFailed(exc.message, exc.exit_code) from None
    except ValidationError as exc:
        raise CommandFailed(exc.message, EXIT_BAD_INPUT) from None
    except KeyringUnavailable as exc:
        raise CommandFailed(exc.message, EXIT_FAILED) from None
    except database_errors() as exc:
        raise CommandFailed(_database_failure(str(exc), writing), EXIT_FAILED) from None
    except OSError as exc:
        _refuse_read_only(exc, writing)
        if exc.errno == errno.ENOSPC:
            raise CommandFailed(_disk_full(writing or Path.cwd()), EXIT_FAILED) from None
        if writing is None:
            raise
        raise CommandFailed(f"cannot write {writing}: {exc.strerror or exc}", EXIT_FAILED) from None


def _refuse_read_only(exc: OSError, writing: Path | None) -> None:
    """The database (or the lock and journal made beside it) cannot be written."""
    if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS) or not exc.filename:
        return
    where = Path(exc.filename)
    if writing is not None and where.resolve() == writing.resolve():
        return  # the command's own output: said as "cannot write" below
    if where.name.endswith(SIDECARS):
        what = f"The folder {where.resolve().parent} is read-only: MentorDesk needs to write"
        what += f" beside the database ({exc.strerror}: {where.name}) — make the folder"
    else:
        what = f"{where} is read-only ({exc.strerror}) — make the file"
    raise CommandFailed(
        f"{what} writable, or copy the file to a writable folder.", EXIT_FAILED
    ) from None


def _database_failure(reason: str, writing: Path | None) -> str:
    """What SQLite's complaint means for the mentor, and what to do about it."""
    if "malformed" in reason or "not a database" in reason:
        return (
            f"The database is damaged ({reason}) — nothing was changed; run 'mentordesk check'"
            " and restore a backup with 'mentordesk restore FILE'."
        )
    if "full" in reason:
        return _disk_full(writing or Path.cwd())
    if "disk I/O" in reason and writing is not None:
        # A write that failed part-way: most often the disk (or a file size limit) is full.
        return _disk_full(writing, f"Writing failed ({reason}); is the disk full?")
    if "readonly" in reason or "read-only" in reason:
        return (
            "The database or its folder is read-only: MentorDesk needs to write beside the"
            " database — make both writable, or copy the file to a writable folder."
        )
    return f"The database could not be used ({reason})."


def _disk_full(where: Path, lead: str = "The disk is full") -> str:
    folder = where if where.is_dir() else where.parent
    try:
        free = f"{shutil.disk_usage(folder).free / 2**20:.0f} MB free on {folder}"
    except OSError:
        free = str(folder)
    return f"{lead} ({free}) — free some space and run the command again."
