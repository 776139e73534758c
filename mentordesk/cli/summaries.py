"""``export-pdf``: progress summaries as PDFs, for one mentee or every active one.

Runs without a display (Qt's offscreen platform). The period defaults to "since start":
from the day the mentee was added to today, in the mentor's zone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from mentordesk.cli.dates import day_option
from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import EXIT_BAD_INPUT, EXIT_OK, CommandFailed, exit_on_error
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Mentee
from mentordesk.reports.paper import Paper, preferred_paper
from mentordesk.services import Workspace
from mentordesk.services.summary import SummaryService
from mentordesk.services.summary_content import SummaryPeriod


def _period(summaries: SummaryService, mentee: Mentee, args: argparse.Namespace) -> SummaryPeriod:
    start, end = day_option(args.date_from, "--from"), day_option(args.date_to, "--to")
    whole = summaries.since_start(mentee)
    start, end = start or min(whole.start, end or whole.end), end or whole.end
    if start > end:
        raise ValidationError("--from", f"--from {start} is after --to {end} — swap them.")
    return SummaryPeriod(start, end)


def _folder(name: str) -> Path:
    folder = Path(name).expanduser()
    if not folder.is_dir():
        raise CommandFailed(f"the folder {folder} does not exist — create it first.",
                            EXIT_BAD_INPUT)  # fmt: skip
    return folder


def _check_targets(args: argparse.Namespace) -> None:
    several = bool(args.all) or len(args.mentee or ()) > 1
    if several and args.out:
        raise CommandFailed("--out names one PDF: give --out-dir DIR for several mentees.",
                            EXIT_BAD_INPUT)  # fmt: skip
    if several and not args.out_dir:
        what = "--all" if args.all else "several --mentee"
        raise CommandFailed(f"{what} needs --out-dir DIR: the folder to write into.",
                            EXIT_BAD_INPUT)  # fmt: skip
    if not several and not (args.out or args.out_dir):
        raise CommandFailed("--mentee needs --out FILE (the PDF to write) or --out-dir DIR.",
                            EXIT_BAD_INPUT)  # fmt: skip


def _mentees(ws: Workspace, args: argparse.Namespace) -> list[Mentee]:
    if args.all:
        return ws.summaries.active_mentees()
    found = [ws.find_mentee(name) for name in args.mentee]
    return list({m.id: m for m in found}.values())  # each named once, in the order given


def _write_packs(ws: Workspace, args: argparse.Namespace, folder: Path, paper: Paper) -> int:
    from mentordesk.reports.handover import write_handover_pack

    for mentee in _mentees(ws, args):
        summary = ws.summaries.build(mentee.id or 0, _period(ws.summaries, mentee, args))
        pack = write_handover_pack(
            summary,
            folder,
            paper,
            lambda path, m=mentee: ws.calendar.export_ics(m.id, path, upcoming_only=True),
        )
        for note in pack.notes:
            print(f"mentordesk: {mentee.name}: {note}", file=sys.stderr)
        print(f"wrote {pack.folder} ({', '.join(p.name for p in pack.files)})")
    return EXIT_OK


def cmd_export_pdf(args: argparse.Namespace) -> int:
    _check_targets(args)
    if args.pack and args.out:
        raise CommandFailed("--pack writes a folder per mentee: give --out-dir DIR, not --out.",
                            EXIT_BAD_INPUT)  # fmt: skip
    from mentordesk.reports.batch import write_batch
    from mentordesk.reports.summary_pdf import write_summary_pdf

    single = args.out is not None
    target = Path(args.out if single else args.out_dir).expanduser()
    folder = _folder(str(target.parent) if single else args.out_dir)
    # Read-only (works beside the open window, never changes the file), except for a pack:
    # its calendar file's event ids are made once and kept in the file.
    with exit_on_error(writing=target), open_workspace(args, readonly=not args.pack) as ws:
        paper = Paper(args.paper or preferred_paper(ws.summaries.paper_preference()))
        if args.pack:
            return _write_packs(ws, args, folder, paper)
        if single:
            mentee = ws.find_mentee(args.mentee[0])
            summary = ws.summaries.build(mentee.id or 0, _period(ws.summaries, mentee, args))
            written, warnings = [target], write_summary_pdf(summary, target, paper)
            left_out = summary.left_out_text
        else:
            rule = lambda s, m: _period(s, m, args)  # noqa: E731
            result = write_batch(ws.summaries, _mentees(ws, args), rule, folder, paper)
            written, warnings = result.written, result.warnings
            left_out = ""
    for warning in warnings:
        print(f"mentordesk: warning: {warning}", file=sys.stderr)
    for path in written:
        print(f"wrote {path}")
    if left_out:
        print(left_out)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"export-pdf": cmd_export_pdf}
