"""Full export and import of everything in the database (``FullExport``).

An export is everything, private notes included — it is for the mentor themself, so that
nothing is locked in: ``mentordesk-export.json`` (the faithful copy, importable),
``csv/TABLE.csv`` and ``notes/MENTEE/DATE-ID-TITLE.md``. It is written into a hidden
folder beside the target and renamed into place once complete, so a failed or cancelled
export leaves nothing half-written; every folder is 0700 and every file 0600.

The SQL is ``mentordesk/store/dump.py``; the format and its checks are
``services/export_format.py`` and ``services/export_reading.py``.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import mentordesk.services.export_format as fmt
import mentordesk.services.export_reading as export_reading
from mentordesk import __version__
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.validation import validate_zone
from mentordesk.planner.zones import from_utc_iso, system_zone, utc_iso
from mentordesk.services.changes import ChangeFeed, Changes
from mentordesk.services.meetings import MeetingService
from mentordesk.services.mentees import MenteeService
from mentordesk.services.mentor import MentorSettings
from mentordesk.services.overview import Overview
from mentordesk.store import dump
from mentordesk.store.database import Database

log = logging.getLogger(__name__)
Progress = Callable[[int, int], object]
#: Holds app facts a freshly opened database already has; an import replaces them.
_REPLACED_ON_IMPORT = ("settings",)
_NOTE_COLUMNS = ("id", "mentee_id", "meeting_id", "title", "body", "shareable")
_NOTE_COLUMNS += ("created_at", "updated_at")
_PROGRESS_EVERY = 500


@dataclass(frozen=True, slots=True)
class ExportSummary:
    folder: Path
    rows: dict[str, int]  # per table
    notes: int  # Markdown files written


@dataclass(frozen=True, slots=True)
class ImportSummary:
    rows: dict[str, int]  # per table


# -- export -----------------------------------------------------------------------------------


def _target(folder: Path | str) -> Path:
    target = Path(folder).expanduser().absolute()
    if target.exists():
        if not target.is_dir():
            raise ValidationError("folder", f"{target} is a file — choose a folder to export to.")
        if any(target.iterdir()):
            raise ValidationError(
                "folder",
                f"{target} is not empty — choose a new folder (an export never mixes with"
                " other files).",
            )
    elif not target.parent.is_dir():
        raise ValidationError(
            "folder", f"The folder {target.parent} does not exist — create it first."
        )
    return target


def _export(
    source: dump.Source, target: Path, now: datetime, progress: Progress | None
) -> ExportSummary:
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", suffix=".partial", dir=target.parent))
    try:
        with dump.snapshot(source):
            tables = dump.data_tables(source)
            counts = dump.row_counts(source, tables)
            tick = _Ticker(progress, sum(counts.values()) + counts.get("notes", 0))
            facts = _write_tables(source, tables, work, now, tick)
            notes = next((t for t in tables if t.name == "notes"), None)
            written = 0 if notes is None else _write_notes(source, notes, work, facts, tick)
        tick.finish()
        _move_into_place(work, target)
    except BaseException as exc:
        shutil.rmtree(work, ignore_errors=True)
        log.info("full export to %s stopped (%s); nothing left behind", target, type(exc).__name__)
        raise
    log.info("full export: %d rows of %d tables, %d notes, to %s",
             sum(counts.values()), len(counts), written, target)  # fmt: skip
    return ExportSummary(target, counts, written)


class _Ticker:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def step(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % _PROGRESS_EVERY == 0:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


@dataclass(slots=True)
class _Facts:
    """What the Markdown files need from other tables, gathered while they are written."""

    mentees: dict[int, str]
    meetings: dict[int, str]
    zone: tzinfo


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, exist_ok=True)
    path.chmod(0o700)  # whatever the umask
    return path


@contextmanager
def _private_file(path: Path) -> Iterator[IO[str]]:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)  # a umask like 0o277 would have left it read-only
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _write_tables(
    source: dump.Source, tables: list[dump.Table], work: Path, now: datetime, tick: _Ticker
) -> _Facts:
    facts = _Facts({}, {}, _zone(system_zone()))
    csv_dir = _private_dir(work / fmt.CSV_FOLDER)
    with _private_file(work / fmt.JSON_NAME) as out:
        document = fmt.DocumentWriter(
            out,
            exported_at=utc_iso(now),
            schema=dump.applied_schema(source),
            app_version=__version__,
        )
        for table in tables:
            document.begin_table(table.name)
            with _private_file(csv_dir / f"{table.name}.csv") as sheet:
                writer = csv.writer(sheet)
                writer.writerow(table.column_names)
                for row in dump.iter_rows(source, table):
                    document.row(row)
                    writer.writerow([fmt.csv_cell(v) for v in row.values()])
                    _gather(facts, table.name, row)
                    tick.step()
        document.close()
    return facts


def _gather(facts: _Facts, table: str, row: dict[str, object]) -> None:
    if table == "mentees":
        facts.mentees[int(str(row["id"]))] = str(row["name"])
    elif table == "meetings":
        facts.meetings[int(str(row["id"]))] = str(row["title"])
    elif table == "settings" and row.get("key") == "time_zone":
        facts.zone = _mentor_zone(row.get("value"))


def _mentor_zone(stored: object) -> tzinfo:
    """The mentor's zone as the settings table holds it (a JSON string), for note dates."""
    try:
        name = json.loads(str(stored))
    except ValueError:
        name = None
    return _zone(name if isinstance(name, str) else system_zone())


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError):
        return UTC


