"""The command line: the same services as the window, scriptable.

Conventions for every subcommand: ``--db PATH`` (else MENTORDESK_DB, else the
default file); a mentee is named by name or id; exit codes 0 ok, 1 failed or
unhealthy, 2 bad input (the domain's message, no traceback), 3 database locked
or unreadable (``errors.py`` turns an error into its code); ``--json`` where the
output is data.

This module is on the window's start-up path: it parses the arguments and imports a
command's module (``database``, ``planning``, ``calendar``, ``transfer``, ``encryption``)
only when that command runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from mentordesk.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    CommandFailed,
)
from mentordesk.cli.parser import build_parser

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "EXIT_LOCKED", "EXIT_OK", "run"]

Command = Callable[[argparse.Namespace], int]


def run(argv: list[str] | None = None, *, started: float | None = None) -> int:
    started = time.perf_counter() if started is None else started
    args = build_parser().parse_args(argv)
    if args.command is None:
        from mentordesk.app import run_gui

        return run_gui(
            db=args.db, demo=args.demo, quit_after_start=args.quit_after_start, started=started
        )
    try:
        return _command(args.command)(args)
    except CommandFailed as exc:
        print(f"mentordesk: {exc.message}", file=sys.stderr)
        return exc.code


def _command(name: str) -> Command:
    """The function that runs the subcommand ``name``, its module imported only now."""
    commands: dict[str, Command]
    if name in ("check", "demo-data", "backup", "restore"):
        from mentordesk.cli.database import COMMANDS as commands
    elif name in ("overlap", "occurrences"):
        from mentordesk.cli.planning import COMMANDS as commands
    elif name in ("export-ics", "import-ics"):
        from mentordesk.cli.calendar import COMMANDS as commands
    elif name in ("goals", "goal", "milestone"):
        from mentordesk.cli.goals import COMMANDS as commands
    elif name in ("export", "import"):
        from mentordesk.cli.transfer import COMMANDS as commands
    elif name in ("today", "mentees", "mentee", "contact", "meeting"):
        from mentordesk.cli.people import COMMANDS as commands
    elif name in ("feedback", "win", "resource", "action"):
        from mentordesk.cli.records import COMMANDS as commands
    elif name == "brief":
        from mentordesk.cli.brief import COMMANDS as commands
    elif name == "history":
        from mentordesk.cli.history import COMMANDS as commands
    elif name == "export-pdf":
        from mentordesk.cli.summaries import COMMANDS as commands
    else:
        from mentordesk.cli.encryption import COMMANDS as commands
    return commands[name]
