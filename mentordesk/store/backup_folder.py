"""The folder backups are written into: one per database file, private, and cleared of what
killed backups left.

Each database has its own folder named after its full file name (``m.db`` ->
``m.db-backups/``) and each backup names its file (``m.db-20261206T101010Z.db``). Earlier
versions used the stem (``m-backups/``, ``m-<stamp>.db``), which ``m.db`` and ``m.sqlite``
in one folder shared: such a folder is taken over by the one database of that stem, and
read alongside (never thinned, never rewritten) while several share it.
"""

from __future__ import annotations

import contextlib
import glob
import time
from pathlib import Path

from mentordesk.store.errors import BadDatabasePath

#: A backup is written under this suffix and renamed once checked.
PARTIAL = ".partial"
FOLDER_SUFFIX = "-backups"

#: A .partial copy untouched this long was left by a backup that was killed (a copy being
#: written is written to every few milliseconds).
STALE_PARTIAL_SECONDS = 15 * 60


def own_folder(db_path: Path) -> Path:
    """The database's own backups folder, named after its full file name."""
    return db_path.with_name(f"{db_path.name}{FOLDER_SUFFIX}")


def stem_folder(db_path: Path) -> Path | None:
    """The folder earlier versions used (named after the stem), when it differs."""
    old = db_path.with_name(f"{db_path.stem}{FOLDER_SUFFIX}")
    return None if old == own_folder(db_path) else old


def take_over_stem_folder(db_path: Path, shares_stem: bool) -> bool:
    """Renames an existing ``STEM-backups/`` to the database's own folder when no other
    database shares its stem (its backups are then this file's); True when it did."""
    old = stem_folder(db_path)
    own = own_folder(db_path)
    if shares_stem or old is None or not old.is_dir() or old.is_symlink() or own.exists():
        return False
    try:
        old.rename(own)
    except OSError:
        return False  # read alongside instead, as when the stem is shared
    return True


def owned_names(folder: Path, db_path: Path) -> tuple[str, ...]:
    """The names whose backups in ``folder`` belong to ``db_path``: its own name, and in its
    own folder also the stem (backups of a folder taken over from an earlier version)."""
    if folder == own_folder(db_path):
        return (db_path.name, db_path.stem)
    return (db_path.stem,) if folder == stem_folder(db_path) else (db_path.name,)


def remove_stale_partials(folder: Path, db_path: Path) -> None:
    """Full-size copies a killed backup of ``db_path`` left behind: nothing else would ever
    remove them."""
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for name in owned_names(folder, db_path):
        base = glob.escape(name)
        for pattern in (f"{base}-*.db{PARTIAL}", f"{base}-*.db{PARTIAL}-journal"):
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
