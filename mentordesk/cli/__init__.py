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
from typing import TYPE_CHECKING

from mentordesk import __version__
from mentordesk.appdata.paths import resolve_db_path

if TYPE_CHECKING:
    from datetime import date, datetime

    from mentordesk.services import Workspace

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED = 0, 1, 2, 3


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $MENTORDESK_DB, else the user data folder)",
    )


def _store_options(parser: argparse.ArgumentParser) -> None:
    """``--db`` and, for an encrypted file without a usable keyring, ``--passphrase-file``."""
    _db_option(parser)
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="for an encrypted database: a file holding its passphrase or recovery key"
        " (never type a passphrase on the command line)",
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
    _store_options(check)
    check.add_argument("--json", action="store_true", help="print the result as JSON")

    demo = sub.add_parser("demo-data", help="write a demo database to PATH")
    demo.add_argument("path", metavar="PATH", help="file to create")
    demo.add_argument("--size", choices=("small", "large"), default="small")
    demo.add_argument("--force", action="store_true", help="overwrite PATH if it exists")

    overlap = sub.add_parser(
        "overlap", help="when people in different time zones can meet (working hours, daytime)"
    )
    overlap.add_argument(
        "--person",
        action="append",
        required=True,
        metavar="ZONE@HH:MM-HH:MM[@Mon-Fri]",
        help="a person's zone and working hours (every day unless weekdays are given); repeat",
    )
    overlap.add_argument(
        "--date", required=True, metavar="YYYY-MM-DD", help="first day, in the first person's zone"
    )
    overlap.add_argument("--days", type=int, default=1, metavar="N", help="days to cover")
    overlap.add_argument("--slot", type=int, default=15, metavar="MIN", help="15, 30 or 60")
    overlap.add_argument("--json", action="store_true", help="print the windows as JSON")

    occ = sub.add_parser(
        "occurrences", help="list a recurring meeting's times in its zone and others"
    )
    occ.add_argument("--start", required=True, metavar="'YYYY-MM-DD HH:MM'", help="first start")
    occ.add_argument("--zone", required=True, metavar="ZONE", help="zone the meeting is planned in")
    occ.add_argument("--rrule", required=True, metavar="RULE", help="e.g. FREQ=WEEKLY;COUNT=10")
    occ.add_argument(
        "--show", action="append", default=[], metavar="ZONE", help="also show this zone; repeat"
    )
    occ.add_argument(
        "--limit", type=int, default=52, metavar="N", help="most to list when the rule never ends"
    )
    occ.add_argument(
        "--fold",
        type=int,
        choices=(0, 1),
        help="for a start that happens twice (clocks go back): 0 the first, 1 the second",
    )
    occ.add_argument("--json", action="store_true", help="print the occurrences as JSON")

    export = sub.add_parser("export-ics", help="write meetings to an .ics calendar file")
    _store_options(export)
    export.add_argument("--mentee", metavar="NAME_OR_ID", help="only this mentee's meetings")
    export.add_argument("--out", required=True, metavar="FILE", help="the .ics file to write")

    imp = sub.add_parser("import-ics", help="read an .ics file as meetings or busy times")
    _store_options(imp)
    imp.add_argument("file", metavar="FILE", help="the .ics file to read")
    target = imp.add_mutually_exclusive_group(required=True)
    target.add_argument("--mentee", metavar="NAME_OR_ID", help="as this mentee's meetings")
    target.add_argument("--busy", action="store_true", help="as busy times for conflict checks")

    backup = sub.add_parser("backup", help="write a checked backup of the database")
    _store_options(backup)
    backup.add_argument(
        "--to",
        metavar="DIR",
        help="folder for the backup (default: NAME-backups beside the database, thinned)",
    )

    restore = sub.add_parser(
        "restore", help="put a backup's content into the database (backs up the current first)"
    )
    _store_options(restore)
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    _add_full_export_parsers(sub)
    return parser


