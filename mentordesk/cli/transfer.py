"""The full export and its way back: ``export`` writes everything to a folder, ``import``
restores such an export into a new, empty database."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import (
    EXIT_OK,
    database_path,
    exit_on_error,
    input_file,
    removed_on_failure,
)


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    # Read-only: works beside the open window and never changes the file.
    with exit_on_error(writing=out), open_workspace(args, readonly=True) as workspace:
        summary = workspace.full_export.export_all(out)
    rows = sum(summary.rows.values())
    print(
        f"exported {rows} rows of {len(summary.rows)} tables and {summary.notes} notes"
        f" to {summary.folder} — it includes private notes: keep it safe"
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    source = input_file(args.file)
    path = database_path(args.db, empty_ok=True)
    with (
        removed_on_failure(path),
        exit_on_error(writing=path),
        open_workspace(args, empty_ok=True) as workspace,
    ):
        summary = workspace.full_export.import_all(source)
    counts = ", ".join(f"{n} {name}" for name, n in summary.rows.items() if n)
    print(f"imported {source} into {path}: {counts or 'no rows'}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export": cmd_export,
    "import": cmd_import,
}
