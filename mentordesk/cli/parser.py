"""The command line's shape: every subcommand and its options, and nothing they do.

Kept free of the commands' own imports: ``run`` parses before it knows which command (or
the window) it starts.
"""

from __future__ import annotations

import argparse

from mentordesk import __version__
from mentordesk.cli.options import MENTEE_HELP as _MENTEE_HELP
from mentordesk.cli.options import db_option as _db_option
from mentordesk.cli.options import store_options as _store_options
from mentordesk.cli.parser_people import add_people_parsers, add_record_parsers


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
    demo.add_argument(
        "--size", choices=("small", "large"), default="small", help="default: %(default)s"
    )
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
    overlap.add_argument(
        "--days", type=int, default=1, metavar="N", help="days to cover (default: %(default)s)"
    )
    overlap.add_argument(
        "--slot", type=int, default=15, metavar="MIN", help="15, 30 or 60 (default: %(default)s)"
    )
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
        "--limit",
        type=int,
        default=52,
        metavar="N",
        help="most to list when the rule never ends (default: %(default)s)",
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
    _add_goal_parsers(sub)
    _add_brief_parser(sub)
    _add_history_parser(sub)
    _add_summary_parser(sub)
    add_people_parsers(sub)
    add_record_parsers(sub)
    return parser


def _add_goal_parsers(sub: argparse._SubParsersAction) -> None:
    mentee_help = "a mentee's id, name, or the start of one name (any case, accents optional)"
    goals = sub.add_parser("goals", help="list a mentee's goals and milestones with progress")
    _store_options(goals)
    goals.add_argument("--mentee", required=True, metavar="NAME_OR_ID", help=mentee_help)
    goals.add_argument("--json", action="store_true", help="print the goals as JSON")

    goal = sub.add_parser("goal", help="add a goal for a mentee (prints its id)")
    actions = goal.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a goal (its revisit date defaults to 4 weeks on)")
    _store_options(add)
    add.add_argument("--mentee", required=True, metavar="NAME_OR_ID", help=mentee_help)
    add.add_argument("--title", required=True, help="what the mentee wants to achieve")
    for option in ("--start", "--target", "--revisit"):
        add.add_argument(option, metavar="YYYY-MM-DD")
    listing = actions.add_parser("templates", help="list the roadmap templates")
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    apply = actions.add_parser(
        "from-template", help="add a template's goals and milestones to a mentee's roadmap"
    )
    _store_options(apply)
    apply.add_argument("name", metavar="NAME", help="the template's name or the start of it")
    apply.add_argument("--mentee", required=True, metavar="NAME_OR_ID", help=mentee_help)
    apply.add_argument(
        "--start", metavar="YYYY-MM-DD", help="the day the dates count from (default today)"
    )

    milestone = sub.add_parser("milestone", help="add a milestone to a goal, or complete one")
    steps = milestone.add_subparsers(dest="action", metavar="ACTION", required=True)
    step = steps.add_parser("add", help="add a milestone at the end of a goal (prints its id)")
    _store_options(step)
    step.add_argument("--goal", required=True, type=int, metavar="ID", help="the goal's id")
    step.add_argument("--title", required=True, help="the step")
    step.add_argument("--due", metavar="YYYY-MM-DD")
    done = steps.add_parser("done", help="mark a milestone done (adds a win for the mentee)")
    _store_options(done)
    done.add_argument("id", type=int, metavar="ID", help="the milestone's id")
    done.add_argument("--on", metavar="YYYY-MM-DD", help="the day it was done (default today)")


def _add_history_parser(sub: argparse._SubParsersAction) -> None:
    from mentordesk.domain.history import HistoryFilter  # plain data: cheap to import

    history = sub.add_parser(
        "history",
        help="a mentee's timeline, newest first: meetings held, cancelled or moved, calls,"
        " contacts, notes, feedback, wins, milestones, revisits and resources",
    )
    _store_options(history)
    history.add_argument("mentee", metavar="NAME_OR_ID", help=_MENTEE_HELP)
    history.add_argument("--show", choices=[str(f) for f in HistoryFilter], default="all",
                         help="one kind only (default: all)")  # fmt: skip
    history.add_argument("--limit", type=int, default=40, help="how many entries (default 40)")
    history.add_argument("--json", action="store_true", help="print the entries as JSON")


def _add_brief_parser(sub: argparse._SubParsersAction) -> None:
    brief = sub.add_parser(
        "brief",
        help="the pre-session brief: a mentee's next meeting, open actions both ways, goals,"
        " wins and feedback since the last call, the latest notes",
    )
    _store_options(brief)
    brief.add_argument(
        "--mentee",
        metavar="NAME_OR_ID",
        help="whose brief (id, name or the start of one); default: the next meeting's mentee",
    )
    brief.add_argument("--json", action="store_true", help="print the brief as JSON")


def _add_summary_parser(sub: argparse._SubParsersAction) -> None:
    pdf = sub.add_parser(
        "export-pdf",
        help="write progress summaries (PDF) to hand over: what the mentor shares, never"
        " private notes",
        description="Writes a progress summary PDF for one mentee (--mentee, --out), for several"
        " (--mentee A --mentee B, --out-dir) or for every active mentee (--all, --out-dir) into"
        " a folder. The period defaults to since the mentee was added; the paper to the"
        " system's (LC_PAPER).",
    )
    _store_options(pdf)
    who = pdf.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--mentee",
        action="append",
        metavar="NAME_OR_ID",
        help="a mentee to summarise (repeat it for several, with --out-dir)",
    )
    who.add_argument("--all", action="store_true", help="every active mentee")
    pdf.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="first day")
    pdf.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day (today)")
    pdf.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help="paper size (default: the one last chosen in the window, else the system's)",
    )
    pdf.add_argument("--out", metavar="FILE", help="the PDF to write (with --mentee)")
    pdf.add_argument(
        "--out-dir", metavar="DIR", help="folder for the PDFs (with --all or several --mentee)"
    )
    pdf.add_argument(
        "--pack",
        action="store_true",
        help="a hand-over folder per mentee in --out-dir: the PDF, the next sessions (.ics) and"
        " the resources shared (.md)",
    )


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
    change = sub.add_parser(
        "change-passphrase",
        help="give an encrypted database a new passphrase (and so a new recovery key)",
        description="Rewrites the database and its backups with a key made from the new"
        " passphrase. The old passphrase and recovery key keep opening it until the new"
        " ones are on disk; prints the new recovery key once.",
    )
    _store_options(change)
    change.add_argument(
        "--new-passphrase-file",
        required=True,
        metavar="FILE",
        help="a file holding the new passphrase on one line (10 characters or more)",
    )
    renew = sub.add_parser(
        "new-recovery-key",
        help="give an encrypted database a new key and print its new recovery key",
        description="For a lost or shared recovery key: rewrites the database and its"
        " backups with a new key. With a keyring, the new key goes there; with a"
        " passphrase, --passphrase-file must hold the passphrase itself. The old recovery"
        " key opens the file until the new one is on disk.",
    )
    _store_options(renew)