def _add_full_export_parsers(sub: argparse._SubParsersAction) -> None:
    private = (
        "The export holds EVERYTHING, private notes included (it is your own copy, so that"
        " nothing is locked in): keep it as safe as the database itself."
    )
    export = sub.add_parser(
        "export",
        help="write all data, private notes included, to a folder (JSON, CSV, Markdown notes)",
        description="Writes a full export into DIR (created 0700, files 0600):"
        " mentordesk-export.json (the faithful copy, for `mentordesk import`), csv/TABLE.csv"
        " per table, and notes/MENTEE/DATE-ID-TITLE.md per note. " + private,
    )
    _store_options(export)
    export.add_argument(
        "--out", required=True, metavar="DIR", help="a new (or empty) folder to write into"
    )
    imp = sub.add_parser(
        "import",
        help="restore a full export (mentordesk-export.json) into a new, empty database",
        description="Restores every row of a full export, with its ids, into an EMPTY"
        " database (--db NEW.db creates one); refused, with nothing written, for a database"
        " that holds data or a file that is damaged.",
    )
    _store_options(imp)
    imp.add_argument("file", metavar="FILE.json", help="the export's mentordesk-export.json")

    encrypt = sub.add_parser(
        "encrypt",
        help="encrypt the database and its backups (the key goes to the OS keyring)",
        description="Encrypts the database in place with SQLCipher, after a backup, and"
        " rewrites its backups the same way. The key is kept in the OS keyring; where no"
        " secure keyring exists, give --passphrase-file with a new passphrase (10 characters"
        " or more). Prints the recovery key once: store it somewhere safe.",
    )
    _store_options(encrypt)
    decrypt = sub.add_parser(
        "decrypt",
        help="turn encryption off: the database and its backups become plain SQLite files",
    )
    _store_options(decrypt)


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
        "overlap": cmd_overlap,
        "occurrences": cmd_occurrences,
        "export-ics": cmd_export_ics,
        "import-ics": cmd_import_ics,
        "backup": cmd_backup,
        "restore": cmd_restore,
        "export": cmd_export,
        "import": cmd_import,
        "encrypt": _encryption_command("cmd_encrypt"),
        "decrypt": _encryption_command("cmd_decrypt"),
    }
    return commands[args.command](args)


def _encryption_command(name: str) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        from mentordesk.cli import encryption as cli_encryption

        return int(getattr(cli_encryption, name)(args))

    return command


def _fail(message: str, code: int) -> int:
    print(f"mentordesk: {message}", file=sys.stderr)
    return code


def _open_workspace(args: argparse.Namespace, *, readonly: bool = False) -> Workspace:
    """The command's database, unlocked with the keyring's key or ``--passphrase-file``
    when it is encrypted; raises StoreError (exit 3 when it cannot be unlocked)."""
    from mentordesk.cli.encryption import key_for_command
    from mentordesk.services import Workspace
    from mentordesk.store.errors import KeyRejected

    path = resolve_db_path(args.db)
    secret_file = getattr(args, "passphrase_file", None)
    key = key_for_command(path, secret_file)
    try:
        return Workspace.open(path, readonly=readonly, key=key)
    except KeyRejected:
        if secret_file is None:
            raise
        raise KeyRejected(
            path,
            f"The passphrase or recovery key in {secret_file} does not open {path.name}"
            " — check the file holds it on one line.",
        ) from None


def cmd_check(args: argparse.Namespace) -> int:
    from mentordesk.store.errors import StoreError

    path = resolve_db_path(args.db)
    try:
        # Read-only: a check must work beside a running window and never modify the file.
        workspace = _open_workspace(args, readonly=True)
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
    from mentordesk.demo.files import write_demo_file

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


