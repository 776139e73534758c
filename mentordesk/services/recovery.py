"""Start-up recovery: telling a damaged MentorDesk file from a locked or a foreign one, and
the ways out (the newest good backup, a fresh database). No Qt; the dialog is
``ui/dialogs/recovery.py`` and the window's flow is in ``app.py``.

A file is MentorDesk's when the record of opened databases (``known_databases``) has it or
its header carries our application_id. Such a file that is empty, cut short, garbage-headed
or reported damaged by SQLite needs recovery: it is set aside untouched as
``NAME.corrupt-<timestamp>`` (with its -wal/-shm) only once the mentor chooses a way out.
A file recorded as encrypted is never "damaged" for being unreadable: it is locked until
its key is given. Any other file that cannot be opened is refused untouched.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from mentordesk.appdata import known_databases
from mentordesk.domain.backup_policy import BackupInfo
from mentordesk.store import recovery as files
from mentordesk.store import wal_guard
from mentordesk.store.cipher_keys import looks_encrypted
from mentordesk.store.errors import (
    BadDatabasePath,
    DatabaseCorrupt,
    DatabaseInUse,
    NewerDatabaseError,
    NotAMentorDeskDatabase,
    StoreError,
)
from mentordesk.store.wal_guard import WalDoesNotFit, kept_pairs


class DatabaseNeedsRecovery(DatabaseCorrupt):
    """A MentorDesk file that cannot be used as it is: offer a backup or a fresh file."""

    def __init__(self, path: Path | str, problem: str) -> None:
        path = Path(path)
        pair = replayed_pair(path, path)
        left = (
            "It was left as is"
            if pair is None
            else f"A -wal found beside it was replayed into it on {_kept_on(pair)} (the file"
            f" and -wal as they were then are kept as {pair.path.name} and"
            f" {pair.path.name}.wal)"
        )
        super().__init__(
            path,
            f"{path.name} is damaged: {problem}. {left} — open MentorDesk to restore the"
            " newest good backup, or run 'mentordesk restore BACKUP'.",
        )
        self.problem = problem


class DatabaseLocked(StoreError):
    """An encrypted file that cannot be read without its key: never treated as damaged."""

    exit_code = 3


def _recorded(path: Path) -> known_databases.KnownDatabase | None:
    try:
        return known_databases.lookup(path)
    except OSError:
        return None


def _locked(path: Path) -> DatabaseLocked:
    return DatabaseLocked(
        path,
        f"{path.name} is encrypted and locked — give its passphrase or recovery key"
        " (--passphrase-file FILE) to open it.",
    )


def refuse_before_open(path: Path) -> None:
    """Raises for a recorded file that opening would mistake for a new one (0 bytes)."""
    try:
        empty = path.is_file() and path.stat().st_size == 0
    except OSError:
        return
    if not empty:
        return
    known = _recorded(path)
    if known is not None and known.encrypted:
        raise _locked(path)
    if known is not None:
        raise DatabaseNeedsRecovery(path, "it is empty (0 bytes), though it held your data")


def classify(path: Path, exc: StoreError) -> StoreError:
    """The error to report for a file that failed to open: locked, needs recovery, or
    ``exc`` itself (in use, newer, a bad path, someone else's file...)."""
    if isinstance(exc, DatabaseInUse | BadDatabasePath | NewerDatabaseError):
        return exc
    if isinstance(exc, DatabaseNeedsRecovery | DatabaseLocked):
        return exc
    if isinstance(exc, WalDoesNotFit):
        return DatabaseNeedsRecovery(path, exc.problem)
    known = _recorded(path)
    if known is not None and known.encrypted:
        return exc if exc.exit_code == 3 else _locked(path)
    if isinstance(exc, NotAMentorDeskDatabase) and looks_encrypted(path):
        # A copy, a restored backup or a file whose record was lost: its first bytes are
        # ciphertext, so it is locked, never "not a MentorDesk database".
        return _locked(path)
    if not isinstance(exc, DatabaseCorrupt | NotAMentorDeskDatabase):
        return exc  # permissions, I/O: not the file's fault
    ours = known is not None or files.carries_application_id(path)
    if not ours:
        return exc
    try:
        problem = files.header_problem(path)
    except StoreError:
        return exc
    if problem is None and isinstance(exc, NotAMentorDeskDatabase):
        return exc  # a healthy SQLite file of another application put in its place
    return DatabaseNeedsRecovery(path, problem or f"SQLite reports: {_detail(exc)}")


def damaged_after_check(path: Path, problems: list[str]) -> DatabaseNeedsRecovery:
    """The start-up ``quick_check`` found problems in a file that opened."""
    return DatabaseNeedsRecovery(path, f"its check found damage ({problems[0]})")


def remember_opened(path: Path) -> None:
    # The record only helps recovery later: a config folder that cannot be written must
    # not stop the mentor from working.
    with contextlib.suppress(OSError):
        known_databases.remember(path)


def quick_check(path: Path) -> list[str]:
    """The start-up check of the open database, on a connection of its own (any thread)."""
    known = _recorded(path)
    try:
        problems = files.quick_check(path)
    except StoreError as exc:
        problems = [exc.message]
    # Unreadable without its key (SQLite says "not a database") is not damage.
    keyless = bool(problems) and "not a database" in problems[0]
    if keyless and ((known is not None and known.encrypted) or looks_encrypted(path)):
        return []
    return problems


def newest_good_backup(path: Path) -> BackupInfo | None:
    """The newest of the file's backups that passes ``integrity_check`` (slow: a worker)."""
    from mentordesk.services.backups import backups_of
    from mentordesk.store.backup import file_problems

    for backup in backups_of(path):
        try:
            if not file_problems(backup.path):
                return backup
        except StoreError:
            continue
    return None


def set_aside(path: Path, now: datetime | None = None) -> Path | None:
    """Moves the damaged file (and -wal/-shm) aside untouched; its new path."""
    if not path.exists():
        return None
    return files.move_aside(path, now)


def recover_from_backup(path: Path, backup: Path) -> Path | None:
    """Sets the damaged file aside, then writes ``backup``'s content as ``path``.
    Returns where the damaged file went. Open the workspace afterwards."""
    return files.replace_from_backup(backup, path)


def replayed_pair(path: Path, current: Path) -> BackupInfo | None:
    """The newest pair kept beside ``path`` when the file now at ``current`` was written
    after it was kept (a -wal was replayed into it then), else None."""
    pairs = kept_pairs(path)
    try:
        if pairs and current.stat().st_mtime > pairs[0].path.stat().st_mtime:
            return pairs[0]
    except OSError:
        pass
    return None


def kept_aside_text(path: Path, aside: Path, *, full: bool = False) -> str:
    """How a damaged file set aside as ``aside`` is named to the mentor (``full``: with its
    folder): "untouched" only when no -wal found beside it was replayed into it since its
    pair was kept."""
    shown = str(aside) if full else aside.name
    pair = replayed_pair(path, aside)
    if pair is None:
        return f"kept, untouched, as {shown}"
    return (
        f"kept as {shown}; a -wal found beside it was replayed into it on {_kept_on(pair)},"
        f" and the file as it was before that is kept as {pair.path.name} (with its -wal as"
        f" {pair.path.name}.wal)"
    )


def _kept_on(pair: BackupInfo) -> str:
    return f"{pair.created_at:%Y-%m-%d %H:%M} UTC"


def wal_waiting(path: Path) -> bool:
    """A -wal with content lies beside the file (a crash's, or not its own)."""
    return wal_guard.wal_waiting(path)


def kept_pairs_note(path: Path) -> str:
    """One sentence naming the newest pair kept before a -wal was replayed, or ''."""
    pairs = kept_pairs(path)
    if not pairs:
        return ""
    kept = pairs[0].path.name
    return (
        f"a -wal found beside it on {pairs[0].created_at:%Y-%m-%d %H:%M} UTC was replayed into"
        f" it; the file and -wal as they were are kept as {kept} and {kept}.wal"
        f" ('mentordesk restore {kept}' puts that state back)"
    )


def _detail(exc: StoreError) -> str:
    message = exc.message
    if "(" in message and ")" in message:
        return message[message.index("(") + 1 : message.rindex(")")]
    return message
