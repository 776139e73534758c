"""Small JSON records in the user config folder (known databases, storage answers): where
they live, how a database is keyed in them, and reading them forgivingly."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mentordesk.appdata.paths import APP_NAME


def config_file(name: str) -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / name


def path_key(db_path: Path | str) -> str:
    """The key a database file has in a record: its real path, symlinks resolved."""
    return os.path.realpath(Path(db_path).expanduser())


def read_document(record: Path) -> dict[str, Any]:
    """The record's top-level object; empty when missing or not a JSON object."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def section(document: dict[str, Any], name: str) -> dict[str, Any]:
    found = document.get(name)
    return found if isinstance(found, dict) else {}