def _local_text(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _day_mark(moment: datetime, reference: date) -> str:
    shift = (moment.date() - reference).days
    return f" ({shift:+d} day)" if shift else ""


def cmd_overlap(args: argparse.Namespace) -> int:
    from datetime import date as date_type

    from mentordesk.domain.errors import ValidationError
    from mentordesk.planner.overlap import overlap, parse_person
    from mentordesk.planner.zones import utc_iso

    try:
        people = [parse_person(spec) for spec in args.person]
        try:
            first_day = date_type.fromisoformat(args.date.strip())
        except ValueError:
            raise ValidationError(
                "date", f"'{args.date}' is not a date — use YYYY-MM-DD, e.g. 2026-03-09."
            ) from None
        windows = overlap(people, first_day, days=args.days, slot=args.slot)
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT)
    zones = list(dict.fromkeys(p.zone for p in people))
    if args.json:
        rows = [
            {
                "start": utc_iso(w.start),
                "end": utc_iso(w.end),
                "level": w.level,
                "local": {z: _local_text(w.local(z)) for z in zones},
            }
            for w in windows
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not windows:
        print("no window where everyone is awake (07:00-22:00) in that range")
    for w in windows:
        reference = w.local(zones[0]).date()
        parts = [f"{w.level:4}  {w.start:%Y-%m-%d %H:%M}-{w.end:%H:%M} UTC"]
        for z in zones:
            begin, end = w.local(z), w.end.astimezone(w.local(z).tzinfo)
            parts.append(f"{z} {begin:%a %H:%M}-{end:%H:%M}{_day_mark(begin, reference)}")
        print(" | ".join(parts))
    return EXIT_OK


def cmd_occurrences(args: argparse.Namespace) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from mentordesk.domain.errors import ValidationError
    from mentordesk.domain.validation import validate_zone
    from mentordesk.planner.recurrence import MAX_OCCURRENCES, validate_rrule
    from mentordesk.planner.series import check_wall_time, occurrences
    from mentordesk.planner.zones import utc_iso

    try:
        anchor = validate_zone(args.zone, "zone")
        shown = [validate_zone(z, "show") for z in args.show]
        try:
            naive = datetime.fromisoformat(args.start.strip())
        except ValueError:
            raise ValidationError(
                "start", f"'{args.start}' is not a start — use 'YYYY-MM-DD HH:MM'."
            ) from None
        if naive.tzinfo is not None:
            raise ValidationError(
                "start", "Give the start as a wall-clock time without an offset; --zone says where."
            )
        if not 1 <= args.limit <= MAX_OCCURRENCES:
            raise ValidationError("limit", f"--limit {args.limit}? Choose 1 to {MAX_OCCURRENCES}.")
        check = check_wall_time(naive, anchor)
        if check.status == "gap":
            raise ValidationError("start", check.message)
        if check.status == "fold" and args.fold is None:
            raise ValidationError(
                "start",
                check.message.removesuffix(" — say which one.")
                + " — pass --fold 0 for the first or --fold 1 for the second.",
            )
        start = naive.replace(tzinfo=ZoneInfo(anchor), fold=args.fold or 0)
        rule = validate_rrule(args.rrule, start)
        found = occurrences(start, rule, shown, limit=args.limit)
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT)
    if args.json:
        rows = [
            {
                "utc": utc_iso(o.utc),
                "local": {z: _local_text(t) for z, t in o.local.items()},
                "moved_for": list(o.moved_for),
                "note": o.note or None,
            }
            for o in found
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for o in found:
        reference = o.local[anchor].date()
        parts = [f"{o.utc:%Y-%m-%d %H:%M} UTC"]
        parts += [f"{z} {t:%a %Y-%m-%d %H:%M}{_day_mark(t, reference)}" for z, t in o.local.items()]
        line = " | ".join(parts)
        if o.moved_for:
            line += "  [moved for " + ", ".join(o.moved_for) + "]"
        if o.note:
            line += f"  ({o.note})"
        print(line)
    upper = rule.upper()
    if rule and "COUNT=" not in upper and "UNTIL=" not in upper and len(found) >= args.limit:
        print(
            f"(the first {len(found)}; the rule never ends — --limit N for more)", file=sys.stderr
        )
    return EXIT_OK


def cmd_export_ics(args: argparse.Namespace) -> int:
    from mentordesk.domain.errors import ValidationError
    from mentordesk.store.errors import StoreError

    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        return _fail(f"the folder {out.parent} does not exist — create it first.", EXIT_BAD_INPUT)
    try:
        with _open_workspace(args) as workspace:
            mentee_id = workspace.find_mentee(args.mentee).id if args.mentee else None
            count = workspace.export_ics(mentee_id, out)
    except StoreError as exc:
        return _fail(exc.message, exc.exit_code)
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT)
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_FAILED)
    print(f"wrote {count} meeting{'s' if count != 1 else ''} to {out}")
    return EXIT_OK


