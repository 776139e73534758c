"""A ``-wal`` found beside a file before its first writable open: kept, then tried on a copy.

SQLite cannot tell a ``-wal`` left by a crash of this database from one of another database
copied or restored beside it (its documentation lists such mispairing among the ways to
corrupt a file), and the first connection that may write folds it into the file. So before
that happens:

1. the file and its ``-wal`` are copied, byte for byte, to ``NAME.kept-<UTC stamp>`` and
   ``NAME.kept-<UTC stamp>.wal`` beside it (0600; thinned by the backups' keeping rules).
   The copy of the ``-wal`` has a name SQLite does not pair with the file: ``mentordesk
   restore NAME.kept-<stamp>`` puts back the file as it was before the replay, and renaming
   ``.wal`` to ``-wal`` gives the pair as it was;
2. the kept file is read with the ``-wal`` replayed (read-only: nothing is folded into it),
   and must pass ``integrity_check`` and still be MentorDesk's (its application_id, its
   migrations). Measured on the 470 MB benchmark database: 3.9 s for the first open after a
   crash (copy 1 s, check 2.8 s; ``quick_check`` would take 0.4 s but passed a foreign -wal
   that left its indexes disagreeing with their tables); a mentor's few-MB file: milliseconds;
3. only then is the file opened; otherwise ``WalDoesNotFit`` is raised and nothing of the
   file or its ``-wal`` has changed.

A ``-wal`` of a running writer is never met here: every MentorDesk writer holds the file's
writer lock, which the caller holds now.
"""

from __future__ import annotations

import contextlib
import filecmp
import glob
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from mentordesk.domain.backup_policy import BackupInfo, keep
from mentordesk.store.connection import (
    APPLICATION_ID,
    _raw_connect,
    applied_migrations,
    inspect_file,
)
from mentordesk.store.errors import DatabaseCorrupt, StoreError, database_errors

_STAMP = "%Y%m%dT%H%M%SZ"
_KEPT = re.compile(r"^(?P<name>.+)\.kept-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<seq>\d+))?$")


class WalDoesNotFit(DatabaseCorrupt):
    """The ``-wal`` beside the file, replayed into a copy, gives a damaged or foreign
    database. The file and the ``-wal`` are as they were; ``kept`` is their copy."""

    def __init__(self, path: Path, problem: str, kept: Path) -> None:
        self.problem = (
            f"the -wal file beside it does not fit it (replayed into a copy, it gives a"
            f" database that {problem}); the file and its -wal are kept as they were, also"
            f" as {kept.name} and {kept.name}.wal — move {path.name}-wal out of the folder"
            " to open the file without it"
        )
        super().__init__(path, f"{path.name} was not opened: {self.problem}.")
        self.kept = kept


def _wal_of(kept: Path) -> Path:
    """Where a kept pair's -wal is: a name SQLite never opens with the kept file."""
    return kept.with_name(f"{kept.name}.wal")


