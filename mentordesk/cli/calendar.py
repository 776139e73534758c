"""Calendar files: ``export-ics`` writes meetings to an .ics file, ``import-ics`` reads one as a
mentee's meetings or as busy times."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CommandFailed,
    database_path,
    exit_on_error,
    input_file,
    refuse_if_damaged,
)
from mentordesk.services import Workspace
from mentordesk.services.errors import ReadOnlyLocation


def cmd_export_ics(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise CommandFailed(
            f"the folder {out.parent} does not exist — create it first.", EXIT_BAD_INPUT
        )
    if out.is_dir():
        raise CommandFailed(
            f"{out} is a folder — give a file name, e.g. {out / 'meetings.ics'}.", EXIT_BAD_INPUT
        )
    refuse_if_damaged(database_path(args.db))
    with exit_on_error(writing=out), _workspace_for_export(args) as workspace:
        mentee_id = workspace.find_mentee(args.mentee).id if args.mentee else None
        count = workspace.calendar.export_ics(mentee_id, out)
    print(f"wrote {count} meeting{'s' if count != 1 else ''} to {out}")
    return EXIT_OK


def _workspace_for_export(args: argparse.Namespace) -> Workspace:
    """Read-only once the database has its UID token (beside the window, in a read-only
    folder); the first export writes the token, so it needs the file writable."""
    workspace = open_workspace(args, readonly=True)
    if workspace.calendar.has_uid_prefix():
        return workspace
    workspace.close()
    try:
        return open_workspace(args)
    except ReadOnlyLocation as exc:
        raise ReadOnlyLocation(
            exc.path,
            f"{exc.message} The first export-ics writes the calendar's id into the database"
            " once; later ones only read.",
        ) from None


def cmd_import_ics(args: argparse.Namespace) -> int:
    path = input_file(args.file)
    with exit_on_error(), open_workspace(args) as workspace:
        mentee = workspace.find_mentee(args.mentee) if args.mentee else None
        report = workspace.calendar.import_ics(
            path, None if mentee is None else mentee.id, args.busy
        )
    for line in report.skipped:
        print(line)
    if mentee is not None:
        print(
            f"imported {report.meetings} meeting(s) for {mentee.name}"
            f" ({report.cancelled} cancelled, {report.moved} moved occurrence(s)),"
            f" {len(report.skipped)} line(s) above"
        )
    else:
        print(f"imported {report.busy_times} busy time(s), {len(report.skipped)} line(s) above")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export-ics": cmd_export_ics,
    "import-ics": cmd_import_ics,
}
