"""Plaintext copies of an encrypted database's notes: the ones encryption removes, and the
ones it only names.

Encrypting rewrites the file and its backups, but copies of the notes can lie beside them:
a backup killed mid-copy leaves a full-size ``NAME-….db.partial`` (and its ``-journal``),
a killed conversion leaves ``NAME.converting``. Those are MentorDesk's own half-written
files, which nothing else reads: encrypt deletes them (it holds the writer lock, so no
backup of this file is being written). Everything else that may hold the notes in plain
text — exports, PDFs, a damaged file kept aside, another SQLite copy — belongs to the
mentor: it is listed, never deleted. No Qt, no SQL.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from mentordesk.store.cipher_keys import is_plain_sqlite

_EXPORT_FILE = "mentordesk-export.json"


def _own_leftovers(path: Path) -> list[Path]:
    from mentordesk.services.backups import default_folder
    from mentordesk.store.backup_folder import PARTIAL

    found = [path.with_name(path.name + ".converting")]
    found.append(Path(f"{found[0]}-journal"))
    folder = default_folder(path)
    if folder.is_dir():
        for pattern in (f"*{PARTIAL}", f"*{PARTIAL}-journal", "*.converting*"):
            found.extend(p for p in folder.glob(pattern) if p.is_file())
    return [p for p in found if p.is_file()]


def remove_own_leftovers(path: Path) -> list[Path]:
    """Deletes the half-written copies MentorDesk itself left beside ``path`` and in its
    backups folder; the ones it deleted."""
    removed = []
    for leftover in _own_leftovers(path):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _is_export(candidate: Path) -> bool:
    if candidate.is_dir():
        return (candidate / _EXPORT_FILE).is_file() or candidate.name.endswith(".partial")
    return candidate.suffix.lower() in (".pdf", ".ics") or candidate.name == _EXPORT_FILE


def plain_copies(path: Path) -> list[Path]:
    """Files and folders beside ``path`` or in its backups folder that may hold its notes
    in plain text (exports, PDFs, plain SQLite files, a damaged file kept aside)."""
    from mentordesk.services.backups import default_folder

    found: list[Path] = []
    folders = [path.parent, default_folder(path)]
    own = {path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")}
    for folder in folders:
        if not folder.is_dir():
            continue
        for candidate in sorted(folder.iterdir()):
            if candidate in own or candidate in folders:
                continue
            if _is_export(candidate) or (candidate.is_file() and is_plain_sqlite(candidate)):
                found.append(candidate)
    return found