def _note_day(created: object, zone: tzinfo) -> date:
    """The note's day in the mentor's zone: that is the day they remember writing it."""
    try:
        return from_utc_iso(str(created)).astimezone(zone).date()
    except ValueError:
        return date(1970, 1, 1)


def _write_notes(
    source: dump.Source, notes: dump.Table, work: Path, facts: _Facts, tick: _Ticker
) -> int:
    root = _private_dir(work / fmt.NOTES_FOLDER)
    folders = fmt.mentee_folders(facts.mentees)
    made: set[str] = set()
    written = 0
    for row in dump.iter_rows(source, notes, _NOTE_COLUMNS):
        note_id, mentee_id = int(str(row["id"])), int(str(row["mentee_id"]))
        folder = folders.get(mentee_id, f"mentee-{mentee_id}")
        if folder not in made:
            _private_dir(root / folder)
            made.add(folder)
        meeting_id = row["meeting_id"]
        meeting = None if meeting_id is None else facts.meetings.get(int(str(meeting_id)))
        title = str(row["title"])
        name = fmt.note_file_name(_note_day(row["created_at"], facts.zone), note_id, title)
        with _private_file(root / folder / name) as out:
            out.write(
                fmt.note_markdown(
                    note_id=note_id,
                    title=title,
                    mentee=facts.mentees.get(mentee_id, ""),
                    created=str(row["created_at"]),
                    updated=str(row["updated_at"]),
                    shareable=bool(row["shareable"]),
                    meeting=meeting,
                    body=str(row["body"]),
                )
            )
        written += 1
        tick.step()
    return written


def _move_into_place(work: Path, target: Path) -> None:
    if target.exists():
        target.rmdir()  # checked empty; the finished export takes its place
    work.rename(target)
    target.chmod(0o700)


# -- the service ------------------------------------------------------------------------------


