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
    """Creates ``path`` and each missing parent as 0700, whatever the umask (``mkdir``'s
    ``parents=True`` would make the parents 0777 under umask 000); existing folders are
    left as they are."""
    missing: list[Path] = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)


def write_private_json(target: Path, data: Any) -> None:
    """Writes ``data`` whole (a crash mid-write keeps the old file): 0600 in a 0700 folder."""
    ensure_private_dir(target.parent)
    write_private_file(target, json.dumps(data, indent=1).encode("utf-8"))


def write_private_file(target: Path, data: bytes) -> None:
    """Writes ``data`` as ``target``, mode 0600 whatever the umask: into a temporary file
    beside it, synced, then renamed over it, so a crash or a full disk leaves the old file
    whole (and no temporary one)."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Makes a rename in ``folder`` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
