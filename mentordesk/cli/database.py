"""The database file's commands: ``check``, ``backup``, ``restore`` and ``demo-data``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mentordesk.cli.encryption import open_workspace, unlock_backup
from mentordesk.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    CommandFailed,
    database_path,
    exit_on_error,
    input_file,
    removed_on_failure,
)
from mentordesk.domain.backup_policy import size_text
from mentordesk.services.errors import StoreError
from mentordesk.services.recovery import (
    DatabaseNeedsRecovery,
    kept_aside_text,
    kept_pairs_note,
    recover_from_backup,
)


def cmd_check(args: argparse.Namespace) -> int:
    path = database_path(args.db)
    with exit_on_error():
        try:
            # Read-only: a check must work beside a running window and never modify the file.
            workspace = open_workspace(args, readonly=True)
        except StoreError as exc:
            if not args.json:
                raise
            print(json.dumps({"ok": False, "path": str(path), "problems": [exc.message]}))
            return exc.exit_code
    with workspace, exit_on_error():
        problems = workspace.check()
        # A damaged file may not even count its rows: the problems are the answer then.
        counts = {} if problems else workspace.counts()
    ok = not problems
    notes = _file_notes(workspace.path, problems)
    if args.json:
        print(json.dumps({"ok": ok, "path": str(path), "problems": problems, "counts": counts,
                          "notes": notes}))  # fmt: skip
    elif ok:
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        print(f"ok: {path} ({summary})" + "".join(f"; {note}" for note in notes))
    else:
        print(f"{path} is damaged or inconsistent: " + "; ".join(problems + notes))
    return EXIT_OK if ok else EXIT_FAILED


def _file_notes(path: Path, problems: list[str]) -> list[str]:
    """What the check's one line adds about the files beside the database."""
    from mentordesk.services.recovery import wal_waiting

    notes = [note] if (note := kept_pairs_note(path)) else []
    if wal_waiting(path) and not _held(path):
        # No MentorDesk has it open: a crash left that -wal, or it was copied there.
        notes.append(
            "it was read together with a -wal file left beside it (by a crash, or copied"
            " there: it may not be its own); the next writable open keeps the pair aside"
            " and tries the -wal on a copy first"
        )
    return notes


def _held(path: Path) -> bool:
    """Whether a MentorDesk has the file open (or that cannot be told, e.g. read-only)."""
    from mentordesk.services.errors import refuse_if_in_use

    try:
        refuse_if_in_use(path)
    except (StoreError, OSError):
        return True
    return False


def cmd_demo_data(args: argparse.Namespace) -> int:
    from mentordesk.demo.files import write_demo_file

    path = Path(args.path).expanduser()
    if path.exists() and path.stat().st_size > 0 and not args.force:
        raise CommandFailed(
            f"{path} already exists — choose a new file or pass --force.", EXIT_BAD_INPUT
        )
    if not path.parent.is_dir():
        raise CommandFailed(
            f"the folder {path.parent} does not exist — create it first.", EXIT_BAD_INPUT
        )
    if path.is_dir() or (path.exists() and not path.is_file()):
        raise CommandFailed(
            f"{path} is {'a folder' if path.is_dir() else 'not a regular file'} — give the"
            " name of the file to write, e.g. demo.db.",
            EXIT_BAD_INPUT,
        )
    begun = time.perf_counter()
    # Without --force the path is new (or empty): a failure leaves nothing behind.
    with removed_on_failure(path), exit_on_error(writing=path):
        write_demo_file(
            path,
            size=args.size,
            overwrite=args.force,
            progress=lambda message: print(message, file=sys.stderr),
        )
    print(f"wrote {args.size} demo database to {path} in {time.perf_counter() - begun:.1f} s")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    path = database_path(args.db)
    if not path.is_file():
        raise CommandFailed(f"{path} does not exist — nothing to back up.", EXIT_BAD_INPUT)
    # Opening takes the writer lock: refused (exit 3) while the window has the file.
    with exit_on_error(), open_workspace(args) as workspace:
        written = workspace.backups.backup_now(args.to)
        thinned = None if args.to else workspace.backups.thin()
    print(f"backed up {path} to {written} ({size_text(written.stat().st_size)}, checked)")
    _tell_replayed(workspace.path, workspace.wal_kept)
    if thinned and thinned.drop:
        print(f"removed {len(thinned.drop)} older backup(s) the keeping rules no longer keep")
    if thinned and thinned.dropped_for_size:
        print(
            f"{len(thinned.dropped_for_size)} of them only to stay under the size cap"
            f" — the oldest kept is now from {thinned.keep[-1].created_at:%Y-%m-%d}"
        )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    backup = input_file(args.file)
    path = database_path(args.db, empty_ok=True)
    with removed_on_failure(path), exit_on_error():
        try:
            # An encrypted backup opens with its passphrase or recovery key; restored into
            # a new file, that file is encrypted with the same key (a "new machine").
            key = unlock_backup(args, backup, path)
            with open_workspace(args, empty_ok=True, new_key=key, damaged_ok=True) as workspace:
                safety = workspace.backups.restore(backup)
        except DatabaseNeedsRecovery:
            return _recover(args, path, backup)
    print(f"restored {path} from {backup}")
    print(f"the state before the restore was backed up to {safety}")
    _tell_replayed(workspace.path, workspace.wal_kept)
    return EXIT_OK


def _tell_replayed(path: Path, kept: Path | None) -> None:
    """Opening the file replayed a -wal found beside it: never pass that over in silence."""
    if kept is not None:
        print(f"note: {path.name}: {kept_pairs_note(path)}")


def _recover(args: argparse.Namespace, path: Path, backup: Path) -> int:
    """Restoring over a file too damaged to open: it keeps its bytes under a .corrupt name."""
    aside = recover_from_backup(path, backup)
    open_workspace(args, empty_ok=True, damaged_ok=True).close()
    print(f"restored {path} from {backup}")
    if aside is not None:
        print(f"the damaged file was {kept_aside_text(path, aside, full=True)}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "demo-data": cmd_demo_data,
    "backup": cmd_backup,
    "restore": cmd_restore,
}
