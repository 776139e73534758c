"""Small JSON records in the user config folder (known databases, storage answers): where
they live, how a database is keyed in them, and reading them without ever losing one.

A record is written whole (temp file, fsync, rename, fsync of the folder), so a crash keeps
the old or the new one. A record that cannot be read (cut short, hand-edited, garbage) is
kept aside as ``NAME.damaged-<time>`` and what can be salvaged from it (each database's
entry that still parses) is read instead: the next write rebuilds the record from that,
never from one entry.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mentordesk.appdata.paths import APP_NAME

log = logging.getLogger(__name__)

#: ``"<path>": {`` — where an entry keyed by a database's path starts.
_ENTRY = re.compile(r'"((?:[^"\\]|\\.)+)"\s*:\s*(?=\{)')


def config_file(name: str) -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / name


def path_key(db_path: Path | str) -> str:
    """The key a database file has in a record: its real path, symlinks resolved."""
    return os.path.realpath(Path(db_path).expanduser())


def read_document(record: Path) -> dict[str, Any]:
    """The record's top-level object; empty when missing. A damaged record is kept aside
    and its salvageable entries come back under ``"files"``."""
    try:
        text = record.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):  # unreadable, or not UTF-8
        text = None
    if text is not None:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return data
    _keep_aside(record)
    return {"version": 1, "files": salvage(text or "")}


def salvage(text: str) -> dict[str, Any]:
    """Each ``"<absolute path>": {...}`` entry of a damaged record that still parses."""
    decoder = json.JSONDecoder()
    found: dict[str, Any] = {}
    for match in _ENTRY.finditer(text):
        try:
            key = json.loads(f'"{match.group(1)}"')
            entry, _ = decoder.raw_decode(text, match.end())
        except ValueError:
            continue
        if isinstance(key, str) and key.startswith("/") and isinstance(entry, dict):
            found[key] = entry
    return found


def _keep_aside(record: Path) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = record.with_name(f"{record.name}.damaged-{stamp}")
    with contextlib.suppress(OSError):  # a read-only folder: read the salvage, keep going
        record.rename(aside)
        log.warning("damaged record %s kept aside as %s", record.name, aside.name)


def section(document: dict[str, Any], name: str) -> dict[str, Any]:
    found = document.get(name)
    return found if isinstance(found, dict) else {}
