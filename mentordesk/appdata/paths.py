"""Where MentorDesk keeps its files (platformdirs), and how the user overrides it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

APP_NAME = "MentorDesk"
DB_ENV = "MENTORDESK_DB"
DB_FILE = "mentordesk.db"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE


def demo_db_path() -> Path:
    """The demo lives apart from the user's real file."""
    return data_dir() / "demo.db"


def default_export_dir() -> Path:
    """Where File ▸ Export All Data… starts: the Documents folder, else home. Never created
    here: it is the user's folder (each export makes its own 0700 folder inside it)."""
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def resolve_db_path(cli_path: str | os.PathLike[str] | None) -> Path:
    """``--db`` wins, then ``MENTORDESK_DB``, then the platform's user data folder."""
    if cli_path:
        return Path(cli_path).expanduser()
    if env := os.environ.get(DB_ENV):
        return Path(env).expanduser()
    return default_db_path()


def ensure_private_dir(path: Path) -> None:
    """Create the folder that holds the database as 0700 when it is ours to create."""
    if not path.exists():
        path.mkdir(parents=True, mode=0o700, exist_ok=True)


def write_private_json(target: Path, data: Any) -> None:
    """Writes ``data`` whole (a crash mid-write keeps the old file): 0600 in a 0700 folder."""
    if not target.parent.exists():
        target.parent.mkdir(parents=True, mode=0o700)
    partial = target.with_name(target.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)
    os.replace(partial, target)
