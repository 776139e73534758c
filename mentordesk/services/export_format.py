"""The full export's format and its writing: the versioned JSON document, CSV cells, notes
as Markdown files. No SQL here.

The JSON document is the faithful copy (ids, NULLs, every table); CSV and Markdown are for
reading it elsewhere. Reading a file back, and the checks it must pass before anything of
it is imported, is ``export_reading.py``.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import IO

FORMAT = "mentordesk-export"
VERSION = 1
JSON_NAME = "mentordesk-export.json"
CSV_FOLDER = "csv"
NOTES_FOLDER = "notes"
#: How a BLOB value is written in JSON (no table has one today).
BLOB_KEY = "$base64"


# -- writing ---------------------------------------------------------------------------------


def json_value(value: object) -> object:
    if isinstance(value, bytes):
        return {BLOB_KEY: base64.b64encode(value).decode("ascii")}
    return value


def csv_cell(value: object) -> object:
    """NULL is an empty cell (the JSON document keeps the difference from '')."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


class DocumentWriter:
    """Writes the JSON document a row at a time, so a large practice never sits in memory.

    One row per line: the file stays readable and diffs well.
    """

    def __init__(
        self, fh: IO[str], *, exported_at: str, schema: Sequence[str], app_version: str
    ) -> None:
        self._fh = fh
        self._tables = 0
        self._rows = 0
        head = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": exported_at,
            "app_version": app_version,
            "schema": list(schema),
        }
        fh.write("{\n")
        for key, value in head.items():
            fh.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
        fh.write('  "tables": {')

    def begin_table(self, name: str) -> None:
        if self._tables:
            self._end_table()
            self._fh.write(",")
        self._fh.write(f"\n    {json.dumps(name)}: [")
        self._tables += 1
        self._rows = 0

    def row(self, row: Mapping[str, object]) -> None:
        encoded = {k: json_value(v) for k, v in row.items()}
        self._fh.write("," if self._rows else "")
        self._fh.write("\n      " + json.dumps(encoded, ensure_ascii=False, allow_nan=False))
        self._rows += 1

    def _end_table(self) -> None:
        self._fh.write("\n    ]" if self._rows else "]")

    def close(self) -> None:
        if self._tables:
            self._end_table()
        self._fh.write("\n  }\n}\n")


# -- notes as Markdown ------------------------------------------------------------------------


def slug(text: str, fallback: str, max_length: int = 60) -> str:
    """Lower-case words joined by '-', accents dropped, other scripts kept; never a path."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", "-", plain.lower()).strip("-")
    return words[:max_length].rstrip("-") or fallback


def mentee_folders(names: Mapping[int, str]) -> dict[int, str]:
    """A folder name per mentee id; two mentees with the same name get their ids added."""
    slugs = {mentee_id: slug(name, f"mentee-{mentee_id}") for mentee_id, name in names.items()}
    taken: dict[str, int] = {}
    for value in slugs.values():
        taken[value] = taken.get(value, 0) + 1
    return {
        mentee_id: value if taken[value] == 1 else f"{value}-{mentee_id}"
        for mentee_id, value in slugs.items()
    }


def note_file_name(day: date, note_id: int, title: str) -> str:
    return f"{day.isoformat()}-{note_id}-{slug(title, 'untitled')}.md"


def _front_text(value: str | None) -> str:
    # A JSON string is a valid YAML double-quoted scalar: quotes, colons, newlines are safe.
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def note_markdown(
    *,
    note_id: int,
    title: str,
    mentee: str,
    created: str,
    updated: str,
    shareable: bool,
    meeting: str | None,
    body: str,
) -> str:
    front = [
        "---",
        f"id: {note_id}",
        f"title: {_front_text(title)}",
        f"mentee: {_front_text(mentee)}",
        f"created: {_front_text(created)}",
        f"updated: {_front_text(updated)}",
        f"shareable: {'true' if shareable else 'false'}",
        f"meeting: {_front_text(meeting)}",
        "---",
        "",
    ]
    return "\n".join(front) + body + ("" if body.endswith("\n") else "\n")


def describe_counts(counts: Mapping[str, int], names: Iterable[str]) -> str:
    """'8 mentees, 23 notes' for the tables named, in that order."""
    return ", ".join(f"{counts.get(name, 0)} {name.replace('_', ' ')}" for name in names)
