"""The command line: the same services as the window, scriptable.

Conventions for every subcommand: ``--db PATH`` (else MENTORDESK_DB, else the
default file); a mentee is named by name or id; exit codes 0 ok, 1 failed or
unhealthy, 2 bad input (the domain's message, no traceback), 3 database locked
or unreadable; ``--json`` where the output is data.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mentordesk import __version__
from mentordesk.paths import resolve_db_path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED = 0, 1, 2, 3


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $MENTORDESK_DB, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentordesk",
        description="MentorDesk: mentee dashboards, goals, meetings across time zones and notes"
        " — offline, in one file.",
    )
    parser.add_argument("--version", action="version", version=f"MentorDesk {__version__}")
    _db_option(parser)
    parser.add_argument(
        "--demo", action="store_true", help="open a freshly seeded demo database (not your own)"
    )
    parser.add_argument(
        "--quit-after-start",
        action="store_true",
        help="start the window, wait until Today is painted, print 'ready in N ms' and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check the database's integrity and schema")
    _db_option(check)
    check.add_argument("--json", action="store_true", help="print the result as JSON")

    demo = sub.add_parser("demo-data", help="write a demo database to PATH")
    demo.add_argument("path", metavar="PATH", help="file to create")
    demo.add_argument("--size", choices=("small", "large"), default="small")
    demo.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    return parser


def run(argv: list[str] | None = None, *, started: float | None = None) -> int:
    started = time.perf_counter() if started is None else started
    args = build_parser().parse_args(argv)
    if args.command is None:
        from mentordesk.app import run_gui

        return run_gui(
            db=args.db, demo=args.demo, quit_after_start=args.quit_after_start, started=started
        )
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "check": cmd_check,
        "demo-data": cmd_demo_data,
    }
    return commands[args.command](args)


def _fail(message: str, code: int) -> int:
    print(f"mentordesk: {message}", file=sys.stderr)
    return code


def cmd_check(args: argparse.Namespace) -> int:
    from mentordesk.services import Workspace
    from mentordesk.store.errors import StoreError

    path = resolve_db_path(args.db)
    try:
        # Read-only: a check must work beside a running window and never modify the file.
        workspace = Workspace.open(path, readonly=True)
    except StoreError as exc:
        result = {"ok": False, "path": str(path), "problems": [exc.message]}
        if args.json:
            print(json.dumps(result))
            return exc.exit_code
        return _fail(exc.message, exc.exit_code)
    with workspace:
        problems = workspace.check()
        counts = workspace.counts()
    ok = not problems
    if args.json:
        print(json.dumps({"ok": ok, "path": str(path), "problems": problems, "counts": counts}))
    elif ok:
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        print(f"ok: {path} ({summary})")
    else:
        print(f"{path} is damaged or inconsistent: " + "; ".join(problems))
    return EXIT_OK if ok else EXIT_FAILED


def cmd_demo_data(args: argparse.Namespace) -> int:
    from mentordesk.demo import write_demo_file

    path = Path(args.path).expanduser()
    if path.exists() and path.stat().st_size > 0 and not args.force:
        return _fail(f"{path} already exists — choose a new file or pass --force.", EXIT_BAD_INPUT)
    if not path.parent.is_dir():
        return _fail(f"the folder {path.parent} does not exist — create it first.", EXIT_BAD_INPUT)
    begun = time.perf_counter()
    write_demo_file(
        path,
        size=args.size,
        overwrite=args.force,
        progress=lambda message: print(message, file=sys.stderr),
    )
    print(f"wrote {args.size} demo database to {path} in {time.perf_counter() - begun:.1f} s")
    return EXIT_OK