def wal_waiting(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def guard(path: Path, key: bytes | None = None, now: datetime | None = None) -> Path | None:
    """Before the first writable open of ``path`` (the caller holds its writer lock): keeps
    the file and its waiting ``-wal`` aside and reads the kept copy with the ``-wal``
    replayed. Returns the kept pair's main file, None when there was no ``-wal`` to replay.
    Raises ``WalDoesNotFit`` (nothing changed) when what it reads fails."""
    if not wal_waiting(path) or inspect_file(path, encrypted=key is not None):
        return None
    kept = _keep_pair(path, now or datetime.now(UTC))
    problem = _replayed_problem(path, kept, key)
    if problem is not None:
        raise WalDoesNotFit(path, problem, kept)
    thin_kept(path, now or datetime.now(UTC))
    return kept


def _copy(source: Path, target: Path) -> None:
    """``source`` byte for byte as a new 0600 file ``target``, on disk."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _same_pair(path: Path, kept: Path) -> bool:
    try:
        return filecmp.cmp(f"{path}-wal", _wal_of(kept), shallow=False) and filecmp.cmp(
            path, kept, shallow=False
        )
    except OSError:
        return False


def _keep_pair(path: Path, now: datetime) -> Path:
    pairs = kept_pairs(path)
    if pairs and _same_pair(path, pairs[0].path):
        return pairs[0].path  # refused before, unchanged since: kept once is enough
    stamp = now.astimezone(UTC).strftime(_STAMP)
    kept, seq = path.with_name(f"{path.name}.kept-{stamp}"), 2
    while kept.exists() or _wal_of(kept).exists():
        kept, seq = path.with_name(f"{path.name}.kept-{stamp}-{seq}"), seq + 1
    try:
        _copy(path, kept)
        _copy(Path(f"{path}-wal"), _wal_of(kept))
    except OSError as exc:
        for made in (kept, _wal_of(kept)):
            made.unlink(missing_ok=True)
        raise StoreError(
            path,
            f"{path.name} has a -wal file beside it that must be kept before it is replayed,"
            f" and the copy could not be written ({exc.strerror or exc}); nothing was"
            " changed — free some space or make the folder writable.",
        ) from None
    return kept


def _replayed_problem(path: Path, kept: Path, key: bytes | None) -> str | None:
    """What is wrong with the kept file as SQLite reads it with the -wal replayed.

    Read-only: the -wal is put beside the kept file under SQLite's name for the check (a
    hard link, or a copy), and a read-only connection folds nothing into the file, so no
    second copy of a large database is needed.
    """
    wal = Path(f"{kept}-wal")
    conn = None
    try:
        try:
            os.link(_wal_of(kept), wal)
        except OSError:
            _copy(_wal_of(kept), wal)
        conn = _raw_connect(f"file:{quote(str(kept.resolve()))}?mode=ro", key, uri=True)
        # integrity_check, not quick_check: a -wal of another database that shares its
        # page numbers leaves indexes that disagree with their tables, which only the
        # full check sees (measured: quick_check said ok).
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            return f"fails its check ({rows[0].splitlines()[0]})"
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID and not (app_id == 0 and applied_migrations(conn)):
            return f"belongs to another application (application_id {app_id:#x})"
        if not applied_migrations(conn):
            return "is not a MentorDesk database"
        return None
    except database_errors() as exc:
        return f"cannot be read ({exc})"
    except OSError as exc:
        return f"could not be tried ({exc.strerror or exc})"
    finally:
        if conn is not None:
            conn.close()
        _unpair(kept)


def _unpair(kept: Path) -> None:
    """The kept file without SQLite's -wal/-shm beside it (left by a check, or by a restore
    read from it): opened later, it must read as the file was, not with the -wal."""
    for side in (Path(f"{kept}-wal"), Path(f"{kept}-shm")):
        with contextlib.suppress(OSError):
            side.unlink(missing_ok=True)


def kept_pairs(path: Path) -> list[BackupInfo]:
    """The pairs kept beside ``path``, newest first (size: the file and its -wal)."""
    found = []
    for entry in path.parent.glob(f"{glob.escape(path.name)}.kept-*"):
        match = _KEPT.match(entry.name)
        if match is None or match["name"] != path.name:
            continue
        moment = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        with contextlib.suppress(OSError):
            size = entry.stat().st_size + _wal_of(entry).stat().st_size
            found.append((moment, int(match["seq"] or 1), BackupInfo(entry, moment, size)))
    found.sort(key=lambda f: (f[0], f[1]), reverse=True)
    return [f[2] for f in found]


def thin_kept(path: Path, now: datetime) -> None:
    """The backups' keeping rules (in UTC) applied to the kept pairs."""
    pairs = kept_pairs(path)
    for pair in pairs:
        _unpair(pair.path)
    for dropped in keep(pairs[::-1], now, zone=UTC).drop:
        for made in (dropped.path, _wal_of(dropped.path)):
            made.unlink(missing_ok=True)
