"""Reading a full export back: the file's size and encoding, then every table, row and
value checked against the database's own tables and columns before anything is imported.
No SQL here.

A file is read whole only after its size is checked; a damaged or hostile file gives one
ValidationError naming what is wrong. Writing the export is ``export_format.py``.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from mentordesk.domain.errors import ValidationError
from mentordesk.services.export_format import BLOB_KEY, FORMAT, VERSION
from mentordesk.services.export_values import check_setting, check_text

#: Far above any real practice's export (200,000 notes make ~120 MB); refused before reading.
MAX_FILE_BYTES = 200 * 1024 * 1024
_REQUIRED_KEYS = ("format", "version", "exported_at", "schema", "tables")
_OPTIONAL_KEYS = ("app_version",)
_INT64 = (-(2**63), 2**63 - 1)
_LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class ColumnSpec(Protocol):
    """A column as the database declares it (see ``mentordesk.store.dump.Column``)."""

    @property
    def name(self) -> str: ...
    @property
    def affinity(self) -> str: ...
    @property
    def notnull(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class ExportDocument:
    """A checked export: values ready to insert (BLOBs as bytes)."""

    exported_at: datetime
    schema: tuple[str, ...]
    tables: dict[str, list[dict[str, object]]]
    app_version: str | None = None

    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def _bad(message: str) -> ValidationError:
    return ValidationError("file", message)


def _show(value: object, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Duplicate(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return result


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a value MentorDesk writes")


def read_json(path: Path | str) -> object:
    """The file's JSON, after checking its size and encoding. ValidationError if unusable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _bad(
                f"{path.name} is {size / 1024**2:.0f} MB, larger than any MentorDesk export"
                f" ({MAX_FILE_BYTES // 1024**2} MB at most) — it was not read."
            )
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise _bad(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(data) > MAX_FILE_BYTES:
        raise _bad(f"{path.name} is larger than any MentorDesk export — it was not read.")
    return parse_json(data, path.name)


def parse_json(data: bytes, name: str = "the file") -> object:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _bad(
            f"{name} is not UTF-8 text (byte {exc.start} is not valid) — not a MentorDesk export."
        ) from None
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _bad(
            f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from None
    except _Duplicate as exc:
        raise _bad(f"{name} gives the key {_show(str(exc))} twice in one object.") from None
    except ValueError as exc:
        raise _bad(f"{name} is not a MentorDesk export ({exc}).") from None
    except RecursionError:
        raise _bad(f"{name} is nested too deeply to be a MentorDesk export.") from None
    if _LONE_SURROGATE_ESCAPE.search(text):
        _refuse_lone_surrogates(raw, name)
    return raw


def _refuse_lone_surrogates(raw: object, name: str) -> None:
    """A JSON escape like \\ud800 on its own decodes to text that cannot be stored."""
    stack = [raw]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise _bad(
                    f"{name} holds text with a broken character escape ({_show(item)})."
                ) from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _check_value(value: object, column: ColumnSpec, where: str) -> object:
    """The value to insert, or ValidationError saying what was expected."""
    if value is None:
        if column.notnull:
            raise _bad(f"{where}: a value is required, the file has null.")
        return None
    expected = {
        "INTEGER": "a whole number",
        "REAL": "a number",
        "TEXT": "text",
        "NUMERIC": "a number or text",
        "BLOB": "text, a number or binary data",
    }.get(column.affinity, "a plain value")
    if isinstance(value, bool):
        raise _bad(f"{where}: expected {expected}, found true/false.")
    if isinstance(value, int):
        if column.affinity == "TEXT":
            raise _bad(f"{where}: expected text, found the number {value}.")
        if not _INT64[0] <= value <= _INT64[1]:
            raise _bad(f"{where}: the number {_show(value)} is too large to store.")
        return value
    if isinstance(value, float):
        if column.affinity in ("INTEGER", "TEXT"):
            raise _bad(f"{where}: expected {expected}, found the number {value}.")
        if not math.isfinite(value):
            raise _bad(f"{where}: the number is too large to store.")
        return value
    if isinstance(value, str):
        if column.affinity in ("INTEGER", "REAL"):
            raise _bad(f"{where}: expected {expected}, found text {_show(value)}.")
        return value
    if column.affinity == "BLOB" and isinstance(value, dict) and list(value) == [BLOB_KEY]:
        encoded = value[BLOB_KEY]
        try:
            if not isinstance(encoded, str):
                raise ValueError
            return base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error):
            raise _bad(f"{where}: the binary data is not valid base64.") from None
    raise _bad(f"{where}: expected {expected}, found {_kind(value)}.")


def _check_rows(
    table: str, raw_rows: object, columns: Sequence[ColumnSpec], complete: bool
) -> list[dict[str, object]]:
    if not isinstance(raw_rows, list):
        raise _bad(f"Table '{table}' should be a list of rows; the file has {_kind(raw_rows)}.")
    by_name = {c.name: c for c in columns}
    required = [c.name for c in columns] if complete else []
    rows: list[dict[str, object]] = []
    for number, raw in enumerate(raw_rows, start=1):
        if not isinstance(raw, dict):
            raise _bad(f"Row {number} of '{table}' should be an object; it is {_kind(raw)}.")
        unknown = [key for key in raw if key not in by_name]
        if unknown:
            raise _bad(
                f"Row {number} of '{table}' has a column {_show(unknown[0])} that '{table}'"
                " does not have — the file is damaged, edited, or from a newer MentorDesk."
            )
        missing = [name for name in required if name not in raw]
        if missing:
            raise _bad(f"Row {number} of '{table}' has no '{missing[0]}'.")
        row: dict[str, object] = {}
        for key, value in raw.items():
            where = f"'{table}' row {number}, '{key}'"
            row[key] = checked = _check_value(value, by_name[key], where)
            if isinstance(checked, str):
                check_text(key, checked, where)
        if table == "settings":
            check_setting(row, number)
        rows.append(row)
    return rows


def _check_schema(raw: object, known: Sequence[str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(n, str) for n in raw):
        raise _bad("The file's 'schema' should be the list of MentorDesk changes it was made with.")
    unknown = [name for name in raw if name not in known]
    if unknown:
        raise _bad(
            f"The file was made by a newer MentorDesk (its schema has the change"
            f" {_show(unknown[0])} that this version does not know) — update MentorDesk to"
            " import it."
        )
    if list(raw) != list(known[: len(raw)]):
        raise _bad("The file's 'schema' is not a list of changes MentorDesk made in order.")
    return tuple(raw)


def _check_head(raw: object) -> tuple[datetime, str | None]:
    if not isinstance(raw, dict):
        raise _bad(f"This is not a MentorDesk export: the file holds {_kind(raw)}, not an object.")
    if raw.get("format") != FORMAT:
        raise _bad(
            f"This is not a MentorDesk export (its 'format' is {_show(raw.get('format'))},"
            f" expected {_show(FORMAT)})."
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _bad(f"The export's 'version' should be a whole number; it is {_kind(version)}.")
    if version != VERSION:
        newer = " — update MentorDesk to import it" if version > VERSION else ""
        raise _bad(
            f"The export is in format version {version}; this MentorDesk reads version"
            f" {VERSION}{newer}."
        )
    for key in raw:
        if key not in _REQUIRED_KEYS and key not in _OPTIONAL_KEYS:
            raise _bad(f"The export has an unknown key {_show(key)} at the top level.")
    missing = [key for key in _REQUIRED_KEYS if key not in raw]
    if missing:
        raise _bad(f"The export has no '{missing[0]}'.")
    stamp = raw["exported_at"]
    try:
        if not isinstance(stamp, str):
            raise ValueError
        exported_at = datetime.fromisoformat(stamp)
    except ValueError:
        raise _bad(f"The export's 'exported_at' is not a date and time: {_show(stamp)}.") from None
    app_version = raw.get("app_version")
    if app_version is not None and not isinstance(app_version, str):
        raise _bad(f"The export's 'app_version' should be text; it is {_kind(app_version)}.")
    return exported_at, app_version


def validate(
    raw: object,
    tables: Mapping[str, Sequence[ColumnSpec]],
    known_schema: Sequence[str],
    current_schema: Sequence[str],
) -> ExportDocument:
    """Checks a parsed export against the database's tables and columns.

    A file made with the database's own schema must give every table and every column;
    one made by an older MentorDesk may lack what later changes added (those columns take
    their defaults).
    """
    exported_at, app_version = _check_head(raw)
    assert isinstance(raw, dict)
    schema = _check_schema(raw["schema"], known_schema)
    complete = list(schema) == list(current_schema)
    given = raw["tables"]
    if not isinstance(given, dict):
        raise _bad(f"The export's 'tables' should be an object; it is {_kind(given)}.")
    for name in given:
        if name not in tables:
            raise _bad(
                f"The export has a table {_show(name)} that this database does not have"
                " (or rebuilds by itself) — nothing was imported."
            )
    if complete:
        missing = [name for name in tables if name not in given]
        if missing:
            raise _bad(f"The export has no table '{missing[0]}' — the file is incomplete.")
    rows = {
        name: _check_rows(name, raw_rows, tables[name], complete)
        for name, raw_rows in given.items()
    }
    return ExportDocument(exported_at, schema, rows, app_version)