class FullExport:
    def __init__(
        self,
        db: Database,
        mentor: MentorSettings,
        mentees: MenteeService,
        meetings: MeetingService,
        overview: Overview,
        feed: ChangeFeed,
    ) -> None:
        self.feed = feed
        self.db = db
        self.mentor = mentor
        self.mentees = mentees
        self.meetings = meetings
        self.overview = overview

    def export_all(
        self,
        folder: Path | str,
        progress: Progress | None = None,
        *,
        now: datetime | None = None,
    ) -> ExportSummary:
        """Writes the full export into ``folder`` (new, or an empty folder); see the module doc.

        It reads through a connection of its own (``dump.reader``), never this workspace's:
        any thread may call it while the workspace stays in use — the window calls it on a
        worker thread. ValidationError when ``folder`` cannot be used; whatever ``progress``
        raises stops the export, leaving nothing behind.
        """
        target = _target(folder)
        moment = now or datetime.now(UTC)
        with dump.reader(self.db.path) as source:
            return _export(source, target, moment, progress)

    def import_all(
        self,
        path: Path | str,
        progress: Progress | None = None,
        *,
        now: datetime | None = None,
    ) -> ImportSummary:
        """Restores a full export into this workspace's database, which must be empty.

        Every row of every table comes back with its id; the search index and the occurrence
        table are rebuilt. One transaction: ValidationError (naming what is wrong) and nothing
        written when the database is not empty or the file is not a sound export.
        """
        try:
            counts = self._import(path, progress, now)
        except ValidationError as exc:
            # Its field, not its message: the message may quote the file's text.
            log.info("full import of %s refused (%s)", Path(path).name, exc.field)
            raise
        log.info("full import: %d rows into %s", sum(counts.values()), self.db.path.name)
        self.feed.report(Changes.everything())
        return ImportSummary(counts)

    def _import(
        self, path: Path | str, progress: Progress | None, now: datetime | None
    ) -> dict[str, int]:
        tables = dump.data_tables(self.db)
        self._refuse_unless_empty(tables)
        raw = export_reading.read_json(path)
        document = export_reading.validate(
            raw,
            {t.name: t.columns for t in tables},
            dump.KNOWN_SCHEMA,
            dump.applied_schema(self.db),
        )
        return dump.restore(
            self.db,
            tables,
            document.tables,
            now=now or datetime.now(UTC),
            replace=_REPLACED_ON_IMPORT,
            progress=progress,
            check=lambda: self._check_readable(),
        )

    def _refuse_unless_empty(self, tables: list[dump.Table]) -> None:
        found = dump.tables_with_rows(self.db, tables, ignore=_REPLACED_ON_IMPORT)
        if self.mentor.has_mentor():
            found.append("settings")
        if found:
            raise ValidationError(
                "database",
                f"{self.db.path.name} already holds data ({', '.join(found)}) — an export is"
                " imported only into a new, empty database (e.g. --db NEW.db); nothing was"
                " changed.",
            )

    def _check_readable(self) -> None:
        """The imported rows read back as the app's pages read them (inside the transaction).

        The file's values were checked column by column (``export_values``); this is the net
        behind those checks, for what a combination of sound values can still break. It runs
        inside the import's transaction, so whatever fails here leaves nothing written.
        """
        now = datetime.now(UTC)
        reading = "the meetings' times"
        try:
            # The file's zone rules may be older than this machine's: recompute what they decide.
            self.meetings.refresh_derived_times()
            reading = "the settings"
            validate_zone(self.mentor.load().time_zone)
            for mentee in self.mentees.list():
                reading = f"mentee {mentee.id} ({mentee.name})"
                try:
                    validate_zone(mentee.time_zone)
                except ValidationError as exc:
                    raise ValidationError(
                        "file", f"Mentee {mentee.id} ({mentee.name}) in the file: {exc.message}"
                    ) from None
                self.overview.mentee_dashboard(mentee.id or 0, now)
            reading = "the meetings"
            self.meetings.listing()
            reading = "the busy times imported from calendars"
            self.meetings.busy_times()
            reading = "the Today page"
            self.overview.today(now)
        except ValidationError as exc:
            raise ValidationError("file", f"{exc.message} — nothing was imported.") from None
        except Exception as exc:  # any row the app cannot read makes the file unusable
            raise ValidationError(
                "file",
                f"The file's data for {reading} cannot be read by MentorDesk ({exc}) — nothing was"
                " imported.",
            ) from None
