"""Moving the open database to another folder (e.g. out of a synced folder).

The workspace is checkpointed and closed, the file moves (with a ``-wal``/``-shm`` that
SQLite left behind), and the same ``Workspace`` object reopens it in its new place: the
window's pages and dialogs hold that object, so they keep working without being rebuilt.
No Qt here.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from mentordesk.paths import default_db_path, ensure_private_dir
from mentordesk.store.database import Database
from mentordesk.store.errors import StoreError

if TYPE_CHECKING:
    from mentordesk.services import Workspace

log = logging.getLogger(__name__)

_SUFFIXES = ("", "-wal", "-shm")


class MoveRefused(Exception):
    """The database was not moved; ``message`` says why, and the workspace is open again."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def default_target() -> Path:
    """Where the app looks when started without ``--db``: the file is found there next time."""
    return default_db_path()


def _companions(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in _SUFFIXES]


def move_database(ws: Workspace, target: Path | str) -> Path:
    """Moves the workspace's file to ``target`` and reopens it there; returns the new path.

    Refuses (MoveRefused, nothing moved) when something is already at ``target``, or when,
    after the checkpoint and close, a non-empty ``-wal`` is left: SQLite deletes it when the
    last connection closes, so another connection (a backup in progress, another program) is
    still writing and moving now would part the database from its log.
    """
    source = ws.path
    destination = Path(target).expanduser().absolute()
    if destination == source.absolute():
        raise MoveRefused(f"{source.name} is already in {source.parent}.")
    taken = [p for p in _companions(destination) if p.exists()]
    if taken:
        raise MoveRefused(
            f"There is already a file at {taken[0]} — nothing was moved. Move or rename that"
            " file first, then try again."
        )
    ensure_private_dir(destination.parent)

    ws.db.checkpoint()
    ws.close()
    wal = Path(f"{source}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        _reopen(ws, source)
        raise MoveRefused(
            f"{source.name} is still in use (a backup may be running) — nothing was moved."
            " Try again in a minute."
        )
    try:
        _transfer(source, destination)
    except OSError as exc:
        _reopen(ws, source)
        raise MoveRefused(
            f"{source.name} could not be moved ({exc.strerror or exc}); it stays in"
            f" {source.parent}."
        ) from None
    try:
        _reopen(ws, destination)
    except StoreError as exc:
        _transfer(destination, source)
        _reopen(ws, source)
        raise MoveRefused(
            f"{source.name} could not be opened in its new place ({exc.message}); it was put"
            " back where it was."
        ) from None
    # Our own lock file, released on close: nothing else belongs beside the old path now.
    Path(f"{source}.lock").unlink(missing_ok=True)
    log.info("database moved: %s -> %s", source, destination)
    return destination


def _reopen(ws: Workspace, path: Path) -> None:
    # Rebinds the same object in place (see the module's docstring).
    type(ws).__init__(ws, Database(path))


def _transfer(source: Path, destination: Path) -> None:
    """Moves the file and its side files: a rename on one filesystem, else copy, sync, rename
    into place and only then delete the originals (a failure leaves the originals whole)."""
    pairs = [
        (src, dst)
        for src, dst in zip(_companions(source), _companions(destination), strict=True)
        if src.exists()
    ]
    if _same_device(source, destination.parent):
        for src, dst in reversed(pairs):  # side files first: the main file moves last
            os.rename(src, dst)
    else:
        partials = [(src, dst, dst.with_name(dst.name + ".partial")) for src, dst in pairs]
        try:
            for src, _, partial in partials:
                _copy_private(src, partial)
        except OSError:
            for _, _, partial in partials:
                partial.unlink(missing_ok=True)
            raise
        for _, dst, partial in reversed(partials):
            os.replace(partial, dst)
        _sync_folder(destination.parent)
        for src, _ in pairs:
            src.unlink()
    for _, dst in pairs:
        if os.name == "posix" and dst.stat().st_mode & 0o077:
            dst.chmod(0o600)


def _same_device(path: Path, folder: Path) -> bool:
    return path.stat().st_dev == folder.stat().st_dev


def _copy_private(src: Path, dst: Path) -> None:
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, src.open("rb") as inp:
        shutil.copyfileobj(inp, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
