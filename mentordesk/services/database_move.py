"""Moving the open database to another folder (e.g. out of a synced folder). No Qt here.

Three steps, so that the slow one can run off the GUI thread:

1. ``plan_move`` (on the workspace's thread): the new path, checked free, writable, roomy
   enough and itself safe; and a mark of the data's state.
2. ``copy_for_move`` (any thread): a copy through SQLite's backup API on a connection of
   its own, checked with ``integrity_check`` and on disk before it takes its name.
3. ``finish_move`` (the workspace's thread): only if nothing was committed since the mark,
   the workspace closes and reopens the copy in its new place, as the same ``Workspace``
   object (the window's pages and dialogs hold it, so they keep working); the record of
   known databases follows the file; only then are the old file, its ``-wal``, ``-shm``
   and lock file removed.

A failure at any step leaves the original where it was, whole and open again, and
removes the copy.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mentordesk.appdata import known_databases, storage_location
from mentordesk.domain.backup_policy import size_text
from mentordesk.services.backups import default_folder, shared_stem_folder
from mentordesk.services.open_file import RebindableDatabase
from mentordesk.store.backup import copy_checked
from mentordesk.store.database import Database
from mentordesk.store.errors import StoreError

log = logging.getLogger(__name__)

_SIDE_FILES = ("-wal", "-shm", ".lock")


class MoveRefused(Exception):
    """The database was not moved; ``message`` says why. The workspace is open, as before."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class MovePlan:
    source: Path
    destination: Path
    #: ``Database.change_mark()`` when the plan was made: the copy is of this state.
    mark: tuple[int, int]


@dataclass(frozen=True, slots=True)
class MoveResult:
    path: Path
    #: Old files that could not be removed (the move itself succeeded).
    left_behind: list[Path] = field(default_factory=list)
    #: The old backups folder, left where it was (backups are closed files: safe to sync).
    old_backups: Path | None = None


def _with_side_files(path: Path) -> list[Path]:
    return [path, *(Path(f"{path}{suffix}") for suffix in _SIDE_FILES)]


def plan_move(ws: RebindableDatabase, folder: Path | str, *, mounts: str | None = None) -> MovePlan:
    """Checks that the workspace's file can move into ``folder`` (created 0700 if needed).

    Raises MoveRefused, with nothing changed, naming what is wrong and what to do.
    ``mounts`` is the mount table's text (``storage_location.risky_location``).
    """
    source = ws.path.absolute()
    folder = Path(folder).expanduser().absolute()
    if ws.db.readonly:
        raise MoveRefused(f"{source.name} is open read-only; it cannot be moved.")
    if folder.exists() and not folder.is_dir():
        raise MoveRefused(f"{folder} is a file, not a folder — choose a folder.")
    if folder.is_dir() and folder.samefile(source.parent):
        raise MoveRefused(f"{source.name} is already in {folder} — choose another folder.")
    destination = folder / source.name
    taken = [p for p in _with_side_files(destination) if p.exists()]
    if taken:
        raise MoveRefused(
            f"There is already a file called {taken[0].name} in {folder} — choose another"
            " folder, or move that file away first."
        )
    risk = storage_location.risky_location(destination, mounts=mounts)
    if risk is not None:
        raise MoveRefused(
            f"{folder} is not safe either: {risk.message} Choose a folder on this computer's"
            " own disk."
        )
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise MoveRefused(f"Could not create {folder}: {exc.strerror or exc}.") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MoveRefused(f"{folder} cannot be written to — choose another folder.")
    needed = sum(p.stat().st_size for p in _with_side_files(source)[:2] if p.exists())
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise MoveRefused(
            f"{folder} has {size_text(free)} free; {source.name} needs {size_text(needed)}."
        )
    return MovePlan(source, destination, ws.db.change_mark())


def copy_for_move(plan: MovePlan) -> Path:
    """Writes the checked copy at ``plan.destination`` (any thread); returns that path."""
    try:
        copy_checked(plan.source, plan.destination)
    except StoreError as exc:
        raise MoveRefused(exc.message) from None
    return plan.destination


def finish_move(ws: RebindableDatabase, plan: MovePlan) -> MoveResult:
    """Switches the workspace to the copy and removes the original (the workspace's
    thread). Refuses, removing the copy, when anything was committed since the plan."""
    source, destination = plan.source, plan.destination
    if ws.path.absolute() != source or ws.db.change_mark() != plan.mark:
        _remove_copy(destination)
        raise MoveRefused(
            f"{source.name} changed while it was being copied — nothing was moved. Try again."
        )
    key = ws.db.key
    ws.close()
    try:
        _reopen(ws, destination, key)
    except StoreError as exc:
        _remove_copy(destination)
        _reopen(ws, source, key)
        raise MoveRefused(
            f"The copy of {source.name} could not be opened ({exc.message}); nothing was"
            f" moved, it stays in {source.parent}."
        ) from None
    # The record says what a damaged or locked file cannot (is it ours, is it encrypted):
    # it must follow the file. A config folder that cannot be written must not undo a move.
    with contextlib.suppress(OSError):
        known = known_databases.move(source, destination)
        if key is not None and known.key_store == "keyring":
            _move_key(source, destination, key)
    with contextlib.suppress(OSError):
        storage_location.forget(source)  # a later file at the old path is asked anew
    left_behind = []
    for old in _with_side_files(source):
        try:
            old.unlink(missing_ok=True)
        except OSError:
            left_behind.append(old)
    backups = default_folder(source)
    if not backups.is_dir():  # no backup since the upgrade: the old stem folder holds them
        backups = shared_stem_folder(source) or backups
    log.info("database moved: %s -> %s", source, destination)
    return MoveResult(destination, left_behind, backups if backups.is_dir() else None)


def move_database(
    ws: RebindableDatabase, folder: Path | str, *, mounts: str | None = None
) -> MoveResult:
    """The three steps in one call, on the workspace's thread (the CLI, tests)."""
    plan = plan_move(ws, folder, mounts=mounts)
    copy_for_move(plan)
    return finish_move(ws, plan)


def _remove_copy(destination: Path) -> None:
    for path in _with_side_files(destination):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _reopen(ws: RebindableDatabase, path: Path, key: bytes | None) -> None:
    # The same object, rebound in place: everything that holds the workspace follows it.
    ws.rebind(Database(path, key=key))


def _move_key(source: Path, destination: Path, key: bytes) -> None:
    """The keyring keeps a key under the file's path: it follows the file. Should the
    keyring refuse, the moved file asks for its recovery key next time, as a lost key."""
    from mentordesk.appdata import keystore

    try:
        keystore.store_key(destination, key)
    except keystore.KeyringUnavailable as exc:
        log.warning("the keyring could not keep the moved file's key: %s", exc.message)
        return
    keystore.delete_key(source)