def cmd_import_ics(args: argparse.Namespace) -> int:
    from mentordesk.domain.errors import ValidationError
    from mentordesk.store.errors import StoreError

    path = Path(args.file).expanduser()
    if not path.is_file():
        return _fail(f"{path} does not exist or is not a file.", EXIT_BAD_INPUT)
    try:
        with _open_workspace(args) as workspace:
            mentee = workspace.find_mentee(args.mentee) if args.mentee else None
            report = workspace.import_ics(path, None if mentee is None else mentee.id, args.busy)
    except StoreError as exc:
        return _fail(exc.message, exc.exit_code)
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT)
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


def cmd_backup(args: argparse.Namespace) -> int:
    from mentordesk.domain.backup_policy import size_text
    from mentordesk.store.errors import StoreError

    path = resolve_db_path(args.db)
    if not path.is_file():
        return _fail(f"{path} does not exist — nothing to back up.", EXIT_BAD_INPUT)
    try:
        # Opening takes the writer lock: refused (exit 3) while the window has the file.
        with _open_workspace(args) as workspace:
            written = workspace.backup_now(args.to)
            thinned = None if args.to else workspace.thin_backups()
    except StoreError as exc:
        return _fail(exc.message, exc.exit_code)
    print(f"backed up {path} to {written} ({size_text(written.stat().st_size)}, checked)")
    if thinned and thinned.drop:
        print(f"removed {len(thinned.drop)} older backup(s) the keeping rules no longer keep")
    if thinned and thinned.dropped_for_size:
        print(
            f"{len(thinned.dropped_for_size)} of them only to stay under the size cap"
            f" — the oldest kept is now from {thinned.keep[-1].created_at:%Y-%m-%d}"
        )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from mentordesk.services.recovery import DatabaseNeedsRecovery
    from mentordesk.store.errors import StoreError

    backup = Path(args.file).expanduser()
    if not backup.is_file():
        return _fail(f"{backup} does not exist or is not a file.", EXIT_BAD_INPUT)
    path = resolve_db_path(args.db)
    try:
        with _open_workspace(args) as workspace:
            safety = workspace.restore(backup)
    except DatabaseNeedsRecovery:
        return _recover(args, path, backup)
    except StoreError as exc:
        return _fail(exc.message, exc.exit_code)
    print(f"restored {path} from {backup}")
    print(f"the state before the restore was backed up to {safety}")
    return EXIT_OK


def _recover(args: argparse.Namespace, path: Path, backup: Path) -> int:
    """Restoring over a file too damaged to open: it is set aside untouched first."""
    from mentordesk.services.recovery import recover_from_backup
    from mentordesk.store.errors import StoreError

    try:
        aside = recover_from_backup(path, backup)
        _open_workspace(args).close()
    except StoreError as exc:
        return _fail(exc.message, exc.exit_code)
    print(f"restored {path} from {backup}")
    print(f"the damaged file was kept, untouched, as {aside}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from mentordesk.domain.errors import ValidationError
    from mentordesk.store.errors import StoreError

    out = Path(args.out).expanduser()
    try:
        # Read-only: works beside the open window and never changes the file.
        with _open_workspace(args, readonly=True) as workspace:
            summary = workspace.export_all(out)
    except StoreError as exc:
        return _fail(exc.message, exc.exit_code)
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT)
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_FAILED)
    rows = sum(summary.rows.values())
    print(
        f"exported {rows} rows of {len(summary.rows)} tables and {summary.notes} notes"
        f" to {summary.folder} — it includes private notes: keep it safe"
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from mentordesk.domain.errors import ValidationError
    from mentordesk.store.errors import StoreError

    source = Path(args.file).expanduser()
    if not source.is_file():
        return _fail(f"{source} does not exist or is not a file.", EXIT_BAD_INPUT)
    path = resolve_db_path(args.db)
    try:
        with _open_workspace(args) as workspace:
            summary = workspace.import_all(source)
    except StoreError as exc:
        return _fail(exc.message, exc.exit_code)
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT)
    counts = ", ".join(f"{n} {name}" for name, n in summary.rows.items() if n)
    print(f"imported {source} into {path}: {counts or 'no rows'}")
    return EXIT_OK
